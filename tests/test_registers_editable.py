"""Registers are hand-edited files too (issue 13, point 4): they carry the `<?xml-model?>`
instructions the documents carry (relative to tei/registers/), whoever writes them (the
converter, `entities accept`, an editor), `format` keeps them, and `validate` checks a
register with the same messages as a document."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, run_cli
from lxml import etree

from toolkit.io.project import load_registers
from toolkit.model.serialize import REGISTER_PROLOG_PIS, to_bytes

REGISTERS = sorted((ROOT / "tei" / "registers").glob("*.xml"))


def _models(data: bytes) -> list[str]:
    tree = etree.ElementTree(etree.fromstring(data))
    pis = [n for n in tree.getroot().itersiblings(preceding=True) if isinstance(n, etree._ProcessingInstruction)]
    return [pi.get("href") for pi in reversed(pis) if pi.target == "xml-model"]


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: p.name)
def test_each_register_points_at_the_project_schema(path):
    hrefs = _models(path.read_bytes())
    assert hrefs == ["../../schema/tei-edition.xsd", "../../schema/tei-edition.rng", "../../schema/tei-edition.sch"]
    assert all((path.parent / href).resolve().is_file() for href in hrefs)


def test_a_register_the_toolkit_creates_carries_them(tmp_path):
    """load_registers makes the registers that do not exist yet; convert writes them so."""
    registers, _ = load_registers(tmp_path / "registers")
    for tree in registers.trees.values():
        data = to_bytes(tree)
        assert _models(data) == [data_.split('"')[1] for _, data_ in REGISTER_PROLOG_PIS]


def test_format_keeps_them(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    monkeypatch.chdir(tmp_path)
    assert run_cli("format", "--check", "tei/registers").exit_code == 0
    for path in (tmp_path / "tei" / "registers").glob("*.xml"):  # an editor's one-line edit, formatted back
        path.write_bytes(path.read_bytes().replace(b"?>\n<TEI", b"?><TEI"))
    assert run_cli("format", "tei/registers").exit_code == 0
    assert [p.read_bytes() for p in sorted((tmp_path / "tei" / "registers").glob("*.xml"))] == [
        p.read_bytes() for p in REGISTERS
    ]


def test_validate_speaks_of_a_register_as_of_a_document(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    persons = tmp_path / "tei" / "registers" / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    text = text.replace("<occupation", "<said>советник</said><occupation", 1)
    persons.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "--no-cache", "tei")
    [line] = [line for line in result.output.splitlines() if ": error: " in line]
    assert line.startswith("tei/registers/persons.xml:") and "<said> is not an element of this edition's TEI: " in line
    assert "<person> here may contain" in line and line.endswith("see docs/encoding-reference.md#person [schema]")
    assert "TEI from elsewhere" not in result.output and result.exit_code == 1
