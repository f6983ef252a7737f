"""The offline search's data (assets/search-data.js): every citable block's text and each
document's facets, as a script the search page loads with <script src>, which browsers
allow even from file:// (where Pagefind's fetch of its index is refused).

Names in Latin script (model/latin.py) are searchable too: each record lists the Latin
forms of the entities the document mentions ("n"), and each block the ones it mentions
("e", indices into "n"), so "Tokayev" finds the clause that names Токаев. The register
entries themselves are listed once ("entries"), so the search page can offer the index
entry of a name it finds, in either script."""

from __future__ import annotations

import json
import re

from lxml import etree

from toolkit.model.anchors import in_residue
from toolkit.model.corpus import Corpus, Document
from toolkit.model.digest import Memo
from toolkit.model.digest import key as digest
from toolkit.model.index import Index, ru_sort_key
from toolkit.model.latin import latin_names
from toolkit.model.registers import KINDS, TITLE_OF_KIND
from toolkit.model.tei import XML_ID, local
from toolkit.render.html import paths
from toolkit.render.wording import block_label, describe_date

# the search's filter of each kind of entity (search_page's selects, the document pages'
# data-pagefind-filter, the records' facets, assets/search.js)
FACET_OF_KIND = {"person": "person", "place": "place", "org": "organisation"}
# the source's reading is shown only on request; notes and the witnesses' variants are not the text
SKIP = {"sic", "orig", "note", "rdg"}
# what a search result may point at: the blocks of the text, not an <anchor> or a <seg> with an id
BLOCKS = {"div", "p", "item", "head", "list", "table", "figure", "docTitle", "dateline", "docDate", "argument"}
BLOCKS |= {"opener", "closer", "postscript"}


def _text(el: etree._Element) -> str:
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str) or local(node) in SKIP:
            return
        if local(node) == "div" and node.get("type") == "residue":
            return
        out.append(" " if local(node) == "lb" else node.text or "")
        for child in node:
            walk(child)
            out.append(child.tail or "")

    walk(el)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _blocks(doc: Document, anchors: dict) -> list[tuple[str, str, str]]:
    """(anchor, label, text) of each innermost anchored element of the reading text."""
    text = doc.text
    if text is None:
        return []
    anchored = [
        el
        for el in text.iter()
        if isinstance(el.tag, str) and local(el) in BLOCKS and (el.get(XML_ID) or el in anchors) and not in_residue(el)
    ]
    inner = set()
    for el in anchored:
        for a in el.iterancestors():
            inner.add(a)
    out = []
    for el in anchored:
        if el in inner:
            continue
        anchor = el.get(XML_ID) or anchors[el]
        body = _text(el)
        if body:
            out.append((anchor, block_label(local(el), el.get("n"), anchor), body))
    return out


def search_record(
    doc: Document, corpus: Corpus, index: Index, memo: Memo | None = None, registers_digest: str = ""
) -> tuple[str, bytes]:
    """(key, record as compact JSON) of one document for the offline search. The record
    depends on the document and the registers only, so with a `memo` it is made once per
    version; it stays JSON text, which `search_data` joins without reading it again."""
    k = digest("search-record", registers_digest, doc.shown, doc.data_digest)
    hit = memo.get("search-record", k) if memo is not None and registers_digest else None
    if hit is not None:
        return k, hit
    return k, _compact(_record(doc, corpus, index))


def _compact(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _record(doc: Document, corpus: Corpus, index: Index) -> dict:
    facets: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for ref in index.refs_in(doc.docid, header=False):
        entry = corpus.registers.get(ref)
        if entry:
            facets[entry.kind].append(entry.name)
    names, mentioned = _latin(doc, corpus, index)
    return {
        "title": doc.meta.title,
        "url": paths.document(doc.docid),
        "date": describe_date(doc.meta.date.attrs) if doc.meta.date else "",
        "genre": doc.meta.genre_label,
        "year": doc.meta.year or "",
        **{FACET_OF_KIND[kind]: sorted(facets[kind], key=ru_sort_key) for kind in KINDS},
        "n": names,
        "blocks": [
            {"a": a, "l": label, "t": t, **({"e": mentioned[a]} if a in mentioned else {})}
            for a, label, t in _blocks(doc, index.anchors.get(doc.docid, {}))
        ],
    }


def _latin(doc: Document, corpus: Corpus, index: Index) -> tuple[list[str], dict[str, list[int]]]:
    """The Latin forms of each entity the document mentions (one string each), and for each
    block the indices of the entities it mentions."""
    by_anchor = index.refs_by_anchor(doc.docid)
    refs = sorted({ref for found in by_anchor.values() for ref in found if corpus.registers.get(ref) is not None})
    number = {ref: k for k, ref in enumerate(refs)}  # in the order of the refs: the same however the index was made
    names = [" ".join(latin_names(corpus.registers.get(ref))) for ref in refs]
    mentioned = {a: sorted(number[r] for r in found if r in number) for a, found in by_anchor.items()}
    return names, {a: found for a, found in mentioned.items() if found}


def entries_data(corpus: Corpus, index: Index) -> list[dict]:
    """The register entries the edition mentions, for the search page: index page and anchor
    ("u"), name ("n"), kind ("k"), every Latin form ("l")."""
    out = []
    for kind in KINDS:
        for entry, _occs in index.entries(corpus, kind):
            url = paths.entity(kind, entry.key)
            out.append({"u": url, "n": entry.name, "k": TITLE_OF_KIND[kind], "l": " · ".join(latin_names(entry))})
    return out


def search_data(records: list[bytes], entries: list[dict] | None = None) -> bytes:
    """assets/search-data.js from the documents' records (compact JSON, as search_record
    makes them), in corpus order, and the index entries."""
    payload = b'{"documents":[' + b",".join(records) + b'],"entries":' + _compact(entries or []) + b"}"
    # JSON is a JavaScript expression; U+2028/2029 are escaped for older engines
    payload = payload.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
    return b"window.EDITION_SEARCH = " + payload + b";\n"
