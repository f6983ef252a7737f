"""The visitors of lists, tables, the parts of a letter and figures, for HtmlTransform.

- list: <ol> (rend="numbered" or type="ordered"), <ul>, or for type="gloss" a <dl> of
  label (<dt>) and item (<dd>); a list with a <head> is a <div class="list-block"> of the
  heading's paragraph and the list.
- table: <table> with its <head> as <caption>; row: <tr>; cell: <th> for @role="label"
  (or in a row of labels), else <td>, @rows/@cols as rowspan/colspan.
- opener, closer, postscript, address: <div>s; salute, signed, addrLine: paragraphs.
- figure: <figure>, its <head> the caption; graphic: <img> of an image the edition
  publishes (model.media), its figDesc the alternative text; a graphic it does not publish
  leaves its description in words and a located warning.
"""

from __future__ import annotations

from lxml import etree

from toolkit.model.tei import local, text_of
from toolkit.render.dom import h, text
from toolkit.render.wording import block_label


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and local(c) == name]


class BlockVisitors:
    """Uses `block`, `children`, `visit`, `ident`, `permalink`, `cite_box`, `media_href`
    of HtmlTransform."""

    # ------------------------------------------------------------ lists

    def visit_list(self, el, out):
        heads = _children(el, "head")
        if heads:  # the heading and its list, together
            group = h("span" if self.in_phrase else "div", {"class": "list-block"})
            out.append(group)
            for head in heads:
                self.block("p", "list-head", head, group)
            out = group
        if el.get("type") == "gloss":
            self._gloss(el, out)
            return
        ordered = el.get("rend") == "numbered" or el.get("type") == "ordered"
        labelled = any(local(c) == "label" for item in el for c in item if isinstance(c.tag, str))
        cls = f"list list-{el.get('type', 'simple')}" + (" labelled" if labelled else "")
        node = self.block("ol" if ordered else "ul", cls, el, out, skip=("head",))
        return node

    def _gloss(self, el, out):
        node = self.block("dl", "list list-gloss", el, out, skip=("head",))
        return node

    def visit_item(self, el, out):
        ident = self.ident(el)
        parent = el.getparent()
        if parent is not None and parent.get("type") == "gloss":
            self.block("dd", "item", el, out)
            return
        ordered = parent is not None and (parent.get("rend") == "numbered" or parent.get("type") == "ordered")
        value = el.get("n") if ordered and (el.get("n") or "").isdigit() else None
        inline = self.in_phrase  # a list in a line (never in valid TEI): its items are spans
        attrs = {"class": "item as-li", "id": ident} if inline else {"class": "item", "id": ident, "value": value}
        node = h("span" if inline else "li", attrs)
        label = block_label("item", el.get("n"), ident or "")
        if ident:
            node.append(self.permalink(ident, label, el.get("n")))
        self.children(el, node)
        if ident:
            node.append(self.cite_box(ident, label))
        out.append(node)

    def visit_label(self, el, out):
        parent = el.getparent()
        if parent is not None and local(parent) == "list" and parent.get("type") == "gloss":
            self.block("dt", "label", el, out)
        else:
            self.block("span", "label", el, out)

    # ------------------------------------------------------------ tables

    def visit_table(self, el, out):
        node = self.block("table", "table", el, out, skip=("head",))
        heads = _children(el, "head")
        if heads and node.tag == "table":
            caption = h("caption", {"id": self.ident(heads[0])})
            for head in heads:
                self.children(head, caption)
            node.insert(0, caption)
        elif heads:  # a table in a line (never in valid TEI): its heading stays as text
            for head in heads:
                self.block("span", "table-head", head, node)

    def visit_row(self, el, out):
        self.block("tr", "row-label" if el.get("role") == "label" else None, el, out)

    def visit_cell(self, el, out):
        row = el.getparent()
        label = el.get("role") == "label" or (row is not None and row.get("role") == "label")
        node = self.block("th" if label else "td", None, el, out)
        for attr, html_attr in (("rows", "rowspan"), ("cols", "colspan")):
            value = (el.get(attr) or "").strip()
            if value.isdigit() and int(value) > 1:
                node.set(html_attr, value)

    # ------------------------------------------------------------ a letter's parts

    def visit_opener(self, el, out):
        self.block("div", "opener", el, out)

    def visit_closer(self, el, out):
        self.block("div", "closer", el, out)

    def visit_postscript(self, el, out):
        self.block("div", "postscript", el, out)

    def visit_address(self, el, out):
        self.block("div", "address", el, out)

    def visit_addrLine(self, el, out):
        self.block("p", "addr-line", el, out)

    def visit_salute(self, el, out):
        self.block("p", "salute", el, out)

    def visit_signed(self, el, out):
        self.block("p", "signed", el, out)

    # ------------------------------------------------------------ registers

    def _register(self, el, out):
        """A list of register entries in a document's body (the schema admits one there for
        the register files, which the edition shows as its index pages): each entry as a
        line of its words, so nothing is lost."""
        node = h("ul", {"class": f"list register register-{local(el)}", "id": self.ident(el)})
        for entry in el:
            if isinstance(entry.tag, str):
                node.append(h("li", {"id": self.ident(entry)}, text_of(entry)))
        out.append(node)

    visit_listPerson = visit_listPlace = visit_listOrg = _register

    # ------------------------------------------------------------ figures

    def visit_figure(self, el, out):
        cls = f"figure figure-{el.get('type', 'photo')}" + (" has-graphic" if _children(el, "graphic") else "")
        inline = self.in_phrase  # a figure in a line (TEI allows it): spans, which HTML allows there
        node = h(
            "span" if inline else "figure", {"class": cls + (" as-figure" if inline else ""), "id": self.ident(el)}
        )
        text(node, el.text)
        for child in el:
            if isinstance(child.tag, str) and local(child) == "head":
                cap = h("span", {"class": "as-figcaption"}) if inline else h("figcaption")
                self.children(child, cap)
                node.append(cap)
            else:
                self.visit(child, node)
            text(node, child.tail)
        out.append(node)

    def visit_graphic(self, el, out):
        href = self.media_href(el, "url")
        if href is None:  # its figure's description (figDesc) stands in its place
            out.append(
                h("span", {"class": "graphic graphic-missing", "id": self.ident(el)}, "[Изображение не публикуется]")
            )
            return
        desc = self.figure_description(el)
        out.append(h("img", {"class": "graphic", "src": href, "alt": desc, "id": self.ident(el), "loading": "lazy"}))

    def figure_description(self, el) -> str:
        """The figDesc of a graphic's figure (the image's alternative text)."""
        parent = el.getparent()
        descs = _children(parent, "figDesc") if parent is not None and local(parent) == "figure" else []
        return " ".join(text_of(d) for d in descs)

    def visit_figDesc(self, el, out):
        """Said as the image's alternative text; shown only if the figure has no image the
        edition publishes (print shows it always: pdf/reading.py)."""
        parent = el.getparent()
        graphics = _children(parent, "graphic") if parent is not None else []
        if any(self.media_href(g, "url", quiet=True) for g in graphics):
            return
        self.block("span" if self.in_phrase else "p", "fig-desc", el, out)
