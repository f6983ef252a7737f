"""schema.org JSON-LD: for a document page (the document, its date, its publisher, what it
mentions) and for each register entry's anchor on the index pages.

`sameAs` points at Wikidata only where the register has an `<idno type="wikidata">` (the
encoding guide admits one only where the identity was checked) and never for a candidate.
Links are relative to the page the JSON-LD is written in unless the site's address is known.
"""

from __future__ import annotations

import re

from toolkit.model.corpus import Corpus, Document
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index
from toolkit.model.latin import latin_names
from toolkit.model.registers import KIND_OF_PREFIX, Entry
from toolkit.render.data.links import DataLinks
from toolkit.render.html import paths
from toolkit.render.linking import WEB_LINK

CONTEXT = "https://schema.org"
TYPE_OF_KIND = {"person": "Person", "place": "Place", "org": "Organization"}
WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


def wikidata_url(entry: Entry) -> str | None:
    """The Wikidata page of a checked entry (schema.org's sameAs names a page), else None."""
    if entry.candidate or not entry.wikidata or not WIKIDATA.match(entry.wikidata):
        return None
    return f"https://www.wikidata.org/wiki/{entry.wikidata}"


def entity(entry: Entry, corpus: Corpus, links: DataLinks, page: str, *, full: bool = False) -> dict:
    """A Person, Place or Organization; `full` adds what the index entry says (variants,
    role, coordinates, the entity it belongs to)."""
    node: dict = {
        "@type": TYPE_OF_KIND[entry.kind],
        "@id": links.url(page, paths.entity(entry.kind, entry.key)),
        "name": entry.display_name if entry.kind == "person" else entry.name,
    }
    same = wikidata_url(entry)
    if same:
        node["sameAs"] = same
    if not full:
        return node
    alternate = [n for n in entry.all_names if n != node["name"]] + latin_names(entry)
    if alternate:
        node["alternateName"] = list(dict.fromkeys(alternate))
    if entry.role:
        node["description"] = entry.role
    if entry.kind == "place" and entry.geo:
        node["geo"] = {"@type": "GeoCoordinates", "latitude": entry.geo[0], "longitude": entry.geo[1]}
    parent = entry.country if entry.kind == "place" else entry.part_of
    target = corpus.registers.get(f"{'pla' if entry.kind == 'place' else 'org'}:{parent}") if parent else None
    if target is not None:
        key = "containedInPlace" if entry.kind == "place" else "parentOrganization"
        node[key] = entity(target, corpus, links, page)
    return node


def entry_jsonld(entry: Entry, corpus: Corpus, links: DataLinks, page: str | None = None) -> dict:
    """The JSON-LD of one register entry, for its anchor on an index page."""
    page = page or paths.INDEX_PAGES[entry.kind]
    return {"@context": CONTEXT, **entity(entry, corpus, links, page, full=True)}


def document_jsonld(
    doc: Document, corpus: Corpus, index: Index, edition: EditionConfig, links: DataLinks, page: str | None = None
) -> dict:
    """The JSON-LD of a document page."""
    meta = doc.meta
    page = page or paths.document(doc.docid)
    node: dict = {
        "@context": CONTEXT,
        "@type": "NewsArticle" if meta.genre == "news-report" else "CreativeWork",
        "@id": links.url(page, paths.document(doc.docid)),
        "url": links.url(page, paths.document(doc.docid)),
        "name": meta.title,
        "genre": meta.genre_label,
        "inLanguage": meta.language or "ru",
        "identifier": doc.docid,
    }
    if meta.sort_value:
        node["dateCreated"] = meta.sort_value
        node["datePublished"] = meta.sort_value
    if meta.issuer:
        issuer = corpus.registers.get(meta.issuer.ref) if meta.issuer.ref else None
        node["author"] = entity(issuer, corpus, links, page) if issuer else _named("Organization", meta.issuer.name)
    if meta.publisher:
        node["publisher"] = _named("Organization", meta.publisher)
    places = [corpus.registers.get(p.ref) for p in meta.places if p.ref]
    if places and all(places):
        node["locationCreated"] = [entity(p, corpus, links, page) for p in places]
    node["isPartOf"] = {"@type": "Collection", "@id": links.url(page, paths.HOME), "name": edition.title}
    if meta.source_url and WEB_LINK.match(meta.source_url):  # never javascript: and the like, gate or not
        node["isBasedOn"] = meta.source_url
    if meta.rights:
        node["copyrightNotice"] = " ".join(meta.rights)
    node["encoding"] = {
        "@type": "MediaObject",
        "contentUrl": links.url(page, paths.tei_file(doc.stem)),
        "encodingFormat": "application/tei+xml",
    }
    licences = [lic.target for lic in meta.licences if lic.target and WEB_LINK.match(lic.target)]
    if licences:  # the licence of the markup ("Разметка TEI: CC BY 4.0"), not of the source's text
        node["encoding"]["license"] = licences[0]
    mentions = []
    for ref in sorted(index.refs_in(doc.docid), key=_ref_order):
        entry = corpus.registers.get(ref)
        if entry is not None and entry.kind == KIND_OF_PREFIX[ref.partition(":")[0]]:
            mentions.append(entity(entry, corpus, links, page))
    if mentions:
        node["mentions"] = mentions
    return node


def _ref_order(ref: str) -> tuple[int, str]:
    prefix, _, key = ref.partition(":")
    return ({"per": 0, "pla": 1, "org": 2}.get(prefix, 3), key)


def _named(kind: str, name: str) -> dict:
    return {"@type": kind, "name": name}


def script_text(data: dict) -> str:
    """The JSON for a `<script type="application/ld+json">`: every "<" written as its JSON
    escape (the same string), so no text of the edition can close the script element or
    open another one ("<!--<script>" changes how HTML reads a script's content)."""
    import json

    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
