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

`map_places` derives the input from the model; `map_svg` is pure over it.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable

from lxml import etree

from toolkit.model.corpus import Corpus
from toolkit.model.index import Index, ru_sort_key
from toolkit.model.registers import Registers
from toolkit.model.tei import NS, XML_ID, local, text_of
from toolkit.render.figures import geo, labels
from toolkit.render.figures.labels import Box, Placer
from toolkit.render.figures.svg import INK, MUTED, PAPER, el, link, path_data, root
from toolkit.render.wording import plural

Href = Callable[[str], str | None]

# Natural Earth's English names where a register may use another common form
NE_ALIASES = {
    "Russian Federation": "Russia",
    "Czech Republic": "Czechia",
    "North Macedonia": "Macedonia",
    "Republic of Moldova": "Moldova",
    "Bosnia and Herzegovina": "Bosnia and Herz.",
    "Kyrgyz Republic": "Kyrgyzstan",
    "Republic of Korea": "South Korea",
}
HUGE_KM2 = 5_000_000  # a country this large (Russia, China) does not widen the frame
EARTH_KM = 6371.0
SEA, LAND = "#fbfbfb", "#e0e0e0"


@dataclasses.dataclass(frozen=True)
class MapPlace:
    ref: str  # "pla:almaty"
    name: str  # the register's canonical name
    mentions: int
    lat: float | None = None
    lon: float | None = None
    area: str | None = None  # the basemap's country it is (hatched when it has no point)

    @property
    def point(self) -> tuple[float, float] | None:
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None


@dataclasses.dataclass(frozen=True)
class Layout:
    width: float
    height: float  # of the regional panel
    world_width: float
    font: float
    max_r: float
    legend: bool


FULL = Layout(800.0, 500.0, 420.0, 13.0, 16.0, True)
MINI = Layout(360.0, 230.0, 180.0, 11.0, 9.0, False)


# ---------------------------------------------------------------- the data


def english_names(registers: Registers) -> dict[str, str]:
    """Register key → the entry's English name (<placeName type="en">), mapped to Natural
    Earth's spelling; read once per registers."""
    found = registers.__dict__.get("_figure_english")
    if found is not None:
        return found
    out: dict[str, str] = {}
    registers.__dict__["_figure_english"] = out
    tree = registers.trees.get("place")
    if tree is None:
        return out
    for place in tree.getroot().iter(f"{{{NS['tei']}}}place"):
        for name in place:
            if local(name) == "placeName" and name.get("type") == "en":
                en = text_of(name)
                out[place.get(XML_ID, "")] = NE_ALIASES.get(en, en)
    return out


def map_places(corpus: Corpus, index: Index, docid: str | None = None) -> list[MapPlace]:
    """The places the edition (or one document) mentions, with their mentions counted and
    their coordinates or basemap country; in Russian alphabetical order."""
    countries = geo.basemap().countries
    english = english_names(corpus.registers)
    if docid is None:
        mentioned = [(entry, len(occs)) for entry, occs in index.entries(corpus, "place")]
    else:
        counts = mention_counts(index).get(docid, {})
        entries = [corpus.registers.get(ref) for ref in counts]
        mentioned = sorted(((e, counts[e.ref]) for e in entries if e), key=lambda p: ru_sort_key(p[0].name))
    out = []
    for entry, n in mentioned:
        lat, lon = entry.geo if entry.geo else (None, None)
        area = english.get(entry.key)
        out.append(MapPlace(entry.ref, entry.name, n, lat, lon, area if area in countries else None))
    return out


def mention_counts(index: Index) -> dict[str, dict[str, int]]:
    """docid → place ref → mentions in that document, computed once per index (every
    document's miniature asks; a scan per document would be quadratic)."""
    table = index.__dict__.get("_figure_place_counts")
    if table is None:
        table = {}
        for ref, occs in index.occurrences.items():
            if ref.startswith("pla:"):
                for o in occs:
                    row = table.setdefault(o.docid, {})
                    row[ref] = row.get(ref, 0) + 1
        index.__dict__["_figure_place_counts"] = table
    return table


@functools.lru_cache(maxsize=256)
def _country_facts(name: str) -> tuple[tuple[float, float], float]:
    """A country's representative point ((lat, lon): the centre of its largest ring) and
    its area in km² (on the Albers projection, which keeps areas)."""
    base = geo.basemap()
    proj = geo.Albers(60.0)
    best, total = None, 0.0
    for polygon in base.countries[name]:
        ring = geo.ring_points(base.arcs, polygon[0])
        area = geo.ring_area([proj(lon, lat) for lon, lat in ring])
        total += area
        if best is None or area > best[0]:
            best = (area, ring)
    lon, lat = geo.centroid(best[1])
    return (lat, lon), total * EARTH_KM**2


