"""The edition's data as files of the site (render/data), each group with the key of what it
is made from, so a rebuild remakes only the groups whose inputs changed.

Per document (made in the worker processes with the document's page, see site.py):

    api/dts/…/<docid>…                the document's DTS responses (collection, navigation,
                                      the whole TEI with its refsDecl, each citable unit)
    cite/<docid>.bib, .ris, .json     the references of the document and of each clause and
                                      list item, to download (BibTeX, RIS, CSL-JSON)

keyed on the document's bytes, the edition's citation settings and the number of documents
(the document's collection names its parent, the edition, with its count of members).

For the corpus, each group keyed on what it reads:

    api/dts/index.json, collection…   the entry point and the edition's collection
    api/citable-ids.json              every published citable id (the permanence manifest)
    exports/*.csv, registers.json,    the registers, with each entry's counts of mentions
      places.geojson
    exports/mentions.csv              every mention
    exports/corpus.ttl                the corpus as RDF
    CITATION.cff                      how to cite the edition
"""

from __future__ import annotations

import json
from collections.abc import Callable

from toolkit.model.corpus import Corpus, Document
from toolkit.model.digest import Memo, data_key
from toolkit.model.digest import key as digest
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index
from toolkit.render.data import citation, dts, exports, rdf
from toolkit.render.data.links import DataLinks
from toolkit.render.html import paths
from toolkit.render.html.cite import CITED_KINDS, CSL, DOWNLOADS, unit_of

CITABLE_IDS = paths.CITABLE_IDS
MANIFEST_VERSION = 1


def links_of(edition: EditionConfig) -> DataLinks:
    return DataLinks(edition.base_url)


def _edition_facts(edition: EditionConfig) -> str:
    return repr((edition.name, edition.title, edition.editors, edition.paragraphs[:1], edition.base_url))


# ---------------------------------------------------------------- one document


def document_key(doc: Document, corpus: Corpus, edition: EditionConfig) -> str:
    """What a document's data files are made from."""
    return digest("document-data", doc.data_digest, doc.stem, _edition_facts(edition), str(len(corpus.documents)))


def document_files(doc: Document, corpus: Corpus, edition: EditionConfig) -> dict[str, bytes]:
    """The document's DTS responses and its references to download."""
    links = links_of(edition)
    out = dts.document_responses(doc, corpus, edition, links)
    out.update(reference_files(doc, edition, links))
    return out


def reference_files(doc: Document, edition: EditionConfig, links: DataLinks) -> dict[str, bytes]:
    """cite/<docid>.bib, .ris and .json: the document's record, then one for each of its
    clauses and list items (keyed by its id). One file of each kind a document, not one a
    clause: some 7,500 clauses at 1,000 documents would be 22,000 more files to write (and
    to link and delete again on every rebuild), each a few hundred bytes."""
    cited = [unit_of(u) for u in doc.units if u[1] in CITED_KINDS]
    records = citation.downloads(doc, cited, edition, links)
    bib = "\n".join(r[0] for r in records.values())
    ris = "\n".join(r[1] for r in records.values())
    items = [item for r in records.values() for item in json.loads(r[2])]
    return {
        paths.cite_file(doc.docid, DOWNLOADS[0][0]): bib.encode("utf-8"),
        paths.cite_file(doc.docid, DOWNLOADS[1][0]): ris.encode("utf-8"),
        paths.cite_file(doc.docid, CSL[0]): citation.csl_json(items),
    }


# ---------------------------------------------------------------- the corpus


def corpus_groups(
    corpus: Corpus, index: Index, edition: EditionConfig, memo: Memo | None = None
) -> list[tuple[str, str, Callable]]:
    """(name, key, make) of each corpus-wide group of data files; `make()` → {path: bytes}.
    The keys are computed here (cheap); the files only for a group whose key changed. The
    Turtle takes each document's part from `memo` when it was made before (rdf_chunks)."""
    links = links_of(edition)
    ed = _edition_facts(edition)
    units = [[d.docid, d.stem, d.units] for d in corpus.documents]
    summaries = [[d.docid, d.meta.title, sorted({u[1] for u in d.units})] for d in corpus.documents]
    mentions = index.rows
    counts = [[ref, len(rows), len({row[0] for row in rows})] for ref, rows in mentions]  # row[0]: its document
    reg = corpus.registers_digest
    skeleton = repr([[d.docid, d.stem, d.meta] for d in corpus.documents])
    return [
        ("data:dts", data_key("dts", ed, summaries), lambda: dts.edition_responses(corpus, edition, links)),
        (
            "data:citable-ids",
            data_key("ids", edition.name, corpus.shown, units),
            lambda: {CITABLE_IDS: manifest(corpus, edition)},
        ),
        (
            "data:registers",
            data_key("registers", ed, reg, counts),
            lambda: exports.register_exports(corpus, index, links),
        ),
        (
            "data:mentions",
            data_key("mentions", reg, [d.docid for d in corpus.documents], mentions),
            lambda: {exports.MENTIONS_CSV: exports.mentions_csv(corpus, index)},
        ),
        (
            "data:rdf",
            data_key("rdf", ed, reg, skeleton, units, mentions),
            lambda: {
                rdf.TURTLE: rdf.corpus_turtle(corpus, index, edition, links, rdf_chunks(corpus, index, links, memo))
            },
        ),
        (
            "data:cff",
            data_key("cff", ed, sorted({d.meta.genre_label for d in corpus.documents})),
            lambda: {exports.CITATION_CFF: exports.citation_cff(edition, corpus, links)},
        ),
    ]


def rdf_chunks(corpus: Corpus, index: Index, links: DataLinks, memo: Memo | None) -> Callable[[Document], str]:
    """A document's part of the Turtle, from the memo when its bytes, the registers and the
    site's address are what they were (a moved mention remakes one part, not 1,000)."""

    def chunk(doc: Document) -> str:
        k = digest("rdf-document", doc.data_digest, doc.stem, corpus.registers_digest, links.base or "")
        hit = memo.get("rdf-document", k) if memo is not None else None
        if hit is not None:
            return hit.decode("utf-8")
        text = rdf.document_turtle(doc, corpus, index, links)
        if memo is not None:
            memo.put("rdf-document", k, text.encode("utf-8"))
        return text

    return chunk


def manifest(corpus: Corpus, edition: EditionConfig) -> bytes:
    """api/citable-ids.json: every document and the ids of its citable units, as this build
    publishes them. `tei-edition validate` reads the last one published and warns when an
    id in it is gone (validate/rules/permanence.py). `tei` names the folder the site was
    built from, as the build named it inside the project ("tei"), so validate applies the
    manifest to that folder only; a folder outside the project is not named."""
    inside = not corpus.shown.startswith(("..", "/")) and corpus.shown not in ("", ".")
    data = {
        "version": MANIFEST_VERSION,
        "edition": edition.name,
        "tei": corpus.shown.replace("\\", "/") if inside else None,
        "documents": [
            {"id": d.docid, "file": f"{d.stem}.xml", "page": paths.document(d.docid), "units": [u[0] for u in d.units]}
            for d in corpus.documents
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
