"""The HTML of each part of the book: the front matter, one document, the indexes.

Built with the HTML edition's DOM helpers (text is always a text node), then passed
through `sanitize`: whatever the TEI held, only our own elements, no style, no script,
no image but the project's own (fetch.MEDIA), no attachment link, and links only to
#anchors of the book or to http(s).
"""

from __future__ import annotations

import dataclasses

from lxml import etree
from lxml import html as lhtml

from toolkit.model.corpus import Corpus, Document
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index, Occurrence, date_key, initial_letter
from toolkit.model.registers import KINDS, TITLE_OF_KIND
from toolkit.render.dom import h
from toolkit.render.facts import Value, header_facts
from toolkit.render.linking import WEB_LINK
from toolkit.render.notes import witnesses
from toolkit.render.pdf.fetch import MEDIA
from toolkit.render.pdf.reading import INTERNAL, BookLinks, chronology_anchor, entry_anchor, internal, render_reading
from toolkit.render.signs import legend
from toolkit.render.wording import CANDIDATE, certainty_notes, cut, describe_date, role

ALLOWED_TAGS = {
    *"html head meta title body section article div p span a b i h1 h2 h3 h4 h5 h6 ol ul li br time".split(),
    *"figure figcaption".split(),
    # the reading text's quotations, marked words, interventions, lists, tables, images
    *"q blockquote cite em abbr data ins del dl dt dd table caption tr th td img".split(),
}
ALLOWED_ATTRS = {
    *("class", "id", "href", "lang", "charset", "value", "data-running", "datetime", "name", "content"),
    *("rowspan", "colspan", "src", "alt"),
}
INDEX_KINDS = (*KINDS, "chronology")  # the book's indexes, in order
INDEX_TITLES = {**TITLE_OF_KIND, "chronology": "Хронологический указатель"}
INDEX_ANCHORS = {kind: f"index-{kind}" for kind in INDEX_KINDS}
LEGEND_ANCHOR = "front-legend"


def running_title(edition: EditionConfig, settings) -> str:
    if settings.running_title:
        return settings.running_title
    head = edition.title.split(":")[0].strip()
    return cut(head or edition.title, 80)


def doc_anchor(doc: Document) -> str:
    return f"doc-{doc.docid}"


# ---------------------------------------------------------------- sanitising


def sanitize(root: etree._Element) -> None:
    """Keep only our vocabulary: drop unknown elements (keeping their text), unknown and
    event attributes, and every link that is not internal or http(s)."""
    for el in list(root.iter()):
        if el.getparent() is not None and (not isinstance(el.tag, str) or el.tag not in ALLOWED_TAGS):
            if isinstance(el.tag, str):
                el.drop_tag()  # an element we do not print: its text stays, as text
            else:
                el.text = None  # a comment or processing instruction
                el.drop_tag()
            continue
        for name in list(el.attrib):
            if name not in ALLOWED_ATTRS:
                del el.attrib[name]
        href = el.get("href")
        if href is not None:
            if href.startswith("#") and len(href) > 1:
                el.set("href", internal(href[1:]))
            elif not (href.startswith(INTERNAL) or WEB_LINK.match(href)):
                del el.attrib["href"]
        if el.tag != "a" and "href" in el.attrib:
            del el.attrib["href"]
        src = el.get("src")
        if src is not None and not (el.tag == "img" and src.startswith(MEDIA)):
            del el.attrib["src"]
        if el.tag == "img" and el.get("src") is None:
            el.getparent().remove(el)  # an image the book does not have: nothing to show


def page_html(title: str, running: str, body_children: list) -> str:
    head = h("head", None, h("meta", {"charset": "utf-8"}), h("title", None, title))
    body = h("body", {"data-running": running}, *body_children)
    root = h("html", {"lang": "ru"}, head, body)
    sanitize(root)
    return lhtml.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>")


def blank_part() -> str:
    """An empty page of the book (no running head): with bleed, WeasyPrint draws its crop
    marks, and the assembly uses it for the blank versos."""
    return page_html("", "", [h("div", {"class": "blank-page"})])


# ---------------------------------------------------------------- a document


@dataclasses.dataclass
class DocumentPart:
    html: str
    mentions: dict[tuple[str, str], list[str]]  # (block anchor or "" for the header, key) → mention anchors
    diagnostics: list
    signs: frozenset = frozenset()  # the editorial signs its text uses (signs.SIGNS keys): the legend
    images: int = 0  # the images it prints (model.media)


