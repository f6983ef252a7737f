"""The edition's data in the built site (render/html/data_files.py, cite.py): the DTS API
walked by a client from its entry point, each page's JSON-LD and each index entry's expanded
with pyld, the exports read by their own libraries (csv, json, rdflib, cffconvert), the
references to download parsed by bibtexparser, rispy and citeproc-py, the meta tags Zotero
reads, and the links from the home page and every footer. Built from tei/ as it is, once
without the site's address and once with [html] base_url."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from urllib.parse import urljoin

import bibtexparser
import pytest
import rdflib
import rispy
from conftest import ROOT, site_of
from lxml import html
from pyld import jsonld
from test_data_exports import SDO, _loader
from test_dts import SITE, Client, walk_resource

from toolkit.io.project import load_edition
from toolkit.render.data import dts, exports, rdf
from toolkit.render.html import paths

APPEAL = "documents/appeal-2019-05-22.html"
NEWS = "documents/news-report-2019-11-28.html"


@pytest.fixture(scope="module", params=[None, SITE], ids=["relative", "base_url"])
def built(request):
    edition, _ = load_edition(ROOT / "editions" / "odkb.toml")
    edition = dataclasses.replace(edition, base_url=request.param)
    site = site_of(ROOT / "tei", edition)
    assert not [d for d in site.diagnostics if d.severity == "error"], site.diagnostics
    return site, request.param


def page(site, path):
    return html.fromstring(site[path])


def ld_blocks(tree) -> list[dict]:
    return [json.loads(s.text) for s in tree.xpath(".//script[@type='application/ld+json']")]


def expand(data: dict, base: str) -> list:
    return jsonld.expand(data, {"documentLoader": _loader, "base": base})


def test_a_client_walks_the_api_of_the_site(built):
    site, _ = built
    api = {p: data for p, data in site.items() if p.startswith(dts.API)}
    # entry, edition ×3, documents: collection ×3, navigation ×2 and the TEI, each unit as TEI and from itself
    assert len(api) == 2 + 3 + sum(6 + 2 * len(u) for u in _units(site).values())
    client = Client(api)
    entry, _ = client.json(SITE + dts.ENTRY)
    root_url = client.follow(SITE + dts.ENTRY, entry["collection"])
    root, _ = client.json(root_url)
    client.json(client.follow(root_url, root["collection"], nav="parents"))
    client.json(client.follow(root_url, root["collection"], nav="children"))
    client.json(client.follow(SITE + dts.ENTRY, entry["collection"], id=root["@id"]))
    for member in root["member"]:
        url = client.follow(root_url, member["collection"])
        resource, _ = client.json(url)
        client.json(client.follow(url, resource["collection"], nav="parents"))
        client.json(client.follow(url, resource["collection"], nav="children"))
        walk_resource(client, url, resource)
    assert client.fetched == set(api)  # every response reached from the entry point, every fragment fetched


def _units(site) -> dict[str, list[str]]:
    data = json.loads(site[paths.CITABLE_IDS])
    return {d["id"]: d["units"] for d in data["documents"]}


def test_document_pages_say_what_they_are(built):
    site, base = built
    tree = page(site, NEWS)
    (node,) = expand(ld_blocks(tree.find("head"))[0], SITE + NEWS)
    assert node["@id"] == SITE + NEWS and node[SDO + "datePublished"] == [{"@value": "2019-11-28"}]
    mentions = {m["@id"]: m for m in node[SDO + "mentions"]}
    assert mentions[SITE + "persons.html#putin"][SDO + "sameAs"] == [{"@id": "https://www.wikidata.org/wiki/Q7747"}]
    assert SDO + "sameAs" not in mentions[SITE + "persons.html#tokayev"]  # the register has no checked id
    meta = {m.get("name"): m.get("content") for m in tree.xpath("//head/meta[starts-with(@name, 'citation_')]")}
    assert meta["citation_publication_date"] == "2019/11/28" and meta["citation_title"] == tree.findtext(".//h1")
    assert urljoin(SITE + NEWS, meta["citation_xml_url"]) == SITE + "tei/003_5e06a889809b9e04.xml"
    if base:
        assert meta["citation_abstract_html_url"] == SITE + NEWS


def test_every_clause_can_be_cited(built):
    site, base = built
    tree = page(site, APPEAL)
    units = _units(site)["appeal-2019-05-22"]
    clauses = tree.xpath("//div[contains(@class, 'clause')][@id]")
    assert clauses and {c.get("id") for c in clauses} <= set(units)
    for clause in clauses:
        (gost,) = clause.xpath("details[@class='cite']//p[contains(@class, 'cite-gost')]//span[@class='cite-text']")
        url = gost.xpath(".//a[@class='cite-url']")[0]
        assert urljoin(SITE + APPEAL, url.get("href")) == SITE + APPEAL + "#" + clause.get("id")
        if base:  # the edition knows its address: the reference is whole without the script
            assert url.text_content() == SITE + APPEAL + "#" + clause.get("id")
    assert len(tree.xpath("//div[@class='doc-tools']/details[contains(@class, 'cite-document')]")) == 1


def test_references_to_download_parse(built):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    site, base = built
    cited = [u for u in _units(site)["appeal-2019-05-22"]]
    library = bibtexparser.parse_string(site["cite/appeal-2019-05-22.bib"].decode("utf-8"))
    assert not library.failed_blocks
    keys = [e.key for e in library.entries]
    assert keys[0] == "appeal-2019-05-22" and "appeal-2019-05-22-3" in keys and set(keys[1:]) <= set(cited)
    records = rispy.loads(site["cite/appeal-2019-05-22.ris"].decode("utf-8"))
    assert [r["id"] for r in records] == keys
    items = json.loads(site["cite/appeal-2019-05-22.json"])
    assert [i["id"] for i in items] == keys
    csl = ROOT / "toolkit" / "render" / "data" / "csl" / "chicago-notes-bibliography.csl"
    style = CitationStylesStyle(str(csl), validate=False, locale="en-US")
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bib.register(Citation([CitationItem(k) for k in keys]))
    assert len(bib.bibliography()) == len(keys)
    if base:
        assert items[-1]["URL"].startswith(SITE + APPEAL + "#")


def test_index_entries_carry_their_json_ld_and_latin_names(built):
    site, _ = built
    tree = page(site, "persons.html")
    entry = tree.get_element_by_id("tokayev")
    (node,) = expand(ld_blocks(entry)[0], SITE + "persons.html")
    assert node["@id"] == SITE + "persons.html#tokayev" and node["@type"] == [SDO + "Person"]
    assert {"@value": "Kassym-Jomart Tokayev"} in node[SDO + "alternateName"]
    assert "Tokayev, Kasym-Zhomart Kemelevich" in entry.xpath("string(.//p[contains(@class, 'latin')])")
    for article in tree.xpath("//article[@class='entry']") + page(site, "orgs.html").xpath("//article[@class='entry']"):
        assert len(ld_blocks(article)) == 1
    csto = page(site, "orgs.html").get_element_by_id("csto")
    assert "CSTO" in csto.xpath("string(.//p[contains(@class, 'latin')])")


def test_exports_read_back(built):
    from cffconvert import Citation

    site, base = built
    rows = list(csv.DictReader(io.StringIO(site[exports.REGISTER_CSV["person"]].decode("utf-8"), newline="")))
    assert {r["key"]: r["latin"] for r in rows}["tokayev"] == "Tokayev, Kasym-Zhomart Kemelevich"
    assert set(json.loads(site[exports.REGISTERS_JSON])) == {"persons", "places", "orgs"}
    mentions = list(csv.DictReader(io.StringIO(site[exports.MENTIONS_CSV].decode("utf-8"), newline="")))
    assert {"document", "clause", "entity", "surface"} <= set(mentions[0])
    geo = json.loads(site[exports.PLACES_GEOJSON])
    assert geo["type"] == "FeatureCollection" and geo["features"]
    graph = rdflib.Graph().parse(data=site[rdf.TURTLE], format="turtle", publicID=SITE + rdf.TURTLE)
    assert (rdflib.URIRef(SITE + APPEAL), None, None) in graph
    cff = Citation(site[exports.CITATION_CFF].decode("utf-8"))
    cff.validate()
    assert ("url" in cff.cffobj) == bool(base)


def test_home_page_and_footer_lead_to_the_data(built):
    site, _ = built
    home = page(site, paths.HOME)
    links = set(home.xpath(f"//section[@id='{paths.DATA_ANCHOR}']//a/@href"))
    wanted = {*exports.REGISTER_CSV.values(), exports.REGISTERS_JSON, exports.MENTIONS_CSV, exports.PLACES_GEOJSON}
    assert wanted | {rdf.TURTLE, exports.CITATION_CFF, dts.ENTRY, paths.CITABLE_IDS} <= links
    assert all(link in site for link in links)
    footer = page(site, NEWS).xpath("//footer//a/@href")
    assert "../api/dts/index.json" in footer and "../index.html#data" in footer


def test_search_finds_latin_names(built):
    site, _ = built
    data = json.loads(re.match(rb"window.EDITION_SEARCH = (.*);\n$", site[paths.SEARCH_DATA], re.S).group(1))
    news = next(d for d in data["documents"] if d["url"] == NEWS)
    block = next(b for b in news["blocks"] if b["a"] == "news-report-2019-11-28-p2")
    names = " ".join(news["n"][i] for i in block["e"])
    assert "Tokayev" in names or "Putin" in names
    assert any("Tokayev" in n for n in news["n"]) and any("Bishkek" in n for n in news["n"])
    entries = {e["u"]: e for e in data["entries"]}
    assert "CSTO" in entries["orgs.html#csto"]["l"] and "Tokayev" in entries["persons.html#tokayev"]["l"]
    # Pagefind indexes the mentions list, where each entity has its Latin name
    latin = page(site, NEWS).xpath("//section[@class='mentions']//span[@class='latin']")
    assert any("Kassym-Jomart Tokayev" in s.text_content() for s in latin)
    assert not any(a.getparent().get("data-pagefind-ignore") is not None for a in latin)
