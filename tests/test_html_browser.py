"""The site in a real browser: Debian's Chromium, headless, driven by playwright-python
(the package only: it never downloads a browser). The site is served from 127.0.0.1 by a
local http.server thread. A reader opens the home page, follows a document, a person to
the index and on to the occurrence, uses the keyboard, shows the source's reading, and
searches (Pagefind over http, the offline engine from file://). The figures (the seeds'
edition): seen from disk with the site's scripts blocked, under the page's CSP, a
screenshot of each, their marks reached by keyboard and followed, and axe-core (shipped
inside the pinned axe-playwright-python: nothing fetched) finding no violation on the
pages that carry them. Never skipped: without Chromium or playwright the test fails and
says how to get them.

Longer than the house's 400 lines on purpose: one topic's cases beside the module-scoped
fixtures they share (built once per module); split it when the topic splits."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from toolkit.commands.build import run_html as run_build_html

pytestmark = pytest.mark.slow  # a real browser (Chromium) drives the site

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "cases" / "html" / "corpus"
EDITION = ROOT / "editions" / "odkb.toml"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NEWS = "documents/news-report-2019-11-28.html"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "html"
    lines: list[str] = []
    assert run_build_html(CORPUS, EDITION, out, lines.append) == 0, lines
    return out


def _serve(folder: Path):
    """Serve `folder` over http on a free port while the fixture lives; yields its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(site):
    yield from _serve(site)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright (the Python package) is not installed: run `make test`, which installs the test tools")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(
            f"Chromium is not installed ({CHROMIUM}): run `make test`, which installs Debian's chromium package"
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            headless=True,
            args=FLAGS,
            viewport={"width": 1100, "height": 900},
            locale="ru-RU",
        )
        yield context
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    page.close()


def target_id(page) -> str | None:
    return page.evaluate("() => { const t = document.querySelector(':target'); return t ? t.id : null; }")


def test_reader_follows_a_person_to_the_index_and_back(page, server, tmp_path):
    page.goto(server + "index.html")
    assert page.locator("h1").inner_text().startswith("Организация Договора о коллективной безопасности")
    page.locator(f"ol.documents a[href='{NEWS}']").click()
    page.wait_for_url("**/" + NEWS)
    putin = page.locator(".reading a[data-ref='per:putin']").first
    assert putin.get_attribute("title") == "Путин, Владимир Владимирович — Президент Российской Федерации"
    putin.click()
    page.wait_for_url("**/persons.html#putin")
    assert target_id(page) == "putin"
    assert page.locator("#putin h3").inner_text() == "Путин, Владимир Владимирович"
    page.locator(f"#putin a.occ[href='{NEWS}#news-report-2019-11-28-p2']").click()
    page.wait_for_url("**/" + NEWS + "#news-report-2019-11-28-p2")
    assert target_id(page) == "news-report-2019-11-28-p2"
    assert page.locator(":target a[data-ref='per:putin']").count() == 1
    shot = tmp_path / "occurrence.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.errors == []


def test_keyboard_and_toggles(page, server):
    page.goto(server + NEWS)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert focused == ["skip-link", "solid"]  # the first Tab reaches the skip link, with a visible focus ring
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
    # entity links are reachable by keyboard and show their tooltip on focus
    page.locator(".reading a[data-ref='per:tokayev']").first.focus()
    tip = page.evaluate("() => getComputedStyle(document.activeElement, '::before').content")
    assert "Токаев, Касым-Жомарт Кемелевич" in tip
    # the editor's correction, and the source's reading on request
    edited = page.locator(".choice-corr .reading-edited")
    source = page.locator(".choice-corr .reading-source")
    assert edited.is_visible() and not source.is_visible()
    toggle = page.locator("button.toggle-source")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert source.is_visible() and source.inner_text() == "Токаве" and not edited.is_visible()
    # the citation of a list item: opened with the keyboard, with this page's address
    summary = page.locator("#news-report-2019-11-28-item2 details.cite summary")
    summary.focus()
    page.keyboard.press("Enter")
    cite = page.locator("#news-report-2019-11-28-item2 .cite-gost .cite-text").inner_text()
    assert "П. 2 перечня" in cite and (server + NEWS + "#news-report-2019-11-28-item2") in cite
    assert page.errors == []


def test_residue_hidden_and_phone_layout(browser, server, tmp_path):
    phone = browser.new_page()
    phone.set_viewport_size({"width": 375, "height": 740})
    phone.goto(server + NEWS)
    assert "Telegram" not in phone.locator("body").inner_text()
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width}px wide on a 375px screen"
    phone.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    phone.close()


