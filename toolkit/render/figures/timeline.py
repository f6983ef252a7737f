"""The timeline: the documents' own dates and the dates they name, on a time axis, one row
per year (the months across), so a long chronology reads down the page as the chronology
index does.

- A document's date is a diamond, a date named in a text a disc: shape, not colour, tells
  them apart. A period ("2018–2020", "25–27 ноября", a month or a year) is a bar from its
  start to its end, carried over from row to row; a date known only as a bound ("не ранее
  19 января 2021 г.") is a mark at the bound with an arrow pointing the open way.
- A date stated in the text is drawn solid; one inferred or supplied by the editor
  (evidence other than "internal") hollow; an uncertain one (cert "medium"/"low", or a
  conjecture) hollow with a dashed outline. The legend says so.
- Years with nothing in them are left out; a break mark shows where.
- Every mark links to its chronology entry (`href(key)`, the caller's), named in Russian.

`timemarks.timeline_marks` derives the input from the model; `timeline_svg` is pure over
it. A long timeline can be drawn in parts of whole years (`timeline_parts`), as the book
does to keep each plate at the width of the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from lxml import etree

from toolkit.model.index import date_sort_key
from toolkit.render.figures import labels
from toolkit.render.figures.svg import INK, LIGHT, MUTED, PAPER, el, link, num, root
from toolkit.render.figures.timemarks import TimeMark, extent

Href = Callable[[str], str | None]

MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
NO_YEAR = "без года"

WIDTH = 800.0
PLOT_X0, PLOT_X1 = 70.0, 790.0
AXIS_H = 26.0
DOC_LANE, NAMED_LANE = 12.0, 10.0
ROW_PAD = 5.0
BREAK_H = 12.0
FONT = 12.0


# ---------------------------------------------------------------- layout


@dataclasses.dataclass
class _Piece:
    mark: TimeMark
    row: str  # the year ("2019") or NO_YEAR
    x0: float
    x1: float
    point: bool
    cont_before: bool  # the period goes on from the row before
    cont_after: bool
    open_before: bool
    open_after: bool
    lane: int = 0


def _x(day: dt.date, end: bool = False) -> float:
    first = dt.date(day.year, 1, 1)
    days = (dt.date(day.year + 1, 1, 1) - first).days
    k = (day - first).days + (1 if end else 0.5)
    return round(PLOT_X0 + (PLOT_X1 - PLOT_X0) * k / days, 1)


def _pieces(marks: list[TimeMark]) -> list[_Piece]:
    out = []
    for mark in marks:
        ext = extent(dict(mark.attrs))
        if ext is None:
            continue
        if ext.year is None:
            out.append(
                _Piece(mark, NO_YEAR, _x(ext.start), _x(ext.end, not ext.point), ext.point, False, False, False, False)
            )
            out[-1].open_before, out[-1].open_after = ext.open_before, ext.open_after
            continue
        for year in range(ext.start.year, ext.end.year + 1):
            a = max(ext.start, dt.date(year, 1, 1))
            b = min(ext.end, dt.date(year, 12, 31))
            x0 = _x(a) if ext.point else (PLOT_X0 if a.year > ext.start.year else _x(a) - 0.5 * _day(a))
            x1 = _x(b) if ext.point else (PLOT_X1 if b.year < ext.end.year else _x(b, True))
            out.append(
                _Piece(
                    mark,
                    str(year),
                    round(x0, 1),
                    round(x1, 1),
                    ext.point,
                    year > ext.start.year,
                    year < ext.end.year,
                    ext.open_before,
                    ext.open_after,
                )
            )
    return out


def _day(d: dt.date) -> float:
    return (PLOT_X1 - PLOT_X0) / (dt.date(d.year + 1, 1, 1) - dt.date(d.year, 1, 1)).days


ARROW = 22.0


def _reach(p: _Piece) -> tuple[float, float]:
    """The horizontal room a piece takes, its arrow and a margin included."""
    half = 5.0
    lo = p.x0 - half - (ARROW if p.open_before else 0.0)
    hi = p.x1 + half + (ARROW if p.open_after else 0.0)
    return lo, hi


def _lanes(pieces: list[_Piece]) -> int:
    """Put each piece in the lowest lane where it meets nothing; the number of lanes."""
    ends: list[float] = []
    for p in sorted(pieces, key=lambda p: (_reach(p)[0], _reach(p)[1], p.mark.key, p.mark.sort)):
        lo, hi = _reach(p)
        for k, end in enumerate(ends):
            if end <= lo:
                p.lane, ends[k] = k, hi
                break
        else:
            p.lane = len(ends)
            ends.append(hi)
    return len(ends)


def _row_order(row: str) -> tuple:
    return (1, 0) if row == NO_YEAR else (0, int(row))


# ---------------------------------------------------------------- drawing


def _rows(marks: list[TimeMark]) -> dict[str, list[_Piece]]:
    """The pieces of the marks by row (year), the rows in order, each piece in its lane."""
    marks = sorted(marks, key=lambda m: (date_sort_key(dict(m.attrs)), m.kind, m.sort, m.key))
    rows: dict[str, list[_Piece]] = {}
    for p in _pieces(marks):
        rows.setdefault(p.row, []).append(p)
    return {row: rows[row] for row in sorted(rows, key=_row_order)}


def _row_height(pieces: list[_Piece]) -> tuple[float, int]:
    """A row's height and its number of document lanes (the pieces get their lanes)."""
    doc_lanes = _lanes([p for p in pieces if p.mark.kind == "document"])
    named_lanes = _lanes([p for p in pieces if p.mark.kind == "named"])
    height = 2 * ROW_PAD + doc_lanes * DOC_LANE + named_lanes * NAMED_LANE + (3.0 if doc_lanes and named_lanes else 0)
    return max(height, 22.0), doc_lanes


