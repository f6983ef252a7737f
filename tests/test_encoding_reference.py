"""The encoding reference (issue 13, point 7): generated from the XSD into
docs/encoding-reference.md and the HTML edition's page «О разметке», never kept by hand; it
describes every element and attribute the schema admits (a test fails when the schema admits
something it does not describe), where each may stand, and an example, from the corpus
where one exists."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, run_cli
from lxml import etree

from toolkit.validate.contentmodel import admitted
from toolkit.validate.reference import reference, undescribed
from toolkit.validate.reference.__main__ import samples
from toolkit.validate.schema import XSD

DOC = ROOT / "docs" / "encoding-reference.md"


def _reference(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "toolkit.validate.reference", *args], cwd=ROOT, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def entries():
    return reference(etree.parse(str(XSD)).getroot(), samples())


def test_the_reference_in_docs_is_up_to_date():
    proc = _reference("--check")
    assert proc.returncode == 0, proc.stderr


def test_it_describes_every_element_and_attribute_the_schema_admits(entries):
    schema = admitted(etree.parse(str(XSD)).getroot())
    assert undescribed(entries) == []
    assert [e.name for e in entries] == sorted(schema, key=str.lower)
    text = DOC.read_text(encoding="utf-8")
    sections = dict(re.findall(r'<a id="([^"]+)"></a>\n\n(.*?)(?=\n<a id=|\Z)', text, re.S))
    assert set(sections) == set(schema)  # the anchors validate's messages link to
    for name, element in schema.items():
        for attribute in element.attributes:
            assert f"`@{attribute}`" in sections[name], (name, attribute)


def _xsd_with(tmp_path, old: str, new: str):
    text = XSD.read_text(encoding="utf-8")
    assert text.count(old) == 1
    xsd = tmp_path / XSD.name
    xsd.write_text(text.replace(old, new), encoding="utf-8")
    return xsd


def test_an_element_admitted_without_a_description_fails(tmp_path):
    anchor = '<xs:element name="anchor" type="tei:anchor">'
    xsd = _xsd_with(tmp_path, anchor, '<xs:element name="said" type="tei:phrase"/>\n      ' + anchor)
    proc = _reference("--check", str(xsd))
    assert proc.returncode == 2 and "<said>" in proc.stderr and "xs:documentation" in proc.stderr


def test_an_attribute_admitted_without_a_description_fails(tmp_path):
    old = '<xs:attribute name="n" type="xs:token"/>\n  </xs:complexType>'
    xsd = _xsd_with(
        tmp_path, old, '<xs:attribute name="n" type="xs:token"/>\n<xs:attribute name="sortKey"/>\n  </xs:complexType>'
    )
    proc = _reference("--check", str(xsd))
    assert proc.returncode == 2 and "<witness>/@sortKey" in proc.stderr


def test_examples_come_from_the_corpus_where_one_exists(entries):
    by_name = {e.name: e for e in entries}
    assert by_name["persName"].source.startswith("tei/") and "<persName" in by_name["persName"].example
    assert by_name["person"].source == "tei/registers/persons.xml"
    assert by_name["foreign"].source == "tests/cases/editor/every-element.xml"  # none in the corpus
    assert all(e.example for e in entries)  # every element has one: the every-element document has them all
    assert "xmlns" not in by_name["p"].example


def test_the_html_edition_publishes_it_linked_from_every_page(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    shutil.copytree(ROOT / "editions", tmp_path / "editions", ignore=shutil.ignore_patterns("odkb"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("build", "--html", "--no-search", "--no-cache", "-o", "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    page = etree.parse(str(site / "encoding.html"), etree.HTMLParser())
    assert page.findtext(".//h1") == "О разметке"
    sections = page.xpath("//section[@class='reference-element']/@id")
    assert sections == [e.name for e in reference(etree.parse(str(XSD)).getroot(), [])]
    foreign = page.xpath("//section[@id='foreign']")[0]
    assert "another language" in "".join(foreign.itertext()) and foreign.xpath(".//pre")
    for html in site.rglob("*.html"):
        footer = etree.parse(str(html), etree.HTMLParser()).xpath("//footer//a[. = 'О разметке']/@href")
        assert footer and (html.parent / footer[0]).resolve() == (site / "encoding.html").resolve(), html
