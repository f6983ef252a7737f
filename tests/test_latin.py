"""Names in Latin script (toolkit/model/latin.py): the Wikipedia scheme through iuliia, with
the two ё cases iuliia leaves to the caller; the register keeps the transliteration as a
type="translit" xml:lang="ru-Latn" name, written again from the canonical name each time."""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from toolkit.model.latin import latin_name, latin_names, transliterate, with_latin_names
from toolkit.model.registers import LATIN_LANG, Registers, entry_from_element
from toolkit.model.tei import NS, XML_LANG
from toolkit.model.xmlparse import parse_xml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def registers() -> Registers:
    trees = {}
    for kind, name in (("person", "persons.xml"), ("place", "places.xml"), ("org", "orgs.xml")):
        trees[kind], _ = parse_xml((ROOT / "tei" / "registers" / name).read_bytes(), name)
    return Registers(trees)


def entry_el(tree, kind: str, key: str):
    return tree.getroot().xpath(f".//tei:{kind}[@xml:id='{key}']", namespaces=NS)[0]


@pytest.mark.parametrize(
    ("ru", "latin"),
    [
        ("Токаев", "Tokayev"),
        ("Бишкек", "Bishkek"),
        ("Жээнбеков", "Zheenbekov"),
        ("Пётр", "Pyotr"),
        ("Соединённые", "Soyedinyonnye"),
        ("Ёлкин", "Yolkin"),
        ("объём", "obyom"),
        ("ОДКБ", "ODKB"),
        ("ЁЛКА", "YOLKA"),  # iuliia alone: "YoLKA"
        (unicodedata.normalize("NFD", "Соединённые"), "Soyedinyonnye"),  # iuliia alone: "Soyedinënnye"
    ],
)
def test_transliteration(ru, latin):
    assert transliterate(ru) == latin


def test_search_forms_of_the_seed_registers(registers):
    tokayev = registers.get("per:tokayev")
    forms = latin_names(tokayev)
    assert forms[0] == "Kassym-Jomart Tokayev"  # the English name first
    assert "Tokayev, Kasym-Zhomart Kemelevich" in forms and any("Tokayev" in f for f in forms)
    assert "Bishkek" in latin_names(registers.get("pla:bishkek"))
    csto = latin_names(registers.get("org:csto"))
    assert csto[:3] == [
        "Collective Security Treaty Organization",
        "CSTO",  # the register's English abbreviation
        "Organizatsiya Dogovora o kollektivnoy bezopasnosti",
    ]
    assert "ODKB" in csto
    usa = registers.get("pla:usa")
    assert latin_name(usa) == "Soyedinyonnye Shtaty Ameriki"


def test_english_abbreviation_and_latin_variants_stay_out_of_russian_names():
    el = etree.fromstring(
        '<org xmlns="http://www.tei-c.org/ns/1.0" xml:id="csto"><orgName type="canonical">Организация</orgName>'
        '<orgName type="abbr">ОДКБ</orgName><orgName type="abbr" xml:lang="en">CSTO</orgName>'
        '<orgName type="en" xml:lang="en">Collective Security Treaty Organization</orgName>'
        '<orgName type="variant" xml:lang="ru-Latn">Organizacija</orgName></org>'
    )
    entry = entry_from_element(el, "org")
    assert entry.abbreviations == ["ОДКБ"] and entry.variants == []
    assert entry.english == ["Collective Security Treaty Organization", "CSTO"]
    assert "CSTO" in latin_names(entry)


def _without_translit(tree):
    out = copy.deepcopy(tree)
    for el in out.getroot().xpath(".//*[@type='translit']"):
        el.getprevious().tail = el.tail
        el.getparent().remove(el)
    return out


def test_the_checked_in_registers_have_their_transliterations(registers):
    for kind in ("person", "place", "org"):
        assert with_latin_names(registers.trees[kind], kind)[1] == [], kind  # `tei-edition entities translit`


def test_register_gets_its_transliterations_once(registers):
    bare = _without_translit(registers.trees["person"])
    tree, changed = with_latin_names(bare, "person")
    assert "tokayev" in changed
    person = entry_el(tree, "person", "tokayev")
    names = [(n.get("type"), n.get(XML_LANG)) for n in person.iterfind("tei:persName", NS)]
    assert names == [("canonical", None), ("variant", None), ("en", "en"), ("translit", LATIN_LANG)]
    translit = person.find("tei:persName[@type='translit']", NS)
    assert translit.find("tei:surname", NS).text == "Tokayev"  # the canonical name's markup is kept
    assert "".join(translit.itertext()) == "Tokayev, Kasym-Zhomart Kemelevich"
    assert bare.getroot().find(".//tei:persName[@type='translit']", NS) is None  # a copy
    again, changed_again = with_latin_names(tree, "person")
    assert changed_again == [] and etree.tostring(again) == etree.tostring(tree)
    reread = Registers({"person": tree, "place": registers.trees["place"], "org": registers.trees["org"]})
    assert reread.get("per:tokayev").latin == "Tokayev, Kasym-Zhomart Kemelevich"
    assert reread.get("per:tokayev").variants == ["Касым-Жомарт Токаев"]


def test_a_changed_canonical_name_rewrites_the_transliteration(registers):
    tree, _ = with_latin_names(registers.trees["place"], "place")
    entry_el(tree, "place", "bishkek").find("tei:placeName[@type='canonical']", NS).text = "Фрунзе"
    again, changed = with_latin_names(tree, "place")
    assert changed == ["bishkek"]
    translits = entry_el(again, "place", "bishkek").findall("tei:placeName[@type='translit']", NS)
    assert [t.text for t in translits] == ["Frunze"]
