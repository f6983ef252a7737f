"""Incremental HTML builds: after an edit, a rebuild with the cache gives exactly the site a
clean build gives, and rewrites only the files that depend on the edit (the others are the
previous build's files, hard-linked: same inode, same mtime). Also: parallel rendering
(--jobs) equals serial, a site changed by hand or a lost state means a full build, and a
split search index lists its bundles for the search page.

Longer than the house's 400 lines on purpose: one topic's cases beside the module-scoped
fixtures they share (built once per module); split it when the topic splits."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.commands.build import run_html as run_build_html
from toolkit.render.html.build import search_shards

CORPUS = ROOT / "tests" / "cases" / "html" / "corpus"
EDITION = ROOT / "editions" / "odkb.toml"
SEARCH_BUNDLES = re.compile(r"^pagefind(-\d+)?/")  # Pagefind's own output (its names are not stable)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not SEARCH_BUNDLES.match(str(p.relative_to(folder)))
    }


def _inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def _build(
    tei: Path, out: Path, cache: Path | None, *, search: bool = False, jobs: int = 1, edition: Path = EDITION
) -> list[str]:
    lines: list[str] = []
    assert run_build_html(tei, edition, out, lines.append, search=search, cache_dir=cache, jobs=jobs) == 0, lines
    return lines


@pytest.fixture
def project(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(CORPUS, tei)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    # a word of the reading text, outside any mention
    "text": ("news.xml", "провели", "провели в тот день"),
    # the main title: the neighbours' pager, the home page and the indexes show it
    "title": ("news.xml", '<title type="main">', '<title type="main">Новое: '),
    # a register entry's canonical name: every page that names the entry
    "register": (
        "registers/persons.xml",
        "<forename>Владимир</forename> <addName",
        "<forename>Владимир-Вл</forename> <addName",
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_incremental_equals_clean_build_and_rewrites_only_dependants(project, edit):
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache)
    before = _inodes(out)
    name, old, new = EDITS[edit]
    _edit(tei / name, old, new)
    lines = _build(tei, out, cache)
    assert "unchanged" in lines[-1], lines  # it was an incremental build
    clean = project / "clean"
    _build(tei, clean, None)
    assert _tree(out) == _tree(clean)
    after = _inodes(out)
    rewritten = {p for p in after if before.get(p) != after[p]}
    kept = {p for p in after if before.get(p) == after[p]}
    assert kept and rewritten
    for p in kept:  # what was kept is exactly what the clean build would write
        assert (out / p).read_bytes() == (clean / p).read_bytes()
    if edit == "text":  # no picture changes: the places, chronology and network pages are kept
        # the page, the search data, the TEI, and the document's own data files (its DTS
        # responses, its references to download); no export and no other document's files
        own = {p for p in after if p.startswith(("api/dts/", "cite/")) and "news-report-2019-11-28" in p}
        assert own and "api/dts/collection.json" not in own
        assert rewritten == {"documents/news-report-2019-11-28.html", "assets/search-data.js", "tei/news.xml"} | own
    if edit == "title":
        assert "index.html" in rewritten and "documents/news-report-2019-11-28.html" in rewritten
        assert "assets/edition.css" in kept
    if edit == "register":
        assert "persons.html" in rewritten and "tei/registers/persons.xml" in rewritten
        assert "tei/appeal.xml" in kept


def _rebuilt(project, name: str, old: str, new: str) -> set[str]:
    """Build, make one edit, build again with the cache: the files rewritten (and the site
    equals a clean build's)."""
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache)
    before = _inodes(out)
    _edit(tei / name, old, new)
    _build(tei, out, cache)
    clean = project / "clean"
    _build(tei, clean, None)
    assert _tree(out) == _tree(clean)
    after = _inodes(out)
    return {p for p in after if before.get(p) != after[p]}


STATEMENT_PAGE = "documents/statement-2021-01-19.html"  # names Almaty, the place with coordinates
APPEAL_PAGE = "documents/appeal-2019-05-22.html"  # no place with coordinates: no miniature map


def _with_coordinates_for_syria(project) -> None:
    """The fixture's registers give Syria (named in news.xml alone) coordinates, before
    the first build: the miniature maps' shared frame then covers Almaty and Syria."""
    _edit(
        project / "tei" / "registers" / "places.xml",
        '<placeName type="canonical">Сирия</placeName>',
        '<placeName type="canonical">Сирия</placeName>\n          <location><geo>33.51 36.29</geo></location>',
    )


