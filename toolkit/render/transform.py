"""TEI reading text → HTML: one visitor per TEI element (`visit_persName`, `visit_date`, …).

The transform knows nothing about pages: links to index entries, the chronology and
other documents come from a `Links` object, so the site and the PDF (which prints this
same HTML) resolve them each their own way. The visitors live here (the structure of the
text) and beside it by family: linking.py (elements that link), phrases.py (quotations,
marked words, the source's page breaks), editorial.py (gap, unclear, supplied, add, del,
choice), notes.py (notes, the apparatus), blocks.py (lists, tables, a letter's parts,
figures). An element without a visitor is a located warning [html.unknown-element] and
its text is still rendered. Text is only ever added as text nodes, so the TEI cannot
inject markup.

HTML allows no paragraph, list or table inside a paragraph (a browser would close the
paragraph there): inside an element that keeps to a line (LINE_ONLY), `block` makes such
an element a <span class="as-p"> (…as-ul, as-table), which the stylesheets set as blocks.
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.model.media import local_path
from toolkit.model.tei import TEI_NS, XML_ID, local
from toolkit.render.blocks import BlockVisitors
from toolkit.render.dom import h, text
from toolkit.render.editorial import EditorialVisitors
from toolkit.render.linking import Links, LinkVisitors, shorten
from toolkit.render.notes import NoteVisitors
from toolkit.render.phrases import PhraseVisitors
from toolkit.render.wording import clause_label, short_label

# HTML elements of a line (phrasing content), and those whose content must keep to a line
INLINE = frozenset("span a q i b em strong abbr ins del cite data dfn label small sup sub s time br img input".split())
LINE_ONLY = INLINE | {"p", "h1", "h2", "h3", "h4", "h5", "h6"}


class HtmlTransform(LinkVisitors, PhraseVisitors, EditorialVisitors, NoteVisitors, BlockVisitors):
    def __init__(self, doc: Document, anchors: dict[etree._Element, str], links: Links, cite_prefix: str):
        self.doc = doc
        self.anchors = anchors
        self.links = links
        self.cite_prefix = cite_prefix
        self.diagnostics: list[Diagnostic] = []
        self.ids = set(doc.ids)  # the #ids a pointer may name in this document
        self.in_link = 0
        self.depth = 0
        self.has_choices = False
        self.signs: set[str] = set()  # the editorial signs used (signs.SIGNS keys): the page's legend
        self._phrasing = [False]  # per element being visited: is HTML keeping to a line where it goes?
        self.notes_init()

    # ------------------------------------------------------------ machinery

    def render(self) -> etree._Element:
        out = h("div", {"class": "reading"})
        text_el = self.doc.text
        if text_el is not None:
            self.visit(text_el, out)
        self.unplaced_notes(out)
        return out

    def visit(self, el: etree._Element, out: etree._Element) -> None:
        if not isinstance(el.tag, str):
            return  # comments and processing instructions are not text
        method = None
        if el.tag.startswith(f"{{{TEI_NS}}}"):
            method = getattr(self, f"visit_{local(el)}", None)
        self._phrasing.append(self._phrasing[-1] or out.tag in LINE_ONLY)
        if method is None:
            self.unknown(el, out)
        else:
            method(el, out)
        self._phrasing.pop()
        ident = el.get(XML_ID)
        if ident is not None and ident in self.note_targets:
            self.place_notes(ident, out)  # the notes whose @target is this element: their marks follow it

    @property
    def in_phrase(self) -> bool:
        """Whether the element being visited goes where HTML keeps to a line."""
        return self._phrasing[-1]

    def children(self, el: etree._Element, out: etree._Element) -> None:
        text(out, el.text)
        for child in el:
            self.visit(child, out)
            text(out, child.tail)

    def warn(self, el: etree._Element, message: str, code: str) -> None:
        line, col = self.doc.position(el)
        self.diagnostics.append(warning(self.doc.shown, line, col, message, code))

    def unknown(self, el: etree._Element, out: etree._Element) -> None:
        name = f"{el.prefix}:{etree.QName(el).localname}" if el.prefix else etree.QName(el).localname
        self.warn(
            el, f"<{shorten(name)}> has no HTML rendering; its text is shown as plain text", "html.unknown-element"
        )
        span = h("span", {"class": "tei-unknown"})
        self.children(el, span)
        out.append(span)

    def ident(self, el: etree._Element) -> str | None:
        return el.get(XML_ID) or self.anchors.get(el)

    def block(
        self, tag: str, cls: str | None, el: etree._Element, out: etree._Element, skip: tuple[str, ...] = ()
    ) -> etree._Element:
        """`el` as a `tag` (a <span class="as-TAG"> where HTML keeps to a line and `tag` does
        not), its children inside (but those named in `skip`)."""
        if tag not in INLINE and self.in_phrase:
            cls, tag = f"{cls} as-{tag}" if cls else f"as-{tag}", "span"
        node = h(tag, {"class": cls, "id": self.ident(el)})
        if skip:
            text(node, el.text)
            for child in el:
                if not (isinstance(child.tag, str) and local(child) in skip):
                    self.visit(child, node)
                text(node, child.tail)
        else:
            self.children(el, node)
        out.append(node)
        return node

    def media_href(self, el: etree._Element, attr: str, quiet: bool = False) -> str | None:
        """The address of the image @attr names, if the edition publishes it; else None,
        and (unless `quiet`) a located warning saying why."""
        value = el.get(attr) or ""
        path, problem = local_path(value, self.doc.shown)
        code = "html.unsafe-link"
        href = None
        if path is not None:
            href, problem = self.links.media(path)
            code = "html.missing-media"
        if href is None and not quiet:
            self.warn(el, f'{local(el)}/@{attr} "{shorten(value)}" {problem}; the image is not published', code)
        return href

    # ------------------------------------------------------------ structure

    def visit_text(self, el, out):
        self.children(el, out)

    def visit_front(self, el, out):
        self.block("div", "front", el, out)

    def visit_docTitle(self, el, out):
        node = self.block("div", "doc-title", el, out)
        node.set("data-pagefind-ignore", "")  # the page title (h1) is indexed already

    def visit_titlePart(self, el, out):
        self.block("p", f"title-part title-{el.get('type', 'main')}", el, out)

    def visit_dateline(self, el, out):
        self.block("p", "dateline", el, out)

    def visit_docDate(self, el, out):
        self.block("p", "docdate", el, out)

    def visit_argument(self, el, out):
        self.block("div", "argument", el, out)

    def visit_body(self, el, out):
        self.block("div", "body", el, out)

    def visit_back(self, el, out):
        if any(local(d) == "div" and d.get("type") != "residue" for d in el):
            self.block("div", "back", el, out)

    def visit_div(self, el, out):
        kind = el.get("type", "")
        if kind == "residue":
            return  # web-page clutter: kept in the TEI, never printed
        ident = self.ident(el)
        if kind == "clause" and ident:
            n = el.get("n") or ""
            label = clause_label(n) if n else "фрагмент"
            node = h("div", {"class": f"clause clause-{el.get('subtype', 'operative')}", "id": ident, "data-n": n})
            node.append(self.permalink(ident, label, n))
            self.depth += 1
            self.children(el, node)
            self.depth -= 1
            node.append(self.cite_box(ident, label))
            out.append(node)
            return
        self.depth += 1
        self.block("div", f"div div-{kind}" if kind else "div", el, out)
        self.depth -= 1

    def visit_head(self, el, out):
        level = min(6, 1 + max(1, self.depth))
        self.block(f"h{level}", "head", el, out)

    def visit_p(self, el, out):
        self.block("p", None, el, out)

    # ------------------------------------------------------------ phrases

    def visit_lb(self, el, out):
        out.append(h("br"))

    def visit_hi(self, el, out):
        tag = {"bold": "b", "italic": "i"}.get(el.get("rend", ""), "span")
        self.block(tag, None, el, out)

    def visit_time(self, el, out):
        when = el.get("when", "")
        node = h("time", {"datetime": when[:5] if re.fullmatch(r"\d\d:\d\d(:\d\d)?", when) else None})
        self.children(el, node)
        out.append(node)

    # ------------------------------------------------------------ citation

    def permalink(self, ident: str, label: str, n: str | None) -> etree._Element:
        return h(
            "a",
            {
                "class": "permalink",
                "href": f"#{ident}",
                "title": f"Постоянная ссылка: {label}",
                "aria-label": f"Постоянная ссылка: {label}",
                "data-pagefind-ignore": "all",
            },
            short_label(n, label),
        )

    def cite_box(self, ident: str, label: str) -> etree._Element:
        citation = f"{self.cite_prefix}, {label}."
        return h(
            "details",
            {"class": "cite", "data-pagefind-ignore": "all"},
            h("summary", None, "Цитировать"),
            h(
                "p",
                {"class": "cite-text"},
                h("span", None, citation),
                " ",
                h("a", {"class": "cite-link", "href": f"#{ident}"}, f"#{ident}"),
            ),
        )


def render_text(doc: Document, anchors: dict[etree._Element, str], links: Links, cite_prefix: str):
    """The reading text of `doc` as an HTML <div class="reading">, with the transform
    (for its diagnostics and `has_choices`)."""
    transform = HtmlTransform(doc, anchors, links, cite_prefix)
    transform.check_header_links()
    return transform.render(), transform
