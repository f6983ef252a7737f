"""Derive `basemap.json` (the maps' basemap) from the npm package world-atlas 2.0.2, a
TopoJSON redistribution of Natural Earth 4.1.0 (public domain). Run by hand, never at
build time; the result is checked in:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python toolkit/render/figures/data/derive_basemap.py package/ toolkit/render/figures/data/basemap.json

What it keeps (see README.md in this folder):

- "region": the countries of Natural Earth's 1:50m Admin 0 whose bounding box meets the
  box of longitudes −15…145 and latitudes 5…85 (Europe, the Caucasus, Central, South and
  East Asia, the Middle East, North Africa), as TopoJSON-like arcs shared between
  countries, simplified (Douglas–Peucker, 0.04°) once per arc, so neighbours still meet.
  Each country is kept by its Natural Earth English name with its polygons as rings of
  arc numbers (~k: arc k reversed); "borders" lists the arcs two countries share.
- "world": the 1:110m land, Antarctica left out, simplified (0.2°), as rings of points.

Points are in hundredths of a degree (integers), each arc or ring's first point absolute
and the others as differences from the point before.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

REGION_BOX = (-15.0, 5.0, 145.0, 85.0)  # lon0, lat0, lon1, lat1
REGION_TOLERANCE = 0.04
WORLD_TOLERANCE = 0.2
SCALE = 100  # hundredths of a degree


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _distance(p, a, b) -> float:
    """Distance of p from the segment a–b, longitudes shrunk by the cosine of latitude."""
    k = math.cos(math.radians((a[1] + b[1]) / 2))
    px, py, ax, ay, bx, by = p[0] * k, p[1], a[0] * k, a[1], b[0] * k, b[1]
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker, iterative; the first and last points always stay."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, index = 0.0, -1
        for k in range(i + 1, j):
            d = _distance(points[k], points[i], points[j])
            if d > best:
                best, index = d, k
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(i, index), (index, j)]
    return [p for p, kept in zip(points, keep) if kept]


def quantize(points: list) -> list[int]:
    out: list[int] = []
    last = None
    for lon, lat in points:
        q = (round(lon * SCALE), round(lat * SCALE))
        if q == last:
            continue
        if last is None:
            out += [q[0], q[1]]
        else:
            out += [q[0] - last[0], q[1] - last[1]]
        last = q
    return out


def bbox(arcs, rings) -> tuple[float, float, float, float]:
    pts = [p for ring in rings for a in ring for p in arcs[a if a >= 0 else ~a]]
    return (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))


def region(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    lon0, lat0, lon1, lat1 = REGION_BOX
    chosen: dict[str, list] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = polygons_of(geometry)
        kept = []
        for polygon in polygons:
            x0, y0, x1, y1 = bbox(arcs, polygon)
            if x1 >= lon0 and x0 <= lon1 and y1 >= lat0 and y0 <= lat1:
                kept.append(polygon)
        if kept:
            name = geometry["properties"]["name"]
            chosen.setdefault(name, []).extend(kept)
    used: dict[int, set[str]] = {}
    for name, polygons in chosen.items():
        for polygon in polygons:
            for ring in polygon:
                for a in ring:
                    used.setdefault(a if a >= 0 else ~a, set()).add(name)
    numbering = {old: new for new, old in enumerate(sorted(used))}

    def renumber(a: int) -> int:
        return numbering[a] if a >= 0 else ~numbering[~a]

    return {
        "arcs": [quantize(simplify(arcs[old], REGION_TOLERANCE)) for old in sorted(used)],
        "countries": {
            name: [[[renumber(a) for a in ring] for ring in polygon] for polygon in polygons]
            for name, polygons in sorted(chosen.items())
        },
        "borders": [numbering[a] for a in sorted(used) if len(used[a]) > 1],
    }


def world(topo: dict) -> list[list[int]]:
    arcs = decode_arcs(topo)
    rings = []
    for geometry in topo["objects"]["land"]["geometries"]:
        for polygon in polygons_of(geometry):
            for ring in polygon:
                points: list = []
                for a in ring:
                    part = arcs[a] if a >= 0 else arcs[~a][::-1]
                    points += part[1:] if points else part
                if max(p[1] for p in points) < -55:
                    continue  # Antarctica
                simple = simplify(points, WORLD_TOLERANCE)
                if len(simple) >= 4:
                    rings.append(quantize(simple))
    return rings


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    folder, out = Path(argv[0]), Path(argv[1])
    medium = json.loads((folder / "countries-50m.json").read_text("utf-8"))
    small = json.loads((folder / "land-110m.json").read_text("utf-8"))
    data = {
        "source": "Natural Earth 4.1.0 (public domain) via world-atlas 2.0.2; see README.md",
        "scale": SCALE,
        "region": region(medium),
        "world": world(small),
    }
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"{out}: {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
