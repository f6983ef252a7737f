"""The HTML edition's edge (commands/build.py) that writes the site — swapped in whole, indexed by
Pagefind, diagnostics in the one format, exit codes, and the time it takes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from toolkit.commands.build import output_dir
from toolkit.commands.build import run_html as run_build_html
from toolkit.io.pagefind import executable

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "cases" / "html" / "corpus"
EDITION = ROOT / "editions" / "odkb.toml"
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning): .+ \[[a-z.-]+\]$")


def test_default_output_folder():
    assert output_dir(Path("editions/odkb.toml"), "html") == Path("editions/odkb/html")


def test_pagefind_binary_is_available():
    assert executable(), "the Pagefind binary comes with the PyPI package pagefind[bin]; run `make test`"


def test_builds_the_site_with_search_index(tmp_path):
    out = tmp_path / "odkb" / "html"
    lines: list[str] = []
    assert run_build_html(CORPUS, EDITION, out, lines.append) == 0, lines
    assert lines[-1].startswith("HTML edition built: 11 pages in ")  # with «О разметке» and network.html
    assert (out / "index.html").is_file() and (out / "documents" / "appeal-2019-05-22.html").is_file()
    assert (out / "pagefind" / "pagefind.js").is_file() and (out / "pagefind" / "pagefind-entry.json").is_file()
    entry = (out / "pagefind" / "pagefind-entry.json").read_text()
    assert '"ru"' in entry and '"page_count":3' in entry  # documents only, Russian stemming
    assert (out / "tei" / "news.xml").read_bytes() == (CORPUS / "news.xml").read_bytes()
    assert (out / "schema" / "tei-edition.xsd").is_file()


def test_output_is_swapped_in_whole(tmp_path):
    out = tmp_path / "html"
    out.mkdir()
    (out / "stale.html").write_text("from an older build")
    assert run_build_html(CORPUS, EDITION, out, lambda s: None, search=False) == 0
    assert not (out / "stale.html").exists() and (out / "index.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["html"]  # no temporary or old folder left


def test_errors_leave_the_previous_site(tmp_path):
    broken = tmp_path / "tei"
    shutil.copytree(CORPUS, broken)
    (broken / "news.xml").write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    out = tmp_path / "html"
    out.mkdir()
    (out / "index.html").write_text("previous")
    lines: list[str] = []
    assert run_build_html(broken, EDITION, out, lines.append) == 1
    assert any(DIAGNOSTIC.match(line) and "news.xml:1:" in line and line.endswith("[xml.syntax]") for line in lines), (
        lines
    )
    assert (out / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "tei"]


def test_bad_edition_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\ndocuments = 3\n', encoding="utf-8")
    lines: list[str] = []
    assert run_build_html(CORPUS, bad, tmp_path / "out", lines.append) == 1
    assert any(DIAGNOSTIC.match(line) and "[edition.value]" in line for line in lines), lines
    assert not (tmp_path / "out").exists()
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "x\n', encoding="utf-8")
    lines = []
    assert run_build_html(CORPUS, broken, tmp_path / "out", lines.append) == 1
    assert any("[edition.syntax]" in line for line in lines)


def test_missing_corpus_folder(tmp_path):
    lines: list[str] = []
    assert run_build_html(tmp_path / "nowhere", EDITION, tmp_path / "out", lines.append) == 1
    assert any("[io.missing]" in line for line in lines)


def test_the_project_site_builds(tmp_path):
    """The 5-document edition (tei/, or the seeds converted) with its Pagefind index.
    How fast is shown by `make bench` (target < 2 s), not asserted here."""
    from test_html_links import project_corpus

    class Factory:
        def mktemp(self, name):
            path = tmp_path / name
            path.mkdir()
            return path

    corpus = project_corpus(Factory())
    assert len(list(corpus.glob("*.xml"))) == 5
    lines: list[str] = []
    assert run_build_html(corpus, EDITION, tmp_path / "html", lines.append) == 0, lines
    assert (tmp_path / "html" / "pagefind" / "pagefind.js").exists()
