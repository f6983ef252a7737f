"""`tei-edition format`: canonical layout, no content change, idempotent, --check."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, run_cli
from lxml import etree

from toolkit.model.serialize import ELEMENT_ONLY, to_bytes
from toolkit.model.tei import TEI_NS

TEI_FILES = sorted((ROOT / "tei").rglob("*.xml"))


def canonical(data: bytes) -> bytes:
    """C14N with comments, after dropping whitespace-only text in element-only containers."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=False, resolve_entities=False))
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{TEI_NS}}}") and el.tag.split("}")[1] in ELEMENT_ONLY:
            if el.text and not el.text.strip():
                el.text = None
            for child in el:
                if child.tail and not child.tail.strip():
                    child.tail = None
    tree = root.getroottree()
    return etree.tostring(tree, method="c14n", with_comments=True)


def messy(data: bytes) -> bytes:
    """What an XML editor might leave: other indentation, all on few lines, CRLF-free."""
    text = data.decode()
    text = re.sub(
        r">\n\s+<(?!/?(?:persName|placeName|orgName|date|hi|ref|choice|sic|corr|orig|reg|lb|label|time))", "><", text
    )
    text = text.replace("<teiHeader>", "<teiHeader>\n\t\t\t\t<!-- a comment an editor left -->")
    return text.encode()


@pytest.mark.parametrize("path", TEI_FILES, ids=lambda p: p.name)
def test_corpus_is_already_canonical(path):
    data = path.read_bytes()
    tree = etree.ElementTree(etree.fromstring(data))
    assert to_bytes(tree) == data


@pytest.mark.parametrize("path", TEI_FILES[:3], ids=lambda p: p.name)
def test_format_restores_layout_without_changing_content(path, tmp_path, monkeypatch):
    target = tmp_path / "tei" / path.name
    target.parent.mkdir()
    bad = messy(path.read_bytes())
    assert bad != path.read_bytes()
    target.write_bytes(bad)
    monkeypatch.chdir(tmp_path)
    result = run_cli("format", "--check")
    assert result.exit_code == 1 and f"would reformat tei/{path.name}" in result.output
    assert target.read_bytes() == bad  # --check changes nothing
    result = run_cli("format")
    assert result.exit_code == 0, result.output
    once = target.read_bytes()
    assert canonical(once) == canonical(bad)  # no content change: text, attributes, comments, PIs
    assert b"a comment an editor left" in once
    result = run_cli("format")
    assert target.read_bytes() == once  # idempotent
    assert run_cli("format", "--check").exit_code == 0


def test_mixed_content_whitespace_is_kept(tmp_path, monkeypatch):
    data = (ROOT / "tei" / "000_5d5ba4abf0d3ebed.xml").read_bytes()
    spaced = data.replace(
        '<orgName ref="org:csto">ОДКБ</orgName> и'.encode(), '<orgName ref="org:csto">ОДКБ</orgName>\n   и'.encode(), 1
    )
    assert spaced != data
    (tmp_path / "x.xml").write_bytes(spaced)
    monkeypatch.chdir(tmp_path)
    run_cli("format", "x.xml")
    assert b"</orgName>\n   \xd0\xb8" in (tmp_path / "x.xml").read_bytes()


def test_format_reports_broken_files(tmp_path, monkeypatch):
    (tmp_path / "bad.xml").write_bytes(b"<TEI><p></TEI>")
    monkeypatch.chdir(tmp_path)
    result = run_cli("format", "bad.xml")
    assert result.exit_code == 1 and "bad.xml:1:" in result.output and "[xml.syntax]" in result.output
    assert (tmp_path / "bad.xml").read_bytes() == b"<TEI><p></TEI>"
