"""The basemap drawn for a frame: the countries, borders and coasts of the regional panel
clipped to it, the world's land for the world panel, and where a country's name fits.
Each is computed once per frame (the frames are hashable: every document's miniature
shares the corpus's frame, so the basemap is drawn once per build), as SVG path data.
"""

from __future__ import annotations

import functools

from toolkit.render.figures import geo
from toolkit.render.figures.svg import INK, MUTED, el, path_data

SEA, LAND = "#fbfbfb", "#e0e0e0"


@functools.lru_cache(maxsize=16)
def region_basemap(frame: geo.Frame) -> tuple[dict[str, str], str, str]:
    """(country → path data, borders' path data, coasts' path data) for a frame, clipped
    to it; computed once per frame."""
    base = geo.basemap()
    x0, y0, x1, y1 = frame.left, frame.top, frame.left + frame.width, frame.top + frame.height
    mini = frame.width < 600
    tolerance, digits = (1.0, 0) if mini else (0.5, 1)  # user units: below what the eye sees at the size shown
    projected = _Simplified([[frame.point(lon, lat) for lon, lat in arc] for arc in base.arcs], tolerance)
    margin = (x0 - 50, y0 - 50, x1 + 50, y1 + 50)
    # an arc is visible if its simplified points meet the margin; those points are some of
    # its points, so an arc whose points all lie outside is never simplified at all
    visible = [
        _meets(_bounds(raw), margin) and _meets(_bounds(projected[k]), margin) for k, raw in enumerate(projected.raw)
    ]
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
    for k in range(len(projected.raw)):
        if visible[k]:
            (borders if k in base.borders else coasts).extend(geo.clip_line(projected[k], x0, y0, x1, y1))
    if mini:  # the miniature draws the countries' outlines only (half the bytes on every page)
        return countries, "", ""
    return countries, path_data(borders, closed=False), path_data(coasts, closed=False)


class _Simplified:
    """The projected arcs, each simplified (Douglas–Peucker) the first time it is asked for."""

    def __init__(self, raw: list, tolerance: float):
        self.raw, self.tolerance, self.done = raw, tolerance, {}

    def __getitem__(self, k: int) -> list:
        if k not in self.done:
            self.done[k] = geo.simplify(self.raw[k], self.tolerance)
        return self.done[k]


def _bounds(points) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _meets(b, frame) -> bool:
    return b[2] >= frame[0] and b[0] <= frame[2] and b[3] >= frame[1] and b[1] <= frame[3]


@functools.lru_cache(maxsize=4)
def world_basemap(frame: geo.Frame) -> str:
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
def country_label_point(frame: geo.Frame, name: str) -> tuple[float, float, float, float, float, float] | None:
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


# ---------------------------------------------------------------- the panels


def hatch(svg, prefix: str) -> None:
    """The hatch a mentioned country is filled with: a pattern, not a colour, so it stays
    apart in greyscale."""
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


def region_panel(svg, frame: geo.Frame, prefix: str) -> None:
    """The regional panel's basemap (hidden from assistive technology): sea, land, borders
    dashed, coasts, the panel's edge."""
    countries, borders, coasts = region_basemap(frame)
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
    _border(g, frame)


def world_panel(svg, world: geo.Frame, frame: geo.Frame) -> None:
    """The world panel's basemap: the land, and the regional panel's area outlined."""
    g = el(svg, "g", {"class": "basemap world", "aria-hidden": "true"})
    el(g, "rect", {"x": world.left, "y": world.top, "width": world.width, "height": world.height, "fill": SEA})
    # no outline: Natural Earth's land rings that cross the antimeridian (Chukotka) jump
    # along a parallel and back, a sliver that only an outline would show
    el(g, "path", {"d": world_basemap(world), "fill": "#d4d4d4", "stroke": "none"})
    # the regional panel's area, outlined
    edge = [(frame.left + k / 40 * frame.width, frame.top) for k in range(41)]
    edge += [(frame.left + frame.width, frame.top + k / 40 * frame.height) for k in range(1, 41)]
    edge += [(frame.left + (1 - k / 40) * frame.width, frame.top + frame.height) for k in range(1, 41)]
    edge += [(frame.left, frame.top + (1 - k / 40) * frame.height) for k in range(1, 40)]
    outline = [world.point(*frame.lonlat(x, y)) for x, y in edge]
    el(g, "path", {"d": path_data([outline]), "fill": "none", "stroke": INK, "stroke-width": "1.2"})
    _border(g, world)


def _border(g, frame: geo.Frame) -> None:
    """A panel's border, half a unit inside its edge (so the whole stroke shows)."""
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