def test_a_picture_that_changes_remakes_its_page_and_only_its_page(project):
    """A document no longer naming Syria: the places' frame shrinks, so the statement's
    page (its miniature map is drawn on that frame) is made again though its TEI did not
    change; the appeal's page (no miniature) and the network (no person or organisation
    changed) are kept."""
    _with_coordinates_for_syria(project)
    rewritten = _rebuilt(project, "news.xml", '<placeName ref="pla:syria">Сирии</placeName>', "Сирии")
    assert {"places.html", STATEMENT_PAGE, "documents/news-report-2019-11-28.html"} <= rewritten
    assert APPEAL_PAGE not in rewritten and "network.html" not in rewritten and "chronology.html" not in rewritten


def test_a_picture_that_stays_the_same_keeps_its_page(project):
    """A document now naming Almaty, which has coordinates already: the frame is the same,
    so no other document's page is made again."""
    _with_coordinates_for_syria(project)
    rewritten = _rebuilt(
        project, "news.xml", "провели встречу", 'провели встречу в <placeName ref="pla:almaty">Алматы</placeName>'
    )
    assert {"places.html", "documents/news-report-2019-11-28.html"} <= rewritten
    assert STATEMENT_PAGE not in rewritten and APPEAL_PAGE not in rewritten and "network.html" not in rewritten


def test_the_network_page_follows_the_persons_and_organisations_of_every_document(project):
    """Putin no longer named in the news report: the pair Putin–Tokayev loses a document,
    the network page is made again; the places and the chronology are kept."""
    rewritten = _rebuilt(project, "news.xml", '<persName ref="per:putin">Владимир Путин</persName>', "Владимир Путин")
    assert {"network.html", "persons.html"} <= rewritten
    assert "places.html" not in rewritten and "chronology.html" not in rewritten and STATEMENT_PAGE not in rewritten


def test_unchanged_rebuild_rewrites_nothing(project):
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache, search=True)
    before = _inodes(out)
    lines = _build(tei, out, cache, search=True)
    assert "0 made" in lines[-1], lines
    assert _inodes(out) == before  # the Pagefind bundle too


def test_documents_added_and_removed(project):
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache)
    (tei / "statement.xml").unlink()
    _build(tei, out, cache)
    clean = project / "clean"
    _build(tei, clean, None)
    assert _tree(out) == _tree(clean)
    assert not any(p.startswith("documents/statement") for p in _tree(out))


def test_a_page_changed_by_hand_is_made_again(project):
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache)
    page = out / "documents" / "appeal-2019-05-22.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"<h1>", b"<h1>HACKED ", 1))
    _build(tei, out, cache)
    assert page.read_bytes() == original


def test_a_lost_or_corrupt_state_means_a_full_build(project):
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache)
    for state in (cache / "site-state").rglob("*"):
        if state.is_file():
            state.write_bytes(b"{not json")
    lines = _build(tei, out, cache)
    assert "unchanged" not in lines[-1]
    clean = project / "clean"
    _build(tei, clean, None)
    assert _tree(out) == _tree(clean)


def test_parallel_pages_equal_serial(project, monkeypatch):
    from toolkit import parallel
    from toolkit.render.html import site_documents

    monkeypatch.setattr(site_documents, "COST", parallel.Cost(per_item=1.0, start=0.0))  # fork for any number
    tei = project / "tei"
    _build(tei, project / "serial", None, jobs=1)
    _build(tei, project / "parallel", None, jobs=2)
    assert _tree(project / "serial") == _tree(project / "parallel")


def test_search_shards_are_stable_and_cover_every_page():
    pages = [f"documents/d{i}.html" for i in range(1000)]
    shards = search_shards(pages, 128)
    assert len(shards) == 8 and sorted(p for s in shards for p in s) == sorted(pages)
    assert search_shards(pages[:3], 128) == [sorted(pages[:3])]
    # one page more or less moves no other page
    fewer = search_shards(pages[:-1], 128)
    assert [[p for p in s if p != pages[-1]] for s in shards] == fewer


def test_a_split_search_index_is_merged_by_the_search_page(project):
    tei, out = project / "tei", project / "site"
    edition = project / "edition.toml"
    edition.write_text(EDITION.read_text(encoding="utf-8") + "\n[html]\nsearch_shard_size = 1\n", encoding="utf-8")
    _build(tei, out, None, search=True, edition=edition)
    bundles = sorted(p.name for p in out.iterdir() if p.name.startswith("pagefind"))
    assert bundles[0] == "pagefind" and len(bundles) >= 2
    for b in bundles:
        assert (out / b / "pagefind-entry.json").is_file()
    page = (out / "search.html").read_text(encoding="utf-8")
    merged = re.search(r'data-merge-index="([^"]+)"', page).group(1).split()
    assert sorted(merged) == sorted(f"{b}/" for b in bundles[1:])


