"""The static DTS 1.0 API (toolkit/render/data/dts.py), read by a client that knows only the
entry point's address: it follows the URI templates (expanded by `uritemplate`, RFC 6570),
expands every JSON-LD response with pyld against the DTS 1.0 context, and fetches every
document and every citable fragment as TEI. The references it finds are the ids the reading
pages anchor."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from lxml import etree
from pyld import jsonld
from uritemplate import URITemplate

from toolkit.io.project import load_corpus, load_edition
from toolkit.model.index import build_index
from toolkit.model.tei import NS, TEI_NS, XML_ID
from toolkit.render.data import dts
from toolkit.render.data.links import DataLinks

ROOT = Path(__file__).resolve().parent.parent
SITE = "http://dts.test/odkb/html/"  # where the test pretends the site is served
CONTEXT = json.loads((ROOT / "tests" / "data" / "dts" / "context-v1.0.json").read_text())
UNDEFINED = "urn:x-undefined:"  # a key the DTS context does not define expands to this
DTS = "https://dtsapi.org/v1.0#"


@pytest.fixture(scope="module")
def model():
    corpus, _ = load_corpus(ROOT / "tei")
    edition, _ = load_edition(ROOT / "editions" / "odkb.toml")
    return corpus, edition


@pytest.fixture(scope="module", params=[None, SITE], ids=["relative", "absolute"])
def site(request, model) -> dict[str, bytes]:
    corpus, edition = model
    return dts.dts_site(corpus, edition, DataLinks(request.param))


def _loader(url, options=None):
    if url != dts.CONTEXT:
        raise AssertionError(f"the client asked for {url}: nothing but the DTS context may be fetched")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": CONTEXT}


class Client:
    """GETs against the in-memory site; JSON-LD responses are expanded as they arrive."""

    def __init__(self, site: dict[str, bytes]):
        self.site = site
        self.fetched: set[str] = set()

    def get(self, url: str) -> bytes:
        assert url.startswith(SITE), url
        path = unquote(url[len(SITE) :])
        assert path in self.site, f"404 {path}"
        self.fetched.add(path)
        return self.site[path]

    def json(self, url: str) -> tuple[dict, list]:
        body = json.loads(self.get(url))
        expanded = jsonld.expand(body, {"documentLoader": _loader, "base": url, "expandContext": {"@vocab": UNDEFINED}})
        text = json.dumps(expanded)
        assert UNDEFINED not in text, f"{url}: a key the DTS context does not define: {text}"
        assert body["@context"] == dts.CONTEXT and body["dtsVersion"] == "1.0"
        return body, expanded

    @staticmethod
    def follow(url: str, template: str, **values) -> str:
        return urljoin(url, URITemplate(template).expand(**values))


def test_a_client_walks_the_whole_api(site, model):
    corpus, _ = model
    client = Client(site)
    entry_url = SITE + dts.ENTRY
    entry, expanded = client.json(entry_url)
    assert expanded[0]["@type"] == [DTS + "EntryPoint"]
    root_url = client.follow(entry_url, entry["collection"])
    root, _ = client.json(root_url)
    assert root["@type"] == "Collection" and root["totalChildren"] == len(corpus.documents) == len(root["member"])
    assert client.json(client.follow(root_url, root["collection"], nav="parents"))[0]["member"] == []
    by_id, _ = client.json(client.follow(entry_url, entry["collection"], id=root["@id"]))
    children, _ = client.json(client.follow(root_url, root["collection"], nav="children"))
    ids = [m["@id"] for m in root["member"]]
    assert [m["@id"] for m in by_id["member"]] == ids == [m["@id"] for m in children["member"]]
    seen_docs = []
    for member in root["member"]:
        seen_docs.append(member["@id"])
        resource_url = client.follow(root_url, member["collection"])
        resource, _ = client.json(resource_url)
        assert resource["@type"] == "Resource" and resource["@id"] == member["@id"]
        parents, _ = client.json(client.follow(resource_url, resource["collection"], nav="parents"))
        assert [p["@id"] for p in parents["member"]] == [root["@id"]]
        assert client.json(client.follow(resource_url, resource["collection"], nav="children"))[0]["totalChildren"] == 0
        walk_resource(client, resource_url, resource)
    assert seen_docs == [d.docid for d in corpus.documents]
    assert client.fetched == set(site), sorted(set(site) - client.fetched)[:5]  # nothing unreachable


def walk_resource(client: Client, url: str, resource: dict) -> None:
    whole = etree.fromstring(client.get(client.follow(url, resource["document"])))
    assert whole.tag == f"{{{TEI_NS}}}TEI" and whole.get(XML_ID) == resource["@id"]
    tree_url = client.follow(url, resource["navigation"], down="-1")
    tree, _ = client.json(tree_url)
    assert client.json(client.follow(url, resource["navigation"], down="1"))[0]["member"] == tree["member"]
    ids = [u["identifier"] for u in tree["member"]]
    declared = whole.find(".//tei:refsDecl", NS)
    assert declared is not None and len(declared)
    declared_kinds = [c.get("unit") for c in declared]
    assert declared_kinds == [c["citeType"] for c in resource["citationTrees"][0]["citeStructure"]]
    assert set(declared_kinds) == {u["citeType"] for u in tree["member"]}
    assert len(ids) == len(set(ids))
    for unit in tree["member"]:
        assert (unit["level"], unit["parent"]) == (1, None)
        ref = unit["identifier"]
        alone_url = client.follow(tree_url, resource["navigation"], ref=ref)
        alone, _ = client.json(alone_url)  # the unit from itself: the same unit, the same permalink
        assert {k: v for k, v in alone["ref"].items() if k != "@id"} == {k: v for k, v in unit.items() if k != "@id"}
        assert urljoin(alone_url, alone["ref"]["@id"]) == urljoin(tree_url, unit["@id"]) and "member" not in alone
        fragment = etree.fromstring(client.get(client.follow(tree_url, resource["document"], ref=ref)))
        # the specification's fragment form: <TEI> holding <dts:wrapper> with the unit, nothing
        # else (the header is at the document's own address, not copied into every fragment)
        assert fragment.tag == f"{{{TEI_NS}}}TEI" and fragment.get(XML_ID) == resource["@id"]
        assert [c.tag for c in fragment] == [f"{{{dts.WRAPPER_NS}}}wrapper"]
        (wrapper,) = fragment
        assert [c.get(XML_ID) for c in wrapper] == [ref]
        original = whole.xpath("//*[@xml:id=$ref]", ref=ref)[0]
        assert _c14n(wrapper[0]) == _c14n(original)


def _c14n(el: etree._Element) -> bytes:
    copy = etree.fromstring(etree.tostring(el, with_tail=False))
    return etree.tostring(copy, method="c14n", exclusive=True)


def test_the_references_are_the_reading_pages_anchors(site, model):
    """Every citable unit of the API is an element the reading page gives an id, and its @id is
    that page's permalink; the clause 3 of the 2019 appeal is there by its id."""
    from toolkit.render.html.document_page import cite_prefix
    from toolkit.render.html.links import SiteLinks
    from toolkit.render.html.paths import document
    from toolkit.render.transform import render_text

    corpus, _ = model
    index = build_index(corpus)
    for doc in corpus.documents:
        page = document(doc.docid)
        links = SiteLinks(corpus, index, page)
        reading, _ = render_text(doc, index.anchors.get(doc.docid, {}), links, cite_prefix(doc))
        page_ids = {el.get("id") for el in reading.iter() if isinstance(el.tag, str) and el.get("id")}
        tree = json.loads(site[dts.navigation_path(doc.docid, "-1")])
        refs = [u["identifier"] for u in tree["member"]]
        assert refs and set(refs) <= page_ids, (doc.docid, set(refs) - page_ids)
        for unit in tree["member"]:
            base = SITE + dts.navigation_path(doc.docid, "-1")
            assert urljoin(base, unit["@id"]) == SITE + page + "#" + unit["identifier"]
    tree = json.loads(site[dts.navigation_path("appeal-2019-05-22", "1")])
    clause3 = next(u for u in tree["member"] if u["identifier"] == "appeal-2019-05-22-3")
    assert clause3["citeType"] == "clause"
    assert clause3["dublinCore"]["title"] == [{"lang": "ru", "value": "п. 3"}]
    clause3 = site[dts.document_path("appeal-2019-05-22", "appeal-2019-05-22-3")]
    assert "Содействовать развитию контактов между" in "".join(etree.fromstring(clause3).itertext())
    assert len(clause3) < 1000  # the unit alone


