"""A document's page: the header facts in words, the reading text, the miniature map of
its places, what it mentions, and the way to the document's TEI."""

from __future__ import annotations

from lxml import etree

from toolkit.model.corpus import Corpus, Document
from toolkit.model.index import Index, ru_sort_key
from toolkit.model.registers import KINDS, TITLE_OF_KIND
from toolkit.render.dom import add, h
from toolkit.render.facts import Fact, Value, header_facts
from toolkit.render.html import paths
from toolkit.render.html.figure_pages import document_map_figure
from toolkit.render.html.links import SiteLinks
from toolkit.render.html.search_data import FACET_OF_KIND
from toolkit.render.linking import WEB_LINK
from toolkit.render.notes import witnesses
from toolkit.render.signs import legend
from toolkit.render.transform import render_text
from toolkit.render.wording import CANDIDATE, KIND_HEADINGS, describe_date, tooltip


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
        {"class": "mentions", "aria-labelledby": "mentions-h", "data-pagefind-ignore": ""},
        h("h2", {"id": "mentions-h"}, "Упоминаются в документе"),
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
                },
                entry.name,
            )
            li = h("li", None, a)
            if entry.candidate:
                li.append(h("span", {"class": "badge candidate"}, CANDIDATE))
            ul.append(li)
        section.append(
            h(
                "h3",
                None,
                KIND_HEADINGS[kind],
                h("span", {"class": "visually-hidden"}, f" ({TITLE_OF_KIND[kind].lower()})"),
            )
        )
        section.append(ul)
    return section


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


def _tools(doc: Document, links: SiteLinks, has_choices: bool) -> etree._Element:
    """The TEI download, and the switch to the source's spelling where the editor corrected it."""
    tools = h(
        "div",
        {"class": "doc-tools", "data-pagefind-ignore": "all"},
        h(
            "a",
            {"class": "button", "href": links.to(paths.tei_file(doc.stem)), "download": f"{doc.stem}.xml"},
            "TEI XML",
        ),
    )
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


def document_page(doc: Document, corpus: Corpus, index: Index, links: SiteLinks, prev_next) -> tuple[list, object]:
    """The children of <main> for `doc`, and the transform (for diagnostics)."""
    meta = doc.meta
    reading, transform = render_text(doc, index.anchors.get(doc.docid, {}), links, cite_prefix(doc))
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
        _tools(doc, links, transform.has_choices),
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
