"""The map's geography: the shipped basemap (data/basemap.json, Natural Earth), two
projections, the frame a panel shows, and clipping to it.

- The regional panel uses an Albers equal-area conic (standard parallels 38° and 56° N,
  the band from the Caucasus to Kazakhstan) centred on the places it shows, so areas
  compare truly; the world panel uses the Equal Earth projection.
- A frame is worked out from the places alone (the same places, the same frame) and is
  hashable, so the basemap drawn for it is computed once and reused (every document's
  miniature shares the corpus's frame).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
from importlib import resources

# Places inside this window (lon0, lat0, lon1, lat1) are drawn on the regional panel; the
# others (New York, Tianjin …) on the world panel.
REGION_WINDOW = (15.0, 25.0, 110.0, 72.0)
MIN_SPAN = 0.42  # the regional panel shows at least this much (radians of the sphere: ~2,700 km)
PARALLELS = (38.0, 56.0)


# ---------------------------------------------------------------- the basemap


@dataclasses.dataclass(frozen=True)
class Basemap:
    arcs: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) points
    countries: dict[str, list[list[list[int]]]]  # name → polygons → rings → arc numbers
    borders: frozenset[int]
    world: tuple[tuple[tuple[float, float], ...], ...]  # land rings


def _points(flat: list[int], scale: int) -> tuple[tuple[float, float], ...]:
    out = []
    x = y = 0
    for k in range(0, len(flat), 2):
        x += flat[k]
        y += flat[k + 1]
        out.append((x / scale, y / scale))
    return tuple(out)


def _basemap_text() -> str:
    return resources.files("toolkit.render.figures").joinpath("data/basemap.json").read_text("utf-8")


@functools.lru_cache(maxsize=1)
def basemap_digest() -> str:
    """A digest of the shipped basemap: what a page with a map is drawn from besides the
    corpus (the code's own fingerprint covers only the Python files)."""
    return hashlib.sha256(_basemap_text().encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def basemap() -> Basemap:
    """The shipped basemap, read once (importlib.resources: it is package data)."""
    data = json.loads(_basemap_text())
    scale = data["scale"]
    region = data["region"]
    return Basemap(
        tuple(_points(a, scale) for a in region["arcs"]),
        region["countries"],
        frozenset(region["borders"]),
        tuple(_points(r, scale) for r in data["world"]),
    )


def ring_points(arcs, ring: list[int]) -> list:
    """A ring's points from its arcs (TopoJSON: ~k is arc k reversed; the point where two
    arcs meet is written once)."""
    out: list = []
    for a in ring:
        part = arcs[a] if a >= 0 else arcs[~a][::-1]
        out.extend(part[1:] if out else part)
    return out


# ---------------------------------------------------------------- projections


@dataclasses.dataclass(frozen=True)
class Albers:
    """Albers equal-area conic on the unit sphere; y grows downwards (as in SVG)."""

    lon0: float
    lat0: float = 45.0

    @functools.cached_property
    def _constants(self) -> tuple[float, float, float]:
        p1, p2 = (math.radians(p) for p in PARALLELS)
        n = (math.sin(p1) + math.sin(p2)) / 2
        c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
        rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(self.lat0))) / n
        return n, c, rho0

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        n, c, rho0 = self._constants
        rho = math.sqrt(max(0.0, c - 2 * n * math.sin(math.radians(lat)))) / n
        theta = n * math.radians(_wrap(lon - self.lon0))
        return rho * math.sin(theta), -(rho0 - rho * math.cos(theta))

    def invert(self, x: float, y: float) -> tuple[float, float]:
        n, c, rho0 = self._constants
        y = -y
        rho = math.hypot(x, rho0 - y)
        theta = math.atan2(x, rho0 - y)
        lat = math.degrees(math.asin(max(-1.0, min(1.0, (c - (rho * n) ** 2) / (2 * n)))))
        return _wrap(self.lon0 + math.degrees(theta / n)), lat


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


_EE = (1.340264, -0.081106, 0.000893, 0.003796)


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson, Jenny 2018) on the unit sphere; y grows downwards."""
    a1, a2, a3, a4 = _EE
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(math.sqrt(3) / 2 * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, -y


# ---------------------------------------------------------------- frames


@dataclasses.dataclass(frozen=True)
class Frame:
    """A panel: what part of a projection it shows (x0, y0 the projected top left, `scale`
    user units per projected unit) and where it sits (left, top, width, height)."""

    projection: str  # "albers" or "world"
    lon0: float
    x0: float
    y0: float
    scale: float
    left: float
    top: float
    width: float
    height: float

    @functools.cached_property
    def _project(self):
        return Albers(self.lon0) if self.projection == "albers" else equal_earth

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self._project(lon, lat)
        return self.left + (x - self.x0) * self.scale, self.top + (y - self.y0) * self.scale

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The inverse (the regional panel only)."""
        return Albers(self.lon0).invert((x - self.left) / self.scale + self.x0, (y - self.top) / self.scale + self.y0)

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.left + self.width and self.top <= y <= self.top + self.height