def _meta_block(doc: Document, links: BookLinks, mention, link_mentions: bool) -> etree._Element:
    """The header facts (render.facts), a line each: "Дата: 22 мая 2019 г."; every date and
    name the index lists gets an anchor from `mention` (its key → the anchor's id)."""
    block = h("div", {"class": "doc-meta"})

    def date(value: Value) -> etree._Element:
        href = links.date(value.date) if link_mentions else None
        attrs = {"href": href, "id": mention(date_key(value.date)) if value.date else None}
        shown = h("a" if href else "span", attrs, describe_date(value.date) if value.date else value.text)
        return h("span", None, shown, f" ({value.note})" if value.note else "")

    def name(value: Value) -> etree._Element:
        target = links.entity(value.ref) if value.ref else None
        attrs = {"href": target.href if link_mentions else None, "id": mention(value.ref)} if target else {}
        shown = h("a" if target and link_mentions else "span", attrs, value.text)
        return h("span", None, shown, f" ({value.note})" if value.note else "")

    def row(term: str, *values) -> None:
        p = h("p", None, h("span", {"class": "term"}, f"{term}: "))
        for k, v in enumerate(values):
            if k:
                p.append(h("span", None, "; "))
            p.append(v if isinstance(v, etree._Element) else h("span", None, v))
        block.append(p)

    for fact in header_facts(doc):
        values = fact.values
        if fact.key == "genre":
            row(fact.label, values[0].text or "не указан")
        elif fact.key == "date":
            row(fact.label, *([date(v) for v in values] or ["не установлена"]))
        elif fact.key in ("place", "issuer"):
            row(fact.label, *[name(v) for v in values])
        elif fact.key == "source":
            row(
                fact.label, *([h("a", {"href": v.href}, v.text) if v.href else v.text for v in values] or ["не указан"])
            )
        elif fact.key == "rights" and values:
            row(fact.label, *[text for text in (v.text or v.href or "" for v in values) if text])
        elif fact.key == "tei":
            row(fact.label, values[0].text)
        # "publication": the book's imprint says who publishes it
    wits = witnesses(doc)
    if wits:
        row("Свидетели текста", *[f"{siglum} — {description}" for siglum, description in wits.values()])
    return block


def document_part(
    doc: Document, corpus: Corpus, index: Index, links: BookLinks, edition: EditionConfig, settings
) -> DocumentPart:
    link_mentions = bool(getattr(settings, "mention_links", False))
    reading, transform = render_reading(doc, index.anchors.get(doc.docid, {}), links, "", link_mentions)

    def header_mention(key: str) -> str:
        transform.count += 1
        mid = f"{doc.docid}--h{transform.count}"
        transform.mentions.setdefault(("", key), []).append(mid)
        return mid

    title = doc.meta.title
    article = h(
        "article",
        {"class": "document", "id": doc_anchor(doc)},
        h("h1", {"data-running": cut(title, 70)}, title),
        _meta_block(doc, links, header_mention, link_mentions),
        reading,
    )
    html = page_html(title, running_title(edition, settings), [article])
    return DocumentPart(html, transform.mentions, transform.diagnostics, frozenset(transform.signs), html.count("<img"))


# ---------------------------------------------------------------- front matter


@dataclasses.dataclass
class TocRow:
    title: str
    date: str | None
    anchor: str
    page: str  # as printed; placeholders before the numbers are known
    section: str | None = None  # a heading printed before this row


def front_part(
    edition: EditionConfig, settings, date_line: str, rows: list[TocRow], signs: frozenset = frozenset()
) -> str:
    title = edition.title
    editors = "; ".join(edition.editors)
    children = [
        h("section", {"class": "half-title", "id": "front-half-title"}, h("p", None, title)),
        h(
            "section",
            {"class": "title-page", "id": "front-title"},
            h("p", {"class": "editors"}, editors) if editors else h("p", {"class": "editors"}, ""),
            h("p", {"class": "title"}, title),
            h("p", {"class": "subtitle"}, "Тексты документов с указателями лиц, мест, организаций и дат"),
            h("p", {"class": "date"}, date_line),
        ),
        h(
            "section",
            {"class": "imprint"},
            h("p", None, f"{title}. {('Сост.: ' + editors + '. ') if editors else ''}{date_line}."),
            h(
                "p",
                None,
                "Тексты воспроизводятся по файлам TEI P5 издания; каждый файл — главный экземпляр текста. "
                "Исправления и нормализация издателя, а также датировки, установленные издателем, "
                "оговорены в подстрочных примечаниях. Номера пунктов документов вынесены на поля.",
            ),
            h("p", None, "Набрано шрифтом PT Serif (ParaType, SIL Open Font License)."),
        ),
    ]
    if edition.paragraphs:
        children.append(
            h(
                "section",
                {"class": "preface", "id": "front-preface"},
                h("h2", None, "От редакции"),
                *[h("p", None, p) for p in edition.paragraphs],
            )
        )
    signs_body = legend(signs, [], book=True)
    if signs_body is not None:  # the editorial signs the documents use
        children.append(
            h("section", {"class": "legend", "id": LEGEND_ANCHOR}, h("h2", None, "Условные обозначения"), signs_body)
        )
    toc = h("section", {"class": "toc", "id": "front-toc"}, h("h2", None, "Содержание"))
    for row in rows:
        if row.section:
            toc.append(h("p", {"class": "toc-section"}, row.section))
        p = h(
            "p",
            {"class": "toc-entry"},
            h("span", {"class": "toc-page"}, row.page),
            h("a", {"href": internal(row.anchor)}, row.title),
        )
        if row.date:
            p.append(h("span", {"class": "toc-date"}, f" ({row.date})"))
        toc.append(p)
    children.append(toc)
    return page_html(title, running_title(edition, settings), children)


