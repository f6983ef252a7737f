"""TEI that someone else wrote (issue 13, point 5): `validate FILE` on a TEI P5 file from
another project reports its conformance to TEI P5 (jing over tei_all.rng,
[tei.conformance]) and, summarised by element, where it departs from this edition's
customisation ([tei.customisation]); exit 1, no traceback."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT, run_cli

FOREIGN = ROOT / "tests" / "cases" / "foreign"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _section(output: str, shown: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{shown}: TEI from elsewhere"))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith((shown, "  "))), len(lines))
    return lines[start:end]


def test_tei_valid_against_tei_all_but_outside_the_customisation():
    shown = "tests/cases/foreign/tei-elsewhere.xml"
    result = run_cli("validate", "--no-cache", shown)
    assert result.exit_code == 1 and "Traceback" not in result.output
    section = _section(result.output, shown)
    assert section[1] == "  TEI P5 conformance (tei_all.rng, jing): conforms"
    assert section[2].startswith("  departures from this edition's customisation")
    assert "5 departure(s), in <div>, <hi>, <lg>, <name>, <p>" in section[2]
    departures = section[3:]
    assert all(line.endswith("[tei.customisation]") for line in departures) and len(departures) == 5
    lg = next(line for line in departures if "<lg>" in line)
    assert lg.startswith(f"{shown}:21:9: error: <lg> is not an element of this edition's TEI (2 times, first here)")
    assert "[schema]" not in result.output and "[ref." not in result.output  # no flood, no edition rules


def test_tei_invalid_against_tei_all():
    shown = "tests/cases/foreign/not-tei-p5.xml"
    result = run_cli("validate", "--no-cache", shown)
    assert result.exit_code == 1 and "Traceback" not in result.output
    section = _section(result.output, shown)
    assert section[1] == "  TEI P5 conformance (tei_all.rng, jing): 3 error(s)"
    conformance = [line for line in section if line.endswith("[tei.conformance]")]
    assert len(conformance) == 3
    for line in conformance:
        assert re.match(rf"{re.escape(shown)}:\d+:\d+: error: TEI P5: ", line)
    assert any('element "paragraph" not allowed anywhere' in line and "209 elements" in line for line in conformance)
    assert any(line.endswith("[tei.customisation]") and "<paragraph>" in line for line in section)
    assert result.output.splitlines()[-1] == "1 file checked: 7 error(s), 0 warning(s)"


def test_without_java_conformance_is_reported_not_checked(monkeypatch):
    monkeypatch.setattr("toolkit.io.jing.shutil.which", lambda name: None)
    shown = "tests/cases/foreign/not-tei-p5.xml"
    result = run_cli("validate", "--no-cache", shown)
    assert result.exit_code == 1 and "Traceback" not in result.output
    section = _section(result.output, shown)
    assert section[1] == "  TEI P5 conformance (tei_all.rng, jing): not checked"
    assert "Java was not found" in section[2] and section[2].endswith("[tei.conformance]")


def test_foreign_tei_within_the_customisation_passes(tmp_path, monkeypatch):
    """A file from elsewhere that uses only what the edition admits: nothing to report."""
    text = (ROOT / "tests" / "cases" / "validate" / "editor-markup.xml").read_text(encoding="utf-8")
    text = re.sub(r"<\?xml-model[^>]*\?>\n", "", text)
    (tmp_path / "other.xml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "--no-cache", "other.xml")
    assert result.exit_code == 0, result.output
    assert "  departures from this edition's customisation (docs/encoding-reference.md): none" in result.output


def test_the_edition_s_own_documents_are_not_foreign(tmp_path, monkeypatch):
    """The edition's xml-model line, the converter's stamp or a registers/ folder mark a file
    as the edition's: it gets the edition's messages and rules."""
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "--no-cache", "tei")
    assert result.exit_code == 0 and "TEI from elsewhere" not in result.output