def _plan(rows: dict[str, list[_Piece]], shown: list[str]) -> tuple[list[tuple], float]:
    """Where each of the `shown` rows goes, with a break where years are left out: the
    items ("break", y, before, after) and ("row", y, row, doc lanes), and the bottom."""
    items: list[tuple] = []
    y = AXIS_H
    previous = None
    for row in shown:
        if previous is not None and row != NO_YEAR and int(row) > int(previous) + 1:
            items.append(("break", y, previous, row))
            y += BREAK_H
        height, doc_lanes = _row_height(rows[row])
        items.append(("row", y, row, doc_lanes))
        y += height
        previous = row if row != NO_YEAR else previous
    return items, y


def timeline_parts(marks: list[TimeMark], max_height: float) -> list[tuple[str, ...]]:
    """The rows (years) of the timeline in consecutive parts, each of which, drawn alone
    (`timeline_svg(rows=part)`), is at most `max_height` tall; a part holds at least one
    row."""
    rows = _rows(marks)
    parts: list[list[str]] = []
    for row in rows:
        if parts and _plan(rows, [*parts[-1], row])[1] + LEGEND_H <= max_height:
            parts[-1].append(row)
        else:
            parts.append([row])
    return [tuple(part) for part in parts]


LEGEND_H = 54.0


