"""The map of places: every place of the registers with coordinates, marked where it is and
sized by its mentions; the countries mentioned, hatched. Drawn at build time from the
shipped Natural Earth basemap (geo.py), nothing fetched.

- The regional panel zooms to what the places cover inside the window of the edition's
  region (Eastern Europe, the Caucasus, Central Asia: geo.REGION_WINDOW); places outside
  it (New York, Tianjin …) go on a world panel below, which also outlines the regional
  panel's area.
- A marker's area is proportional to its mentions; markers are dark discs with a white
  rim (they stay apart in greyscale), mentioned countries have a hatch (not a colour).
- Each marker and each hatched country is a link (`href(ref)`, the caller's) named in
  Russian: "Алматы — 4 упоминания".

`places.map_places` derives the input from the model; `map_svg` is pure over it, and
draws the basemap through basemap.py.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

from lxml import etree

from toolkit.model.index import ru_sort_key
from toolkit.render.figures import basemap, geo, labels
from toolkit.render.figures.labels import Box, Placer
from toolkit.render.figures.places import MapPlace, frame_points
from toolkit.render.figures.svg import INK, MUTED, PAPER, el, link, root
from toolkit.render.wording import plural

Href = Callable[[str], str | None]


@dataclasses.dataclass(frozen=True)
class Layout:
    width: float
    height: float  # of the regional panel
    world_width: float
    font: float
    max_r: float
    legend: bool


# a country's name, in capitals, against a place's: 10.8 units on the full map, which the
# book prints 160 mm wide (A4), is 6.1 pt, the smallest size of any label on its plates
COUNTRY = 0.83
FULL = Layout(800.0, 500.0, 420.0, 13.0, 16.0, True)
MINI = Layout(360.0, 230.0, 180.0, 11.0, 9.0, False)


def map_frame(places: list[MapPlace], mini: bool = False) -> geo.Frame:
    """The regional panel's frame for these places: give every document's miniature the
    corpus's frame, so they compare and share one basemap drawing."""
    lay = MINI if mini else FULL
    return geo.region_frame(frame_points(places), 0.0, 0.0, lay.width, lay.height)


# ---------------------------------------------------------------- drawing


def radius(mentions: int, most: int, max_r: float) -> float:
    """A marker's radius: its area proportional to its mentions, never under 3 units."""
    return round(max(3.0, max_r * math.sqrt(mentions / max(most, 1))), 1)


def map_svg(
    places: list[MapPlace],
    href: Href,
    *,
    frame: geo.Frame | None = None,
    mini: bool = False,
    most: int | None = None,
    prefix: str = "fig-map",
    title: str = "Карта мест, упомянутых в документах",
) -> etree._Element:
    """The map of `places` (see map_places) as an <svg>. `href(ref)` gives each link
    (None: not linked); `frame` the regional panel (default: fitted to these places);
    `mini` the miniature (smaller, no legend); `most` the mention count the largest
    marker stands for (default: the most among these places)."""
    lay = MINI if mini else FULL
    frame = frame or map_frame(places, mini)
    marked = sorted((p for p in places if p.point), key=lambda p: (-p.mentions, ru_sort_key(p.name), p.ref))
    near = [p for p in marked if geo.in_region(*p.point)]
    far = [p for p in marked if not geo.in_region(*p.point)]
    areas = sorted(
        (p for p in places if p.point is None and p.area), key=lambda p: (-p.mentions, ru_sort_key(p.name), p.ref)
    )
    most = most or max((p.mentions for p in places), default=1)
    world = geo.world_frame(0.0, frame.height + 8, lay.world_width) if far else None
    bottom = frame.height
    if world is not None:
        bottom = world.top + world.height
    legend_h = 86.0 if lay.legend else 0.0
    height = (max(bottom, frame.height + 8 + legend_h) if world else frame.height + legend_h) + 2
    desc = _description(near, far, areas, places)
    svg = root(prefix, lay.width, height, title, desc, "figure-map")
    basemap.hatch(svg, prefix)
    basemap.region_panel(svg, frame, prefix)
    if world is not None:
        basemap.world_panel(svg, world, frame)
    # the marks first (obstacles for every label), then links with their labels
    placer = Placer(Box(frame.left, frame.top, frame.left + frame.width, frame.top + frame.height))
    world_placer = (
        Placer(Box(world.left, world.top, world.left + world.width, world.top + world.height)) if world else None
    )
    spots = []
    for p in near + far:
        f, pl = (frame, placer) if p in near else (world, world_placer)
        x, y = f.point(p.lon, p.lat)
        r = radius(p.mentions, most, lay.max_r * (0.7 if f is world else 1.0))
        if not f.contains(x, y):
            continue
        spots.append((p, x, y, r, pl))
        pl.obstacles.append(Box(x - r, y - r, x + r, y + r))
    marks = el(svg, "g", {"class": "places"})
    for p, x, y, r, pl in spots:
        name = f"{p.name} — {p.mentions} {plural(p.mentions, 'упоминание', 'упоминания', 'упоминаний')}"
        a = _marker(marks, href(p.ref), name, x, y, r)
        placement = pl.place(p.name, x, y, r, lay.font)
        if placement is not None:
            labels.draw(a, placement)
    _areas(svg, areas, frame, placer, href, lay, prefix)
    if lay.legend:
        _legend(svg, most, lay, bool(areas), prefix, left=(world.width + 20) if world else 0.0, top=frame.height + 12)
    return svg