def test_unchanged_search_bundles_are_kept_through_recycled_rebuilds(project):
    """A Pagefind bundle whose pages did not change is the very same files after each
    rebuild, also once the rebuild starts from the recycled folder of the build before;
    only the edited document's bundle is made again."""
    tei, cache, out = project / "tei", project / "cache", project / "site"
    edition = project / "edition.toml"
    edition.write_text(EDITION.read_text(encoding="utf-8") + "\n[html]\nsearch_shard_size = 1\n", encoding="utf-8")

    def bundles() -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for path, inode in _inodes(out).items():
            if SEARCH_BUNDLES.match(path):
                found.setdefault(path.split("/")[0], {})[path] = inode
        return found

    _build(tei, out, cache, search=True, edition=edition)
    for old, new in (("провели", "провели в тот день"), ("в тот день", "в этот день")):  # the second from the spare
        before = bundles()
        _edit(tei / "news.xml", old, new)
        _build(tei, out, cache, search=True, edition=edition)
        after = bundles()
        assert sorted(after) == sorted(before)
        remade = [name for name in after if after[name] != before[name]]
        assert len(remade) == 1, remade  # the bundle of the edited document's page, and only it
    assert (project / ".site.spare").is_dir()


def test_bad_shard_size_is_a_located_error(tmp_path):
    edition = tmp_path / "e.toml"
    edition.write_text('title = "x"\n[html]\nsearch_shard_size = 0\n', encoding="utf-8")
    lines: list[str] = []
    assert run_build_html(CORPUS, edition, tmp_path / "out", lines.append, search=False) == 1
    # located at the key's value (line 3, column 21), whatever form the path is shown in
    assert any("search_shard_size" in line and re.search(r"e\.toml:3:21: error", line) for line in lines), lines
    assert not (tmp_path / "out").exists()


def test_state_lives_in_the_cache_not_in_the_site(project):
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache)
    assert any((cache / "site-state").rglob("*"))
    assert not [p for p in out.rglob(".*")]


def test_a_hostile_state_cannot_bring_files_from_outside(project):
    """The state is a cache: a bundle entry naming a file outside the site makes the bundle
    not reusable (Pagefind runs again); nothing outside the site is linked in."""
    import json

    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache, search=True)
    entry = (out / "pagefind" / "pagefind-entry.json").stat().st_ino
    secret = project / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    st = secret.stat()
    [state] = [p for p in (cache / "site-state").rglob("*") if p.is_file()]
    data = json.loads(state.read_bytes())
    for bundle in data["shards"].values():
        bundle["files"]["../secret.txt"] = [st.st_size, st.st_mtime_ns, st.st_ino]
        bundle["files"][str(secret)] = [st.st_size, st.st_mtime_ns, st.st_ino]
    state.write_text(json.dumps(data), encoding="utf-8")
    _build(tei, out, cache, search=True)
    assert (out / "pagefind" / "pagefind-entry.json").stat().st_ino != entry  # made again
    assert not [p for p in out.rglob("*") if p.is_file() and p.stat().st_ino == st.st_ino]
    assert secret.stat().st_nlink == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_page_check_problems_are_reported_in_every_build(project, monkeypatch, jobs):
    """The page check runs beside writing and indexing; what it finds still reaches the
    report, in a clean build and in an incremental one, and the build state is saved."""
    import toolkit.render.html as build

    real = build.build_html

    def with_a_broken_page(*args, **kwargs):
        files = real(*args, **kwargs)
        files["broken.html"] = b"<html><body><h1>x</h1><a href='nowhere.html'>link</a></body></html>"
        return files

    monkeypatch.setattr(build, "build_html", with_a_broken_page)
    tei, out, cache = project / "tei", project / "out", project / "cache"
    for _ in range(2):  # clean, then incremental (the broken page's facts come from the state)
        lines = _build(tei, out, cache, jobs=jobs)
        found = [ln for ln in lines if "[html.check]" in ln]
        assert any("broken.html: href='nowhere.html' → nowhere.html does not exist" in ln for ln in found), lines
        assert any("broken.html: no Content-Security-Policy" in ln for ln in found), lines
        assert (out / "broken.html").is_file()
    assert "unchanged" in lines[-1]


