"""`tei-edition validate` as a user runs it: one located line per problem, a summary,
exit codes 0/1/2, hostile files reported and the others still checked."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, run_cli

HOSTILE = {
    "billion-laughs.xml": "xml.doctype",
    "quadratic-blowup.xml": "xml.doctype",
    "external-entity.xml": "xml.doctype",
    "external-dtd.xml": "xml.doctype",
    "internal-entity.xml": "xml.doctype",
    "parameter-entity.xml": "xml.doctype",
    "xinclude.xml": "xml.xinclude",
    "binary.xml": "xml.binary",
    "empty.xml": "xml.empty",
    "invalid-utf8.xml": "xml.encoding",
    "utf16-bom.xml": "xml.encoding",
    "utf16-nobom.xml": "xml.encoding",
    "not-well-formed.xml": "xml.syntax",
    "stylesheet-http.xml": "xml.pi-href",
    "duplicate-id.xml": "id.duplicate",
    "unresolved-ref.xml": "ref.unresolved",
    "wrong-kind-ref.xml": "ref.kind",
    "impossible-date.xml": "date.invalid",
    "backward-range.xml": "date.order",
    "clause-gap.xml": "clause.sequence",
    "javascript-target.xml": "link.unsafe",
}


@pytest.fixture(scope="module")
def hostile_run():
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return run_cli("validate", "tests/cases/validate")
    finally:
        os.chdir(cwd)


def test_corpus_is_clean(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "8 files checked: no problems"


def test_hostile_folder_exit_code_and_summary(hostile_run):
    assert hostile_run.exit_code == 1
    assert "Traceback" not in hostile_run.output
    checked = len(list((ROOT / "tests" / "cases" / "validate").rglob("*.xml")))  # the cases and their registers
    assert hostile_run.output.strip().splitlines()[-1].startswith(f"{checked} files checked:")


@pytest.mark.parametrize("name, code", sorted(HOSTILE.items()))
def test_each_hostile_file_is_reported_with_location(hostile_run, name, code):
    lines = [line for line in hostile_run.output.splitlines() if line.startswith(f"tests/cases/validate/{name}:")]
    assert any(line.endswith(f"[{code}]") for line in lines), hostile_run.output
    for line in lines:
        path, ln, col, rest = line.split(":", 3)
        assert ln.isdigit() and col.isdigit() and int(ln) >= 1 and int(col) >= 1
        assert rest.startswith((" error: ", " warning: "))


def test_no_file_content_leaks(hostile_run):
    assert "root:" not in hostile_run.output and "/bin/" not in hostile_run.output


def test_missing_path_is_a_usage_error(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("validate", "no/such/dir")
    assert result.exit_code == 2
    assert "no/such/dir:0:0: error:" in result.output and "[io.missing]" in result.output


def test_bad_option_is_exit_2():
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "validate", "--no-such-option"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 2


def test_broken_file_does_not_stop_the_others(tmp_path, monkeypatch):
    (tmp_path / "a.xml").write_bytes(b"<TEI")
    (tmp_path / "b.xml").write_bytes((ROOT / "tests" / "cases" / "validate" / "impossible-date.xml").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", ".")
    assert "a.xml:1:" in result.output and "[xml.syntax]" in result.output
    assert "b.xml:" in result.output and "[date.invalid]" in result.output


def test_an_unreadable_file_is_a_located_error(tmp_path):
    """Files are read through io.fs, which turns an OSError into the io.read diagnostic."""
    from toolkit.io.fs import read_document

    data, diags = read_document(tmp_path / "gone.xml", "gone.xml")
    assert data is None
    assert [str(d) for d in diags] == [
        "gone.xml:0:0: error: cannot be read (No such file or directory); check permissions [io.read]"
    ]
    assert read_document(tmp_path, "folder")[0] is None  # a folder is not a file