def test_search_with_pagefind(page, server, tmp_path):
    page.goto(server + "search.html")
    page.wait_for_selector("html[data-search-engine]", state="attached")
    assert page.evaluate("() => document.documentElement.dataset.searchEngine") == "pagefind"
    page.fill("#search-q", "безопасностью")  # stemmed: finds «безопасности»
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li")
    hrefs = page.eval_on_selector_all("#search-results h2 a", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("news-report-2019-11-28.html") for h in hrefs)
    assert page.locator("#search-results mark").count() > 0
    # a filter narrows the results (filters come from data-pagefind-filter)
    options = page.eval_on_selector_all("#filter-person option", "els => els.map(e => e.value)")
    assert "Путин, Владимир Владимирович" in options
    page.fill("#search-q", "")
    page.select_option("#filter-person", "Жээнбеков, Сооронбай Шарипович")
    page.wait_for_selector("#search-status:has-text('Найдено: 1 документ')")
    first = page.locator("#search-results h2 a").first
    assert first.get_attribute("href").endswith("news-report-2019-11-28.html")
    shot = tmp_path / "search.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    first.click()
    page.wait_for_url("**/news-report-2019-11-28.html")
    assert page.errors == []


def test_search_from_disk_uses_the_offline_engine(page, site):
    page.goto((site / "search.html").as_uri() + "?q=" + "Бишкеке")
    page.wait_for_selector("html[data-search-engine]", state="attached")
    assert page.evaluate("() => document.documentElement.dataset.searchEngine") == "offline"
    assert "file://" in page.locator("#search-mode").inner_text()
    page.wait_for_selector("#search-results li")
    links = page.eval_on_selector_all("#search-results .sub-results a", "els => els.map(e => e.getAttribute('href'))")
    assert "documents/news-report-2019-11-28.html#news-report-2019-11-28-p1" in links
    page.select_option("#filter-genre", "обращение")
    page.wait_for_selector("#search-status:has-text('Найдено: 1 документ')")
    # Russian word forms: «безопасностью» finds «безопасности», «Токаева» finds «Токаев»
    for query, form in (("безопасностью", "безопасности"), ("Токаева", "Токаев")):
        page.goto((site / "search.html").as_uri() + "?q=" + query)
        page.wait_for_selector("#search-results mark")
        assert form in page.eval_on_selector_all("#search-results mark", "els => els.map(e => e.textContent)")
    # a name in Latin script finds the paragraph that names the person in Russian
    page.goto((site / "search.html").as_uri() + "?q=Tokayev")
    page.wait_for_selector("#search-results li")
    links = page.eval_on_selector_all("#search-results .sub-results a", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.startswith("documents/news-report-2019-11-28.html#") for h in links), links
    assert page.locator("#search-entries a[href='persons.html#tokayev']").count() == 1
    assert page.errors == []


@pytest.fixture(scope="module")
def split_server(tmp_path_factory):
    """The same corpus with its search index split into one Pagefind bundle per document."""
    folder = tmp_path_factory.mktemp("split")
    edition = folder / "odkb.toml"
    edition.write_text(EDITION.read_text(encoding="utf-8") + "\n[html]\nsearch_shard_size = 1\n", encoding="utf-8")
    out = folder / "html"
    lines: list[str] = []
    assert run_build_html(CORPUS, edition, out, lines.append) == 0, lines
    assert (out / "pagefind-2" / "pagefind-entry.json").is_file()
    yield from _serve(out)


def test_search_over_a_split_index(page, split_server):
    """Results and filters come from every bundle, as from one index."""
    page.goto(split_server + "search.html")
    page.wait_for_selector("html[data-search-engine]", state="attached")
    assert page.evaluate("() => document.documentElement.dataset.searchEngine") == "pagefind"
    options = page.eval_on_selector_all("#filter-genre option", "els => els.map(e => e.value)")
    assert len([o for o in options if o]) >= 2  # genres of documents in different bundles
    page.fill("#search-q", "ОДКБ")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li")
    hrefs = page.eval_on_selector_all("#search-results h2 a", "els => els.map(e => e.getAttribute('href'))")
    assert len(set(hrefs)) == 3, hrefs  # every document, each from its own bundle
    assert page.errors == []


# ---------------------------------------------------------------- notes and the apparatus (issue 13)

EVERY = ROOT / "tests" / "cases" / "editor"
EVERY_PAGE = "documents/statement-2021-05-19.html"
NOTE = "#statement-2021-05-19-note1"
NOTE_MARK = "label[for='statement-2021-05-19-note1-mark']"
APP_ENTRY = "#statement-2021-05-19-p4 .app-entry"
APP_MARK = "#statement-2021-05-19-p4 label.app-mark"


