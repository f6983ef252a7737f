"""The C-speed prescreen never calls valid what xmlschema (the authority) rejects, and
accepts the valid corpus (else it would save nothing)."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
from lxml import etree

from toolkit.model.tei import NS, XML_ID, E, t
from toolkit.validate.prescreen import clean
from toolkit.validate.schema import validate_tree

ROOT = Path(__file__).resolve().parent.parent
FILES = (
    sorted((ROOT / "tei").rglob("*.xml"))
    + sorted((ROOT / "tests" / "cases" / "convert").glob("*.xml"))
    + [ROOT / "tests" / "cases" / "editor" / "every-element.xml"]
)


def _verdicts(tree):
    return clean(tree), not validate_tree(tree, "x.xml")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_valid_files_pass_the_screen(path):
    tree = etree.parse(str(path))
    assert _verdicts(tree) == (True, True)


def _mutations(root):
    """Small edits that break the schema in the ways editors do."""
    text = root.find(t("text"))
    body_p = next(iter(text.iter(t("p"))), None) if text is not None else None
    dates = list(root.iter(t("date")))
    clauses = [d for d in root.iter(t("div")) if d.get("type") == "clause"]
    names = list(root.iter(t("persName"), t("placeName"), t("orgName")))
    ids = [e for e in root.iter() if isinstance(e.tag, str) and e.get(XML_ID)]
    out = []
    if body_p is not None:
        out += [
            lambda: body_p.append(E("said", text="x")),
            lambda: body_p.append(etree.Element("{http://www.w3.org/1999/xhtml}b")),
            lambda: body_p.append(E("ref", text="x", target="javascript:alert(1)")),
            lambda: body_p.append(E("ref", text="x", target="//evil.example/")),
            lambda: body_p.append(E("hi", text="x", rend="blink")),
            lambda: body_p.append(E("date", text="x")),
            lambda: body_p.append(E("date", text="x", when="2019-02-30")),
            lambda: body_p.append(E("date", text="x", when="22.05.2019")),
            lambda: body_p.set("foo", "bar"),
        ]
    for d in dates[:2]:
        out.append(lambda d=d: [d.attrib.pop(a, None) for a in ("when", "from", "to", "notBefore", "notAfter")])
    for c in clauses[:2]:
        out += [
            lambda c=c: c.attrib.pop("n"),
            lambda c=c: c.attrib.pop("subtype"),
            lambda c=c: c.set("type", "chapter"),
        ]
    for n in names[:2]:
        out += [
            lambda n=n: n.set("ref", "per:x" if n.tag != t("persName") else "pla:x"),
            lambda n=n: n.set("ref", "Tokayev"),
        ]
    if len(ids) > 1:
        out.append(lambda: ids[1].set(XML_ID, ids[0].get(XML_ID)))
        out.append(lambda: ids[0].set(XML_ID, "1bad"))
    for entry in list(root.iter(t("person"), t("place"), t("org")))[:2]:
        canon = [c for c in entry if c.get("type") == "canonical"]
        out += [
            lambda c=canon[0]: c.getparent().remove(c),
            lambda c=canon[0]: c.set("type", "other"),
            lambda e=entry: e.append(E("idno", text="Q0x", type="wikidata")),
        ]
    item = next((i for i in root.iter(t("item")) if i.get("n") and i.get(XML_ID)), None)
    if item is not None:
        out += [lambda: item.attrib.pop("n"), lambda: item.attrib.pop(XML_ID)]
    header = root.find(t("teiHeader"))
    if header is not None:
        out += [lambda: header.remove(header[0]), lambda: header.append(E("fileDesc"))]
    return out + _editor_mutations(root)


def _editor_mutations(root):
    """The constraints on what an editor writes (issue 13): closed lists, local images,
    gloss lists, currency codes, gap's quantity and unit, witnesses, the order of a div."""
    first = {name: next(root.iter(t(name)), None) for name in ("graphic", "measure", "gap", "rdg", "witness", "note")}
    lists = {el.get("type"): el for el in root.iter(t("list"))}
    out = []
    if first["graphic"] is not None:
        g = first["graphic"]
        out += [
            lambda v=v: g.set("url", v)
            for v in ("https://x.example/a.png", "../a.png", "/a.png", "a.exe", "images/a b.png")
        ]
    if first["measure"] is not None:
        out.append(lambda: first["measure"].attrib.update({"type": "currency", "unit": "km"}))
    if first["gap"] is not None:
        out += [lambda: first["gap"].attrib.pop("unit"), lambda: first["gap"].set("reason", "lost")]
    if first["rdg"] is not None:
        out += [lambda: first["rdg"].attrib.pop("wit"), lambda: first["rdg"].set("wit", "wit-press")]
    if first["witness"] is not None:
        out.append(lambda: first["witness"].attrib.pop(XML_ID))
    if first["note"] is not None:
        out += [lambda: first["note"].set("place", "foot"), lambda: first["note"].set("target", "x.xml#a")]
    if "gloss" in lists:
        out.append(lambda: lists["gloss"].remove(next(lists["gloss"].iter(t("label")))))
    if "ordered" in lists:
        out += [lambda: lists["ordered"].set("rend", "numbered"), lambda: lists["ordered"].set("type", "simple")]
    div = next((d for d in root.iter(t("div")) if d.find(t("closer")) is not None), None)
    if div is not None:
        out.append(lambda: div.append(E("p", text="после подписей")))
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_screen_never_accepts_what_xmlschema_rejects(path):
    base = etree.parse(str(path))
    count = len(_mutations(base.getroot()))
    for i in range(count):
        tree = copy.deepcopy(base)
        _mutations(tree.getroot())[i]()
        screened, valid = _verdicts(tree)
        assert not (screened and not valid), f"mutation {i} of {path.name}: screen says clean, xmlschema says invalid"