def timeline_svg(
    marks: list[TimeMark],
    href: Href,
    *,
    rows: tuple[str, ...] | None = None,
    prefix: str = "fig-timeline",
    title: str = "Хронология: линия времени",
) -> etree._Element:
    """The timeline of `marks` (see timeline_marks) as an <svg>; `href(key)` links each
    mark to its chronology entry (None: not linked); `rows` the years to draw (default:
    all; see timeline_parts)."""
    by_row = _rows(marks)
    shown = [row for row in by_row if rows is None or row in rows]
    drawn = {(p.mark.key, p.mark.kind, p.mark.sort): p.mark for row in shown for p in by_row[row]}
    docs = sum(m.kind == "document" for m in drawn.values())
    years = ", ".join(shown) if len(shown) <= 12 else f"{shown[0]} – {shown[-1]}"
    desc = (
        f"Дат документов: {docs}; дат, названных в текстах: {len(drawn) - docs}; годы: {years}. "
        "Полный перечень — в хронологическом указателе."
    )
    items, bottom = _plan(by_row, shown)
    svg = root(prefix, WIDTH, bottom + LEGEND_H, title, desc, "figure-timeline")
    _axis(svg, bottom)
    for kind, y, *rest in items:
        if kind == "break":
            _break(svg, y, *rest)
        else:
            _row(svg, by_row[rest[0]], y, rest[0], rest[1], href)
    _legend(svg, bottom + 10)
    return svg


def _axis(svg, bottom: float) -> None:
    g = el(svg, "g", {"class": "axis", "aria-hidden": "true"})
    for k, name in enumerate(MONTHS):
        x0 = PLOT_X0 + (PLOT_X1 - PLOT_X0) * k / 12
        x1 = PLOT_X0 + (PLOT_X1 - PLOT_X0) * (k + 1) / 12
        el(g, "line", {"x1": x0, "y1": AXIS_H - 6, "x2": x0, "y2": bottom, "stroke": LIGHT, "stroke-width": "0.8"})
        labels.text(g, name, (x0 + x1) / 2, AXIS_H - 10, FONT * 0.9, anchor="middle", fill=MUTED)
    el(
        g,
        "line",
        {"x1": PLOT_X1, "y1": AXIS_H - 6, "x2": PLOT_X1, "y2": bottom, "stroke": LIGHT, "stroke-width": "0.8"},
    )


def _break(svg, y: float, before: str, after: str) -> None:
    g = el(svg, "g", {"class": "gap", "aria-hidden": "true"})
    mid = y + BREAK_H / 2
    el(
        g,
        "line",
        {
            "x1": 8.0,
            "y1": mid,
            "x2": PLOT_X1,
            "y2": mid,
            "stroke": MUTED,
            "stroke-width": "0.8",
            "stroke-dasharray": "1 3",
        },
    )


def _row(svg, pieces: list[_Piece], top: float, row: str, doc_lanes: int, href: Href) -> None:
    g = el(svg, "g", {"class": "year"})
    el(
        g,
        "line",
        {"x1": 8.0, "y1": top, "x2": PLOT_X1, "y2": top, "stroke": LIGHT, "stroke-width": "0.8", "aria-hidden": "true"},
    )
    label = labels.text(g, row, PLOT_X0 - 8, top + 15, FONT, anchor="end", bold=row != NO_YEAR)
    label.set("aria-hidden", "true")
    named_top = top + ROW_PAD + doc_lanes * DOC_LANE + (3.0 if doc_lanes else 0.0)
    for p in sorted(pieces, key=lambda p: (p.mark.kind != "document", p.lane, p.x0, p.mark.key, p.mark.sort)):
        if p.mark.kind == "document":
            cy = top + ROW_PAD + p.lane * DOC_LANE + DOC_LANE / 2
        else:
            cy = named_top + p.lane * NAMED_LANE + NAMED_LANE / 2
        lo, hi = _reach(p)
        a = link(
            g, href(p.mark.key), p.mark.label, f"mark {p.mark.kind} {p.mark.status}", (lo + 1, cy - 5, hi - 1, cy + 5)
        )
        _draw(a, p, cy)


def _paint(status: str, bar: bool = False) -> dict:
    if status == "stated":  # a period solid grey, so a row of periods is not a black band
        return {"fill": "#707070" if bar else INK, "stroke": INK, "stroke-width": "1"}
    attrs = {"fill": PAPER, "stroke": INK, "stroke-width": "1.3"}
    if status == "uncertain":
        attrs["stroke-dasharray"] = "2 1.5"
    return attrs


