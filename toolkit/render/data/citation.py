""" "Cite this" for a document and for each of its clauses.

One CSL-JSON item describes what is cited (`csl_item`); everything else is made from it:
the reference in GOST R 7.0.100–2018 and in Chicago (notes and bibliography), formatted by
citeproc-py with the CSL styles in `csl/` (see csl/README.md for their origin and licence),
the BibTeX entry (bibtexparser), the RIS record (rispy), and the citation_* meta tags that
Zotero and other reference managers read from a document page.

A clause's item is its document's item with the clause's permalink and its label ("п. 3").
Formatting is the slow part (citeproc-py takes some 17 ms for a Chicago bibliography entry,
27 ms with a note, 1 ms for the GOST style), so a document's clauses are not formatted one
by one: the document is formatted once more with a stand-in label and anchor, and each
clause's reference is that text with its own put in (tests/test_citation.py checks the
result is what citeproc-py gives for the clause itself).

The edition's editors are named only in the GOST reference's host area ("// edition /
editors"): in CSL an item's `editor` edits the item, so Chicago and reference managers
would take the editorial group for the document's editor or, lacking an author, its author.
"""

from __future__ import annotations

import copy
import datetime
import functools
import html
import json
import re
import warnings
from importlib import resources

from toolkit.model.citable import CitableUnit
from toolkit.model.corpus import Document
from toolkit.model.edition import EditionConfig
from toolkit.render.data.links import DataLinks
from toolkit.render.html import paths
from toolkit.render.wording import block_label

STYLES = {"gost": "gost-r-7-0-100-2018.csl", "chicago": "chicago-notes-bibliography.csl"}
LOCALES = {"gost": "ru-RU", "chicago": "en-US"}
_LABEL = "QQLABELQQ"  # stand-ins, left alone by every formatting step of both styles
_ANCHOR = "QQANCHORQQ"


# ---------------------------------------------------------------- the item


def csl_item(
    doc: Document,
    edition: EditionConfig,
    links: DataLinks,
    unit: CitableUnit | None = None,
    accessed: datetime.date | None = None,
) -> dict:
    """The CSL-JSON item for a document, or for one of its citable units."""
    meta = doc.meta
    page = paths.document(doc.docid)
    item: dict = {"id": unit.id if unit else doc.docid, "type": "webpage", "title": meta.title}
    if meta.genre_label and meta.genre_label.casefold() not in meta.title.casefold():
        item["genre"] = meta.genre_label
    if meta.issuer:
        item["author"] = [{"literal": meta.issuer.name}]
    parts = _date_parts(meta.sort_value)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if meta.places:
        item["event-place"] = ", ".join(p.name for p in meta.places)
    item["container-title"] = edition.title
    if meta.edition_publisher:
        item["publisher"] = meta.edition_publisher
    url = links.absolute(page + (f"#{unit.id}" if unit else ""))
    if url:
        item["URL"] = url
    if unit is not None:
        item["section"] = _capital(block_label(unit.name, unit.n, unit.id))
    if accessed is not None:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    item["language"] = meta.language or "ru"
    return item


def _date_parts(iso: str) -> list[int]:
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso or "")
    return [int(x) for x in m.groups() if x] if m else []


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def csl_json(items: list[dict]) -> bytes:
    """CSL-JSON, the list form reference managers import."""
    return json.dumps(items, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


# ---------------------------------------------------------------- formatted references


_XPATH_RESULTS: dict = {}


def _memoize_style_xpath() -> None:
    """citeproc-py evaluates the same XPath on the same style and locale elements for every
    entry (44% of its time); those trees never change once parsed, so each result is kept.
    Same output (tests/test_citation.py compares), about 3.5 times faster."""
    from citeproc.model import CitationStylesElement

    original = CitationStylesElement.xpath_search
    if getattr(original, "memoized", False):
        return

    def xpath_search(self, expression):
        key = (self, expression)  # the key holds the element: its proxy is never reused for another
        found = _XPATH_RESULTS.get(key)
        if found is None:
            found = _XPATH_RESULTS[key] = original(self, expression)
        return list(found)

    xpath_search.memoized = True
    xpath_search.original = original
    CitationStylesElement.xpath_search = xpath_search
    _memoize_calls_variable()


_CALLS_VARIABLE: dict = {}


def _memoize_calls_variable() -> None:
    """Whether a group of the style calls a variable (so it is left out when none is set) is
    asked again for every entry, and recursively (a quarter of citeproc-py's calls); it
    depends on the style alone, so each answer is kept. Same output, about 10% faster."""
    from citeproc.model import Parent, Text

    for cls in (Parent, Text):
        original = cls.__dict__["calls_variable"]

        def calls_variable(self, _original=original):
            found = _CALLS_VARIABLE.get(self)  # keyed by the element, as in xpath_search
            if found is None:
                found = _CALLS_VARIABLE[self] = _original(self)
            return found

        calls_variable.original = original
        cls.calls_variable = calls_variable


@functools.cache
def _style(name: str):
    from citeproc import CitationStylesStyle

    _memoize_style_xpath()

    path = resources.files("toolkit.render.data") / "csl" / STYLES[name]
    with resources.as_file(path) as file, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(file), validate=False, locale=LOCALES[name])