@pytest.mark.slow  # worker processes / subprocesses / many random cases
def test_random_damage_agrees():
    """Random deletions of attributes and elements across the corpus: soundness holds."""
    rng = random.Random(7)
    for path in FILES[:8]:
        base = etree.parse(str(path))
        for _ in range(25):
            tree = copy.deepcopy(base)
            elements = [e for e in tree.getroot().iter() if isinstance(e.tag, str)]
            victim = rng.choice(elements[1:])
            if victim.attrib and rng.random() < 0.5:
                del victim.attrib[rng.choice(list(victim.attrib))]
            else:
                victim.getparent().remove(victim)
            screened, valid = _verdicts(tree)
            assert not (screened and not valid), etree.tostring(victim)[:200]


def _assertions():
    from toolkit.validate.schema import XSD
    from toolkit.validate.xsd import assertions

    return assertions(etree.parse(str(XSD)).getroot())


def test_the_screen_checks_every_assertion_of_the_schema():
    """The assertions are read from the XSD, each xs:assert once, each with its message; the
    screen checks every element they are about."""
    from toolkit.validate.prescreen import _compiled
    from toolkit.validate.schema import XSD

    written = [
        " ".join(a.get("test").split())
        for a in etree.parse(str(XSD)).getroot().iter("{http://www.w3.org/2001/XMLSchema}assert")
    ]
    read = _assertions()
    assert [a.test for a in read] == written and all(a.message and a.names for a in read)
    assert set(_compiled()[1]) == {t(name) for a in read for name in a.names}


def _xsd11_breaks(tree) -> bool:
    """The assertions as XSD 1.1 reads them: XPath 2.0 (elementpath, which xmlschema uses)."""
    import elementpath

    return any(
        not elementpath.select(el, f"boolean({a.test})", namespaces={"tei": NS["tei"]}, parser=elementpath.XPath2Parser)
        for a in _assertions()
        for el in tree.iter(*(t(name) for name in a.names))
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_xpath1_and_xsd11_read_the_assertions_alike(path):
    """breaks_an_assertion (libxml2's XPath 1.0) says what XSD 1.1 (XPath 2.0) says, on the
    corpus and on invalid variants of it: each assertion is written once, for both."""
    from toolkit.validate.prescreen import breaks_an_assertion

    base = etree.parse(str(path))
    assert breaks_an_assertion(base) is _xsd11_breaks(base) is False
    for i in range(len(_mutations(base.getroot()))):
        tree = copy.deepcopy(base)
        _mutations(tree.getroot())[i]()
        assert breaks_an_assertion(tree) == _xsd11_breaks(tree), f"mutation {i} of {path.name}"


@pytest.mark.parametrize(
    "markup",
    [
        '<idno type="wikidata">Q12</idno>',
        '<idno type="wikidata">Q012</idno>',
        '<idno type="wikidata">Q</idno>',
        '<idno type="wikidata">Q12 </idno>',
        '<idno type="wikidata">Q\u0663</idno>',
        '<idno type="wikidata">q12</idno>',
        '<idno type="wikidata">Q1<hi>2</hi></idno>',
        '<idno type="other">x</idno>',
        pytest.param(
            '<person xml:id="a"><persName type="canonical">\u00a0</persName></person>',
            marks=pytest.mark.xfail(
                strict=True,
                reason="elementpath's normalize-space() also strips U+00A0, which XPath (1.0 and 2.0) does "
                "not: xmlschema rejects a no-break space as the whole canonical name, libxml2 and the "
                "Schematron accept it, and so did the screen before the assertions were read from the XSD; "
                "validate still reports it as register.name",
            ),
        ),
        '<person xml:id="a"><persName type="canonical"> \n</persName></person>',
        '<person xml:id="a"><persName>A</persName></person>',
        '<person xml:id="a"><note><persName type="canonical">A</persName></note></person>',
        '<org xml:id="a"><orgName type="canonical"><hi>A</hi></orgName></org>',
        '<div type="clause" n="1" xml:id="c" subtype="x"/>',
        '<div type="clause" n="1" subtype="x"/>',
        '<div subtype="x"/>',
        '<date from="2019"/>',
        "<date/>",
        '<date when=""/>',
    ],
)
def test_xpath1_and_xsd11_agree_on_edge_cases(markup):
    from toolkit.validate.prescreen import breaks_an_assertion

    tree = etree.ElementTree(
        etree.fromstring(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{markup}</body></text></TEI>')
    )
    assert breaks_an_assertion(tree) == _xsd11_breaks(tree)


def test_each_editor_mutation_breaks_the_schema():
    """The mutations of what an editor writes test something: xmlschema rejects each one."""
    base = etree.parse(str(FILES[-1]))
    count = len(_editor_mutations(base.getroot()))
    assert count >= 15
    for i in range(count):
        tree = copy.deepcopy(base)
        _editor_mutations(tree.getroot())[i]()
        assert validate_tree(tree, "x.xml"), f"editor mutation {i} is still valid"
