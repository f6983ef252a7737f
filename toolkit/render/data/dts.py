"""The edition as a Distributed Text Services 1.0 API in static files (https://dtsapi.org/
versions/v1.0/): conformance Level 0, which the specification allows to be generated as files.

The URI templates follow the specification's templates for static sites (path segments and
`;name=value` parameters instead of a query string) with a file suffix, so that every
response is a file, no file is also a folder, and an ordinary web server sends JSON as JSON
and TEI as XML. Under `api/dts/`:

    index.json                                       the entry point
    collection{/id,nav}.json                         collection.json (the edition),
                                                     collection/<edition>.json, …/children.json, …/parents.json,
                                                     collection/<docid>.json, …/children.json, …/parents.json
    navigation/{resource}{;tree}{;down}{/ref,start,end}.json
                                                     <docid>;down=1.json, <docid>;down=-1.json,
                                                     <docid>/<ref>.json (one unit)
    document/{resource}{;tree}{/ref,start,end}.xml   <docid>.xml (the whole TEI), <docid>/<ref>.xml

A client finds a document's citation tree (each unit with its kind, label and permalink) in
its navigation from the root, and fetches the whole document or any unit as TEI. What the
files do not answer is a 404: `start`/`end` (ranges, which Level 0 need not support), a
`tree` (each document has one citation tree, the default), pages (no response is paginated),
`down` values other than 1 and -1 (the tree is one level deep, so both give the whole tree),
and a unit's navigation with `down` (`ref` and `down` together). Navigation from one unit
(`ref` alone) is answered: the unit, its kind, label and permalink. With `down` it would
say nothing more for a one-level tree (a unit's subtree is itself, its siblings are the
root's answer), and as files those were three more for every unit, some 36,000 for 1,000
documents, several seconds of every build.
The references are the xml:ids of the citable units (model/citable.py): the ids of the
reading pages' permalinks, given again as each unit's `@id`.
"""

from __future__ import annotations

import copy
import json

from lxml import etree

from toolkit.model.citable import CitableUnit, citable_units, ordered_kinds, with_refs_decl
from toolkit.model.corpus import Corpus, Document
from toolkit.model.edition import EditionConfig
from toolkit.render.data.links import DataLinks
from toolkit.render.html import paths
from toolkit.render.linking import WEB_LINK
from toolkit.render.wording import block_label, describe_date

API = "api/dts"
ENTRY = f"{API}/index.json"
CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
WRAPPER_NS = "https://w3id.org/api/dts#"  # the namespace of <dts:wrapper> (DTS 1.0, Document endpoint)
DOWN = ("1", "-1")  # the down values answered (from the root)


# ---------------------------------------------------------------- paths and templates


def collection_path(cid: str | None = None, nav: str | None = None) -> str:
    if cid is None:
        return f"{API}/collection.json"
    return f"{API}/collection/{cid}" + (f"/{nav}" if nav else "") + ".json"


def navigation_path(docid: str, down: str | None = None, ref: str | None = None) -> str:
    stem = f"{API}/navigation/{docid}" + (f";down={down}" if down is not None else "")
    return f"{stem}/{ref}.json" if ref else f"{stem}.json"


def document_path(docid: str, ref: str | None = None) -> str:
    return f"{API}/document/{docid}" + (f"/{ref}" if ref else "") + ".xml"


class _Templates:
    """The URI templates of one response file (relative to it unless the base is known)."""

    def __init__(self, links: DataLinks, at: str):
        self.root = links.folder(at, API)

    def collection(self, cid: str | None = None) -> str:
        return f"{self.root}collection/{cid}{{/nav}}.json" if cid else f"{self.root}collection{{/id,nav}}.json"

    def navigation(self, docid: str | None = None) -> str:
        resource = docid or "{resource}"
        return f"{self.root}navigation/{resource}{{;tree}}{{;down}}{{/ref,start,end}}.json"

    def document(self, docid: str | None = None) -> str:
        resource = docid or "{resource}"
        return f"{self.root}document/{resource}{{;tree}}{{/ref,start,end}}.xml"


