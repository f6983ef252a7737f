"""A document's page: the header facts in words, the reading text, what it mentions,
and the way to the document's TEI."""

from __future__ import annotations

from lxml import etree

from toolkit.model.corpus import Corpus, Document
from toolkit.model.index import Index, ru_sort_key
from toolkit.model.meta import HeaderDate, HeaderName
from toolkit.model.registers import KINDS, TITLE_OF_KIND, canonical_ref
from toolkit.render.dom import h
from toolkit.render.html import paths
from toolkit.render.html.links import SiteLinks
from toolkit.render.transform import WEB_LINK, render_text
from toolkit.render.wording import CANDIDATE, certainty, describe_date, tooltip

MENTION_HEADINGS = {"person": "Лица", "place": "Места", "org": "Организации"}
FILTER_OF_KIND = {"person": "person", "place": "place", "org": "organisation"}


def cite_prefix(doc: Document) -> str:
    date = doc.meta.date
    if date is None:
        return doc.meta.title
    if "when" in date.attrs:
        return f"{doc.meta.title} от {describe_date(date.attrs)}"
    return f"{doc.meta.title} ({describe_date(date.attrs)})"


def _date_item(d: HeaderDate, links: SiteLinks) -> list:
    href = links.date(d.attrs)
    label = describe_date(d.attrs)
    shown = h("a", {"href": href, "class": "date"}, label) if href else h("span", None, label)
    how = certainty(d.evidence, d.cert)
    return [shown, f" — {how}" if how else ""]


def _name_item(n: HeaderName, links: SiteLinks, with_certainty: bool, prefixes) -> list:
    ref = canonical_ref(n.ref, prefixes) if n.ref else None
    target = links.entity(ref) if ref else None
    if target:
        shown = h(
            "a", {"href": target.href, "class": "ent", "title": target.tooltip, "data-tip": target.tooltip}, n.name
        )
    else:
        shown = h("span", None, n.name)
    how = certainty(n.evidence, n.cert) if with_certainty else ""
    return [shown, f" — {how}" if how else ""]


def _meta_section(doc: Document, links: SiteLinks) -> etree._Element:
    meta = doc.meta
    dl = h("dl", {"class": "meta"})

    def row(term: str, *values, attrs: dict | None = None) -> None:
        dl.append(h("dt", None, term))
        for value in values:
            dl.append(h("dd", attrs, value))

    row("Жанр", meta.genre_label, attrs={"data-pagefind-filter": "genre"})
    if meta.dates:
        row("Дата" if len(meta.dates) == 1 else "Датировка", *[_date_item(d, links) for d in meta.dates])
    else:
        row("Дата", "не установлена")
    if meta.places:
        row("Место", *[_name_item(p, links, True, doc.prefixes) for p in meta.places])
    if meta.issuer:
        row("От имени", _name_item(meta.issuer, links, False, doc.prefixes))
    source = []
    if meta.publisher:
        source.append(meta.publisher)
    if meta.source_url and WEB_LINK.match(meta.source_url):
        source += [
            " (",
            h(
                "a",
                {"href": meta.source_url, "class": "external", "rel": "noopener noreferrer external"},
                "страница источника",
            ),
            ")",
        ]
    if meta.source_file:
        source.append(f"; файл {meta.source_file}" if source else f"файл {meta.source_file}")
    row("Источник", source or "не указан")
    if meta.edition_publisher:
        row("Публикация", meta.edition_publisher)
    licences = []
    for lic in meta.licences:
        if lic.target and WEB_LINK.match(lic.target):
            licences.append(
                h(
                    "a",
                    {"href": lic.target, "class": "external", "rel": "license noopener noreferrer external"},
                    lic.text or lic.target,
                )
            )
        else:
            licences.append(lic.text)
    row("Права", *licences, *meta.rights)
    row(
        "TEI",
        h(
            "a",
            {"href": links.to(paths.tei_file(doc.stem)), "download": f"{doc.stem}.xml", "type": "application/xml"},
            f"Скачать TEI XML ({doc.stem}.xml)",
        ),
    )
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
                    "data-pagefind-filter": FILTER_OF_KIND[kind],
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
                MENTION_HEADINGS[kind],
                h("span", {"class": "visually-hidden"}, f" ({TITLE_OF_KIND[kind].lower()})"),
            )
        )
        section.append(ul)
    return section


def document_page(doc: Document, corpus: Corpus, index: Index, links: SiteLinks, prev_next) -> tuple[list, object]:
    """The children of <main> for `doc`, and the transform (for diagnostics)."""
    meta = doc.meta
    reading, transform = render_text(doc, index.anchors.get(doc.docid, {}), links, cite_prefix(doc))
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
    tools = h(
        "div",
        {"class": "doc-tools", "data-pagefind-ignore": "all"},
        h(
            "a",
            {"class": "button", "href": links.to(paths.tei_file(doc.stem)), "download": f"{doc.stem}.xml"},
            "TEI XML",
        ),
    )
    if transform.has_choices:
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
    article = h(
        "article",
        {
            "class": "document",
            "data-pagefind-body": "",
            "data-pagefind-meta": f"date:{meta.sort_value}" if meta.sort_value else None,
        },
        h("h1", None, meta.title),
        kicker,
        _meta_section(doc, links),
        tools,
        reading,
    )
    mentions = _mentions(doc, corpus, index, links)
    if mentions is not None:
        article.append(mentions)
    prev, nxt = prev_next
    pager = h("nav", {"class": "pager", "aria-label": "Соседние документы"})
    if prev is not None:
        pager.append(h("a", {"rel": "prev", "href": links.document(prev.docid)}, "← ", prev.meta.title))
    if nxt is not None:
        pager.append(h("a", {"rel": "next", "href": links.document(nxt.docid)}, nxt.meta.title, " →"))
    return [article, pager] if len(pager) else [article], transform