def frame_points(places: list[MapPlace]) -> tuple[tuple[float, float], ...]:
    """What the regional panel must show: the points in the region, and the centres of
    the countries (not the huge ones) that the places name."""
    pts = {p.point for p in places if p.point and geo.in_region(*p.point)}
    for p in places:
        if p.point is None and p.area:
            centre, km2 = _country_facts(p.area)
            if km2 < HUGE_KM2 and geo.in_region(*centre):
                pts.add((round(centre[0], 2), round(centre[1], 2)))
    return tuple(sorted(pts))


def map_frame(places: list[MapPlace], mini: bool = False) -> geo.Frame:
    """The regional panel's frame for these places: give every document's miniature the
    corpus's frame, so they compare and share one basemap drawing."""
    lay = MINI if mini else FULL
    return geo.region_frame(frame_points(places), 0.0, 0.0, lay.width, lay.height)


# ---------------------------------------------------------------- the basemap for a frame


@functools.lru_cache(maxsize=16)
def _region_basemap(frame: geo.Frame) -> tuple[dict[str, str], str, str]:
    """(country → path data, borders' path data, coasts' path data) for a frame, clipped
    to it; computed once per frame."""
    base = geo.basemap()
    x0, y0, x1, y1 = frame.left, frame.top, frame.left + frame.width, frame.top + frame.height
    mini = frame.width < 600
    tolerance, digits = (1.0, 0) if mini else (0.5, 1)  # user units: below what the eye sees at the size shown
    projected = [geo.simplify([frame.point(lon, lat) for lon, lat in arc], tolerance) for arc in base.arcs]
    margin = (x0 - 50, y0 - 50, x1 + 50, y1 + 50)
    seen = [_bounds(a) for a in projected]
    visible = [_meets(b, margin) for b in seen]
    countries = {}
    for name in sorted(base.countries):
        rings = []
        for polygon in base.countries[name]:
            for ring in polygon:
                if not any(visible[a if a >= 0 else ~a] for a in ring):
                    continue
                clipped = geo.clip_polygon(geo.ring_points(projected, ring), x0, y0, x1, y1)
                if len(clipped) >= 3 and geo.ring_area(clipped) > 0.5:
                    rings.append(clipped)
        if rings:
            countries[name] = path_data(rings, digits=digits)
    borders, coasts = [], []
    for k, arc in enumerate(projected):
        if visible[k]:
            (borders if k in base.borders else coasts).extend(geo.clip_line(arc, x0, y0, x1, y1))
    if mini:  # the miniature draws the countries' outlines only (half the bytes on every page)
        return countries, "", ""
    return countries, path_data(borders, closed=False), path_data(coasts, closed=False)


def _bounds(points) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _meets(b, frame) -> bool:
    return b[2] >= frame[0] and b[0] <= frame[2] and b[3] >= frame[1] and b[1] <= frame[3]


@functools.lru_cache(maxsize=4)
def _world_basemap(frame: geo.Frame) -> str:
    x0, y0, x1, y1 = frame.left, frame.top, frame.left + frame.width, frame.top + frame.height
    rings = []
    for ring in geo.basemap().world:
        points = geo.simplify([frame.point(lon, lat) for lon, lat in ring], 0.3)
        clipped = geo.clip_polygon(points, x0, y0, x1, y1)
        if len(clipped) < 3:
            continue
        b = _bounds(clipped)
        if b[2] - b[0] > frame.width / 2 and geo.ring_area(clipped) < (b[2] - b[0]) * 2:
            continue  # a sliver along a parallel, where a ring crosses the antimeridian
        rings.append(clipped)
    return path_data(rings)


@functools.lru_cache(maxsize=64)
def _country_label_point(frame: geo.Frame, name: str) -> tuple[float, float, float, float, float, float] | None:
    """The centre of a country's largest visible part, and that part's box, or None."""
    countries = geo.basemap()
    best = None
    x0, y0, x1, y1 = frame.left, frame.top, frame.left + frame.width, frame.top + frame.height
    for polygon in countries.countries[name]:
        ring = [frame.point(lon, lat) for lon, lat in geo.ring_points(countries.arcs, polygon[0])]
        clipped = geo.clip_polygon(ring, x0, y0, x1, y1)
        if len(clipped) < 3:
            continue
        area = geo.ring_area(clipped)
        if best is None or area > best[0]:
            best = (area, clipped)
    if best is None or best[0] < 40:
        return None
    cx, cy = geo.centroid(best[1])
    return (cx, cy, *_bounds(best[1]))


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
    _hatch(svg, prefix)
    _panel(svg, frame, prefix)
    if world is not None:
        _world_panel(svg, world, frame)
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


