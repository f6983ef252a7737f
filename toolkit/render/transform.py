"""TEI reading text → HTML: one visitor per TEI element (`visit_persName`, `visit_date`, …).

The transform knows nothing about pages: links to index entries, the chronology and
other documents come from a `Links` object, so the site and the PDF (which prints this
same HTML) resolve them each their own way. An element without a visitor is a located
warning [html.unknown-element] and its text is still rendered. Text is only ever added
as text nodes, so the TEI cannot inject markup; only #ids, register references and
http(s) links leave the TEI, anything else is dropped with a warning [html.unsafe-link].
"""

from __future__ import annotations

import dataclasses
import re
from typing import Protocol

from lxml import etree

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.model.prefixes import KEY_PATTERN
from toolkit.model.registers import FILE_OF_KIND, KIND_OF_NAME, PREFIX_OF_KIND, REGISTER_DIR, canonical_ref
from toolkit.model.tei import DATE_ATTRS, TEI_NS, XML_ID, local, text_of
from toolkit.render.dom import add, h, text
from toolkit.render.wording import CHOICE_WHAT, block_label, certainty_note, clause_label, describe_date, short_label

WEB_LINK = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
LOCAL_POINTER = re.compile(r"^#([A-Za-z_][A-Za-z0-9_.\-]*)$")
# a register entry written as a path rather than a prefixed ref: registers/persons.xml#key
REGISTER_URL = re.compile(
    rf"^(?:\.\./)?{REGISTER_DIR}/({'|'.join(map(re.escape, FILE_OF_KIND.values()))})#{KEY_PATTERN}$"
)
KIND_OF_FILE = {name: kind for kind, name in FILE_OF_KIND.items()}
NOTE_LABELS = {"editorial": "Прим. ред.", "source": "Прим. источника", "candidate": "Прим."}


@dataclasses.dataclass(frozen=True)
class EntityTarget:
    href: str
    tooltip: str
    candidate: bool = False


class Links(Protocol):
    """How the renderer's output links out of the reading text."""

    def entity(self, ref: str) -> EntityTarget | None: ...

    def date(self, attrs: dict[str, str]) -> str | None: ...

    def pointer(self, target_id: str) -> str | None:
        """A `#id` that is not in this document: its address in another one, or None."""
        ...


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