def test_level_0_answers_what_a_file_server_can(site):
    assert dts.navigation_path("appeal-2019-05-22") not in site  # no ref, no down: 400, not a file
    assert not any(";down=0.json" in p for p in site)  # down=0 without ref: 400
    # navigation from one unit: ref alone is a file, ref with down is not (the root's answer holds it)
    from_units = [p for p in site if p.startswith(f"{dts.API}/navigation/") and p.count("/") > 3]
    assert from_units and not any(";down=" in p for p in from_units)
    per_document = [p for p in site if "appeal-2019-05-22" in p]
    units = 13
    # collection ×3, navigation ×2 from the root and one from each unit, the TEI, each unit
    assert len(per_document) == 3 + 2 + units + 1 + units
    assert not any("start" in p or "tree=" in p for p in site)  # ranges and other trees: 404
    entry = json.loads(site[dts.ENTRY])
    for key in ("collection", "navigation", "document"):
        names = set(URITemplate(entry[key]).variable_names)
        assert names <= {"id", "nav", "resource", "tree", "down", "ref", "start", "end"}


def test_deterministic_and_pure(model):
    corpus, edition = model
    first = dts.dts_site(corpus, edition, DataLinks())
    again = dts.dts_site(corpus, edition, DataLinks())
    assert first == again
    assert all(p.startswith("api/dts/") for p in first)