@pytest.fixture(scope="module")
def every_site(tmp_path_factory) -> Path:
    """The document with every element the schema admits, built as a project would build it."""
    folder = tmp_path_factory.mktemp("every")
    shutil.copytree(ROOT / "tei" / "registers", folder / "tei" / "registers")
    shutil.copytree(EVERY / "images", folder / "tei" / "images")
    shutil.copyfile(EVERY / "every-element.xml", folder / "tei" / "every-element.xml")
    mp = pytest.MonkeyPatch()
    mp.chdir(folder)  # the images are published only from inside the project
    try:
        lines: list[str] = []
        assert run_build_html(Path("tei"), EDITION, folder / "html", lines.append, search=False) == 0, lines
    finally:
        mp.undo()
    return folder / "html"


def _reader_page(browser, script: bool):
    """A page of the browser, running script or not (as a reader who switched it off), with
    the errors it reports."""
    page = browser.new_page()
    if not script:
        browser.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_notes_beside_the_text_and_readings_on_demand(browser, every_site, script):
    page = _reader_page(browser, script)
    page.goto((every_site / EVERY_PAGE).as_uri())
    # edition.js shows the source-spelling switch and writes the citation's full address:
    # proof of whether the page runs script
    assert page.locator("button.toggle-source").is_visible() is script
    assert page.locator(".cite-url").first.text_content().startswith("file:") is script
    # a wide screen: the note stands in the margin, right of its paragraph, without a click
    note, paragraph = page.locator(NOTE), page.locator("#statement-2021-05-19-p3")
    assert note.is_visible() and "Формула вежливости" in note.inner_text()
    assert note.bounding_box()["x"] >= paragraph.bounding_box()["x"] + paragraph.bounding_box()["width"]
    # the variant readings open and close on their lettered mark, by mouse and by keyboard
    entry, mark = page.locator(APP_ENTRY), page.locator(APP_MARK)
    assert not entry.is_visible() and mark.inner_text() == "а"
    mark.click()
    assert entry.is_visible() and "государства\u00a0– члены wit-press" in entry.inner_text()
    mark.click()
    assert not entry.is_visible()
    page.locator("#statement-2021-05-19-p4 input.app-toggle").focus()
    page.keyboard.press("Space")
    assert entry.is_visible()
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_notes_and_readings_on_a_phone(browser, every_site, tmp_path, script):
    phone = _reader_page(browser, script)
    phone.set_viewport_size({"width": 375, "height": 740})
    phone.goto((every_site / EVERY_PAGE).as_uri())
    note = phone.locator(NOTE)
    assert not note.is_visible()  # no margin: the note waits for its mark
    phone.locator(NOTE_MARK).click()
    assert note.is_visible()
    box = note.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    phone.locator(APP_MARK).click()
    assert phone.locator(APP_ENTRY).is_visible()
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width}px wide on a 375px screen"  # tables scroll inside themselves
    phone.screenshot(path=str(tmp_path / "every-phone.png"), full_page=True)
    assert phone.errors == []
    phone.close()


# ---------------------------------------------------------------- the figures (issue 16)

SEEDS = ROOT / "tei"
FIGURE_PAGES = {  # page → the figure on it
    "places.html": "chart-map",
    "chronology.html": "chart-timeline",
    "network.html": "chart-network",
    "documents/news-report-2019-11-28.html": "chart-docmap",
}


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory) -> Path:
    """The seeds' edition: every picture has marks, countries, spans and uncertain dates."""
    out = tmp_path_factory.mktemp("seeds") / "html"
    lines: list[str] = []
    assert run_build_html(SEEDS, EDITION, out, lines.append, search=False) == 0, lines
    return out


