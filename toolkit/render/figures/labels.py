"""Labels: their size from the book face's real metrics, and their place, so that no two
labels and no label and mark overlap.

Widths are PT Serif's advance widths (fontTools over the font that `fontpkg-pt-serif`
installs, the book's face), heights the glyphs' own extents. Each label is written with
`textLength` set to the measured width (and `lengthAdjust="spacingAndGlyphs"`), so a
browser that falls back to another serif still draws it in exactly that box: the boxes the
placer kept apart stay apart in every renderer.

Placement is greedy and deterministic: labels are placed in the order given (most
important first); each tries the eight positions around its mark (right first, as maps
do), then positions further out joined to the mark by a leader line; a label that finds
no free place is dropped (its mark keeps its accessible name, and the index the figure
pictures lists it). A leader line may not cross a label already placed.
"""

from __future__ import annotations

import dataclasses
import functools
import math

from fontTools.ttLib import TTFont

from toolkit.render.figures.geo import clip_segment
from toolkit.render.figures.svg import MUTED, PAPER, el
from toolkit.render.fonts import FACES, font_dir

PAD = 1.0  # user units of free space kept around every label box


@dataclasses.dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, frame: Box) -> bool:
        return self.x0 >= frame.x0 and self.y0 >= frame.y0 and self.x1 <= frame.x1 and self.y1 <= frame.y1

    def grown(self, d: float) -> Box:
        return Box(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)

    def crossed_by(self, x1: float, y1: float, x2: float, y2: float) -> bool:
        """Does the segment (x1, y1)–(x2, y2) pass through the box?"""
        return clip_segment((x1, y1), (x2, y2), self.x0, self.y0, self.x1, self.y1) is not None

    @property
    def tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


# ---------------------------------------------------------------- metrics


@functools.lru_cache(maxsize=2)
def _font(bold: bool = False):
    name = FACES[2 if bold else 0][0]
    font = TTFont(font_dir() / name, lazy=True)
    cmap = font.getBestCmap()
    units = font["head"].unitsPerEm
    return font, cmap, units


