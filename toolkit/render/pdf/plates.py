"""The book's plates: the map, the timeline and the network, each on a page of its own (a
long timeline on several, at the text block's width), as vector SVG inside the part's HTML (WeasyPrint draws inline SVG as vector graphics, its text as
text), with the same drawing as the HTML edition.

WeasyPrint does not turn SVG links into PDF links, so each plate lays an HTML link over
every linked mark (an absolutely placed, empty <a> at the mark's `data-box`, in percent
of the picture); the links point at the book's own anchors (the index entries, the
chronology) as INTERNAL markers, which the assembly turns into page links as it does for
the rest of the book.

`page_html` (parts.py) would strip the SVG (its sanitiser keeps only the book's HTML
vocabulary); the plates are sanitised here against an SVG vocabulary of their own, and
only numbers we computed go into the link boxes' `style`.

The part comes after the indexes (build.py says why), with a contents row and an outline
entry for each plate (`Plates.items`).
"""

from __future__ import annotations

import copy
import dataclasses
import re

from lxml import etree
from lxml import html as lhtml

from toolkit.model.corpus import Corpus
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index
from toolkit.render.dom import h
from toolkit.render.figures.map import map_svg
from toolkit.render.figures.network import cooccurrence, network_svg
from toolkit.render.figures.places import map_places
from toolkit.render.figures.timeline import WIDTH as TIMELINE_WIDTH
from toolkit.render.figures.timeline import timeline_parts, timeline_svg
from toolkit.render.figures.timemarks import timeline_marks
from toolkit.render.pdf.config import length_mm
from toolkit.render.pdf.parts import ALLOWED_ATTRS, ALLOWED_TAGS, running_title
from toolkit.render.pdf.reading import INTERNAL, chronology_anchor, entry_anchor, internal

SVG_TAGS = {"svg", "title", "desc", "defs", "pattern", "g", "a", "path", "circle", "rect", "line", "text"}
SVG_ATTRS = {
    "viewBox", "width", "height", "class", "role", "aria-labelledby", "aria-describedby", "aria-label", "aria-hidden",
    "font-family", "font-size", "font-weight", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray",
    "stroke-opacity", "id", "patternUnits", "patternTransform", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "d",
    "text-anchor", "textLength", "lengthAdjust",
}  # fmt: skip
PLATES_ANCHOR = "plates"
PLATES_TITLE = "Иллюстрации"
TIMELINE_TITLE = "Хронология: линия времени"  # timeline.timeline_svg's default
MAP_CAPTION = (
    "Места, упомянутые в документах: точкой — с известными координатами (площадь кружка — число "
    "упоминаний), штриховкой — упомянутые страны. Перечень — в указателе географических названий. "
    "Основа: Natural Earth."
)
TIMELINE_CAPTION = "Даты документов и даты, названные в их текстах, по годам. Перечень — в хронологическом указателе."
NETWORK_CAPTION = "Лица и организации, названные в одних и тех же документах. Перечни — в указателях лиц и организаций."
CAPTION_MM = 28.0  # the room a plate's caption and heading take on its page
_LOCAL_URL = re.compile(r"^url\(#[\w-]+\)$")  # a pattern of the figure itself
_WIDTH_STYLE = re.compile(r"^width:\d+(\.\d+)?%$")
_BOX_STYLE = re.compile(r"^left:-?\d+(\.\d+)?%;top:-?\d+(\.\d+)?%;width:\d+(\.\d+)?%;height:\d+(\.\d+)?%$")


def plate_links(svg: etree._Element) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    """(href, name, box) of every linked mark of a figure."""
    out = []
    for a in svg.iter("a"):
        box = a.get("data-box")
        if a.get("href") and box:
            out.append((a.get("href"), a.get("aria-label", ""), tuple(float(v) for v in box.split())))
    return out


def _art(svg: etree._Element, width_pct: float) -> etree._Element:
    """The picture (its SVG links become plain groups) with the HTML links laid over it."""
    _, _, w, hgt = (float(v) for v in svg.get("viewBox").split())
    links = plate_links(svg)
    drawn = copy.deepcopy(svg)
    for a in list(drawn.iter("a")):
        a.tag = "g"
        for name in ("href", "data-box"):
            a.attrib.pop(name, None)
    for node in drawn.iter("g"):
        node.attrib.pop("data-box", None)
    art = h("div", {"class": "plate-art", "style": f"width:{width_pct:.1f}%"}, drawn)
    for href, _name, (x0, y0, x1, y1) in links:
        style = (
            f"left:{100 * x0 / w:.2f}%;top:{100 * y0 / hgt:.2f}%;"
            f"width:{100 * (x1 - x0) / w:.2f}%;height:{100 * (y1 - y0) / hgt:.2f}%"
        )
        art.append(h("a", {"class": "plate-link", "href": href, "style": style}))
    return art


def _room(settings) -> tuple[float, float]:
    """The text block's width and the height a plate's picture may take (mm)."""
    text_w = settings.width_mm - _mm(settings.margin_inner) - _mm(settings.margin_outer)
    text_h = settings.height_mm - _mm(settings.margin_top) - _mm(settings.margin_bottom) - CAPTION_MM
    return text_w, text_h