def _axe(page) -> list[str]:
    """axe-core's violations on the page, one line each (axe-playwright-python's copy of
    axe.min.js, put in through the browser's debugging protocol, which the page's CSP does
    not govern; the site's own scripts stay blocked)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.fail("axe-playwright-python (the test extra) is not installed: run `make test`")
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("path", sorted(FIGURE_PAGES))
def test_figures_are_seen_without_script_and_pass_axe(page, seeds_site, path, tmp_path):
    """From disk (file://), the site's scripts blocked: the figure is drawn (a screenshot of
    it, not a blank box), its CSP is honoured (a violation is a console error), and
    axe-core finds nothing on the page."""
    page.route("**/*.js", lambda route: route.abort())
    page.goto((seeds_site / path).as_uri())
    figure = page.locator(f"figure#{FIGURE_PAGES[path]}")
    svg = figure.locator("svg")
    box = svg.bounding_box()
    assert box and box["width"] >= 300 and box["height"] >= 150, box
    assert svg.locator("a").count() > 0
    shot = tmp_path / f"{FIGURE_PAGES[path]}.png"
    figure.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 15_000, len(data)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 300 and height >= 150
    # only the blocked scripts were refused: no CSP violation, no other error
    assert [e for e in page.errors if "ERR_FAILED" not in e] == []
    assert _axe(page) == []  # (axe itself then fails to read the stylesheet over file://: not the page's error)


def test_figure_marks_are_reached_by_keyboard_and_followed(page, seeds_site):
    page.goto((seeds_site / "places.html").as_uri())
    marker = page.locator("figure#chart-map svg a.place").first
    label = marker.get_attribute("aria-label")
    marker.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == label
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.length > 1")
    key = page.evaluate("() => location.hash.slice(1)")
    assert page.locator(f"article#{key} h3").inner_text().startswith(label.split(" — ")[0])
    # a miniature's marker leads to the places index; a node of the network to its entry
    page.goto((seeds_site / "documents/news-report-2019-11-28.html").as_uri())
    page.locator("figure#chart-docmap svg a.place").first.click()
    page.wait_for_url("**/places.html#*")
    page.goto((seeds_site / "network.html").as_uri())
    page.locator("figure#chart-network svg a.node").first.click()
    page.wait_for_url("**/orgs.html#*")
    assert page.errors == []


def test_axe_finds_a_fault_when_there_is_one(page, seeds_site):
    """The harness is not blind: the places page with an unlabelled image and a link
    without a name put into its figure fails axe with those rules."""
    page.goto((seeds_site / "places.html").as_uri())
    page.evaluate(
        """() => {
            const art = document.querySelector('figure#chart-map .chart-art');
            art.insertAdjacentHTML('beforeend', '<img src="data:,"><a href="#x"></a>');
        }"""
    )
    found = " ".join(_axe(page))
    assert "image-alt" in found and "link-name" in found


# ---------------------------------------------------------------- the real corpus: Latin names, "cite this"

APPEAL = "documents/appeal-2019-05-22.html"  # tei/000_5d5ba4abf0d3ebed.xml, the 2019 appeal


@pytest.fixture(scope="module")
def tei_server(tmp_path_factory):
    """The edition of tei/ as it is, served over http."""
    out = tmp_path_factory.mktemp("tei-site") / "html"
    lines: list[str] = []
    assert run_build_html(ROOT / "tei", EDITION, out, lines.append) == 0, lines
    yield from _serve(out)


def test_search_finds_a_document_by_a_latin_name(page, tei_server):
    page.goto(tei_server + "search.html")
    page.wait_for_selector("html[data-search-engine='pagefind']", state="attached")
    page.fill("#search-q", "Tokayev")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li")
    hrefs = page.eval_on_selector_all("#search-results h2 a", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("news-report-2019-11-28.html") for h in hrefs), hrefs
    # and the index entry, found by its Latin name
    entries = page.eval_on_selector_all("#search-entries a", "els => els.map(e => e.getAttribute('href'))")
    assert "persons.html#tokayev" in entries
    page.locator("#search-results h2 a[href$='news-report-2019-11-28.html']").first.click()
    page.wait_for_url("**/news-report-2019-11-28.html")
    assert "Kassym-Jomart Tokayev" in page.locator("section.mentions").inner_text()
    assert page.errors == []


def test_copy_the_gost_reference_of_clause_3_of_the_2019_appeal(browser, page, tei_server):
    import datetime

    from toolkit.io.project import load_corpus, load_edition
    from toolkit.model.citable import citable_units
    from toolkit.render.data import citation
    from toolkit.render.data.links import DataLinks

    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=tei_server.rstrip("/"))
    page.goto(tei_server + APPEAL)
    clause = page.locator("#appeal-2019-05-22-3")
    button = clause.locator("> details.cite > summary")
    assert button.is_visible() and button.inner_text().startswith("Цитировать")
    # the button sits by the clause's number, before the text
    number, cite = clause.locator("> a.permalink").bounding_box(), button.bounding_box()
    assert abs(cite["x"] + cite["width"] - (number["x"] + number["width"])) < 40 and cite["y"] < number["y"] + 40
    button.click()
    gost = clause.locator("p.cite-gost")
    assert gost.is_visible()
    gost.locator("button.copy").click()
    page.wait_for_selector("#appeal-2019-05-22-3 p.cite-gost button.copy[data-copied]", state="attached")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    # what citeproc-py gives for this clause at this page's address, read today
    corpus, _ = load_corpus(ROOT / "tei")
    edition, _ = load_edition(EDITION)
    appeal = next(d for d in corpus.documents if d.docid == "appeal-2019-05-22")
    refs = citation.references(
        appeal, citable_units(appeal.tree), edition, DataLinks(tei_server), accessed=datetime.date.today()
    )
    expected = refs["appeal-2019-05-22-3"]["gost"]
    assert copied == expected
    assert copied.startswith("Открытое обращение министров иностранных дел государств – членов")
    assert f" – П. 3. – URL: {tei_server}{APPEAL}#appeal-2019-05-22-3 (дата обращения: " in copied
    assert copied.endswith("). – Текст : электронный.")
    assert gost.locator("button.copy").get_attribute("data-copied") == copied
    assert "скопирована" in clause.locator(".cite-status").inner_text()
    assert page.errors == []
