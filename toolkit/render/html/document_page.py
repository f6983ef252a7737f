"""A document's page: the header facts in words, the reading text, the legend of its
editorial signs, the miniature map of its places, what it mentions, the way to the
document's TEI, and "cite this" for the document and each clause (cite.py), with the
citation_* meta tags and schema.org JSON-LD for its <head>."""

from __future__ import annotations

import dataclasses

from lxml import etree

from toolkit.model.corpus import Corpus, Document
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index, ru_sort_key
from toolkit.model.latin import latin_names
from toolkit.model.registers import KINDS, TITLE_OF_KIND
from toolkit.render.data import citation, jsonld
from toolkit.render.dom import add, h
from toolkit.render.facts import Fact, Value, header_facts
from toolkit.render.html import paths
from toolkit.render.html.cite import cite_panel, head_elements
from toolkit.render.html.data_files import links_of
from toolkit.render.html.figure_pages import document_map_figure
from toolkit.render.html.links import SiteLinks
from toolkit.render.html.search_data import FACET_OF_KIND
from toolkit.render.linking import WEB_LINK
from toolkit.render.notes import witnesses
from toolkit.render.signs import legend
from toolkit.render.transform import HtmlTransform
from toolkit.render.wording import CANDIDATE, KIND_HEADINGS, describe_date, tooltip


@dataclasses.dataclass
class Citing:
    """What the page's "cite this" needs: the edition and the references (cite.references)."""

    edition: EditionConfig
    references: dict[str, dict[str, str]]

    def panel(self, doc: Document, ident: str, label: str, *, document: bool = False) -> etree._Element | None:
        refs = self.references.get(ident)
        if refs is None:
            return None
        page = paths.document(doc.docid)
        target = page if document else f"{page}#{ident}"
        return cite_panel(ident, label, refs, target, page, self.edition, document=doc.docid)


class CitingTransform(HtmlTransform):
    """The reading text with each clause's and list item's cite button and references (the
    shared visitor's plain citation where a unit has none, e.g. an id the editor has not given)."""

    def __init__(self, doc: Document, anchors, links, prefix: str, citing: Citing):
        super().__init__(doc, anchors, links, prefix)
        self.citing = citing

    def cite_box(self, ident: str, label: str) -> etree._Element:
        panel = self.citing.panel(self.doc, ident, label)
        return panel if panel is not None else super().cite_box(ident, label)


def render_reading(doc: Document, anchors, links, prefix: str, citing: Citing | None):
    """The reading text (render/transform.py), and with `citing` each clause's cite button
    moved up beside its number, where a reader looks for it."""
    transform = (
        CitingTransform(doc, anchors, links, prefix, citing) if citing else HtmlTransform(doc, anchors, links, prefix)
    )
    transform.check_header_links()
    reading = transform.render()
    for clause in reading.iterfind(".//div"):
        first = clause[0] if len(clause) else None
        box = clause[-1] if len(clause) else None
        if first is not None and first.get("class") == "permalink" and box is not None and box.tag == "details":
            first.addnext(box)
    return reading, transform


def head(doc: Document, corpus: Corpus, index: Index, edition: EditionConfig) -> list[etree._Element]:
    """The citation_* meta tags (Zotero) and the schema.org JSON-LD of the page's <head>."""
    links = links_of(edition)
    page = paths.document(doc.docid)
    tags = citation.meta_tags(doc, edition, links, page)
    return head_elements(tags, jsonld.script_text(jsonld.document_jsonld(doc, corpus, index, edition, links, page)))


def cite_prefix(doc: Document) -> str:
    date = doc.meta.date
    if date is None:
        return doc.meta.title
    if "when" in date.attrs:
        return f"{doc.meta.title} от {describe_date(date.attrs)}"
    return f"{doc.meta.title} ({describe_date(date.attrs)})"


def _date(value: Value, links: SiteLinks) -> list:
    href = links.date(value.date)
    label = describe_date(value.date)
    shown = h("a", {"href": href, "class": "date"}, label) if href else h("span", None, label)
    return [shown, f" — {value.note}" if value.note else ""]


def _name(value: Value, links: SiteLinks) -> list:
    target = links.entity(value.ref) if value.ref else None
    if target:
        attrs = {"href": target.href, "class": "ent", "title": target.tooltip, "data-tip": target.tooltip}
        shown = h("a", attrs, value.text)
    else:
        shown = h("span", None, value.text)
    return [shown, f" — {value.note}" if value.note else ""]