def test_a_page_records_each_question_once(project):
    """The state keeps what a document page asked of the corpus; an entity named ten times
    is one question (the state stays small), and every question has its answer."""
    import json

    from toolkit.io.buildstate import BuildState
    from toolkit.io.cache import Cache

    tei, out, cache = project / "tei", project / "out", project / "cache"
    _build(tei, out, cache)
    state = BuildState.load(Cache(cache), out)
    pages = [p for p in state.files if p.startswith("documents/")]
    assert pages
    asked = 0
    for page in pages:
        queries = state.record(page).queries
        questions = [(kind, json.dumps(question)) for kind, question, _answer in queries]
        assert len(questions) == len(set(questions)), page
        asked += len(questions)
    assert asked > 0 and any(kind == "entity" for page in pages for kind, _q, _a in state.record(page).queries)


def test_search_records_are_kept_and_reused_through_the_memo():
    """A document's search record depends on it and the registers only: the first build
    keeps each in the memo, a second build over the same corpus makes none anew."""
    from conftest import site_of

    from toolkit.io.project import load_edition
    from toolkit.model.digest import Memo

    edition, _ = load_edition(ROOT / "editions" / "odkb.toml")
    first = Memo()
    site_of(CORPUS, edition, memo=first)
    made = {k for (ns, k) in first.new if ns == "search-record"}
    assert len(made) == len(list(CORPUS.glob("*.xml")))
    again = Memo(lambda ns, k: first.new.get((ns, k)))
    site_of(CORPUS, edition, memo=again)
    assert not [k for (ns, k) in again.new if ns == "search-record"]


def test_rebuilds_recycle_the_folder_of_the_build_before(project):
    """The old site is kept beside the new one (.site.spare) and the next rebuild starts from
    it: files that are the live site's files stay, everything else there is deleted, and the
    result is still exactly the clean build's, with only the dependants rewritten."""
    tei, cache, out = project / "tei", project / "cache", project / "site"
    spare = project / ".site.spare"
    _build(tei, out, cache)
    assert not spare.exists()  # nothing to keep yet: there was no old site
    _edit(tei / "news.xml", "провели", "провели в тот день")
    _build(tei, out, cache)
    assert spare.is_dir()  # the first site, kept
    (spare / "stray.txt").write_text("not of any build")
    before = _inodes(out)
    _edit(tei / "appeal.xml", "Содействовать", "Всемерно содействовать")
    lines = _build(tei, out, cache)
    assert "unchanged" in lines[-1], lines
    clean = project / "clean"
    _build(tei, clean, None)
    assert _tree(out) == _tree(clean)  # the news page the spare held in its old form was replaced
    after = _inodes(out)
    rewritten = {p for p in after if before.get(p) != after[p]}
    assert "documents/appeal-2019-05-22.html" in rewritten and "documents/news-report-2019-11-28.html" not in rewritten
    assert not any("news-report" in p for p in rewritten if p.startswith(("api/", "cite/")))
    assert not (out / "stray.txt").exists()
    assert sorted(p.name for p in project.iterdir()) == [".site.spare", "cache", "clean", "site", "tei"]


def test_a_build_without_the_cache_does_not_keep_a_spare(project):
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache)
    _build(tei, out, cache)
    assert (project / ".site.spare").is_dir()
    _build(tei, out, None)
    assert not (project / ".site.spare").exists()


def test_a_place_corrected_in_a_header_remakes_that_index_only(project):
    """The indexes show each document's title and date beside its occurrences: a header's
    place pointed at another entry remakes the places' index, not the persons', the
    organisations' or the chronology."""
    tei, cache, out = project / "tei", project / "cache", project / "site"
    _build(tei, out, cache)
    before = _inodes(out)
    _edit(
        tei / "appeal.xml",
        '<placeName ref="pla:bishkek" evidence="internal">Бишкек</placeName></creation>',
        '<placeName ref="pla:almaty" evidence="internal">Бишкек</placeName></creation>',
    )
    _build(tei, out, cache)
    clean = project / "clean"
    _build(tei, clean, None)
    assert _tree(out) == _tree(clean)
    after = _inodes(out)
    rewritten = {p for p in after if before.get(p) != after[p]}
    assert {"places.html", "documents/appeal-2019-05-22.html"} <= rewritten
    assert not rewritten & {"persons.html", "orgs.html", "chronology.html", "api/dts/collection.json"}