def _description(near, far, areas, places) -> str:
    bits = [f"Отмечено мест: {len(near) + len(far)}"]
    if far:
        bits.append(f"из них вне карты региона, на карте мира: {len(far)}")
    if areas:
        bits.append(f"заштриховано стран: {len(areas)}")
    rest = len(places) - len(near) - len(far) - len(areas)
    if rest:
        bits.append(f"без координат и не показано: {rest}")
    return (
        "; ".join(bits) + ". Размер кружка — число упоминаний. Полный перечень — в указателе географических названий."
    )


def _marker(parent, target: str | None, name: str, x: float, y: float, r: float):
    a = link(parent, target, name, "place", (x - r, y - r, x + r, y + r))
    el(
        a,
        "circle",
        {"cx": x, "cy": y, "r": r, "fill": INK, "fill-opacity": "0.72", "stroke": PAPER, "stroke-width": "1.2"},
    )
    return a


def _areas(svg, areas, frame, placer: Placer, href: Href, lay: Layout, prefix: str) -> None:
    """The mentioned countries: hatched, linked, named in capitals where there is room.
    Drawn under the markers (inserted after the basemap), labelled after them."""
    if not areas:
        return
    countries, _, _ = basemap.region_basemap(frame)
    g = el(None, "g", {"class": "countries"})
    svg.insert(list(svg).index(svg.find("g[@class='basemap']")) + 1, g)
    for p in areas:
        d = countries.get(p.area)
        if not d:
            continue
        spot = basemap.country_label_point(frame, p.area)
        box = spot[2:] if spot else None
        name = f"{p.name} — {p.mentions} {plural(p.mentions, 'упоминание', 'упоминания', 'упоминаний')}"
        a = link(g, href(p.ref), name, "country", box)
        el(a, "path", {"d": d, "fill": f"url(#{prefix}-hatch)", "stroke": "#5a5a5a", "stroke-width": "0.8"})
        if spot is not None:
            placement = placer.place(
                p.name.upper(), spot[0], spot[1], 0.0, lay.font * COUNTRY, leader=False, centred=True
            )
            if placement is not None:
                labels.draw(a, placement, fill=MUTED)


def _legend(svg, most: int, lay: Layout, hatched: bool, prefix: str, left: float, top: float) -> None:
    g = el(svg, "g", {"class": "legend", "aria-hidden": "true"})
    size = lay.font * 0.9
    labels.text(g, "Число упоминаний:", left + 4, top + 12, size)
    x = left + 4
    steps = sorted({1, max(1, most // 4), most} if most > 1 else {1})
    for n in steps:
        r = radius(n, most, lay.max_r)
        el(g, "circle", {"cx": x + r, "cy": top + 36, "r": r, "fill": INK, "fill-opacity": "0.72", "stroke": PAPER})
        labels.text(g, str(n), x + 2 * r + 4, top + 40, size)
        x += 2 * r + 8 + labels.text_width(str(n), size) + 10
    y = top + 64
    if hatched:
        el(g, "rect", {"x": left + 4, "y": y - 10, "width": 14, "height": 12, "fill": f"url(#{prefix}-hatch)"})
        el(g, "rect", {"x": left + 4, "y": y - 10, "width": 14, "height": 12, "fill": "none", "stroke": "#5a5a5a"})
        labels.text(g, "страна, упомянутая в документах", left + 24, y, size)
    labels.text(g, "Основа: Natural Earth", lay.width - 4, y, size, anchor="end", fill=MUTED)
