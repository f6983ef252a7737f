"""The edition's index, computed once from the corpus and shared by every renderer.

- entries → occurrences: each mention of a person, place or organisation (`@ref`)
  is an `Occurrence`: the document and the anchor of the nearest enclosing citable
  element, or a generated stable anchor for elements that have none (anchors.py); it is
  filed under its register entry's ref, read through the document's prefixDefs.
- the chronology: every `<date>` of the reading text, and each document's own date.

Nothing here knows about pages: the HTML site turns an anchor into `doc.html#anchor`,
the PDF into a page number.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import unicodedata

from lxml import etree

from toolkit.model.anchors import Anchors, anchor_element, anchor_id, in_residue
from toolkit.model.corpus import Corpus, Document
from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.model.digest import Memo, key
from toolkit.model.registers import KIND_OF_NAME, Entry, Registers
from toolkit.model.tei import DATE_ATTRS, local, squash

HEADER = "teiHeader"


# ---------------------------------------------------------------- index model


@dataclasses.dataclass(frozen=True)
class Occurrence:
    docid: str
    anchor: str  # id in the document: xml:id or a generated anchor; "" for the header
    block: str  # local name of the anchored element ("div", "p", "item", "docTitle", "teiHeader", …)
    n: str | None  # its @n (clause or item number), if any
    text: str  # the mention as written
    line: int

    @property
    def in_header(self) -> bool:
        return self.block == HEADER

    def row(self) -> list:
        """The fields as a plain list (dataclasses.astuple deep-copies: far slower)."""
        return [self.docid, self.anchor, self.block, self.n, self.text, self.line]


@dataclasses.dataclass(frozen=True)
class DateOccurrence(Occurrence):
    attrs: tuple[tuple[str, str], ...] = ()
    cert: str | None = None
    evidence: str | None = None

    @property
    def values(self) -> dict[str, str]:
        return dict(self.attrs)

    def row(self) -> list:
        return [*super().row(), [list(a) for a in self.attrs], self.cert, self.evidence]


@dataclasses.dataclass
class ChronologyEntry:
    key: str  # "2019-05-22", "2018--2020", "nb-2021-01-19"
    attrs: dict[str, str]
    occurrences: list[DateOccurrence]

    @property
    def sort_key(self) -> tuple:
        return date_sort_key(self.attrs)

    @property
    def year(self) -> str | None:
        start = self.sort_key[0]
        return start[:4] if re.match(r"\d{4}", start) else None


@dataclasses.dataclass
class Unresolved:
    docid: str
    element: str
    ref: str | None
    line: int


@dataclasses.dataclass
class Index:
    occurrences: dict[str, list[Occurrence]]  # register ref ("per:putin") → occurrences in corpus order
    chronology: list[ChronologyEntry]  # in date order
    anchors: dict[str, dict[etree._Element, str]]  # docid → generated anchors
    diagnostics: list[Diagnostic]

    @functools.cached_property
    def mentions_by_doc(self) -> dict[str, dict[str, tuple[int, bool]]]:
        """docid → register ref → (its mentions in that document, whether one is in the
        text rather than the header), in index order; made once for all documents: pages
        and pictures ask per document, and a scan per document would be quadratic."""
        table: dict[str, dict[str, tuple[int, bool]]] = {}
        for ref, occs in self.occurrences.items():
            for o in occs:
                seen = table.setdefault(o.docid, {})
                n, in_text = seen.get(ref, (0, False))
                seen[ref] = (n + 1, in_text or not o.in_header)
        return table

    def refs_in(self, docid: str, *, header: bool = True) -> list[str]:
        """Register refs mentioned in one document (in index order)."""
        return [ref for ref, (_n, in_text) in self.mentions_by_doc.get(docid, {}).items() if header or in_text]

    @functools.cached_property
    def rows(self) -> list[list]:
        """[ref, [each occurrence's row]] for every entry, in the order of the refs: the
        mentions as plain data, made once for everything keyed on them."""
        return [[ref, [o.row() for o in occs]] for ref, occs in sorted(self.occurrences.items())]

    @functools.cached_property
    def date_keys(self) -> frozenset[str]:
        """The keys of the chronology's entries, computed once (every page's links ask)."""
        return frozenset(c.key for c in self.chronology)

    def refs_by_anchor(self, docid: str) -> dict[str, list[str]]:
        """The register refs mentioned in each anchored block of one document (anchor →
        refs, in index order; the header's under "")."""
        return self._refs_by_anchor.get(docid, {})

    @functools.cached_property
    def _refs_by_anchor(self) -> dict[str, dict[str, list[str]]]:
        """docid → anchor → refs, for all documents at once."""
        table: dict[str, dict[str, list[str]]] = {}
        for ref, occs in self.occurrences.items():
            for o in occs:
                refs = table.setdefault(o.docid, {}).setdefault(o.anchor, [])
                if ref not in refs:
                    refs.append(ref)
        return table

    def indexed(self, registers: Registers, ref: str) -> Entry | None:
        """The register entry of `ref` (as the index names it), if the edition mentions it."""
        entry = registers.get(ref)
        return entry if entry is not None and ref in self.occurrences else None

    def entries(self, corpus: Corpus, kind: str) -> list[tuple[Entry, list[Occurrence]]]:
        """Register entries of one kind that the edition mentions, in Russian alphabetical order."""
        out = []
        for entry in corpus.registers.all(kind):
            occ = self.occurrences.get(entry.ref)
            if occ:
                out.append((entry, occ))
        out.sort(key=lambda pair: ru_sort_key(pair[0].name))
        return out

    def chronology_entry(self, attrs: dict[str, str]) -> ChronologyEntry | None:
        key = date_key(attrs)
        return next((c for c in self.chronology if c.key == key), None)


# ---------------------------------------------------------------- ordering


_CYR = "абвгдежзийклмнопрстуфхцчшщъыьэюя"


def ru_sort_key(name: str) -> tuple:
    """Russian alphabetical order, ё sorted with е, case and punctuation ignored;
    Cyrillic before Latin before digits."""
    s = unicodedata.normalize("NFC", name).casefold().replace("ё", "е")
    letters = [c for c in s if c.isalnum()]

    def rank(c: str) -> tuple[int, int]:
        if c in _CYR:
            return (0, _CYR.index(c))
        if "a" <= c <= "z":
            return (1, ord(c))
        if c.isdigit():
            return (2, ord(c))
        return (3, ord(c))

    return (tuple(rank(c) for c in letters), name)


def initial_letter(name: str) -> str:
    """The letter an entry is filed under: "Ёлкин" → "Е", "«Жусан»" → "Ж"."""
    for c in name:
        if c.isalnum():
            c = c.upper()
            return "Е" if c == "Ё" else c
    return "#"


def date_key(attrs: dict[str, str]) -> str:
    if "when" in attrs:
        return attrs["when"]
    if "from" in attrs or "to" in attrs:
        return f"{attrs.get('from', '')}--{attrs.get('to', '')}"
    parts = []
    if "notBefore" in attrs:
        parts.append(f"nb-{attrs['notBefore']}")
    if "notAfter" in attrs:
        parts.append(f"na-{attrs['notAfter']}")
    return "_".join(parts) or "undated"


def date_sort_key(attrs: dict[str, str]) -> tuple:
    start = (
        attrs.get("when")
        or attrs.get("from")
        or attrs.get("notBefore")
        or attrs.get("notAfter")
        or attrs.get("to")
        or ""
    )
    end = attrs.get("to") or attrs.get("notAfter") or attrs.get("when") or start
    if start.startswith("--"):  # no year: after every dated value
        start = "~" + start
    return (start, end, date_key(attrs))


# ---------------------------------------------------------------- computing the index


def build_index(corpus: Corpus, memo: Memo | None = None) -> Index:
    """The index of the corpus. With a `memo` (model.digest.Memo), the entries of a
    document whose bytes and registers are unchanged come from it, without reading its tree."""
    occurrences: dict[str, list[Occurrence]] = {}
    dates: dict[str, ChronologyEntry] = {}
    anchors = Anchors(corpus)
    diags: list[Diagnostic] = []

    for doc in corpus.documents:
        k = key("index", corpus.registers_digest, doc.shown, doc.data_digest) if memo is not None else None
        hit = memo.get("index", k) if k else None
        part = None
        if hit is not None:
            try:
                part = _DocumentIndex.from_json(json.loads(hit))
            except (ValueError, TypeError, KeyError, IndexError):
                part = None
        if part is None:
            part = _document_index(doc, corpus, anchors.get(doc.docid, {}))
            if k:
                memo.put("index", k, json.dumps(part.to_json(), ensure_ascii=False).encode())
        for ref, occ in part.mentions:
            occurrences.setdefault(ref, []).append(occ)
        for occ in part.dates:
            attrs = occ.values
            dkey = date_key(attrs)
            if dkey not in dates:
                dates[dkey] = ChronologyEntry(dkey, attrs, [])
            dates[dkey].occurrences.append(occ)
        diags.extend(part.diagnostics)
    chronology = sorted(dates.values(), key=lambda c: c.sort_key)
    return Index(occurrences, chronology, anchors, diags)


@dataclasses.dataclass
class _DocumentIndex:
    """One document's part of the index, in document order (plain data: cacheable)."""

    mentions: list[tuple[str, Occurrence]]
    dates: list[DateOccurrence]
    diagnostics: list[Diagnostic]

    def to_json(self) -> list:
        return [
            [[ref, o.row()] for ref, o in self.mentions],
            [o.row() for o in self.dates],
            [d.to_row() for d in self.diagnostics],
        ]

    @classmethod
    def from_json(cls, data: list) -> _DocumentIndex:
        mentions, dates, diags = data
        return cls(
            [(ref, Occurrence(*o)) for ref, o in mentions],
            [DateOccurrence(*o[:6], tuple(tuple(a) for a in o[6]), *o[7:]) for o in dates],
            [Diagnostic.from_row(d) for d in diags],
        )


def _header_index(doc: Document, corpus: Corpus) -> tuple[list[tuple[str, Occurrence]], list[DateOccurrence]]:
    """The header's part: the document's own date, place and issuer."""
    docid, meta = doc.docid, doc.meta
    mentions: list[tuple[str, Occurrence]] = []
    dates: list[DateOccurrence] = []
    for name in ([meta.issuer] if meta.issuer else []) + meta.places:
        entry = corpus.registers.get(name.ref, doc.prefixes) if name.ref else None
        if entry:
            mentions.append((entry.ref, Occurrence(docid, "", HEADER, None, name.name, name.line)))
    for d in meta.dates:
        if d.attrs:
            dates.append(
                DateOccurrence(
                    docid, "", HEADER, None, d.text, d.line, tuple(sorted(d.attrs.items())), d.cert, d.evidence
                )
            )
    return mentions, dates


def _document_index(doc: Document, corpus: Corpus, gen: dict) -> _DocumentIndex:
    """One document's entries: the header's, then every mention and date of the reading
    text, each at the anchor of its citable element. A mention is indexed under its
    entry's ref, however the document's prefixDefs let it write it."""
    docid = doc.docid
    mentions, dates = _header_index(doc, corpus)
    diags: list[Diagnostic] = []
    prefixes = doc.prefixes
    text = doc.text
    if text is None:
        return _DocumentIndex(mentions, dates, diags)
    for el in text.iter():
        if not isinstance(el.tag, str) or in_residue(el):
            continue
        name = local(el)
        if name not in KIND_OF_NAME and name != "date":
            continue
        target = anchor_element(el, gen)
        if target is None:
            line, col = doc.position(el)
            diags.append(
                warning(
                    doc.shown,
                    line,
                    col,
                    f"<{name}> is outside any citable element; it is not indexed",
                    "index.no-anchor",
                )
            )
            continue
        occ_args = (
            docid,
            anchor_id(target, gen),
            local(target),
            target.get("n"),
            squash("".join(el.itertext())),
            el.sourceline or 0,
        )
        if name == "date":
            attrs = {k: el.get(k) for k in DATE_ATTRS if el.get(k)}
            if attrs:
                dates.append(
                    DateOccurrence(*occ_args, tuple(sorted(attrs.items())), el.get("cert"), el.get("evidence"))
                )
            continue
        ref = el.get("ref")
        entry = corpus.registers.get(ref, prefixes) if ref else None
        if entry is None:
            continue  # reported by the renderer, which leaves such a mention unlinked
        mentions.append((entry.ref, Occurrence(*occ_args)))
    return _DocumentIndex(mentions, dates, diags)
