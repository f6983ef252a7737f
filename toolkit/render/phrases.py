"""The visitors of quotations and marked words, for HtmlTransform.

- quote, q, soCalled: <q> in a line (the stylesheet sets « » around it unless the source
  has its own marks there: class "marked"); a quotation of paragraphs, or one standing
  between paragraphs, is a <blockquote>.
- cit: a quotation with its source: <figure class="cit"> (blockquote + figcaption) between
  paragraphs, <span class="cit"> in a line; bibl: <cite>, its parts (title, author …) spans.
- foreign: <i lang="…">; emph: <em>; term, mentioned: <i class="…">.
- num, measure: <data value> (the normalised value, when given).
- seg: <span class="seg">; pb: the marker "[с. 12]" (a link to the facsimile when the
  edition publishes it); milestone: "[разд. 2]".
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit.model.tei import XML_LANG, local
from toolkit.render.dom import h

OPENING_MARKS = "«„“\"'‘‹"
CLOSING_MARKS = "»“”\"'’›"
# where a quotation between paragraphs stands: these TEI elements hold paragraphs, not a line
FLOW_PARENTS = {"body", "back", "front", "div", "opener", "closer", "postscript", "figure", "note", "cit", "quote"}
MILESTONE_UNITS = {  # unit → (as the marker abbreviates it, its name)
    "section": ("разд.", "раздел"),
    "part": ("ч.", "часть"),
    "chapter": ("гл.", "глава"),
    "article": ("ст.", "статья"),
    "column": ("стб.", "столбец"),
    "sheet": ("л.", "лист"),
    "folio": ("л.", "лист"),
    "page": ("с.", "страница"),
}


def has_marks(el: etree._Element) -> bool:
    """Whether the source puts its own quotation marks around the element's text (inside it,
    or right before it): then the edition adds none."""
    inner = "".join(el.itertext()).strip()
    if inner[:1] in OPENING_MARKS or inner[-1:] in CLOSING_MARKS:
        return True
    prev = el.getprevious()
    before = (prev.tail if prev is not None else (el.getparent().text if el.getparent() is not None else "")) or ""
    return before.rstrip()[-1:] in OPENING_MARKS


def is_flow(el: etree._Element) -> bool:
    """A quotation (or cit) that stands between paragraphs rather than in a line."""
    parent = el.getparent()
    if parent is None:
        return False
    blocks = any(isinstance(c.tag, str) and local(c) in ("p", "list", "table", "quote", "lg") for c in el)
    return blocks or (local(parent) in FLOW_PARENTS and not (parent.text or "").strip() and not (el.tail or "").strip())


class PhraseVisitors:
    """Uses `block`, `children`, `in_phrase`, `ident`, `links`, `signs`, `warn` of HtmlTransform."""

    def _quotation(self, el, out, cls: str):
        if not self.in_phrase and is_flow(el):
            return self.block("blockquote", cls, el, out)
        node = self.block("q", cls + (" marked" if has_marks(el) else ""), el, out)
        return node

    def visit_quote(self, el, out):
        self._quotation(el, out, "quote")

    def visit_q(self, el, out):
        self._quotation(el, out, "q")

    def visit_soCalled(self, el, out):
        node = self.block("q", "so-called" + (" marked" if has_marks(el) else ""), el, out)
        node.set("title", "так называемое")

    def visit_cit(self, el, out):
        if self.in_phrase or not is_flow(el):
            self.block("span", "cit", el, out)
            return
        node = h("figure", {"class": "cit", "id": self.ident(el)})
        out.append(node)
        for child in el:
            if isinstance(child.tag, str) and local(child) == "bibl":
                cap = h("figcaption", {"class": "cit-source"})
                self.visit(child, cap)
                node.append(cap)
            elif isinstance(child.tag, str) and local(child) == "quote":
                self.block("blockquote", "quote", child, node)
            else:
                self.visit(child, node)

    def visit_bibl(self, el, out):
        self.block("cite", "bibl", el, out)

    def visit_foreign(self, el, out):
        node = self.block("i", "foreign", el, out)
        lang = el.get(XML_LANG)
        if lang:
            node.set("lang", lang)

    def visit_emph(self, el, out):
        self.block("em", "emph", el, out)

    def visit_term(self, el, out):
        self.block("i", "term", el, out)

    def visit_mentioned(self, el, out):
        self.block("i", "mentioned", el, out)

    def _bibl_part(self, el, out):
        """A part of a reference (title, author, editor, publisher, pubPlace, biblScope,
        idno): as the source writes it, named by its class."""
        self.block("span", {"pubPlace": "pub-place", "biblScope": "bibl-scope"}.get(local(el), local(el)), el, out)

    visit_title = visit_author = visit_editor = visit_publisher = visit_pubPlace = _bibl_part
    visit_biblScope = visit_idno = _bibl_part

    def visit_num(self, el, out):
        self._data("num", el.get("value"), el, out)

    def visit_measure(self, el, out):
        value = " ".join(v for v in (el.get("quantity"), el.get("unit")) if v)
        self._data("measure", value, el, out)

    def _data(self, cls: str, value: str | None, el, out) -> None:
        if value:
            node = self.block("data", cls, el, out)
            node.set("value", value)
        else:
            self.block("span", cls, el, out)

    def visit_seg(self, el, out):
        kind = el.get("type")
        self.block("span", f"seg seg-{kind}" if kind else "seg", el, out)

    # ------------------------------------------------------------ the source's divisions

    def visit_pb(self, el, out):
        self.signs.add("pb")
        n = (el.get("n") or "").strip()
        words = f"[с. {n}]" if n else "[нов. с.]"
        attrs = {"class": "pb", "id": self.ident(el), "data-n": n or None, "title": "Начало страницы источника"}
        href = self.media_href(el, "facs") if el.get("facs") else None
        if href:
            out.append(h("a", {**attrs, "href": href, "title": "Начало страницы источника; факсимиле"}, words))
        else:
            out.append(h("span", attrs, words))

    def visit_milestone(self, el, out):
        self.signs.add("milestone")
        unit = (el.get("unit") or "").strip()
        n = (el.get("n") or "").strip()
        short, name = MILESTONE_UNITS.get(unit, (unit, unit or "часть"))
        words = "[" + " ".join(w for w in (short, n) if w) + "]" if (short or n) else "[—]"
        cls = f"milestone milestone-{re.sub(r'[^a-z0-9-]', '', unit) or 'unit'}"
        title = f"Граница в источнике: {name} {n}".strip()
        out.append(h("span", {"class": cls, "id": self.ident(el), "title": title}, words))