def _format(name: str, item: dict, locator: str | None = None) -> tuple[str, str | None]:
    """(bibliography entry, full note citing `locator`) as plain text; the note only if asked."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL variables it does not know
        bib = CitationStylesBibliography(_style(name), CiteProcJSON([copy.deepcopy(item)]), formatter.plain)
        if locator is not None:
            cite = Citation([CitationItem(item["id"], locator=Locator("paragraph", locator))])
        else:
            cite = Citation([CitationItem(item["id"])])
        bib.register(cite)
        note = bib.cite(cite, lambda _: None) if locator is not None else None
        entry = str(bib.bibliography()[0])
    return _tidy(entry), _tidy(note) if note is not None else None


def _tidy(text: str) -> str:
    text = html.unescape(str(text))
    text = re.sub(r"^\d+\.\s*", "", text)  # a numeric style's number
    return re.sub(r"\s+", " ", text).strip()


def references(
    doc: Document,
    units: list[CitableUnit],
    edition: EditionConfig,
    links: DataLinks,
    accessed: datetime.date | None = None,
) -> dict[str, dict[str, str]]:
    """The formatted references of a document and of each unit given:
    {id: {"gost": …, "chicago": …}}. A document's "chicago" is its bibliography entry, a
    unit's the full Chicago note citing it ("…, para. 3, URL"). Three citeproc-py runs a
    document, however many clauses it has."""
    item = csl_item(doc, edition, links, accessed=accessed)
    gost_item = dict(item, editor=[{"literal": e} for e in edition.editors]) if edition.editors else item
    stand_in = dict(gost_item, id=_ANCHOR, section=_LABEL)
    if "URL" in item:
        stand_in["URL"] = item["URL"] + "#" + _ANCHOR
    gost_doc, _ = _format("gost", gost_item)
    gost_clause, _ = _format("gost", stand_in)
    chicago_doc, chicago_clause = _format("chicago", item, locator=_LABEL)
    if "URL" in item:
        chicago_clause = chicago_clause.replace(item["URL"], item["URL"] + "#" + _ANCHOR)
    out = {doc.docid: {"gost": gost_doc, "chicago": chicago_doc}}
    for unit in units:
        label = _capital(block_label(unit.name, unit.n, unit.id))
        out[unit.id] = {
            "gost": gost_clause.replace(_LABEL, label).replace(_ANCHOR, unit.id),
            "chicago": chicago_clause.replace(_LABEL, locator_of(unit)).replace(_ANCHOR, unit.id),
        }
    return out


def locator_of(unit: CitableUnit) -> str:
    """What a Chicago note gives after "para.": the clause or item number ("3", "PP1"), a
    paragraph's number ("p4" → "4"), else the id's last part ("opener"). Never a hyphen:
    citeproc-py reads one as a range ("paras. 1–2")."""
    if unit.n and "-" not in unit.n:
        return unit.n
    last = unit.id.rsplit("-", 1)[-1]
    m = re.fullmatch(r"(?:p|item)(\d+)", last)
    return m.group(1) if m else last


# ---------------------------------------------------------------- BibTeX and RIS


_LATEX = {c: "\\" + c for c in "&%$#_{}"} | {
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
}


def _latex(text: str) -> str:
    return "".join(_LATEX.get(c, c) for c in text)


def bibtex(item: dict) -> str:
    """A biblatex @online entry (UTF-8; corporate names braced so they are not split)."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    fields = [Field("title", "{" + _latex(item["title"]) + "}")]
    if item.get("author"):
        fields.append(Field("author", " and ".join("{" + _latex(a["literal"]) + "}" for a in item["author"])))
    if "issued" in item:
        fields.append(Field("date", "-".join(f"{p:02d}" for p in item["issued"]["date-parts"][0])))
    for key, name in (("container-title", "maintitle"), ("publisher", "organization"), ("genre", "type")):
        if item.get(key):
            fields.append(Field(name, _latex(item[key])))
    if item.get("section"):
        fields.append(Field("addendum", _latex(item["section"])))
    if item.get("URL"):
        fields.append(Field("url", item["URL"]))
    if "accessed" in item:
        fields.append(Field("urldate", "-".join(f"{p:02d}" for p in item["accessed"]["date-parts"][0])))
    fields.append(Field("langid", "russian" if item.get("language", "ru").startswith("ru") else item["language"]))
    library = bibtexparser.Library([Entry("online", item["id"], fields)])
    return bibtexparser.write_string(library).strip() + "\n"