def _draw(a, p: _Piece, cy: float) -> None:
    paint = _paint(p.mark.status)
    doc = p.mark.kind == "document"
    if p.point:
        x = p.x0
        if doc:
            s = 4.5
            el(a, "path", {"d": _diamond(x, cy, s), **paint})
        else:
            el(a, "circle", {"cx": x, "cy": cy, "r": 3.5, **paint})
        if p.open_after or p.open_before:
            direction = 1 if p.open_after else -1
            x0 = x + direction * 6
            x1 = x + direction * ARROW
            el(
                a,
                "line",
                {"x1": x0, "y1": cy, "x2": x1, "y2": cy, "stroke": INK, "stroke-width": "1", "stroke-dasharray": "3 2"},
            )
            el(a, "path", {"d": _arrowhead(x1, cy, direction), "fill": INK, "stroke": "none"})
        return
    h = 6.0 if doc else 5.0
    x0, x1 = p.x0, max(p.x1, p.x0 + 2.0)
    el(a, "rect", {"x": x0, "y": cy - h / 2, "width": round(x1 - x0, 1), "height": h, **_paint(p.mark.status, True)})
    if p.cont_after:
        el(a, "path", {"d": _arrowhead(x1 + 6, cy, 1), "fill": INK, "stroke": "none"})
    if p.cont_before:
        el(a, "path", {"d": _arrowhead(x0 - 6, cy, -1), "fill": INK, "stroke": "none"})
    if doc:  # a document's period: its diamond at the start
        el(a, "path", {"d": _diamond(x0, cy, 4.5), **paint})


def _diamond(x: float, y: float, s: float) -> str:
    return f"M{num(x)} {num(y - s)}L{num(x + s)} {num(y)}L{num(x)} {num(y + s)}L{num(x - s)} {num(y)}Z"


def _arrowhead(x: float, y: float, direction: int) -> str:
    back = x - direction * 5
    return f"M{num(x)} {num(y)}L{num(back)} {num(y - 3)}L{num(back)} {num(y + 3)}Z"


def _legend(svg, top: float) -> None:
    g = el(svg, "g", {"class": "legend", "aria-hidden": "true"})
    size = FONT * 0.9
    first = [
        ("document", "дата документа"),
        ("named", "дата, названная в тексте"),
        ("span", "период (год, месяц, «2018–2020»)"),
        ("bound", "известна граница («не ранее»)"),
    ]
    second = [
        ("stated", "указана в тексте"),
        ("inferred", "выведена или установлена издателем"),
        ("uncertain", "предположительно, вероятно"),
    ]
    for line, items in ((0, first), (1, second)):
        x = 8.0
        y = top + 12 + line * 20
        for key, words in items:
            _legend_sample(g, key, x + 8, y - 4)
            labels.text(g, words, x + 20 + (ARROW if key == "bound" else 0), y, size)
            x += 20 + (ARROW if key == "bound" else 0) + labels.text_width(words, size) + 18


def _legend_sample(g, key: str, x: float, cy: float) -> None:
    if key == "document":
        el(g, "path", {"d": _diamond(x, cy, 4.5), **_paint("stated")})
    elif key == "named":
        el(g, "circle", {"cx": x, "cy": cy, "r": 3.5, **_paint("stated")})
    elif key == "span":
        el(g, "rect", {"x": x - 7, "y": cy - 2.5, "width": 14, "height": 5, **_paint("stated", True)})
    elif key == "bound":
        el(g, "circle", {"cx": x - 4, "cy": cy, "r": 3.5, **_paint("stated")})
        el(
            g,
            "line",
            {"x1": x + 2, "y1": cy, "x2": x + ARROW - 4, "y2": cy, "stroke": INK, "stroke-dasharray": "3 2"},
        )
        el(g, "path", {"d": _arrowhead(x + ARROW - 4, cy, 1), "fill": INK})
    else:
        el(g, "rect", {"x": x - 5, "y": cy - 5, "width": 10, "height": 10, **_paint(key)})
