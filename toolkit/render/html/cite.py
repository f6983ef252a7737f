""" "Cite this" on a document page: the references of the document and of each clause and
list item (render/data/citation.py: GOST R 7.0.100–2018 and Chicago through citeproc-py),
the links to their BibTeX, RIS and CSL-JSON files, and what the page's <head> says for
machines (the citation_* meta tags Zotero reads, schema.org JSON-LD).

A page is built once and read anywhere: from disk, from a server whose address the
edition may not know. So a reference is formatted once with stand-ins, and the page marks
two places in it that the reader's browser completes (assets/edition.js):

- the URL: the edition's `base_url` when it is set; otherwise a stand-in address, shown
  as a link to the unit whose text the script replaces with the link's absolute address;
- the access date GOST asks for ("дата обращения: …"): the day the reader looks, so it
  cannot be in a static page; formatted with a stand-in day, the part is hidden until the
  script puts today's date in.

Without the script the reference is still readable, with a site-relative link and no
access date. Formatting is the slow part of a page (about 9 ms a document with
citeproc-py), so the references come from the memo when the document and the edition's
citation settings are unchanged.
"""

from __future__ import annotations

import datetime
import json
import re

from lxml import etree

from toolkit.model.citable import CitableUnit
from toolkit.model.corpus import Document
from toolkit.model.digest import Memo
from toolkit.model.digest import key as digest
from toolkit.model.edition import EditionConfig
from toolkit.render.data import citation
from toolkit.render.data.links import DataLinks
from toolkit.render.dom import h
from toolkit.render.html import paths

STAND_IN_BASE = "https://site.invalid/"  # the site's address while formatting, when the edition has none
STAND_IN_DAY = datetime.date(1900, 1, 2)  # the access date while formatting; the browser puts in today's
STYLES = (("gost", "ГОСТ Р 7.0.100–2018"), ("chicago", "Chicago"))
DOWNLOADS = (("bib", "BibTeX", "application/x-bibtex"), ("ris", "RIS", "application/x-research-info-systems"))
CSL = ("json", "CSL-JSON", "application/vnd.citationstyles.csl+json")
CITED_KINDS = ("clause", "item")  # the units the reading page gives a number and a cite button


def references(doc: Document, edition: EditionConfig, memo: Memo | None = None) -> dict[str, dict[str, str]]:
    """{id: {"gost": …, "chicago": …}} of the document and each citable unit, with the
    stand-ins in place (the base URL unless the edition has one, the access date)."""
    k = digest("page-references", doc.data_digest, repr((edition.title, edition.editors, edition.base_url)))
    hit = memo.get("page-references", k) if memo is not None else None
    if hit is not None:
        try:
            return json.loads(hit)
        except ValueError:
            pass
    links = DataLinks(edition.base_url or STAND_IN_BASE)
    units = [unit_of(u) for u in doc.units]
    refs = citation.references(doc, units, edition, links, accessed=STAND_IN_DAY)
    if memo is not None:
        memo.put("page-references", k, json.dumps(refs, ensure_ascii=False).encode())
    return refs


def unit_of(fact: tuple[str, str, str | None, str]) -> CitableUnit:
    """A citable unit from the document's facts: what formatting needs (no element)."""
    uid, kind, n, name = fact
    return CitableUnit(uid, kind, n, etree.Element(name))


_ACCESSED = STAND_IN_DAY.strftime("%d.%m.%Y")


def reference_nodes(text: str, target: str, page: str, edition: EditionConfig) -> list:
    """The reference as text with its URL as a link (`target`: the site path it names, from
    the page at `page`) and its access date as a part the browser completes."""
    base = edition.base_url or STAND_IN_BASE
    url = base + target
    out: list = []
    for k, piece in enumerate(text.split(url)):
        if k:
            href = url if edition.base_url else paths.relative(page, target)
            out.append(h("a", {"class": "cite-url", "href": href}, url if edition.base_url else target))
        out.extend(_accessed_nodes(piece))
    return out


def _accessed_nodes(text: str) -> list:
    found = re.search(rf"\s*\([^()]*{re.escape(_ACCESSED)}\)", text)
    if found is None:
        return [text]
    before, after = found.group(0).split(_ACCESSED)
    hidden = h("span", {"class": "cite-accessed", "hidden": True}, before, h("span", {"class": "cite-date"}), after)
    return [text[: found.start()], hidden, text[found.end() :]]


def cite_panel(
    uid: str,
    label: str,
    refs: dict[str, str],
    target: str,
    page: str,
    edition: EditionConfig,
    *,
    document: str | None = None,
) -> etree._Element:
    """A `<details>` whose summary is the cite button: both references, each with a copy
    button the script shows, and the downloads: the files of the document (`document`, its
    id), which hold the record of each clause too, under its id."""
    whole = document is None or document == uid
    what = "документ" if whole else label
    panel = h("div", {"class": "cite-panel"})
    for style, name in STYLES:
        text = h("span", {"class": "cite-text"}, *reference_nodes(refs[style], target, page, edition))
        copy = h("button", {"type": "button", "class": "button copy", "hidden": True}, "Копировать")
        panel.append(
            h("p", {"class": f"cite-ref cite-{style}"}, h("span", {"class": "cite-style"}, name), " ", text, " ", copy)
        )
    links: list = ["Скачать: "]
    for k, (ext, name, mime) in enumerate((*DOWNLOADS, CSL)):
        href = paths.relative(page, paths.cite_file(document or uid, ext))
        links += [" · " if k else "", h("a", {"href": href, "download": "", "type": mime}, name)]
    links.append(" — записи документа и каждого пункта" + ("" if whole else f"; этого — под ключом {uid}"))
    panel.append(h("p", {"class": "cite-downloads"}, *links))
    panel.append(h("p", {"class": "cite-status visually-hidden", "role": "status", "aria-live": "polite"}))
    summary = h("summary", {"class": "cite-button", "title": f"Цитировать {what}"}, "Цитировать")
    summary.append(h("span", {"class": "visually-hidden"}, f" {what}"))
    attrs = {"class": "cite" + (" cite-document" if whole else ""), "data-pagefind-ignore": "all"}
    return h("details", attrs, summary, panel)


def head_elements(tags: list[tuple[str, str]], jsonld_text: str) -> list[etree._Element]:
    """The citation_* meta tags and the JSON-LD block for a page's <head>."""
    out = [h("meta", {"name": name, "content": value}) for name, value in tags]
    script = h("script", {"type": "application/ld+json"})
    script.text = jsonld_text
    out.append(script)
    return out