# ---------------------------------------------------------------- indexes


def page_ranges(pages: dict[int, str]) -> list[tuple[str, str]]:
    """{page: anchor} → [("12–14", anchor of 12), ("17", …)]: sorted, consecutive pages merged."""
    out = []
    numbers = sorted(pages)
    k = 0
    while k < len(numbers):
        j = k
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        label = str(numbers[k]) if j == k else f"{numbers[k]}–{numbers[j]}"
        out.append((label, pages[numbers[k]]))
        k = j + 1
    return out


def _page_numbers(pages: dict[int, str]) -> list:
    """The numbers and ranges, each a link to the first mention on its page, separated as
    plain text (an inline box less per number: long index paragraphs are slow to lay out)."""
    out: list = []
    for k, (label, anchor) in enumerate(page_ranges(pages)):
        if k:
            out.append(", ")
        out.append(h("a", {"href": internal(anchor)}, label))
    return out


def index_parts(corpus: Corpus, index: Index, edition: EditionConfig, settings, pages_of) -> dict[str, str]:
    """The four indexes, each a part of its own (so they render in parallel): kind → HTML.
    `pages_of(occurrences, key)` → {page number: anchor of the first mention on it}."""
    running = running_title(edition, settings)
    out = {}
    for kind in KINDS:
        body = _entity_index(kind, corpus, index, pages_of)
        section = h("section", {"class": "index", "id": INDEX_ANCHORS[kind]}, h("h2", None, INDEX_TITLES[kind]), body)
        out[kind] = page_html(INDEX_TITLES[kind], running, [section])
    section = h(
        "section",
        {"class": "index", "id": INDEX_ANCHORS["chronology"]},
        h("h2", None, INDEX_TITLES["chronology"]),
        h(
            "p",
            {"class": "lead"},
            "Даты, названные в документах, и даты самих документов. "
            "Даты, установленные издателем, отмечены степенью достоверности.",
        ),
        _chronology_index(index, pages_of),
    )
    out["chronology"] = page_html(INDEX_TITLES["chronology"], running, [section])
    return out


def _entity_index(kind: str, corpus: Corpus, index: Index, pages_of) -> etree._Element:
    """The entries of one kind under their initial letters: name, role, pages."""
    body = h("div", {"class": "index-body"})
    entries = index.entries(corpus, kind)
    if not entries:
        body.append(h("p", {"class": "lead"}, "В документах издания нет таких упоминаний."))
    letter = None
    for entry, occs in entries:
        first = initial_letter(entry.name)
        if first != letter:
            letter = first
            body.append(h("h3", None, letter))
        p = h("p", {"class": "entry", "id": entry_anchor(entry.ref)}, h("span", {"class": "name"}, entry.name))
        what = role(entry, corpus.registers)
        if what:
            p.append(h("span", None, ", "))
            p.append(h("span", {"class": "role"}, what))
        p.append(
            h(
                "span",
                {"class": "pages"},
                f" ({CANDIDATE}) " if entry.candidate else " ",
                *_page_numbers(pages_of(occs, entry.ref)),
            )
        )
        body.append(p)
    return body


def _chronology_index(index: Index, pages_of) -> etree._Element:
    """Every date under its year: the date in words, its certainty where it is not
    stated in the text with high certainty, pages."""
    body = h("div", {"class": "index-body"})
    year = None
    for entry in index.chronology:
        y = entry.year or "Без года"
        if y != year:
            year = y
            body.append(h("h3", None, y))
        p = h(
            "p",
            {"class": "entry", "id": chronology_anchor(entry.key)},
            h("span", {"class": "name"}, describe_date(entry.attrs)),
        )
        notes = certainty_notes(entry.occurrences)
        if notes:
            p.append(h("span", {"class": "role"}, " (" + "; ".join(notes) + ")"))
        p.append(h("span", {"class": "pages"}, " ", *_page_numbers(pages_of(entry.occurrences, entry.key))))
        body.append(p)
    return body


def occurrence_anchors(occ: Occurrence, key: str, mentions: dict[str, dict[tuple[str, str], list[str]]]) -> list[str]:
    """The printed anchors of an index occurrence: its mentions in that block, else the block."""
    found = mentions.get(occ.docid, {}).get((occ.anchor, key))
    if found:
        return found
    return [occ.anchor] if occ.anchor else [f"doc-{occ.docid}"]