def _hatch(svg, prefix: str) -> None:
    defs = el(svg, "defs")
    pattern = el(
        defs,
        "pattern",
        {
            "id": f"{prefix}-hatch",
            "patternUnits": "userSpaceOnUse",
            "width": "6",
            "height": "6",
            "patternTransform": "rotate(45)",
        },
    )
    el(pattern, "rect", {"width": "6", "height": "6", "fill": LAND})
    el(pattern, "line", {"x1": "0", "y1": "0", "x2": "0", "y2": "6", "stroke": "#7a7a7a", "stroke-width": "1.6"})


def _panel(svg, frame: geo.Frame, prefix: str) -> None:
    countries, borders, coasts = _region_basemap(frame)
    g = el(svg, "g", {"class": "basemap", "aria-hidden": "true"})
    el(g, "rect", {"x": frame.left, "y": frame.top, "width": frame.width, "height": frame.height, "fill": SEA})
    outline = {"stroke": "none"} if borders or coasts else {"stroke": "#8a8a8a", "stroke-width": "0.5"}
    el(g, "path", {"d": "".join(countries.values()), "fill": LAND, **outline})
    if borders:
        el(
            g,
            "path",
            {"d": borders, "fill": "none", "stroke": "#9a9a9a", "stroke-width": "0.7", "stroke-dasharray": "3 2"},
        )
    if coasts:
        el(g, "path", {"d": coasts, "fill": "none", "stroke": "#8a8a8a", "stroke-width": "0.7"})
    el(
        g,
        "rect",
        {
            "x": frame.left + 0.5,
            "y": frame.top + 0.5,
            "width": frame.width - 1.0,
            "height": frame.height - 1.0,
            "fill": "none",
            "stroke": MUTED,
            "stroke-width": "1",
        },
    )


def _world_panel(svg, world: geo.Frame, frame: geo.Frame) -> None:
    g = el(svg, "g", {"class": "basemap world", "aria-hidden": "true"})
    el(g, "rect", {"x": world.left, "y": world.top, "width": world.width, "height": world.height, "fill": SEA})
    # no outline: Natural Earth's land rings that cross the antimeridian (Chukotka) jump
    # along a parallel and back, a sliver that only an outline would show
    el(g, "path", {"d": _world_basemap(world), "fill": "#d4d4d4", "stroke": "none"})
    # the regional panel's area, outlined
    edge = []
    for k in range(41):
        t = k / 40
        edge.append((frame.left + t * frame.width, frame.top))
    edge += [(frame.left + frame.width, frame.top + k / 40 * frame.height) for k in range(1, 41)]
    edge += [(frame.left + (1 - k / 40) * frame.width, frame.top + frame.height) for k in range(1, 41)]
    edge += [(frame.left, frame.top + (1 - k / 40) * frame.height) for k in range(1, 40)]
    outline = [world.point(*frame.lonlat(x, y)) for x, y in edge]
    el(g, "path", {"d": path_data([outline]), "fill": "none", "stroke": INK, "stroke-width": "1.2"})
    el(
        g,
        "rect",
        {
            "x": world.left + 0.5,
            "y": world.top + 0.5,
            "width": world.width - 1.0,
            "height": world.height - 1.0,
            "fill": "none",
            "stroke": MUTED,
            "stroke-width": "1",
        },
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
    countries, _, _ = _region_basemap(frame)
    g = el(None, "g", {"class": "countries"})
    svg.insert(list(svg).index(svg.find("g[@class='basemap']")) + 1, g)
    for p in areas:
        d = countries.get(p.area)
        if not d:
            continue
        spot = _country_label_point(frame, p.area)
        box = spot[2:] if spot else None
        name = f"{p.name} — {p.mentions} {plural(p.mentions, 'упоминание', 'упоминания', 'упоминаний')}"
        a = link(g, href(p.ref), name, "country", box)
        el(a, "path", {"d": d, "fill": f"url(#{prefix}-hatch)", "stroke": "#5a5a5a", "stroke-width": "0.8"})
        if spot is not None:
            placement = placer.place(p.name.upper(), spot[0], spot[1], 0.0, lay.font * 0.8, leader=False, centred=True)
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
    labels.text(g, "Основа: Natural Earth", lay.width - 4, y, size * 0.85, anchor="end", fill=MUTED)