def _source(values: tuple[Value, ...]) -> list:
    """ "publisher (страница источника); файл x.txt": the page as a link of its own."""
    out: list = []
    for value in values:
        if value.href:
            link = {"href": value.href, "class": "external", "rel": "noopener noreferrer external"}
            out += [" (", h("a", link, "страница источника"), ")"]
        else:
            out.append(f"; {value.text}" if out else value.text)
    return out


def _licence(value: Value):
    if value.href and WEB_LINK.match(value.href):
        link = {"href": value.href, "class": "external", "rel": "license noopener noreferrer external"}
        return h("a", link, value.text or value.href)
    return value.text


def _dd(fact: Fact, doc: Document, links: SiteLinks) -> list:
    """What the <dd>s of one row of the header facts hold."""
    if fact.key == "date":
        return [_date(v, links) for v in fact.values] or ["не установлена"]
    if fact.key in ("place", "issuer"):
        return [_name(v, links) for v in fact.values]
    if fact.key == "source":
        return [_source(fact.values) or "не указан"]
    if fact.key == "rights":
        return [_licence(v) for v in fact.values]
    if fact.key == "tei":
        attrs = {"href": links.to(paths.tei_file(doc.stem)), "download": f"{doc.stem}.xml", "type": "application/xml"}
        return [h("a", attrs, f"Скачать TEI XML ({doc.stem}.xml)")]
    return [v.text for v in fact.values]


def _meta_section(doc: Document, links: SiteLinks) -> etree._Element:
    """The header facts (render.facts) as a definition list."""
    dl = h("dl", {"class": "meta"})
    for fact in header_facts(doc):
        dl.append(h("dt", None, fact.label))
        attrs = {"data-pagefind-filter": "genre"} if fact.key == "genre" else None
        for value in _dd(fact, doc, links):
            dl.append(h("dd", attrs, value))
    return h(
        "section",
        {"id": paths.META_ANCHOR, "class": "doc-meta", "aria-labelledby": "doc-meta-h", "data-pagefind-ignore": ""},
        h("h2", {"id": "doc-meta-h", "class": "visually-hidden"}, "Сведения о документе"),
        dl,
    )


def _mentions(doc: Document, corpus: Corpus, index: Index, links: SiteLinks) -> etree._Element | None:
    refs: dict[str, list] = {kind: [] for kind in KINDS}
    seen = set()
    for ref in index.refs_in(doc.docid):
        if ref not in seen:
            seen.add(ref)
            entry = corpus.registers.get(ref)
            if entry:
                refs[entry.kind].append(entry)
    if not any(refs.values()):
        return None
    section = h(
        "section",
        {"class": "mentions", "aria-labelledby": "mentions-h"},
        h("h2", {"id": "mentions-h", "data-pagefind-ignore": ""}, "Упоминаются в документе"),
    )
    for kind, entries in refs.items():
        if not entries:
            continue
        ul = h("ul", {"class": "mention-list"})
        for entry in sorted(entries, key=lambda e: ru_sort_key(e.name)):
            tip = tooltip(entry, corpus.registers)
            a = h(
                "a",
                {
                    "href": links.to(paths.entity(kind, entry.key)),
                    "title": tip,
                    "data-pagefind-filter": FACET_OF_KIND[kind],
                    "data-pagefind-ignore": "",  # the text has the Russian names; search finds the Latin ones here
                },
                entry.name,
            )
            li = h("li", None, a, latin_label(entry))
            if entry.candidate:
                li.append(h("span", {"class": "badge candidate"}, CANDIDATE))
            ul.append(li)
        section.append(
            h(
                "h3",
                {"data-pagefind-ignore": ""},
                KIND_HEADINGS[kind],
                h("span", {"class": "visually-hidden"}, f" ({TITLE_OF_KIND[kind].lower()})"),
            )
        )
        section.append(ul)
    return section


