"""Golden cases: `tei-edition validate tests/cases/validate/CASE.xml`, run from the project
root as an editor runs it (registers/ beside the case is the context; the cases'
<?xml-model?> instructions point inside the project), prints exactly
tests/cases/validate/CASE.expected, except that paths are written relative to the case
("CASE.xml:26:19: …"), so a golden file reads as it sits beside its case.

Regenerate with `pytest tests/test_validate_golden.py --accept` and review the diff."""

from __future__ import annotations

import pytest
from conftest import ROOT, run_cli

CASES = ROOT / "tests" / "cases" / "validate"
FOLDER = "tests/cases/validate/"  # as the command prints it from the project root


@pytest.mark.parametrize("case", sorted(CASES.glob("*.xml")), ids=lambda p: p.stem)
def test_golden(case, accept, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("validate", "--no-cache", FOLDER + case.name)
    assert all(line.startswith(FOLDER) for line in result.output.splitlines()[:-1])  # the last: the summary
    output = result.output.replace(FOLDER, "")
    expected = case.with_suffix(".expected")
    if accept:
        expected.write_text(output, encoding="utf-8")
    assert expected.exists(), f"no golden file; run pytest --accept and review {expected}"
    assert output == expected.read_text(encoding="utf-8")
    assert result.exit_code == (1 if ": error: " in output else 0)


def test_every_golden_file_has_its_case():
    """A golden file whose case was renamed or removed would go unchecked."""
    assert {p.stem for p in CASES.glob("*.expected")} == {p.stem for p in CASES.glob("*.xml")}