def _json(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _xml(root: etree._Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="utf-8") + b"\n"


def _lang(value: str, lang: str = "ru") -> list[dict]:
    return [{"lang": lang, "value": value}]


# ---------------------------------------------------------------- the edition


def edition_responses(corpus: Corpus, edition: EditionConfig, links: DataLinks) -> dict[str, bytes]:
    """The entry point and the edition's collection (with every document as a member)."""
    out = {ENTRY: _json(_entry(links))}
    for at, nav in ((collection_path(), None), (collection_path(edition.name), None)):
        out[at] = _json(_collection(corpus, edition, links, at, nav))
    for nav in ("children", "parents"):
        at = collection_path(edition.name, nav)
        out[at] = _json(_collection(corpus, edition, links, at, nav))
    return out


def _entry(links: DataLinks) -> dict:
    tpl = _Templates(links, ENTRY)
    return {
        "@context": CONTEXT,
        "dtsVersion": VERSION,
        "@id": links.url(ENTRY, ENTRY),
        "@type": "EntryPoint",
        "collection": tpl.collection(),
        "navigation": tpl.navigation(),
        "document": tpl.document(),
    }


def _edition_summary(corpus: Corpus, edition: EditionConfig, links: DataLinks, at: str) -> dict:
    out = {
        "@id": edition.name,
        "@type": "Collection",
        "title": edition.title,
        "totalParents": 0,
        "totalChildren": len(corpus.documents),
        "collection": _Templates(links, at).collection(edition.name),
    }
    if edition.paragraphs:
        out["description"] = edition.paragraphs[0]
    return out


def _collection(corpus: Corpus, edition: EditionConfig, links: DataLinks, at: str, nav: str | None) -> dict:
    body = {"@context": CONTEXT, "dtsVersion": VERSION, **_edition_summary(corpus, edition, links, at)}
    dc: dict = {"title": _lang(edition.title), "language": ["ru"]}
    if edition.editors:
        dc["contributor"] = [v for e in edition.editors for v in _lang(e)]
    body["dublinCore"] = dc
    body["member"] = [] if nav == "parents" else [_member(d, links, at) for d in corpus.documents]
    return body


# ---------------------------------------------------------------- one document


def document_responses(doc: Document, corpus: Corpus, edition: EditionConfig, links: DataLinks) -> dict[str, bytes]:
    """Every response about one document: its collection entry, its navigation, the whole TEI
    (with its citation structure declared) and each citable unit as TEI."""
    declared = with_refs_decl(doc.tree)
    units = citable_units(declared)
    out: dict[str, bytes] = {}
    for nav in (None, "children", "parents"):
        at = collection_path(doc.docid, nav)
        body = {"@context": CONTEXT, "dtsVersion": VERSION, **_resource(doc, links, at)}
        if nav == "parents":
            body["member"] = [_edition_summary(corpus, edition, links, at)]
        out[at] = _json(body)
    out.update(_navigation(doc, units, links))
    out[document_path(doc.docid)] = _xml(declared.getroot())
    for unit in units:
        out[document_path(doc.docid, unit.id)] = _xml(_fragment(declared.getroot(), unit))
    return out


def citation_tree(doc: Document) -> list[dict]:
    """The document's one citation tree: the kinds of its units, one level deep."""
    kinds = ordered_kinds(kind for _id, kind, _n, _name in doc.units)
    tree: dict = {"@type": "CitationTree"}
    if kinds:
        tree["citeStructure"] = [{"@type": "CiteStructure", "citeType": k} for k in kinds]
    return [tree]


def _resource_core(doc: Document, links: DataLinks, at: str) -> dict:
    """What every Navigation response repeats about its Resource: the required properties
    only (the title alone would add some 60 MB to a 1,000-document site)."""
    tpl = _Templates(links, at)
    return {
        "@id": doc.docid,
        "@type": "Resource",
        "collection": tpl.collection(doc.docid),
        "navigation": tpl.navigation(doc.docid),
        "document": tpl.document(doc.docid),
        "citationTrees": citation_tree(doc),
    }


def _member(doc: Document, links: DataLinks, at: str) -> dict:
    """A document as a member of the edition's collection: what the specification requires
    of a Resource, and its title. Its description and Dublin Core are in its own response
    (collection/<docid>.json), so the edition's collection depends on each document's id,
    title and kinds of unit only, and a date or place corrected in one document does not
    make the three files that list all of them again."""
    return {**_resource_core(doc, links, at), "title": doc.meta.title, "totalParents": 1, "totalChildren": 0}


def _resource(doc: Document, links: DataLinks, at: str) -> dict:
    core = _resource_core(doc, links, at)
    meta = doc.meta
    out = {**core, "title": meta.title, "totalParents": 1, "totalChildren": 0, "description": _description(doc)}
    dc: dict = {"title": _lang(meta.title), "language": [meta.language or "ru"], "type": _lang(meta.genre_label)}
    if meta.issuer:
        dc["creator"] = _lang(meta.issuer.name)
    if meta.date and meta.sort_value:
        dc["date"] = meta.sort_value
    if meta.edition_publisher:
        dc["publisher"] = _lang(meta.edition_publisher)
    if meta.source_url and WEB_LINK.match(meta.source_url):  # web addresses only, gate or not
        dc["source"] = [meta.source_url]
    licences = [lic.target for lic in meta.licences if lic.target and WEB_LINK.match(lic.target)]
    if licences:
        dc["license"] = licences
    out["dublinCore"] = dc
    out["download"] = links.url(at, paths.tei_file(doc.stem))
    return out


def _description(doc: Document) -> str:
    meta = doc.meta
    parts = [meta.genre_label]
    if meta.date:
        parts.append(describe_date(meta.date.attrs))
    parts += [p.name for p in meta.places]
    return ", ".join(p for p in parts if p)


# ---------------------------------------------------------------- navigation


def _unit(doc: Document, unit: CitableUnit, links: DataLinks, at: str) -> dict:
    """A CitableUnit: its reference, kind, label and permalink on the reading page."""
    return {
        "identifier": unit.id,
        "@type": "CitableUnit",
        "level": 1,
        "parent": None,
        "citeType": unit.kind,
        "@id": links.page(at, doc.docid, unit.id),
        "dublinCore": {"title": _lang(block_label(unit.name, unit.n, unit.id))},
    }


def _navigation(doc: Document, units: list[CitableUnit], links: DataLinks) -> dict[str, bytes]:
    """Navigation responses: the whole (one-level) tree from the root, for `down=1` and
    `down=-1`, and each unit from itself (`ref`)."""

    def response(at: str, field: str, value) -> bytes:
        return _json(
            {
                "@context": CONTEXT,
                "dtsVersion": VERSION,
                "@type": "Navigation",
                "@id": links.url(at, at),
                "resource": _resource_core(doc, links, at),
                field: value,
            }
        )

    out = {}
    for down in DOWN:
        at = navigation_path(doc.docid, down)
        out[at] = response(at, "member", [_unit(doc, u, links, at) for u in units])
    for unit in units:  # navigation from one unit: the unit itself
        at = navigation_path(doc.docid, None, unit.id)
        out[at] = response(at, "ref", _unit(doc, unit, links, at))
    return out


# ---------------------------------------------------------------- fragments


def _fragment(root: etree._Element, unit: CitableUnit) -> etree._Element:
    """The unit as the specification's fragment: a `<TEI>` root (the document's own attributes:
    its xml:id and language) holding `<dts:wrapper>` with the unit, and nothing else. The
    header is not repeated: a client has the whole document, header included, at the
    document's own address, and a copy in every fragment made the API some ten times larger."""
    tei = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    wrapper = etree.SubElement(tei, f"{{{WRAPPER_NS}}}wrapper", nsmap={"dts": WRAPPER_NS})
    body = copy.deepcopy(unit.element)
    body.tail = None
    wrapper.append(body)
    return tei


def dts_site(corpus: Corpus, edition: EditionConfig, links: DataLinks) -> dict[str, bytes]:
    """The whole API: `edition_responses` and every document's `document_responses`."""
    out = edition_responses(corpus, edition, links)
    for doc in corpus.documents:
        out.update(document_responses(doc, corpus, edition, links))
    return out