def ris(item: dict) -> str:
    """An RIS record (type ELEC, "Web Page")."""
    import rispy

    class _Writer(rispy.RisWriter):
        def set_header(self, count: int) -> str:
            return ""  # rispy numbers records ("1."): not part of RIS

    rec: dict = {"type_of_reference": "ELEC", "title": item["title"]}
    if item.get("author"):
        rec["authors"] = [a["literal"] for a in item["author"]]
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        rec["date"] = "/".join(f"{p:02d}" for p in parts) + ("/" * (3 - len(parts)))
        rec["year"] = str(parts[0])
    for key, name in (("container-title", "secondary_title"), ("publisher", "publisher"), ("section", "section")):
        if item.get(key):
            rec[name] = item[key]
    if item.get("URL"):
        rec["urls"] = [item["URL"]]
    if item.get("genre"):
        rec["type_of_work"] = item["genre"]
    rec["language"] = item.get("language", "ru")
    rec["id"] = item["id"]
    return rispy.dumps([rec], implementation=_Writer).replace("\n\n", "\n").rstrip("\n") + "\n"


def downloads(
    doc: Document, units: list[CitableUnit], edition: EditionConfig, links: DataLinks
) -> dict[str, tuple[str, str, bytes]]:
    """{id: (BibTeX, RIS, CSL-JSON)} of the document and of each unit given. As with the
    references, the units share one stand-in record of each kind, written by bibtexparser
    and rispy once, with each unit's id, label and anchor put in (tests/test_citation.py
    checks it against the writers on each unit)."""
    item = csl_item(doc, edition, links)
    out = {doc.docid: (bibtex(item), ris(item), csl_json([item]))}
    if not units:
        return out
    stand_in = dict(item, id=_ID, section=_LABEL)
    if "URL" in item:
        stand_in["URL"] = item["URL"] + "#" + _ANCHOR
    bib, rec = bibtex(stand_in), ris(stand_in)
    for unit in units:
        label = _capital(block_label(unit.name, unit.n, unit.id))
        unit_item = csl_item(doc, edition, links, unit)
        out[unit.id] = (
            bib.replace(_ID, unit.id).replace(_LABEL, _latex(label)).replace(_ANCHOR, unit.id),
            rec.replace(_ID, unit.id).replace(_LABEL, label).replace(_ANCHOR, unit.id),
            csl_json([unit_item]),
        )
    return out


_ID = "QQIDQQ"


# ---------------------------------------------------------------- meta tags


def meta_tags(
    doc: Document, edition: EditionConfig, links: DataLinks, page: str | None = None
) -> list[tuple[str, str]]:
    """The citation_* meta tags of a document page, in the order Zotero's embedded-metadata
    reader expects (Highwire Press names); `page` is the page's site path for relative links."""
    meta = doc.meta
    page = page or paths.document(doc.docid)
    tags = [("citation_title", meta.title)]
    if meta.issuer:
        tags.append(("citation_author", meta.issuer.name))
    parts = _date_parts(meta.sort_value)
    if parts:
        date = "/".join(str(p) if i == 0 else f"{p:02d}" for i, p in enumerate(parts))
        tags += [("citation_publication_date", date), ("citation_date", date)]
    if meta.edition_publisher:
        tags.append(("citation_publisher", meta.edition_publisher))
    tags.append(("citation_inbook_title", edition.title))
    for editor in edition.editors:
        tags.append(("citation_editor", editor))
    tags.append(("citation_language", meta.language or "ru"))
    if meta.genre_label:
        tags.append(("citation_keywords", meta.genre_label))
    tags.append(("citation_abstract_html_url", links.url(page, paths.document(doc.docid))))
    tags.append(("citation_xml_url", links.url(page, paths.tei_file(doc.stem))))
    return tags
