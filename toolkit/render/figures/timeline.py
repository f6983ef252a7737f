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

`timeline_marks` derives the input from the model; `timeline_svg` is pure over it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from lxml import etree

from toolkit.model.corpus import Corpus
from toolkit.model.index import Index, date_sort_key
from toolkit.render.figures import labels
from toolkit.render.figures.svg import INK, LIGHT, MUTED, PAPER, el, link, num, root
from toolkit.render.wording import certainty, describe_date, plural

Href = Callable[[str], str | None]

STATUS_ORDER = ("stated", "inferred", "uncertain")
MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
NO_YEAR = "без года"

WIDTH = 800.0
PLOT_X0, PLOT_X1 = 70.0, 790.0
AXIS_H = 26.0
DOC_LANE, NAMED_LANE = 12.0, 10.0
ROW_PAD = 5.0
BREAK_H = 12.0
FONT = 12.0
TITLE_MAX = 90  # a document's title in its mark's name (the chronology names it in full)


@dataclasses.dataclass(frozen=True)
class TimeMark:
    key: str  # the chronology entry's key (what the mark links to)
    kind: str  # "document" (a document's own date) or "named" (a date a text names)
    attrs: tuple[tuple[str, str], ...]  # the date's ISO attributes (when, from, to, notBefore, notAfter)
    status: str  # "stated", "inferred" or "uncertain"
    label: str  # the accessible name
    sort: str = ""  # tie-breaker among marks of one key (the document's id)


def status_of(evidence: str | None, cert: str | None) -> str:
    if cert in ("medium", "low") or evidence == "conjecture":
        return "uncertain"
    if evidence not in (None, "internal"):
        return "inferred"
    return "stated"


def timeline_marks(corpus: Corpus, index: Index) -> list[TimeMark]:
    """One mark per document date (a document dated twice has two) and one per date named
    in the texts (however often it is named); in chronological order."""
    titles = {d.docid: d.meta.title for d in corpus.documents}
    out = []
    for entry in index.chronology:
        attrs = tuple(sorted(entry.attrs.items()))
        words = describe_date(entry.attrs)
        named = []
        for o in entry.occurrences:
            status = status_of(o.evidence, o.cert)
            if o.in_header:
                how = certainty(o.evidence, o.cert) if status != "stated" else ""
                title = labels.shorten(titles.get(o.docid, o.docid), TITLE_MAX)
                label = f"{title} — {words}" + (f" ({how})" if how else "")
                out.append(TimeMark(entry.key, "document", attrs, status, label, o.docid))
            else:
                named.append(status)
        if named:
            k = len(named)
            status = min(named, key=STATUS_ORDER.index)  # named once as stated: stated
            label = f"{words} — названа в текстах {k} {plural(k, 'раз', 'раза', 'раз')}"
            if status != "stated":
                label += " (" + ("выведена издателем" if status == "inferred" else "предположительно") + ")"
            out.append(TimeMark(entry.key, "named", attrs, status, label))
    return out


# ---------------------------------------------------------------- dates as intervals

_ISO = re.compile(r"^(-?\d{4}|--)(?:-?(\d\d))?(?:-(\d\d))?$")


def _bounds(value: str) -> tuple[int | None, dt.date, dt.date] | None:
    """(year or None, first day, last day) of an ISO value ("2019", "2019-05",
    "2019-05-22", "--05-22"); days of a value without a year are placed in 2001."""
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    year = None
    if m:
        year = int(m.group(1))
        month, day = m.group(2), m.group(3)
    else:
        m = re.fullmatch(r"--(\d\d)(?:-(\d\d))?", value)
        if not m:
            return None
        month, day = m.group(1), m.group(2)
    y = year or 2001
    try:
        if month is None:
            return year, dt.date(y, 1, 1), dt.date(y, 12, 31)
        mo = int(month)
        if day is None:
            last = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)).day
            return year, dt.date(y, mo, 1), dt.date(y, mo, last)
        d = dt.date(y, mo, int(day))
        return year, d, d
    except ValueError:
        return None


@dataclasses.dataclass(frozen=True)
class Extent:
    start: dt.date
    end: dt.date
    year: int | None  # None: a date without a year
    point: bool  # a day, drawn as a mark
    open_before: bool = False  # known only as "не позднее": arrow to the left
    open_after: bool = False  # known only as "не ранее": arrow to the right


def extent(attrs: dict[str, str]) -> Extent | None:
    if "when" in attrs:
        b = _bounds(attrs["when"])
        return b and Extent(b[1], b[2], b[0], b[1] == b[2])
    lo = _bounds(attrs.get("from") or attrs.get("notBefore") or "")
    hi = _bounds(attrs.get("to") or attrs.get("notAfter") or "")
    if lo and hi:
        return Extent(lo[1], hi[2], lo[0] if lo[0] is not None else hi[0], False)
    if lo:
        return Extent(lo[1], lo[1], lo[0], True, open_after=True)
    if hi:
        return Extent(hi[2], hi[2], hi[0], True, open_before=True)
    return None


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


def timeline_svg(
    marks: list[TimeMark], href: Href, *, prefix: str = "fig-timeline", title: str = "Хронология: линия времени"
) -> etree._Element:
    """The timeline of `marks` (see timeline_marks) as an <svg>; `href(key)` links each
    mark to its chronology entry (None: not linked)."""
    marks = sorted(marks, key=lambda m: (date_sort_key(dict(m.attrs)), m.kind, m.sort, m.key))
    pieces = _pieces(marks)
    rows: dict[str, list[_Piece]] = {}
    for p in pieces:
        rows.setdefault(p.row, []).append(p)
    order = sorted(rows, key=_row_order)
    docs = sum(m.kind == "document" for m in marks)
    desc = (
        f"Дат документов: {docs}; дат, названных в текстах: {len(marks) - docs}; "
        f"годы: {', '.join(order) if len(order) <= 12 else order[0] + ' – ' + order[-1]}. "
        "Полный перечень — в хронологическом указателе."
    )
    layout = []
    y = AXIS_H
    previous = None
    for row in order:
        if previous is not None and row != NO_YEAR and int(row) > int(previous) + 1:
            layout.append(("break", y, previous, row))
            y += BREAK_H
        doc_lanes = _lanes([p for p in rows[row] if p.mark.kind == "document"])
        named_lanes = _lanes([p for p in rows[row] if p.mark.kind == "named"])
        height = (
            2 * ROW_PAD + doc_lanes * DOC_LANE + named_lanes * NAMED_LANE + (3.0 if doc_lanes and named_lanes else 0)
        )
        layout.append(("row", y, row, (height, doc_lanes)))
        y += max(height, 22.0)
        previous = row if row != NO_YEAR else previous
    legend_top = y + 10
    height = legend_top + 44
    svg = root(prefix, WIDTH, height, title, desc, "figure-timeline")
    _axis(svg, y)
    for item in layout:
        if item[0] == "break":
            _break(svg, item[1], item[2], item[3])
        else:
            _row(svg, rows[item[2]], item[1], item[2], *item[3], href)
    _legend(svg, legend_top)
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


def _row(svg, pieces: list[_Piece], top: float, row: str, height: float, doc_lanes: int, href: Href) -> None:
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
