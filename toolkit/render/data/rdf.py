"""The corpus as RDF (Turtle, written by rdflib): `exports/corpus.ttl`.

- each document (its reading page's URL): Dublin Core terms (title, date, type, language,
  creator, publisher, spatial, source, license of the markup, identifier, isPartOf the edition,
  hasFormat its TEI), and `schema:mentions` for every entity it mentions;
- each citable unit (the page's permalink): `dcterms:isPartOf` its document, its identifier
  and label, and the entities mentioned in it;
- each register entry that is mentioned (its index anchor): its class (schema:Person, Place,
  Organization), labels (canonical and variants in Russian, the transliteration as ru-Latn,
  English names), `owl:sameAs` the Wikidata entity where the register has a checked id,
  coordinates (WGS84), the country or the organisation it belongs to.

IRIs are the site's: absolute when its address is known; otherwise the file starts with
`@base <../>`, so they resolve against the site wherever it is served.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from toolkit.model.corpus import Corpus, Document
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index
from toolkit.model.latin import latin_name
from toolkit.model.registers import Entry
from toolkit.render.data.jsonld import TYPE_OF_KIND, wikidata_url
from toolkit.render.data.links import DataLinks
from toolkit.render.html import paths
from toolkit.render.linking import WEB_LINK
from toolkit.render.wording import block_label

TURTLE = "exports/corpus.ttl"
_PLACEHOLDER = "http://site.invalid/"  # the site root while the graph is built without an address
SCHEMA = "https://schema.org/"
WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#"


def _literal_date(iso: str):
    from rdflib import Literal
    from rdflib.namespace import XSD

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return Literal(iso, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return Literal(iso, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", iso):
        return Literal(iso, datatype=XSD.gYear)
    return Literal(iso)


def corpus_graph(corpus: Corpus, index: Index, edition: EditionConfig, links: DataLinks):
    """The rdflib Graph of the corpus (IRIs under the site's address, or a placeholder)."""
    from rdflib import Graph, Namespace

    g = Graph()
    for name, iri in PREFIXES.items():
        g.bind(name, Namespace(iri))
    for triple in corpus_triples(corpus, index, edition, links):
        g.add(triple)
    return g


def corpus_triples(corpus: Corpus, index: Index, edition: EditionConfig, links: DataLinks) -> set:
    """The corpus as a set of (subject, predicate, object) rdflib terms: what the Graph holds,
    without the cost of its store."""
    g = _edition_triples(edition, links)
    for doc in corpus.documents:
        g |= document_triples(doc, corpus, index, links)
    for ref in _mentioned(corpus, index):
        _entity(g, corpus.registers.get(ref), _iri_of(links), corpus)
    return g


def _iri_of(links: DataLinks):
    from rdflib import URIRef

    root = links.base or _PLACEHOLDER
    return lambda site_path: URIRef(root + site_path)


def _edition_triples(edition: EditionConfig, links: DataLinks) -> set:
    from rdflib import Literal, Namespace
    from rdflib.namespace import DCTERMS, RDF

    home = _iri_of(links)(paths.HOME)
    return {(home, RDF.type, Namespace(SCHEMA).Collection), (home, DCTERMS.title, Literal(edition.title, lang="ru"))}


def _mentioned(corpus: Corpus, index: Index) -> list[str]:
    """The refs of the register entries the corpus mentions (each is described once)."""
    return sorted(ref for ref in index.occurrences if corpus.registers.get(ref) is not None)


def document_triples(doc: Document, corpus: Corpus, index: Index, links: DataLinks) -> set:
    """What the graph says of one document: its page (Dublin Core terms, the entities it
    mentions), each citable unit and each block naming an entity, its TEI file. It depends
    on the document, the registers and the site's address only."""
    from rdflib import Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDFS

    iri, schema = _iri_of(links), Namespace(SCHEMA)
    g: set = set()  # filled through .add, as a Graph would be
    page = iri(paths.document(doc.docid))
    _document(g, doc, page, iri(paths.HOME), iri, corpus)
    for ref in index.refs_in(doc.docid):
        entry = corpus.registers.get(ref)
        if entry is not None:
            g.add((page, schema.mentions, iri(paths.entity(entry.kind, entry.key))))
    for uid, _kind, n, name in doc.units:
        node = URIRef(f"{page}#{uid}")
        g.add((node, DCTERMS.isPartOf, page))
        g.add((node, DCTERMS.identifier, Literal(uid)))
        g.add((node, RDFS.label, Literal(block_label(name, n, uid), lang="ru")))
    for anchor, refs in index.refs_by_anchor(doc.docid).items():
        for ref in refs if anchor else ():  # "": the header, which the page stands for
            entry = corpus.registers.get(ref)
            if entry is not None:
                g.add((URIRef(f"{page}#{anchor}"), schema.mentions, iri(paths.entity(entry.kind, entry.key))))
    return g


def _document(g, doc, page, home, iri, corpus: Corpus) -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF

    meta = doc.meta
    g.add((page, RDF.type, URIRef(SCHEMA + ("NewsArticle" if meta.genre == "news-report" else "CreativeWork"))))
    g.add((page, DCTERMS.title, Literal(meta.title, lang="ru")))
    g.add((page, DCTERMS.identifier, Literal(doc.docid)))
    g.add((page, DCTERMS.isPartOf, home))
    g.add((page, DCTERMS.language, Literal(meta.language or "ru")))
    if meta.genre_label:
        g.add((page, DCTERMS.type, Literal(meta.genre_label, lang="ru")))
    if meta.sort_value:
        g.add((page, DCTERMS.date, _literal_date(meta.sort_value)))
    if meta.issuer:
        issuer = corpus.registers.get(meta.issuer.ref) if meta.issuer.ref else None
        g.add(
            (
                page,
                DCTERMS.creator,
                iri(paths.entity(issuer.kind, issuer.key)) if issuer else Literal(meta.issuer.name, lang="ru"),
            )
        )
    if meta.publisher:
        g.add((page, DCTERMS.publisher, Literal(meta.publisher, lang="ru")))
    for place in meta.places:
        entry = corpus.registers.get(place.ref) if place.ref else None
        if entry is not None:
            g.add((page, DCTERMS.spatial, iri(paths.entity(entry.kind, entry.key))))
    if meta.source_url and WEB_LINK.match(meta.source_url):
        g.add((page, DCTERMS.source, URIRef(meta.source_url)))
    tei = iri(paths.tei_file(doc.stem))
    g.add((page, DCTERMS.hasFormat, tei))
    g.add((tei, DCTERMS["format"], Literal("application/tei+xml")))
    for lic in meta.licences:
        if lic.target and WEB_LINK.match(lic.target):
            g.add((tei, DCTERMS.license, URIRef(lic.target)))


def _entity(g, entry: Entry, iri, corpus: Corpus) -> None:
    from rdflib import Literal, Namespace, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    wgs = Namespace(WGS84)
    node = iri(paths.entity(entry.kind, entry.key))
    g.add((node, RDF.type, URIRef(SCHEMA + TYPE_OF_KIND[entry.kind])))
    g.add((node, RDFS.label, Literal(entry.name, lang="ru")))
    g.add((node, SKOS.prefLabel, Literal(entry.name, lang="ru")))
    for name in entry.all_names[1:]:
        g.add((node, SKOS.altLabel, Literal(name, lang="ru")))
    g.add((node, SKOS.altLabel, Literal(latin_name(entry), lang="ru-Latn")))
    for name in entry.english:
        g.add((node, SKOS.altLabel, Literal(name, lang="en")))
    if wikidata_url(entry):
        g.add((node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{entry.wikidata}")))
    if entry.geo:
        g.add((node, wgs.lat, Literal(entry.geo[0])))
        g.add((node, wgs.long, Literal(entry.geo[1])))
    parent = entry.country if entry.kind == "place" else entry.part_of if entry.kind == "org" else None
    target = corpus.registers.get(f"{'pla' if entry.kind == 'place' else 'org'}:{parent}") if parent else None
    if target is not None:
        prop = "containedInPlace" if entry.kind == "place" else "parentOrganization"
        g.add((node, URIRef(SCHEMA + prop), iri(paths.entity(target.kind, target.key))))


PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": SCHEMA,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wgs84": WGS84,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def corpus_turtle(
    corpus: Corpus, index: Index, edition: EditionConfig, links: DataLinks, chunk: Callable | None = None
) -> bytes:
    """The Turtle file: the edition, then each document's blocks (one a subject, in the
    corpus's order), then each entity mentioned; predicates and objects sorted. rdflib makes
    every term and writes it (escapes, language tags, datatypes); the blocks are laid out
    here (rdflib's Turtle serializer takes 14 s for a 1,000-document corpus; this, about 1 s).
    A document's blocks depend on it, the registers and the site's address alone, so
    `chunk(doc)` may give them from a memo (else `document_turtle`). Without the site's
    address, IRIs are relative to the site root and the file declares `@base <../>` (it
    lives in exports/)."""
    out = [f"@prefix {name}: <{iri}> ." for name, iri in PREFIXES.items()]
    if not links.base:
        out.insert(0, "@base <../> .")
    out += ["", _blocks(_edition_triples(edition, links), links)]
    out += [(chunk or (lambda d: document_turtle(d, corpus, index, links)))(doc) for doc in corpus.documents]
    entities: set = set()
    for ref in _mentioned(corpus, index):
        _entity(entities, corpus.registers.get(ref), _iri_of(links), corpus)
    out.append(_blocks(entities, links))
    return "\n".join(o for o in out if o is not None).encode("utf-8")


def document_turtle(doc: Document, corpus: Corpus, index: Index, links: DataLinks) -> str:
    """One document's blocks of the Turtle file (see document_triples)."""
    return _blocks(document_triples(doc, corpus, index, links), links)


def _blocks(triples: set, links: DataLinks) -> str:
    """Turtle blocks, one a subject, subjects, predicates and objects sorted."""
    blocks: dict = {}
    for s, p, o in triples:
        blocks.setdefault(s, {}).setdefault(p, []).append(o)
    out = []
    for subject in sorted(blocks, key=_term):
        preds = blocks[subject]
        lines = []
        for pred in sorted(preds, key=_term):
            objects = sorted({_term(o) for o in preds[pred]})
            lines.append(f"    {_term(pred)} " + ",\n        ".join(objects))
        out.append(_term(subject) + "\n" + " ;\n".join(lines) + " .\n")
    text = "\n".join(out)
    return text if links.base else text.replace(f"<{_PLACEHOLDER}", "<")


@functools.lru_cache(maxsize=1 << 16)  # the same predicates and entities come back thousands of times
def _term(term) -> str:
    """A term in Turtle: a prefixed name where one fits, else what rdflib writes (rdflib's
    terms compare by value and kind: a literal's language and datatype included)."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        for name, iri in PREFIXES.items():
            if term.startswith(iri) and _LOCAL.fullmatch(term[len(iri) :]):
                return f"{name}:{term[len(iri) :]}"
        return term.n3()
    if isinstance(term, Literal) and term.datatype is not None:
        return _quoted(term) + "^^" + _term(URIRef(term.datatype))
    return term.n3()


def _quoted(term) -> str:
    from rdflib import Literal

    return Literal(str(term)).n3()