def _width_pct(svg: etree._Element, settings) -> float:
    """How wide the picture may be (percent of the text block) so that it and its caption
    fit on one page."""
    _, _, w, hgt = (float(v) for v in svg.get("viewBox").split())
    text_w, text_h = _room(settings)
    return max(20.0, min(100.0, 100.0 * (text_h * w / hgt) / text_w))


def _mm(length: str) -> float:
    """A margin in millimetres (20 mm if it is not a length config.py reads)."""
    found = length_mm(length)
    return found if found is not None else 20.0


@dataclasses.dataclass
class Plates:
    """The plates part of the book: its HTML, and each plate's anchor and title (for the
    contents and the outline; a timeline drawn over several pages is one plate)."""

    html: str
    items: list[tuple[str, str]]


@dataclasses.dataclass
class _Plate:
    anchor: str
    svg: etree._Element
    caption: str
    more: bool = False  # a further page of the plate before it


def _plates(corpus: Corpus, index: Index, settings) -> list[list[_Plate]]:
    """The plates in order, each as its pages: the map, the timeline (over as many pages as
    keep it at the text block's width), the network."""

    def entry(ref: str) -> str:
        return internal(entry_anchor(ref))

    out = []
    places = map_places(corpus, index)
    if any(p.point or p.area for p in places):  # else nothing to draw
        out.append([_Plate("plate-map", map_svg(places, entry, prefix="plate-map"), MAP_CAPTION)])
    marks = timeline_marks(corpus, index)
    if marks:
        text_w, text_h = _room(settings)
        parts = timeline_parts(marks, text_h * TIMELINE_WIDTH / text_w)
        pages = []
        for k, rows in enumerate(parts):
            pid = "plate-timeline" + (f"-{k + 1}" if k else "")
            title = TIMELINE_TITLE + (f", {rows[0]}–{rows[-1]}" if len(parts) > 1 else "")
            svg = timeline_svg(marks, lambda key: internal(chronology_anchor(key)), rows=rows, prefix=pid, title=title)
            pages.append(_Plate(pid, svg, TIMELINE_CAPTION, more=k > 0))
        out.append(pages)
    network = cooccurrence(corpus, index)
    if network.nodes:
        out.append([_Plate("plate-network", network_svg(network, entry, prefix="plate-network"), NETWORK_CAPTION)])
    return out


def plates_part(corpus: Corpus, index: Index, edition: EditionConfig, settings) -> Plates | None:
    """The plates as one part of the book (HTML for WeasyPrint): map, timeline, network,
    each on a page of its own (a long timeline on several) with a numbered heading and a
    caption that names the index it pictures; None if there is nothing to picture."""
    plates = _plates(corpus, index, settings)
    if not plates:
        return None
    section = h("section", {"class": "plates", "id": PLATES_ANCHOR})
    items = []
    for k, pages in enumerate(plates, 1):
        named = TIMELINE_TITLE if len(pages) > 1 else pages[0].svg.findtext("title")  # the plate, not its years
        items.append((pages[0].anchor, f"Иллюстрация {k}. {named}"))
        for plate in pages:
            title = plate.svg.findtext("title")
            heading = f"Иллюстрация {k}" + (" (продолжение)" if plate.more else "") + f". {title}"
            section.append(
                h(
                    "figure",
                    {"class": "plate", "id": plate.anchor},
                    h("h2", {"data-running": PLATES_TITLE}, heading),
                    _art(plate.svg, _width_pct(plate.svg, settings)),
                    h("figcaption", None, plate.caption),
                )
            )
    head = h("head", None, h("meta", {"charset": "utf-8"}), h("title", None, PLATES_TITLE))
    body = h("body", {"data-running": running_title(edition, settings)}, section)
    root = h("html", {"lang": "ru"}, head, body)
    sanitize_plates(root)
    return Plates(lhtml.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>"), items)


def sanitize_plates(root: etree._Element) -> None:
    """The book's vocabulary (parts.ALLOWED_*) inside the HTML, the figures' SVG vocabulary
    inside <svg>; links only to the book's anchors; a `style` only on the laid-over links,
    and only of the form we write."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            el.getparent().remove(el)
            continue
        in_svg = el.tag == "svg" or any(a.tag == "svg" for a in el.iterancestors())
        tags, attrs = (SVG_TAGS, SVG_ATTRS) if in_svg else (ALLOWED_TAGS | {"figure", "figcaption"}, ALLOWED_ATTRS)
        if el.getparent() is not None and el.tag not in tags:
            el.getparent().remove(el)
            continue
        for name in list(el.attrib):
            value = el.get(name)
            if name == "style" and el.tag in ("a", "div") and el.get("class") in ("plate-link", "plate-art"):
                if not (_BOX_STYLE if el.tag == "a" else _WIDTH_STYLE).match(value):
                    del el.attrib[name]
                continue
            if name not in attrs or (name == "fill" and value.startswith("url(") and not _LOCAL_URL.match(value)):
                del el.attrib[name]
        href = el.get("href")
        if href is not None and not (href.startswith(INTERNAL) and el.tag == "a"):
            del el.attrib["href"]