def _shorten(value: str, limit: int = 60) -> str:
    value = "".join(c if c.isprintable() else "?" for c in value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


class HtmlTransform:
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
            el, f"<{_shorten(name)}> has no HTML rendering; its text is shown as plain text", "html.unknown-element"
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

    # ------------------------------------------------------------ links

    def link(
        self, href: str, attrs: dict, el: etree._Element | None, out: etree._Element, content=None
    ) -> etree._Element:
        """An <a>, unless we are already inside one (HTML forbids nesting): then a <span>."""
        if self.in_link:
            if el is not None:
                self.warn(
                    el,
                    f"<{local(el)}> inside a link cannot be a link itself; rendered without its link",
                    "html.nested-link",
                )
            node = h("span", {k: v for k, v in attrs.items() if k != "rel"})
        else:
            node = h("a", {"href": href, **attrs})
        self.in_link += 1
        if el is not None:
            self.children(el, node)
        add(node, content)
        self.in_link -= 1
        out.append(node)
        return node

    def entity_ref(self, ref: str | None) -> str | None:
        """The ref of the register entry a pointer reaches through the document's
        prefixDefs, as the index names it ("per:tokayev"); None if it reaches none."""
        return canonical_ref(ref, self.doc.prefixes) if ref else None

    def _entity(self, el, out):
        kind = KIND_OF_NAME[local(el)]
        ref = el.get("ref")
        key = self.entity_ref(ref)
        target = self.links.entity(key) if key else None
        if ref and target is None:
            self.warn(
                el,
                f'{local(el)}/@ref "{_shorten(ref)}" has no register entry; the mention is not linked',
                "html.unresolved-ref",
            )
        if target is None:
            node = h(
                "span", {"class": f"ent ent-{kind} unidentified", "title": "не отождествлено" if not ref else None}
            )
            self.children(el, node)
            out.append(node)
            return
        cls = f"ent ent-{kind}" + (" candidate" if target.candidate else "")
        self.link(
            target.href, {"class": cls, "title": target.tooltip, "data-tip": target.tooltip, "data-ref": key}, el, out
        )

    visit_persName = visit_placeName = visit_orgName = _entity

    def visit_date(self, el, out):
        attrs = {k: el.get(k) for k in DATE_ATTRS if el.get(k)}
        tip = describe_date(attrs) if attrs else "дата без нормализованного значения"
        how = certainty_note(el.get("evidence"), el.get("cert"))
        if how:
            tip += f" ({how})"
        href = self.links.date(attrs) if attrs else None
        when = attrs.get("when")
        inner = h("time", {"datetime": when}) if when and re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", when) else h("span")
        self.in_link += 1
        self.children(el, inner)
        self.in_link -= 1
        cls = "date" + (" uncertain" if el.get("cert") in ("low", "medium") else "")
        if href is None:
            node = h("span", {"class": cls, "title": tip}, inner)
            out.append(node)
            return
        self.link(href, {"class": cls, "title": tip, "data-tip": tip}, None, out, inner)

    def visit_ref(self, el, out):
        target = (el.get("target") or "").strip()
        if not target:
            node = h(
                "span",
                {
                    "class": "ref ref-artefact",
                    "title": "ссылка в источнике без адреса" if el.get("type") == "link-artefact" else None,
                },
            )
            self.children(el, node)
            out.append(node)
            return
        href = self._safe_target(target, el)
        if href is None:
            node = h("span", {"class": "ref ref-dropped"})
            self.children(el, node)
            out.append(node)
            return
        external = bool(WEB_LINK.match(target))
        attrs = {
            "class": "ref external" if external else "ref",
            "rel": "noopener noreferrer external" if external else None,
        }
        self.link(href, attrs, el, out)

    def _safe_target(self, target: str, el: etree._Element) -> str | None:
        if WEB_LINK.match(target):
            return target
        m = LOCAL_POINTER.match(target)
        if m:
            ident = m.group(1)
            if ident in self.ids:
                return f"#{ident}"
            href = self.links.pointer(ident)
            if href is None:
                self.warn(
                    el,
                    f'ref/@target "{_shorten(target)}" points at no element of the edition; the link is dropped',
                    "html.broken-link",
                )
            return href
        m = REGISTER_URL.match(target)
        ref = f"{PREFIX_OF_KIND[KIND_OF_FILE[m.group(1)]]}:{m.group(2)}" if m else self.entity_ref(target)
        if ref:
            entity = self.links.entity(ref)
            if entity is None:
                self.warn(
                    el,
                    f'ref/@target "{_shorten(target)}" has no register entry; the link is dropped',
                    "html.unresolved-ref",
                )
                return None
            return entity.href
        self.warn(
            el,
            f'ref/@target "{_shorten(target)}" is not an http(s) link, a #id or a register reference; '
            "the link is dropped and its text kept",
            "html.unsafe-link",
        )
        return None

    def check_header_links(self) -> None:
        """Links of the header that the page shows: only http(s) ones are kept."""
        header = self.doc.tree.getroot().find(f"{{{TEI_NS}}}teiHeader")
        if header is None:
            return
        for el in header.iter(f"{{{TEI_NS}}}licence", f"{{{TEI_NS}}}ptr"):
            target = (el.get("target") or "").strip()
            if target and not WEB_LINK.match(target):
                self.warn(
                    el,
                    f'{local(el)}/@target "{_shorten(target)}" is not an http(s) link; the link is dropped '
                    "and its text kept",
                    "html.unsafe-link",
                )

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
