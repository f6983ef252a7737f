"""The HTML edition, checked with XPath on the pages built from the fixture corpus
(tests/cases/html/corpus: three documents with entities, dates, clauses, corrections,
residue and a candidate register entry).

Longer than the house's 400 lines on purpose: one topic's cases beside the module-scoped
fixtures they share (built once per module); split it when the topic splits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import site_of

from toolkit.io.project import load_edition
from toolkit.model.edition import EditionConfig
from toolkit.render.html.check import parse_page

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "cases" / "html" / "corpus"
NBSP = "\u00a0"
APPEAL = "documents/appeal-2019-05-22.html"
NEWS = "documents/news-report-2019-11-28.html"
STATEMENT = "documents/statement-2021-01-19.html"


@pytest.fixture(scope="module")
def edition() -> EditionConfig:
    config, diags = load_edition(ROOT / "editions" / "odkb.toml")
    assert diags == [] and config is not None
    return config


@pytest.fixture(scope="module")
def site(edition):
    return site_of(CORPUS, edition)


@pytest.fixture(scope="module")
def page(site):
    cache = {}

    def get(path: str):
        if path not in cache:
            cache[path] = parse_page(site[path])
        return cache[path]

    return get


def text(el) -> str:
    """Text content with ASCII whitespace collapsed (no-break spaces are kept)."""
    return re.sub(r"[ \t\r\n]+", " ", el.text_content()).strip(" \t\r\n")


def test_builds_without_diagnostics(site):
    assert [str(d) for d in site.diagnostics] == []
    assert {
        "index.html",
        "persons.html",
        "places.html",
        "orgs.html",
        "chronology.html",
        "network.html",
        "search.html",
        APPEAL,
        NEWS,
        STATEMENT,
        "assets/edition.css",
        "assets/edition.js",
        "assets/search.js",
        "assets/search-data.js",
    } <= set(site)


def test_edition_config(edition):
    assert edition.name == "odkb"
    assert edition.title.startswith("Организация Договора о коллективной безопасности")
    assert edition.documents is None
    assert len(edition.paragraphs) >= 2 and edition.editors


# ---------------------------------------------------------------- home


def test_home_title_and_introduction(page, edition):
    home = page("index.html")
    assert [text(h) for h in home.xpath("//h1")] == [edition.title]
    intro = home.xpath("//div[@class='introduction']/p")
    assert len(intro) == len(edition.paragraphs) and "ОДКБ" in text(intro[0])


def test_home_lists_documents_in_date_order_with_facts(page):
    cards = page("index.html").xpath("//ol[@class='documents']/li")
    assert [c.xpath(".//h3/a/@href")[0] for c in cards] == [APPEAL, NEWS, STATEMENT]
    first = text(cards[0])
    assert "22 мая 2019 г." in first.replace(NBSP, " ") and "Бишкек" in first and "обращение" in first
    assert cards[0].xpath(".//time/@datetime") == ["2019-05-22"]
    assert "не ранее 19 января 2021 г." in text(cards[2]).replace(NBSP, " ") and "заявление" in text(cards[2])


# ---------------------------------------------------------------- document page


def meta_row(doc, term: str) -> list[str]:
    return [
        text(dd).replace(NBSP, " ")
        for dd in doc.xpath(
            f"//dl[@class='meta']/dt[.='{term}']/following-sibling::dd[preceding-sibling::dt[1][.='{term}']]"
        )
    ]


def test_document_metadata_in_words(page):
    doc = page(APPEAL)
    assert text(doc.xpath("//h1")[0]).startswith("Открытое обращение министров")
    assert meta_row(doc, "Жанр") == ["обращение"]
    # stated in the text with high certainty: goes without saying (wording.certainty_note)
    assert meta_row(doc, "Дата") == ["22 мая 2019 г."]
    assert meta_row(doc, "Место") == ["Бишкек"]
    assert "Министерство иностранных дел Российской Федерации" in meta_row(doc, "Источник")[0]
    assert doc.xpath("//dl[@class='meta']//a[@href='https://www.mid.ru/ru/foreign_policy/news/']")
    assert meta_row(doc, "Публикация") == ["Издание «Документы ОДКБ: министры иностранных дел»"]
    assert doc.xpath("//dl[@class='meta']//a[@rel and contains(@rel, 'license')]/@href") == [
        "https://creativecommons.org/licenses/by/4.0/"
    ]
    assert meta_row(doc, "От имени")[0].startswith("Совет министров иностранных дел")


def test_uncertain_dating_is_said_in_words(page):
    doc = page(STATEMENT)
    assert meta_row(doc, "Датировка") == [
        "не ранее 19 января 2021 г. — выведено из текста, достоверно",
        "19 мая 2021 г. — предположение редактора, предположительно",
    ]
    assert meta_row(doc, "Место") == ["Душанбе — предположение редактора, предположительно"]


def test_residue_is_not_printed(page, site):
    doc = page(NEWS)
    assert "Telegram" not in text(doc) and "гиперссылка обязательна" not in text(doc)
    assert b"Telegram" in site["tei/news.xml"]  # the TEI (lossless) still has it


def test_corrections_show_the_edited_reading_and_keep_the_source(page):
    doc = page(NEWS)
    choice = doc.xpath("//span[contains(@class, 'choice-corr')]")[0]
    edited = choice.xpath("span[@class='reading-edited']")[0]
    assert text(edited) == "Токаев" and "в источнике: «Токаве»" in edited.get("title")
    assert text(choice.xpath("span[@class='reading-source']")[0]) == "Токаве"
    assert doc.xpath("//button[contains(@class, 'toggle-source')][@aria-pressed='false']")
    reg = page(APPEAL).xpath("//span[contains(@class, 'choice-reg')]/span[@class='reading-edited']")[0]
    assert text(reg) == "—" and "«-»" in reg.get("title")


def test_clauses_have_permalinks_and_citations(page):
    doc = page(APPEAL)
    clause = doc.xpath("//div[@id='appeal-2019-05-22-3']")[0]
    assert "clause" in clause.get("class") and clause.get("data-n") == "3"
    assert clause.xpath("a[@class='permalink']/@href") == ["#appeal-2019-05-22-3"]
    assert text(clause.xpath("a[@class='permalink']")[0]).replace(NBSP, " ") == "п. 3"
    # "cite this": the button right after the clause's number, GOST and Chicago, the downloads
    (details,) = clause.xpath("a[@class='permalink']/following-sibling::*[1][self::details[@class='cite']]")
    assert text(details.find("summary")).startswith("Цитировать")
    gost = text(details.xpath(".//p[contains(@class, 'cite-gost')]/span[@class='cite-text']")[0]).replace(NBSP, " ")
    assert gost.startswith("Открытое обращение министров иностранных дел")
    assert (
        " : 22.05.2019, Бишкек / Совет министров иностранных дел Организации Договора о коллективной безопасности // "
        in gost
    )
    assert gost.endswith(
        " – П. 3. – URL: documents/appeal-2019-05-22.html#appeal-2019-05-22-3 (дата обращения: ). – Текст : электронный."
    )
    url = details.xpath(".//p[contains(@class, 'cite-gost')]//a[@class='cite-url']")[0]
    assert url.get("href") == "#appeal-2019-05-22-3"  # the script shows its absolute address
    assert details.xpath(".//span[@class='cite-accessed']/@hidden") == [""]  # today's date, by the script
    chicago = text(details.xpath(".//p[contains(@class, 'cite-chicago')]/span[@class='cite-text']")[0])
    assert "May 22, 2019, para. 3, documents/appeal-2019-05-22.html#appeal-2019-05-22-3." in chicago
    downloads = details.xpath(".//p[@class='cite-downloads']/a/@href")
    assert downloads == [f"../cite/appeal-2019-05-22.{ext}" for ext in ("bib", "ris", "json")]  # the document's files
    pre = doc.xpath("//div[@id='appeal-2019-05-22-PP1']//a[@class='permalink']")[0]
    assert pre.get("title") == "Постоянная ссылка: абз. 1 преамбулы"
    # the document's own "cite this", among its tools
    whole = doc.xpath("//div[@class='doc-tools']/details[contains(@class, 'cite-document')]")[0]
    assert "#" not in text(whole.xpath(".//p[contains(@class, 'cite-gost')]")[0])
    assert whole.xpath(".//p[@class='cite-downloads']/a/@href")[0] == "../cite/appeal-2019-05-22.bib"
    items = page(NEWS).xpath("//ol[contains(@class, 'list-decisions')]/li")
    assert [li.get("id") for li in items] == ["news-report-2019-11-28-item1", "news-report-2019-11-28-item2"]
    item_gost = items[1].xpath(".//details[@class='cite']//p[contains(@class, 'cite-gost')]")[0]
    assert " – П. 2 перечня. – URL: " in text(item_gost).replace(NBSP, " ")


def test_every_mention_links_to_its_index_entry_with_a_tooltip(page):
    doc = page(NEWS)
    putin = doc.xpath("//div[@class='reading']//a[@data-ref='per:putin']")[0]
    assert putin.get("href") == "../persons.html#putin"
    assert putin.get("title") == "Путин, Владимир Владимирович — Президент Российской Федерации"
    assert putin.get("data-tip") == putin.get("title")
    bishkek = doc.xpath("//div[@class='reading']//a[@data-ref='pla:bishkek']")[0]
    assert bishkek.get("href") == "../places.html#bishkek" and bishkek.get("title") == "Бишкек — город, Кыргызстан"
    org = doc.xpath("//div[@class='reading']//a[@data-ref='org:csto']")[0]
    assert org.get("href") == "../orgs.html#csto" and org.get("title").startswith(
        "Организация Договора о коллективной безопасности — организация"
    )
    candidate = page(STATEMENT).xpath("//a[@data-ref='per:yolkin']")[0]
    assert "candidate" in candidate.get("class") and "кандидат, не проверен" in candidate.get("title")


def test_dates_link_to_the_chronology(page):
    doc = page(NEWS)
    dates = doc.xpath("//div[@class='reading']//a[contains(@class, 'date')]")
    hrefs = [d.get("href") for d in dates]
    assert "../chronology.html#date-2019-05" in hrefs and "../chronology.html#date-1941--1945" in hrefs
    inferred = doc.xpath("//a[@href='../chronology.html#date-2018']")[0]
    assert "выведено из текста, вероятно" in inferred.get("title") and "uncertain" in inferred.get("class")
    assert doc.xpath("//a[@href='../chronology.html#date-2019-11-28']/time/@datetime") == ["2019-11-28", "2019-11-28"]


def test_tei_download(page, site):
    doc = page(APPEAL)
    assert doc.xpath("//a[@href='../tei/appeal.xml'][@download]")
    assert site["tei/appeal.xml"] == (CORPUS / "appeal.xml").read_bytes()
    assert site["tei/registers/persons.xml"] == (CORPUS / "registers" / "persons.xml").read_bytes()


def test_mentions_and_search_filters(page):
    doc = page(NEWS)
    assert doc.xpath("//article[@data-pagefind-body]")
    assert doc.xpath("//dd[@data-pagefind-filter='genre']/text()") == ["новостное сообщение"]
    assert doc.xpath("//p[@class='kicker']/@data-pagefind-filter") == ["year:2019"]
    persons = doc.xpath("//a[@data-pagefind-filter='person']/text()")
    assert persons == [
        "Жээнбеков, Сооронбай Шарипович",
        "Путин, Владимир Владимирович",
        "Токаев, Касым-Жомарт Кемелевич",
    ]
    assert "Сирия" in doc.xpath("//a[@data-pagefind-filter='place']/text()")


# ---------------------------------------------------------------- indexes


def test_person_index_entries(page):
    idx = page("persons.html")
    entry = idx.xpath("//article[@id='putin']")[0]
    assert text(entry.xpath("h3")[0]) == "Путин, Владимир Владимирович"
    assert text(entry.xpath("p[@class='role']")[0]) == "Президент Российской Федерации"
    assert "В. В. Путин" in text(entry.xpath("p[@class='variants']")[0]).replace(NBSP, " ")
    assert entry.xpath(".//a[@href='https://www.wikidata.org/wiki/Q7747']")
    groups = entry.xpath("ul[@class='occurrences']/li")
    assert [g.xpath("a[@class='occ-doc']/@href")[0] for g in groups] == [APPEAL, NEWS]
    assert groups[0].xpath("a[@class='occ']/@href") == [f"{APPEAL}#appeal-2019-05-22-2"]
    assert groups[1].xpath("a[@class='occ']/@href") == [f"{NEWS}#news-report-2019-11-28-p2"]
    assert "residue" not in str(groups)  # the mention in the page clutter is not indexed


def test_occurrences_are_grouped_and_counted(page):
    tokayev = page("persons.html").xpath("//article[@id='tokayev']")[0]
    links = tokayev.xpath(".//a[@class='occ']")
    assert [a.get("href").partition("#")[2] for a in links] == [
        "news-report-2019-11-28-argument",
        "news-report-2019-11-28-p1",
        "news-report-2019-11-28-p2",
        "news-report-2019-11-28-p4",
    ]
    assert text(links[0]) == "подзаголовок"


def test_russian_order_with_yo_under_ye_and_letter_bar(page):
    idx = page("persons.html")
    assert idx.xpath("//article[contains(@class,'entry')]/@id") == ["yolkin", "jeenbekov", "putin", "tokayev"]
    bar = idx.xpath("//nav[@class='letters']//li")
    assert [text(li) for li in bar][:6] == ["А", "Б", "В", "Г", "Д", "Е"]
    assert idx.xpath("//nav[@class='letters']//a/@href") == ["#letter-e", "#letter-zh", "#letter-p", "#letter-t"]
    assert idx.xpath("//section[h2[@id='letter-e']]/article/@id") == ["yolkin"]
    places = page("places.html").xpath("//article[contains(@class,'entry')]/@id")
    assert places == ["almaty", "bishkek", "dushanbe", "eurasia", "kazakhstan", "kyrgyzstan", "syria"]


def test_candidates_are_marked(page):
    entry = page("persons.html").xpath("//article[@id='yolkin']")[0]
    assert "candidate" in entry.get("class")
    assert entry.xpath("h3/span[contains(@class,'badge')]/text()") == ["кандидат, не проверен"]


def test_place_and_org_roles(page):
    almaty = page("places.html").xpath("//article[@id='almaty']")[0]
    assert text(almaty.xpath("p[@class='role']")[0]) == "город, Казахстан"
    assert "Wikidata: Q35493" in text(almaty)
    cmfa = page("orgs.html").xpath("//article[@id='csto-cmfa']")[0]
    assert (
        text(cmfa.xpath("p[@class='role']")[0]) == "орган, в составе: Организация Договора о коллективной безопасности"
    )
    assert cmfa.xpath(".//a[@class='occ']/@href") == [f"{APPEAL}#doc-meta"]  # the issuer, in the header


def test_chronology(page):
    chrono = page("chronology.html")
    ids = chrono.xpath("//article[contains(@class,'date-entry')]/@id")
    assert ids[0] == "date-1941--1945" and ids.index("date-2018") < ids.index("date-2019-05") < ids.index(
        "date-2019-05-22"
    )
    assert (
        ids.index("date-2018") < ids.index("date-2019--2021") < ids.index("date-2019-05") < ids.index("date-2019-11-28")
    )
    assert "date-nb-2021-01-19" in ids
    entry = chrono.xpath("//article[@id='date-2019-05-22']")[0]
    assert text(entry.xpath("h3")[0]).replace(NBSP, " ") == "22 мая 2019 г."
    hrefs = entry.xpath(".//a[@class='occ']/@href")
    assert f"{APPEAL}#appeal-2019-05-22-dateline" in hrefs and f"{APPEAL}#doc-meta" in hrefs
    assert "«22 мая 2019 года»" in text(entry).replace(NBSP, " ")
    assert chrono.xpath("//h2[@id='year-2019']") and chrono.xpath("//nav//a[@href='#year-2019']")
    year2018 = chrono.xpath("//article[@id='date-2018']")[0]
    assert "выведено из текста, вероятно" in text(year2018)


# ---------------------------------------------------------------- quality

QUALITY_PAGES = [
    "index.html",
    APPEAL,
    NEWS,
    STATEMENT,
    "persons.html",
    "places.html",
    "chronology.html",
    "network.html",
    "search.html",
]


@pytest.mark.parametrize("path", QUALITY_PAGES)
def test_page_basics(site, page, path):
    data = site[path]
    assert data.startswith(b'<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8">')
    doc = page(path)
    assert doc.xpath("//meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"]
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "default-src 'self'" in csp
    assert len(doc.xpath("//h1")) == 1
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    scripts = [s for s in doc.iter("script") if s.get("type") != "application/ld+json"]
    assert scripts and all(s.get("src") and not (s.text or "").strip() for s in scripts)
    assert all(not s.get("src") and "<" not in s.text for s in doc.xpath("//script[@type='application/ld+json']"))
    assert not doc.xpath("//@style | //style")
    assert doc.xpath("//a[@class='skip-link'][@href='#main']") and doc.xpath("//main[@id='main']")
    # no resource from outside the site (no CDN, no web fonts)
    assert not [u for u in doc.xpath("//script/@src | //link/@href") if re.match(r"^(https?:)?//", u)]


@pytest.mark.parametrize("path", QUALITY_PAGES)
def test_pages_parse_as_html5_without_errors(site, path):
    html5lib = pytest.importorskip("html5lib", reason="html5lib is a test dependency (pip install html5lib)")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(site[path])  # raises ParseError on any HTML5 parse error


def test_css_focus_and_small_screens(site):
    css = site["assets/edition.css"].decode()
    assert ":focus-visible" in css and "outline" in css
    assert "@media (max-width" in css
    assert "@import" not in css and "url(" not in css  # no external fonts or images


def test_russian_typography(page):
    reading = text(page(APPEAL).xpath("//div[@id='appeal-2019-05-22-2']")[0])
    assert f"В.{NBSP}В.{NBSP}Путин" in reading
    assert f"Путин,{NBSP}— ежегодно" in reading
    assert f"государств{NBSP}– членов" in text(page(APPEAL).xpath("//div[@id='appeal-2019-05-22-chapeau']")[0])
    news = text(page(NEWS).xpath("//p[@id='news-report-2019-11-28-p4']")[0])
    assert f"«Мы не противостоим кому-либо»,{NBSP}— сказал" in news


def test_build_is_deterministic(edition, site):
    again = site_of(CORPUS, edition)
    assert dict(again) == dict(site)


def test_selection_of_documents(edition):
    import dataclasses

    only = dataclasses.replace(edition, documents=("news",))
    files = site_of(CORPUS, only)
    assert [p for p in files if p.startswith("documents/")] == [NEWS]
    assert files.ok
    missing = site_of(CORPUS, dataclasses.replace(edition, documents=("news", "nope")))
    assert not missing.ok
    assert any(d.code == "edition.missing-document" and d.path.endswith("nope.xml") for d in missing.diagnostics)
