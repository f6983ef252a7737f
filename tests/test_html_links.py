"""Link checking over the whole built site: every href and #anchor resolves, every TEI
mention has its index link, and the index links back to the exact clause or paragraph.
Run on the fixture corpus and on the project's corpus (tei/, or the seeds converted)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import site_of
from lxml import etree

from toolkit.model.edition import EditionConfig
from toolkit.model.tei import NS
from toolkit.render.html.check import check_site, parse_page, resolve

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "cases" / "html" / "corpus"
EDITION = EditionConfig("test", "Тестовое издание")
ENTITY_XPATH = "//tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName][@ref][not(ancestor::tei:div[@type='residue'])]"
DATE_XPATH = (
    "//tei:text//tei:date[@when or @from or @to or @notBefore or @notAfter][not(ancestor::tei:div[@type='residue'])]"
)


def project_corpus(tmp_path_factory) -> Path:
    """tei/ when the master copy has documents; else the seeds converted into a tmp folder."""
    if list((ROOT / "tei").glob("*.xml")):
        return ROOT / "tei"
    out = tmp_path_factory.mktemp("tei")
    shutil.copytree(ROOT / "tei" / "registers", out / "registers")
    from click.testing import CliRunner

    from toolkit.cli import main

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        seeds = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
        result = CliRunner().invoke(main, ["convert", *seeds, "-o", str(out)])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module", params=["fixture", "project"])
def built(request, tmp_path_factory):
    corpus = FIXTURE if request.param == "fixture" else project_corpus(tmp_path_factory)
    files = site_of(corpus, EDITION)
    assert files.ok, [str(d) for d in files.diagnostics]
    pages = {p: parse_page(d) for p, d in files.items() if p.endswith(".html")}
    return corpus, files, pages


def nearest_id(el) -> str:
    for a in el.iterancestors():
        if a.get("id"):
            return a.get("id")
    raise AssertionError(f"no anchor around {etree.tostring(el)[:80]!r}")


def test_every_link_resolves(built):
    _, files, _ = built
    assert check_site(files) == []


def test_every_tei_mention_is_linked_to_its_index_entry(built):
    corpus, files, pages = built
    for path in sorted(corpus.glob("*.xml")):
        tei = etree.parse(str(path))
        docid = tei.getroot().get("{http://www.w3.org/XML/1998/namespace}id")
        page = pages[f"documents/{docid}.html"]
        mentions = [el.get("ref") for el in tei.xpath(ENTITY_XPATH, namespaces=NS)]
        linked = page.xpath("//div[@class='reading']//a[@data-ref]/@data-ref")
        assert sorted(linked) == sorted(mentions), path.name
        dates = tei.xpath(DATE_XPATH, namespaces=NS)
        linked_dates = page.xpath("//div[@class='reading']//a[contains(concat(' ', @class, ' '), ' date ')]")
        assert len(linked_dates) == len(dates), path.name


def test_index_links_back_to_the_exact_anchor(built):
    _, files, pages = built
    checked = 0
    for path, page in pages.items():
        if not path.startswith("documents/"):
            continue
        for a in page.xpath(
            "//div[@class='reading']//a[@data-ref] | //div[@class='reading']//a[contains(@class, 'date')]"
        ):
            target, frag = resolve(path, a.get("href"))
            entry = pages[target].xpath(f"//article[@id='{frag}']")
            assert entry, f"{path}: {a.get('href')} has no entry"
            back = {resolve(target, h) for h in entry[0].xpath(".//a[@class='occ']/@href")}
            assert (path, nearest_id(a)) in back, f"{target}#{frag} does not link back to {path}#{nearest_id(a)}"
            checked += 1
    assert checked > 10


def test_every_occurrence_lands_on_a_mention(built):
    _, files, pages = built
    for index_page in ("persons.html", "places.html", "orgs.html"):
        prefix = {"persons.html": "per", "places.html": "pla", "orgs.html": "org"}[index_page]
        for entry in pages[index_page].xpath("//article[contains(@class, 'entry')]"):
            ref = f"{prefix}:{entry.get('id')}"
            for href in entry.xpath(".//a[@class='occ']/@href"):
                target, frag = resolve(index_page, href)
                anchored = pages[target].xpath(f"//*[@id='{frag}']")
                assert anchored, href
                if frag == "doc-meta":
                    assert anchored[0].xpath(f".//a[@href='../{index_page}#{entry.get('id')}']"), href
                else:
                    assert anchored[0].xpath(f".//a[@data-ref='{ref}']"), f"{href} holds no mention of {ref}"


def test_search_data_points_at_real_anchors(built):
    import json

    _, files, pages = built
    data = files["assets/search-data.js"].decode()
    assert data.startswith("window.EDITION_SEARCH = ") and data.rstrip().endswith(";")
    payload = json.loads(data[len("window.EDITION_SEARCH = ") :].rstrip().rstrip(";"))
    for doc in payload["documents"]:
        assert doc["url"] in pages
        ids = set(pages[doc["url"]].xpath("//@id"))
        assert doc["blocks"] and all(b["a"] in ids and b["t"] for b in doc["blocks"])


GOOD_HEAD = (
    '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width">'
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'\">"
    "<title>t</title></head><body>"
)


def test_the_checker_passes_a_good_page_and_finds_each_fault():
    good = (
        GOOD_HEAD
        + '<h1 id="top">Заголовок</h1><p id="p1"><a href="#p1">к абзацу</a> <a href="b.html#x">дальше</a></p></body></html>'
    )
    other = GOOD_HEAD + '<h1 id="x">Б</h1></body></html>'
    assert check_site({"a.html": good.encode(), "b.html": other.encode()}) == []
    bad = (
        "<html><head><title>t</title><style>p{}</style></head><body>"
        '<h1 id="d">Один</h1><h1 id="d">Два</h1>'
        '<p style="color:red" onClick="x()"><a>без ссылки</a> <a href="#p1"> </a>'
        '<a href="javascript:alert(1)">опасно</a> <img src="//evil.example/x.png" alt="">'
        '<a href="missing.html">нет файла</a> <a href="b.html#nowhere">нет якоря</a></p>'
        "<script>alert(1)</script></body></html>"
    )
    found = "\n".join(check_site({"a.html": bad.encode(), "b.html": other.encode()}))
    for fault in [
        "does not start with <!DOCTYPE html>",
        'has no lang="ru"',
        '<meta charset="utf-8"> is not the first',
        "no viewport meta",
        "no Content-Security-Policy",
        "has 2 <h1> elements",
        "duplicate ids ['d']",
        "inline style",
        "style attribute on <p>",
        "event-handler attribute onclick on <p>",
        "<a> without href",
        "link '#p1' has no text",
        "unsafe href='javascript:alert(1)'",
        "protocol-relative src='//evil.example/x.png'",
        "inline script",
        "missing.html",
        "nowhere",
    ]:
        assert fault in found, (fault, found)


def test_a_kept_page_is_checked_from_its_compact_facts():
    """A page that did not change is checked from the facts the build state kept (its links
    by target): a link into a page that lost the id, or to a page that is gone, is still found."""
    from toolkit.render.html.check import PageFacts, page_facts

    linking = (
        GOOD_HEAD + '<h1>А</h1><p><a href="b.html#x">к Б</a> <a href="c.html">к В</a> <a href="#top">вверх</a></p>'
    )
    linking += '<p id="top">т</p></body></html>'
    target = GOOD_HEAD + '<h1 id="x">Б</h1></body></html>'
    kept = PageFacts.from_compact(page_facts("a.html", linking.encode()).compact())
    site = {"a.html": linking.encode(), "b.html": target.encode(), "c.html": target.encode()}
    assert check_site(site, {"a.html": kept}) == []
    site["b.html"] = (GOOD_HEAD + '<h1 id="y">Б</h1></body></html>').encode()
    del site["c.html"]
    assert check_site(site, {"a.html": kept}) == [
        "a.html: href='b.html#x' → no id 'x' in b.html",
        "a.html: href='c.html' → c.html does not exist",
    ]
