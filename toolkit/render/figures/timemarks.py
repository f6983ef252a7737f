"""The timeline's data: the chronology as marks (`timeline_marks`: one per document date,
one per date the texts name), how sure each is (`status_of`), and the interval a date
covers (`extent`: a day, a month, a year, a period, or a bound known only on one side).
Pure over the corpus and its index; drawn by timeline.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from toolkit.model.corpus import Corpus
from toolkit.model.index import Index
from toolkit.render.wording import certainty, cut, describe_date, plural

STATUS_ORDER = ("stated", "inferred", "uncertain")
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
                title = cut(titles.get(o.docid, o.docid), TITLE_MAX)
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
