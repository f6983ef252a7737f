"""The reading text for print: the HTML edition's visitor (render/transform.py) with the
few things paper does differently.

- Editorial notes become footnotes (CSS `float: footnote`), numbered: the TEI's own
  `<note>`s, each correction, normalisation or expanded abbreviation (the edited reading
  is printed, the source's in the note), and every date the editor supplied or is unsure
  of (wording.certainty_note: anything but stated in the text with high certainty).
- Textual notes are footnotes lettered а, б, в … (signs.py): the apparatus of variant
  readings, and what an editorial sign cannot say (the extent of a gap, where an addition
  stands …). A figure's description is printed under it; its image comes from the
  project through the fetcher (fetch.MEDIA), never from anywhere else.
- Clause numbers go to the margin (`span.clause-no`); the HTML's citation boxes go.
- Every printed mention of an index entry and every date gets its own anchor
  (`{docid}--m{k}`), so the index can give the page the mention is on, not the page its
  paragraph starts on. `mentions` maps (block anchor, key) → those anchors, where the
  key is a register ref or a chronology key: the same keys as the shared `Index`.
- Links that stay in the book point at `INTERNAL + anchor`; the assembly (assemble.py)
  turns them into page destinations, across separately rendered parts.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from lxml import etree

from toolkit.model.anchors import anchor_element, anchor_id
from toolkit.model.corpus import Document
from toolkit.model.index import date_key
from toolkit.model.tei import DATE_ATTRS, text_of
from toolkit.render.dom import h
from toolkit.render.linking import EntityTarget
from toolkit.render.notes import note_label
from toolkit.render.pdf.fetch import MEDIA
from toolkit.render.transform import HtmlTransform
from toolkit.render.wording import CHOICE_WHAT, certainty_note, describe_date, short_label

INTERNAL = "https://anchor.invalid/"  # internal link marker; never leaves the build
DROP = "x-drop"


def internal(anchor: str) -> str:
    return INTERNAL + anchor


def footnote(*content) -> etree._Element:
    return h("span", {"class": "fn"}, *content)


def textual_footnote(*content) -> etree._Element:
    return h("span", {"class": "fn fn-text"}, *content)


class PrintTransform(HtmlTransform):
    def __init__(self, doc: Document, anchors, links, cite_prefix: str, link_mentions: bool = False):
        super().__init__(doc, anchors, links, cite_prefix)
        self.mentions: dict[tuple[str, str], list[str]] = {}
        self.count = 0
        self.link_mentions = link_mentions

    def _unlink(self, node: etree._Element) -> None:
        """A mention keeps its anchor; it links to its index entry only if asked (each
        link is an annotation on the page: a quarter of the cost of putting a large book
        together, and a printed book has its index for that)."""
        if not self.link_mentions and node.tag == "a":
            node.tag = "span"
            node.attrib.pop("href", None)

    # ------------------------------------------------------------ anchors of mentions

    def mention_id(self, el: etree._Element, key: str) -> str:
        self.count += 1
        mid = f"{self.doc.docid}--m{self.count}"
        target = anchor_element(el, self.anchors)
        block = (anchor_id(target, self.anchors) or "") if target is not None else ""
        self.mentions.setdefault((block, key), []).append(mid)
        return mid

    def _entity(self, el, out):
        super()._entity(el, out)
        ref = self.entity_ref(el.get("ref"))
        if ref and self.links.entity(ref) is not None and len(out):
            out[-1].set("id", self.mention_id(el, ref))
            self._unlink(out[-1])

    visit_persName = visit_placeName = visit_orgName = _entity

    def visit_date(self, el, out):
        super().visit_date(el, out)
        attrs = {k: el.get(k) for k in DATE_ATTRS if el.get(k)}
        if attrs and len(out):
            out[-1].set("id", self.mention_id(el, date_key(attrs)))
            self._unlink(out[-1])
        how = certainty_note(el.get("evidence"), el.get("cert"))
        if attrs and how:  # a date the editor supplied or is unsure of
            out.append(footnote(f"Датировка издателя: {describe_date(attrs)} ({how})."))

    # ------------------------------------------------------------ notes

    def note_box(self, el, number, out):
        node = footnote(f"{note_label(el)}: ")
        self.children(el, node)
        out.append(node)

    def textual_note(self, words, out):
        out.append(textual_footnote(words))

    def apparatus_box(self, el, lem, mark, out):
        out.append(self.apparatus_entry(el, lem, textual_footnote()))

    def visit_choice(self, el, out):
        parts = self.choice(el, out)
        if parts is None:
            return
        kind, source, edited = parts
        if kind == "expan":
            node = h("abbr", {"class": "choice choice-expan"})
            self.children(source, node)
            out.append(node)
            out.append(footnote(f"{CHOICE_WHAT[kind]}: «{text_of(edited)}»."))
            return
        node = h("span", {"class": f"choice choice-{kind}"})
        self.children(edited, node)
        out.append(node)
        out.append(footnote(f"{CHOICE_WHAT[kind]}; в источнике: «{text_of(source)}»."))

    def visit_figDesc(self, el, out):
        self.block("span" if self.in_phrase else "p", "fig-desc", el, out)

    # ------------------------------------------------------------ citation apparatus

    def permalink(self, ident, label, n):
        return h("span", {"class": "clause-no"}, short_label(n, label))

    def cite_box(self, ident, label):
        return h("span", {"class": DROP})


def render_reading(
    doc: Document, anchors, links, cite_prefix: str, link_mentions: bool = False
) -> tuple[etree._Element, PrintTransform]:
    transform = PrintTransform(doc, anchors, links, cite_prefix, link_mentions)
    transform.check_header_links()
    root = transform.render()
    for el in list(root.iter("span")):
        if el.get("class") == DROP:
            _remove(el)
    for li in root.iter("li"):  # list items carry their own numbers or labels
        for el in [c for c in li if c.tag == "span" and c.get("class") == "clause-no"]:
            _remove(el)
    return root, transform


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


class BookLinks:
    """Links of the reading text in the book: entities to their index entry, dates to the
    chronology, #pointers to the element (any document); all as INTERNAL markers."""

    def __init__(self, corpus, index):
        self.corpus = corpus
        self.index = index
        self.dates = index.date_keys

    def entity(self, ref: str) -> EntityTarget | None:
        entry = self.index.indexed(self.corpus.registers, ref)
        if entry is None:
            return None
        return EntityTarget(internal(entry_anchor(ref)), "", entry.candidate)

    def date(self, attrs: dict[str, str]) -> str | None:
        key = date_key(attrs)
        return internal(chronology_anchor(key)) if key in self.dates else None

    def pointer(self, target_id: str) -> str | None:
        return internal(target_id) if target_id in self.corpus.id_owner else None

    def file(self, stem: str, ident: str | None) -> str | None:
        doc = self.corpus.linked_file(stem, ident)
        return internal(ident or f"doc-{doc.docid}") if doc is not None else None

    def media(self, path: str) -> tuple[str | None, str]:
        problem = self.corpus.media_problem(path)
        return (None, problem) if problem else (MEDIA + quote(path), "")


def entry_anchor(ref: str) -> str:
    return "idx-" + ref.replace(":", "-")


def chronology_anchor(key: str) -> str:
    return "chron-" + re.sub(r"[^0-9A-Za-z-]", "_", key)
