"""The edition as data besides the API (toolkit/render/data: jsonld, exports, rdf), each
format read back with its own library: pyld for schema.org JSON-LD, rdflib for Turtle,
cffconvert for CITATION.cff, csv and json for the tables, a GeoJSON structure check."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rdflib
from pyld import jsonld
from rdflib.namespace import DCTERMS, OWL, SKOS

from toolkit.io.project import load_corpus, load_edition
from toolkit.model.index import build_index
from toolkit.render.data import exports
from toolkit.render.data.jsonld import document_jsonld, entry_jsonld, script_text
from toolkit.render.data.links import DataLinks
from toolkit.render.data.rdf import TURTLE, corpus_turtle

ROOT = Path(__file__).resolve().parent.parent
SITE = "http://edition.test/odkb/html/"
SCHEMA_CONTEXT = json.loads((ROOT / "tests" / "data" / "schemaorg" / "context.jsonld").read_text())
SDO = "https://schema.org/"


@pytest.fixture(scope="module")
def model():
    corpus, _ = load_corpus(ROOT / "tei")
    edition, _ = load_edition(ROOT / "editions" / "odkb.toml")
    return corpus, build_index(corpus), edition


def _loader(url, options=None):
    assert url == "https://schema.org", url
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def expand(data: dict, base: str) -> list:
    return jsonld.expand(json.loads(script_text(data)), {"documentLoader": _loader, "base": base})


def test_document_jsonld(model):
    corpus, index, edition = model
    doc = next(d for d in corpus.documents if d.docid == "news-report-2019-11-28")
    page = SITE + "documents/news-report-2019-11-28.html"
    (node,) = expand(document_jsonld(doc, corpus, index, edition, DataLinks()), page)
    assert node["@id"] == page and node["@type"] == [SDO + "NewsArticle"]
    assert node[SDO + "datePublished"] == [{"@value": "2019-11-28"}]
    assert node[SDO + "publisher"][0][SDO + "name"] == [{"@value": "Центр деловой информации Kapital.kz"}]
    mentions = {m["@id"]: m for m in node[SDO + "mentions"]}
    tokayev = mentions[SITE + "persons.html#tokayev"]
    assert tokayev["@type"] == [SDO + "Person"] and SDO + "sameAs" not in tokayev  # no checked Wikidata id
    putin = mentions[SITE + "persons.html#putin"]
    assert putin[SDO + "sameAs"] == [{"@id": "https://www.wikidata.org/wiki/Q7747"}]
    assert mentions[SITE + "places.html#bishkek"][SDO + "sameAs"] == [{"@id": "https://www.wikidata.org/wiki/Q9361"}]
    assert SDO + "sameAs" not in mentions[SITE + "orgs.html#csto"]
    assert node[SDO + "encoding"][0][SDO + "contentUrl"] == [{"@id": SITE + "tei/003_5e06a889809b9e04.xml"}]


def test_entry_jsonld_with_latin_names(model):
    corpus, _, _ = model
    (node,) = expand(entry_jsonld(corpus.registers.get("per:tokayev"), corpus, DataLinks()), SITE + "persons.html")
    names = [v["@value"] for v in node[SDO + "alternateName"]]
    assert "Kassym-Jomart Tokayev" in names and "Tokayev, Kasym-Zhomart Kemelevich" in names
    (place,) = expand(entry_jsonld(corpus.registers.get("pla:bishkek"), corpus, DataLinks(SITE)), SITE + "places.html")
    assert place[SDO + "geo"][0][SDO + "latitude"] == [{"@value": 42.87}]
    assert place[SDO + "containedInPlace"][0]["@id"] == SITE + "places.html#kyrgyzstan"


def test_script_text_cannot_close_the_script():
    text = script_text({"name": "</script><!--<script>alert(1)</script>"})
    assert "<" not in text and json.loads(text) == {"name": "</script><!--<script>alert(1)</script>"}


def test_turtle_parses_with_rdflib(model):
    corpus, index, edition = model
    for links, public in ((DataLinks(), SITE + TURTLE), (DataLinks(SITE), None)):
        g = rdflib.Graph()
        g.parse(data=corpus_turtle(corpus, index, edition, links), format="turtle", publicID=public)
        appeal = rdflib.URIRef(SITE + "documents/appeal-2019-05-22.html")
        assert g.value(appeal, DCTERMS.title).language == "ru"
        assert str(g.value(appeal, DCTERMS.date)) == "2019-05-22"
        assert g.value(appeal, DCTERMS.creator) == rdflib.URIRef(SITE + "orgs.html#csto")
        clause = rdflib.URIRef(SITE + "documents/appeal-2019-05-22.html#appeal-2019-05-22-3")
        assert g.value(clause, DCTERMS.isPartOf) == appeal
        assert rdflib.URIRef(SITE + "orgs.html#nato") in set(g.objects(clause, rdflib.URIRef(SDO + "mentions")))
        putin = rdflib.URIRef(SITE + "persons.html#putin")
        assert g.value(putin, OWL.sameAs) == rdflib.URIRef("http://www.wikidata.org/entity/Q7747")
        tokayev = rdflib.URIRef(SITE + "persons.html#tokayev")
        assert g.value(tokayev, OWL.sameAs) is None
        labels = {(str(x), x.language) for x in g.objects(tokayev, SKOS.altLabel)}
        assert ("Tokayev, Kasym-Zhomart Kemelevich", "ru-Latn") in labels and ("Kassym-Jomart Tokayev", "en") in labels


def test_register_csv_and_json_round_trip(model):
    corpus, index, edition = model
    out = exports.exports(corpus, index, edition, DataLinks())
    rows = list(csv.DictReader(io.StringIO(out[exports.REGISTER_CSV["place"]].decode("utf-8"), newline="")))
    assert [r["key"] for r in rows] == [e.key for e in corpus.registers.all("place")]
    bishkek = next(r for r in rows if r["key"] == "bishkek")
    assert (bishkek["latin"], bishkek["english"], bishkek["wikidata"]) == ("Bishkek", "Bishkek", "Q9361")
    assert bishkek["url"] == "../places.html#bishkek" and int(bishkek["mentions"]) > 0
    data = json.loads(out[exports.REGISTERS_JSON])
    assert set(data) == {"persons", "places", "orgs"}
    csto = next(e for e in data["orgs"] if e["key"] == "csto")
    assert csto["abbreviations"] == ["ОДКБ"] and csto["english"] == ["Collective Security Treaty Organization", "CSTO"]


def test_mentions_csv(model):
    corpus, index, edition = model
    rows = list(csv.DictReader(io.StringIO(exports.mentions_csv(corpus, index).decode("utf-8"), newline="")))
    assert len(rows) == sum(len(o) for o in index.occurrences.values())
    clause3 = [r for r in rows if r["clause"] == "appeal-2019-05-22-3"]
    assert {(r["entity"], r["surface"]) for r in clause3} == {("org:csto", "ОДКБ"), ("org:nato", "НАТО")}
    typo = next(r for r in rows if r["entity"] == "per:tokayev" and r["block"] == "argument")
    assert typo["surface"].startswith("Касым-Жомарт")
    documents = [r["document"] for r in rows]
    assert documents == sorted(documents, key=[d.docid for d in corpus.documents].index)


def test_places_geojson(model):
    corpus, index, edition = model
    data = json.loads(exports.places_geojson(corpus, index, DataLinks()))
    assert data["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in data["features"]}
    assert set(by_id) == {e.key for e in corpus.registers.all("place") if e.geo}
    for f in data["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert by_id["bishkek"]["geometry"]["coordinates"] == [74.59, 42.87]  # RFC 7946: longitude first


def test_citation_cff_is_valid(model):
    from cffconvert import Citation

    corpus, index, edition = model
    for links in (DataLinks(), DataLinks(SITE)):
        text = exports.citation_cff(edition, corpus, links, version="1.0", released="2026-01-15").decode("utf-8")
        citation = Citation(text)
        citation.validate()
        assert citation.cffobj["title"] == edition.title
    assert "url" not in Citation(exports.citation_cff(edition, corpus, DataLinks()).decode()).cffobj


def test_exports_are_deterministic(model):
    corpus, index, edition = model
    assert exports.exports(corpus, index, edition, DataLinks()) == exports.exports(corpus, index, edition, DataLinks())


def test_turtle_holds_the_whole_graph(model):
    from rdflib.compare import isomorphic

    from toolkit.render.data.rdf import corpus_graph

    corpus, index, edition = model
    links = DataLinks(SITE)
    parsed = rdflib.Graph().parse(data=corpus_turtle(corpus, index, edition, links), format="turtle")
    assert isomorphic(parsed, corpus_graph(corpus, index, edition, links))