def in_region(lat: float, lon: float) -> bool:
    lon0, lat0, lon1, lat1 = REGION_WINDOW
    return lon0 <= lon <= lon1 and lat0 <= lat <= lat1


def region_frame(
    points: tuple[tuple[float, float], ...], left: float, top: float, width: float, height: float
) -> Frame:
    """The regional panel's frame for `points` ((lat, lon) pairs inside REGION_WINDOW):
    all of them, with room around for their labels, at least MIN_SPAN across, at the
    panel's aspect ratio. With no points, the whole window."""
    if not points:
        lon0, lat0, lon1, lat1 = REGION_WINDOW
        points = ((lat0 + 10, lon0 + 15), (lat1 - 10, lon1 - 15))
    lons = [lon for _, lon in points]
    centre = round((min(lons) + max(lons)) / 2)
    proj = Albers(centre)
    xy = [proj(lon, lat) for lat, lon in points]
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    span_x = max(max(xs) - min(xs), MIN_SPAN * 0.6)
    span_y = max(max(ys) - min(ys), MIN_SPAN * 0.3)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span_x, span_y = span_x * 1.5 + 0.06, span_y * 1.4 + 0.06  # room for labels and marks
    span_x = max(span_x, MIN_SPAN, span_y * width / height)
    span_y = span_x * height / width
    scale = width / span_x
    return Frame(
        "albers",
        float(centre),
        round(cx - span_x / 2, 6),
        round(cy - span_y / 2, 6),
        round(scale, 6),
        left,
        top,
        width,
        height,
    )


def world_frame(left: float, top: float, width: float) -> Frame:
    """The world panel (latitudes −56 … 84, all longitudes), `width` wide."""
    x_max = equal_earth(180.0, 0.0)[0]
    y_top, y_bottom = equal_earth(0.0, 84.0)[1], equal_earth(0.0, -56.0)[1]
    scale = width / (2 * x_max)
    return Frame("world", 0.0, -x_max, y_top, round(scale, 6), left, top, width, round((y_bottom - y_top) * scale, 1))


# ---------------------------------------------------------------- clipping and simplifying


def clip_polygon(ring: list, x0: float, y0: float, x1: float, y1: float) -> list:
    """Sutherland–Hodgman: the part of a closed ring inside the rectangle (a polygon to
    fill; along the rectangle's edge it may run back on itself, which fills nothing)."""
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _at_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _at_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _at_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _at_y(a, b, y1)),
    )
    out = list(ring)
    for inside, cut in edges:
        if not out:
            break
        points, out = out, []
        prev = points[-1]
        for p in points:
            if inside(p):
                if not inside(prev):
                    out.append(cut(prev, p))
                out.append(p)
            elif inside(prev):
                out.append(cut(prev, p))
            prev = p
    return out


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def clip_line(points: list, x0: float, y0: float, x1: float, y1: float) -> list[list]:
    """The pieces of an open line inside the rectangle (Liang–Barsky per segment)."""
    pieces: list[list] = []
    current: list = []
    for a, b in zip(points, points[1:]):
        seg = clip_segment(a, b, x0, y0, x1, y1)
        if seg is None:
            if current:
                pieces.append(current)
                current = []
            continue
        p, q = seg
        if current and current[-1] == p:
            current.append(q)
        else:
            if current:
                pieces.append(current)
            current = [p, q]
    if current:
        pieces.append(current)
    return pieces


def clip_segment(a, b, x0, y0, x1, y1):
    """The part of the segment a–b inside the box (x0, y0)–(x1, y1) (Liang–Barsky), or None."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return None
            t0 = max(t0, t)
        else:
            if t < t0:
                return None
            t1 = min(t1, t)
    p = a if t0 == 0 else (a[0] + t0 * dx, a[1] + t0 * dy)
    q = b if t1 == 1 else (a[0] + t1 * dx, a[1] + t1 * dy)
    return p, q


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker in panel units (the ends stay, so arcs shared by two countries
    still meet)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tolerance * tolerance
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        dx, dy = bx - ax, by - ay
        norm = dx * dx + dy * dy
        best, index = 0.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            if norm == 0:
                d = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / norm))
                d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d > best:
                best, index = d, k
        if index >= 0 and best > tol2:
            keep[index] = True
            stack += [(i, index), (index, j)]
    return [p for p, kept in zip(points, keep) if kept]


def ring_area(ring: list) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1]))) / 2


def centroid(ring: list) -> tuple[float, float]:
    """The centre of a ring's area (its mean point if it has none)."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-9:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * a), cy / (3 * a)