@functools.lru_cache(maxsize=4096)
def _glyph(char: str, bold: bool) -> tuple[float, float, float]:
    """(advance, yMin, yMax) of one character, in ems; a character the font lacks is
    measured as the font's .notdef."""
    font, cmap, units = _font(bold)
    name = cmap.get(ord(char), ".notdef")
    advance = font["hmtx"][name][0]
    glyph = font["glyf"][name]
    y_min, y_max = (getattr(glyph, "yMin", 0), getattr(glyph, "yMax", 0)) if glyph.numberOfContours else (0, 0)
    return advance / units, y_min / units, y_max / units


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of `text` set at `size` (kerning ignored: it only narrows); the
    size rounded as it is written in the SVG."""
    size = round(size, 1)
    return round(sum(_glyph(c, bold)[0] for c in text) * size, 1)


def text_box(text: str, x: float, y: float, size: float, anchor: str = "start", bold: bool = False) -> Box:
    """The box of `text` with its baseline at y, starting (anchor "start"), centred
    ("middle") or ending ("end") at x."""
    size = round(size, 1)
    width = text_width(text, size, bold)
    glyphs = [_glyph(c, bold) for c in text] or [(0.0, 0.0, 0.0)]
    low = min(0.0, min(g[1] for g in glyphs)) * size
    high = max(0.7, max(g[2] for g in glyphs)) * size
    x0 = x - (width / 2 if anchor == "middle" else width if anchor == "end" else 0.0)
    return Box(round(x0, 1), round(y - high, 1), round(x0 + width, 1), round(y - low, 1))


def text(parent, content: str, x: float, y: float, size: float, *, anchor: str = "start", bold: bool = False, **attrs):
    """A <text> whose drawn length is its measured width (see the module's docstring)."""
    size = round(size, 1)
    return el(
        parent,
        "text",
        {
            "x": float(x),
            "y": float(y),
            "font-size": float(size),
            "font-weight": "bold" if bold else None,
            "text-anchor": anchor if anchor != "start" else None,
            "textLength": float(text_width(content, size, bold)),
            "lengthAdjust": "spacingAndGlyphs",
            **attrs,
        },
        content,
    )


# ---------------------------------------------------------------- placement


@dataclasses.dataclass(frozen=True)
class Placement:
    text: str
    x: float  # where the text starts (anchor "start"), on its baseline
    y: float
    size: float
    box: Box
    leader: tuple[float, float, float, float] | None  # from the mark's edge to the label


# (dx, dy) unit directions, the preferred first: right, left, above-right, below-right, …
DIRECTIONS = ((1, 0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1))


class Placer:
    """Places labels inside `frame`, away from `obstacles` (the marks) and each other."""

    def __init__(self, frame: Box, obstacles: list[Box] | None = None):
        self.frame = frame
        self.obstacles = list(obstacles or [])
        self.placed: list[Box] = []
        self.leaders: list[tuple[float, float, float, float]] = []

    def free(self, box: Box, own: Box | None = None) -> bool:
        grown = box.grown(PAD)
        if not box.inside(self.frame):
            return False
        if any(grown.overlaps(b) for b in self.placed):
            return False
        if any(grown.overlaps(b) for b in self.obstacles if b != own):
            return False
        return not any(box.crossed_by(*seg) for seg in self.leaders)

    def place(
        self, content: str, cx: float, cy: float, r: float, size: float, *, leader: bool = True, centred: bool = False
    ) -> Placement | None:
        """A place for the label of a mark of radius `r` at (cx, cy), or None; `centred`
        tries the box centred on the point first (an area's name)."""
        width = text_width(content, size)
        probe = text_box(content, 0.0, 0.0, size)
        up, down = -probe.y0, probe.y1  # above and below the baseline
        own = Box(cx - r, cy - r, cx + r, cy + r)
        if centred:  # an area's name: on its centre, else as near as it fits
            box = text_box(content, cx - width / 2, cy + (up - down) / 2, size)
            if self.free(box):
                self.placed.append(box)
                return Placement(content, box.x0, round(cy + (up - down) / 2, 1), size, box, None)
        rings = [r + 2.0] + ([r + 2.0 + size * k for k in (1.5, 3.0, 4.5)] if leader else [])
        for k, dist in enumerate(rings):
            for dx, dy in DIRECTIONS:
                if dx and dy:
                    d = dist / math.sqrt(2)
                    ax, ay = cx + dx * d, cy + dy * d
                else:
                    ax, ay = cx + dx * dist, cy + dy * dist
                # the label's box touches the anchor point on the side facing the mark
                x = ax if dx > 0 else ax - width if dx < 0 else ax - width / 2
                if dy < 0:
                    y = ay - down
                elif dy > 0:
                    y = ay + up
                else:
                    y = ay + (up - down) / 2
                box = text_box(content, x, y, size)
                if not self.free(box, own):
                    continue
                line = None
                if k:
                    ex, ey = _edge_point(box, cx, cy)
                    length = math.hypot(ex - cx, ey - cy) or 1.0
                    sx, sy = cx + (ex - cx) * r / length, cy + (ey - cy) * r / length
                    line = (round(sx, 1), round(sy, 1), round(ex, 1), round(ey, 1))
                    if any(b.crossed_by(*line) for b in self.placed):
                        continue
                    if any(b.crossed_by(*line) for b in self.obstacles if b != own and not b.overlaps(own)):
                        continue
                    self.leaders.append(line)
                self.placed.append(box)
                return Placement(content, round(x, 1), round(y, 1), size, box, line)
        return None


def _edge_point(box: Box, cx: float, cy: float) -> tuple[float, float]:
    """The point of the box's edge nearest to (cx, cy)."""
    return min(max(cx, box.x0), box.x1), min(max(cy, box.y0), box.y1)


def draw(parent, placement: Placement, *, halo: bool = True, fill: str | None = None) -> None:
    """A placed label: its leader line, a white ground (so coasts and edges do not run
    through the letters), the text."""
    if placement.leader:
        x1, y1, x2, y2 = placement.leader
        el(
            parent,
            "line",
            {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": MUTED, "stroke-width": "0.6", "fill": "none"},
        )
    if halo:
        b = placement.box
        el(
            parent,
            "rect",
            {
                "x": b.x0 - 0.5,
                "y": b.y0 - 0.5,
                "width": b.x1 - b.x0 + 1.0,
                "height": b.y1 - b.y0 + 1.0,
                "fill": PAPER,
                "fill-opacity": "0.85",
                "stroke": "none",
            },
        )
    text(parent, placement.text, placement.x, placement.y, placement.size, fill=fill)


def boxes_of(svg) -> list[tuple[str, Box]]:
    """Every <text> of a figure with its box, recomputed from its attributes (x, y,
    font-size, text-anchor, font-weight): what the tests check for overlaps."""
    out = []
    for node in svg.iter("text"):
        content = node.text or ""
        size = float(node.get("font-size"))
        out.append(
            (
                content,
                text_box(
                    content,
                    float(node.get("x")),
                    float(node.get("y")),
                    size,
                    node.get("text-anchor", "start"),
                    node.get("font-weight") == "bold",
                ),
            )
        )
    return out
