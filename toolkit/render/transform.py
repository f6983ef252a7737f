"""TEI reading text → HTML: one visitor per TEI element (`visit_persName`, `visit_date`, …).

The transform knows nothing about pages: links to index entries, the chronology and
other documents come from a `Links` object, so the site and the PDF (which prints this
same HTML) resolve them each their own way; the visitors of the elements that link are in
linking.py. An element without a visitor is a located warning [html.unknown-element] and
its text is still rendered. Text is only ever added as text nodes, so the TEI cannot
inject markup.
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.model.tei import TEI_NS, XML_ID, local, text_of
from toolkit.render.dom import h, text
from toolkit.render.linking import Links, LinkVisitors, shorten
from toolkit.render.wording import CHOICE_WHAT, block_label, clause_label, short_label

NOTE_LABELS = {"editorial": "Прим. ред.", "source": "Прим. источника", "candidate": "Прим."}


def choice_parts(el: etree._Element):
    """(kind, source reading, edited reading) of a <choice>: kind "corr" for sic/corr,
    "reg" for orig/reg; (None, None, None) if it is neither pair."""
    parts = {local(c): c for c in el if isinstance(c.tag, str)}
    kind = "corr" if "corr" in parts else "reg"
    source = parts.get("sic" if kind == "corr" else "orig")
    edited = parts.get(kind)
    if source is None or edited is None:
        return None, None, None
    return kind, source, edited


class HtmlTransform(LinkVisitors):
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

    # ------------------------------------------------------------ machinery

    def render(self) -> etree._Element:
        out = h("div", {"class": "reading"})
        text_el = self.doc.text
        if text_el is not None:
            self.visit(text_el, out)
        return out

    def visit(self, el: etree._Element, out: etree._Element) -> None:
        if not isinstance(el.tag, str):
            return  # comments and processing instructions are not text
        method = None
        if el.tag.startswith(f"{{{TEI_NS}}}"):
            method = getattr(self, f"visit_{local(el)}", None)
        if method is None:
            self.unknown(el, out)
        else:
            method(el, out)

    def children(self, el: etree._Element, out: etree._Element) -> None:
        text(out, el.text)
        for child in el:
            self.visit(child, out)
            text(out, child.tail)

    def warn(self, el: etree._Element, message: str, code: str) -> None:
        line, col = self.doc.locate(el)
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

    def block(self, tag: str, cls: str | None, el: etree._Element, out: etree._Element) -> etree._Element:
        node = h(tag, {"class": cls, "id": self.ident(el)})
        self.children(el, node)
        out.append(node)
        return node

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

    def visit_list(self, el, out):
        tag = "ol" if el.get("rend") == "numbered" else "ul"
        labelled = any(local(c) == "label" for item in el for c in item if isinstance(c.tag, str))
        cls = f"list list-{el.get('type', 'simple')}" + (" labelled" if labelled else "")
        self.block(tag, cls, el, out)

    def visit_item(self, el, out):
        ident = self.ident(el)
        parent = el.getparent()
        ordered = parent is not None and parent.get("rend") == "numbered"
        value = el.get("n") if ordered and (el.get("n") or "").isdigit() else None
        node = h("li", {"class": "item", "id": ident, "value": value})
        label = block_label("item", el.get("n"), ident or "")
        if ident:
            node.append(self.permalink(ident, label, el.get("n")))
        self.children(el, node)
        if ident:
            node.append(self.cite_box(ident, label))
        out.append(node)

    def visit_figure(self, el, out):
        node = h("figure", {"class": f"figure figure-{el.get('type', 'photo')}", "id": self.ident(el)})
        text(node, el.text)
        for child in el:
            if isinstance(child.tag, str) and local(child) == "head":
                cap = h("figcaption")
                self.children(child, cap)
                node.append(cap)
                text(node, child.tail)
            else:
                self.visit(child, node)
                text(node, child.tail)
        out.append(node)

    # ------------------------------------------------------------ phrases

    def visit_label(self, el, out):
        self.block("span", "label", el, out)

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

    def visit_note(self, el, out):
        node = h("span", {"class": f"note note-{el.get('type', 'editorial')}", "role": "note"})
        text(node, f"[{NOTE_LABELS.get(el.get('type', 'editorial'), 'Прим.')}: ")
        self.children(el, node)
        text(node, "]")
        out.append(node)

    def choice(self, el, out):
        """(kind, source reading, edited reading) of a <choice> to render; None if it is
        neither pair (then it is rendered as an unknown element)."""
        kind, source, edited = choice_parts(el)
        if kind is None:
            self.unknown(el, out)
            return None
        self.has_choices = True
        return kind, source, edited

    def visit_choice(self, el, out):
        parts = self.choice(el, out)
        if parts is None:
            return
        kind, source, edited = parts
        what = CHOICE_WHAT[kind]
        node = h("span", {"class": f"choice choice-{kind}"})
        ed = h("span", {"class": "reading-edited", "title": f"{what}; в источнике: «{text_of(source)}»"})
        self.children(edited, ed)
        src = h(
            "span",
            {
                "class": "reading-source",
                "title": f"Чтение источника; {what.lower()}: «{text_of(edited)}»",
                "data-pagefind-ignore": "all",
            },
        )
        self.children(source, src)
        node.append(ed)
        node.append(src)
        out.append(node)

    def _reading(self, el, out):
        self.block("span", f"reading-{local(el)}", el, out)

    visit_sic = visit_corr = visit_orig = visit_reg = _reading

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
