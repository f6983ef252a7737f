"""Published ids stay (validate/rules/permanence.py): a build publishes the ids of its
citable units (api/citable-ids.json); `tei-edition validate` warns, located, when a hand
edit has dropped, renamed or moved one, or removed or renamed a published document."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ROOT, run_cli

from toolkit.io.project import load_corpus
from toolkit.model.citable import unit_ids
from toolkit.validate.rules import report

APPEAL = "tei/000_5d5ba4abf0d3ebed.xml"
NEWS = "tei/004_449a14b25b2d7a50.xml"
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>\w+): (?P<message>.*) \[(?P<code>[\w.-]+)\]$"
)


@pytest.fixture
def built(project):
    """The project with its edition built once (the manifest of published ids in place)."""
    shutil.copytree(ROOT / "editions", project / "editions", ignore=shutil.ignore_patterns("odkb"))
    result = run_cli("build", "--html", "--no-search", "--no-cache")
    assert result.exit_code == 0, result.output
    manifest = json.loads((project / "editions" / "odkb" / "html" / "api" / "citable-ids.json").read_text())
    assert manifest["tei"] == "tei" and len(manifest["documents"]) == 5
    return project


def _cite(output: str) -> list[dict]:
    found = [m.groupdict() for m in map(LINE.match, output.splitlines()) if m]
    return [d for d in found if d["code"].startswith("cite.")]


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_reports_citable_ids_are_the_models():
    corpus, _ = load_corpus(ROOT / "tei")
    for doc in corpus.documents:
        assert report(doc).citable == unit_ids(doc.tree)


def test_an_unchanged_corpus_gives_no_warning(built):
    result = run_cli("validate")
    assert result.exit_code == 0 and _cite(result.output) == []


def test_a_removed_clause_id_is_a_located_warning(built):
    appeal = built / APPEAL
    text = appeal.read_text(encoding="utf-8")
    _edit(appeal, 'xml:id="appeal-2019-05-22-3"', 'xml:id="appeal-2019-05-22-3a"')
    result = run_cli("validate")
    assert result.exit_code == 0  # a warning: the editor may mean it
    (found,) = _cite(result.output)
    assert found["path"] == APPEAL and found["severity"] == "warning" and found["code"] == "cite.removed"
    assert '"appeal-2019-05-22-3"' in found["message"] and "editions/odkb/html/api/citable-ids.json" in found["message"]
    assert 'give the element that holds that text xml:id="appeal-2019-05-22-3" again' in found["message"]
    # placed where the clause was: at the next published clause still there
    line = next(k for k, ln in enumerate(text.splitlines(), 1) if 'xml:id="appeal-2019-05-22-4"' in ln)
    assert int(found["line"]) == line


def test_an_id_moved_to_another_document_says_where(built):
    _edit(built / APPEAL, 'xml:id="appeal-2019-05-22-3"', 'xml:id="appeal-2019-05-22-3a"')
    _edit(built / NEWS, 'xml:id="news-report-2025-06-30-p1"', 'xml:id="appeal-2019-05-22-3"')
    messages = {(d["path"], d["message"].split('"')[1]): d["message"] for d in _cite(run_cli("validate").output)}
    assert f"it is now in {NEWS}" in messages[(APPEAL, "appeal-2019-05-22-3")]
    assert (NEWS, "news-report-2025-06-30-p1") in messages


def test_a_removed_or_renamed_document(built):
    (built / NEWS).unlink()
    _edit(
        built / APPEAL,
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ru" xml:id="appeal-2019-05-22"',
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ru" xml:id="appeal-2019-05-22-new"',
    )
    found = {d["path"]: d for d in _cite(run_cli("validate").output)}
    assert found[NEWS]["code"] == "cite.document-removed" and found[NEWS]["line"] == "0"
    assert "its file is gone" in found[NEWS]["message"]
    renamed = found[APPEAL]
    assert renamed["code"] == "cite.document-removed" and renamed["line"] != "0"
    assert 'keep xml:id="appeal-2019-05-22"' in renamed["message"]


def test_validating_one_file_says_nothing_of_the_others(built):
    (built / NEWS).unlink()  # gone, but not what was asked about
    _edit(built / APPEAL, 'xml:id="appeal-2019-05-22-3"', 'xml:id="appeal-2019-05-22-3a"')
    result = run_cli("validate", "tei/001_251d533d022432de.xml")
    assert _cite(result.output) == []
    assert [d["code"] for d in _cite(run_cli("validate", APPEAL).output)] == ["cite.removed"]


def test_without_a_build_or_with_a_broken_manifest(project):
    assert _cite(run_cli("validate").output) == []  # nothing published yet
    manifest = project / "editions" / "odkb" / "html" / "api" / "citable-ids.json"
    manifest.parent.mkdir(parents=True)
    (project / "editions" / "odkb.toml").write_text('title = "Т"\n', encoding="utf-8")
    manifest.write_text("{not json", encoding="utf-8")
    (found,) = _cite(run_cli("validate").output)
    assert found["code"] == "cite.manifest" and found["path"].endswith("citable-ids.json")