def latin_label(entry) -> etree._Element:
    """ " (Kassym-Jomart Tokayev)": the entry's English names, else its transliteration; the
    other Latin forms in the tooltip, indexed by Pagefind too (model/latin.py)."""
    shown = ", ".join(entry.english) or latin_names(entry)[0]
    rest = [f for f in latin_names(entry) if f not in entry.english and f != shown]
    attrs = {
        "class": "latin",
        "lang": "en" if entry.english else "ru-Latn",
        "title": "; ".join(rest) or None,
        "data-pagefind-index-attrs": "title" if rest else None,
    }
    return h("span", attrs, f" ({shown})")


def _kicker(doc: Document) -> etree._Element:
    """The line above the facts: date · place · genre."""
    meta = doc.meta
    kicker = h(
        "p",
        {
            "class": "kicker",
            "data-pagefind-ignore": "",
            "data-pagefind-filter": f"year:{meta.year}" if meta.year else None,
        },
    )
    if meta.date:
        kicker.append(h("span", None, describe_date(meta.date.attrs)))
        kicker.append(h("span", {"class": "visually-hidden"}, "; "))
    if meta.places:
        kicker.append(h("span", None, " · " + "; ".join(p.name for p in meta.places)))
    kicker.append(h("span", None, " · " + meta.genre_label))
    return kicker


def _tools(doc: Document, links: SiteLinks, has_choices: bool, citing: Citing | None) -> etree._Element:
    """The TEI download, "cite this" for the document, and the switch to the source's
    spelling where the editor corrected it."""
    tools = h(
        "div",
        {"class": "doc-tools", "data-pagefind-ignore": "all"},
        h(
            "a",
            {"class": "button", "href": links.to(paths.tei_file(doc.stem)), "download": f"{doc.stem}.xml"},
            "TEI XML",
        ),
    )
    panel = citing.panel(doc, doc.docid, "документ", document=True) if citing else None
    if panel is not None:
        tools.append(panel)
    if has_choices:
        tools.insert(
            0,
            h(
                "button",
                {"type": "button", "class": "button toggle-source", "aria-pressed": "false", "hidden": True},
                "Показать написание источника",
            ),
        )
        tools.append(
            h(
                "p",
                {"class": "hint"},
                "Исправления издателя подчёркнуты пунктиром; написание источника — во всплывающей подсказке.",
            )
        )
    return tools


def _legend(doc: Document, transform) -> etree._Element | None:
    """What the editorial signs of the reading text mean, and the witnesses of its
    apparatus: only on a page that uses them."""
    body = legend(transform.signs, list(witnesses(doc).values()) if "app" in transform.signs else [])
    if body is None:
        return None
    return h(
        "section",
        {"class": "legend", "aria-labelledby": "legend-h", "data-pagefind-ignore": "all"},
        h("h2", {"id": "legend-h"}, "Условные обозначения"),
        body,
    )


def _pager(prev_next, links: SiteLinks) -> etree._Element:
    prev, nxt = prev_next
    pager = h("nav", {"class": "pager", "aria-label": "Соседние документы"})
    if prev is not None:
        pager.append(h("a", {"rel": "prev", "href": links.document(prev.docid)}, "← ", prev.meta.title))
    if nxt is not None:
        pager.append(h("a", {"rel": "next", "href": links.document(nxt.docid)}, nxt.meta.title, " →"))
    return pager


def document_page(
    doc: Document, corpus: Corpus, index: Index, links: SiteLinks, prev_next, citing: Citing | None = None
) -> tuple[list, object]:
    """The children of <main> for `doc`, and the transform (for diagnostics). With `citing`,
    the document and each clause and list item get "cite this"."""
    meta = doc.meta
    reading, transform = render_reading(doc, index.anchors.get(doc.docid, {}), links, cite_prefix(doc), citing)
    article = h(
        "article",
        {
            "class": "document",
            "data-pagefind-body": "",
            "data-pagefind-meta": f"date:{meta.sort_value}" if meta.sort_value else None,
        },
        h("h1", None, meta.title),
        _kicker(doc),
        _meta_section(doc, links),
        _tools(doc, links, transform.has_choices, citing),
        reading,
    )
    signs = _legend(doc, transform)
    if signs is not None:
        article.append(signs)
    mentions = _mentions(doc, corpus, index, links)
    if mentions is not None:
        add(article, document_map_figure(doc, corpus, index, links))  # None: no place to draw
        article.append(mentions)
    pager = _pager(prev_next, links)
    return [article, pager] if len(pager) else [article], transform
