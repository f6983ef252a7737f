"""The site in a real browser: Debian's Chromium, headless, driven by playwright-python
(the package only: it never downloads a browser). The site is served from 127.0.0.1 by a
local http.server thread. A reader opens the home page, follows a document, a person to
the index and on to the occurrence, uses the keyboard, shows the source's reading, and
searches (Pagefind over http, the offline engine from file://). Never skipped: without
Chromium or playwright the test fails and says how to get them."""

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


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


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
    handler = functools.partial(QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


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


# ---------------------------------------------------------------- the real corpus: Latin names, "cite this"

APPEAL = "documents/appeal-2019-05-22.html"  # tei/000_5d5ba4abf0d3ebed.xml, the 2019 appeal


@pytest.fixture(scope="module")
def tei_server(tmp_path_factory):
    """The edition of tei/ as it is, served over http."""
    out = tmp_path_factory.mktemp("tei-site") / "html"
    lines: list[str] = []
    assert run_build_html(ROOT / "tei", EDITION, out, lines.append) == 0, lines
    handler = functools.partial(QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


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
