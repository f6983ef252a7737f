"""Dates, one document at a time (no corpus-wide part).

date.invalid: @when/@from/@to/@notBefore/@notAfter (on any element) are ISO 8601 as YYYY,
YYYY-MM, YYYY-MM-DD, --MM or --MM-DD and name a day that exists.
date.order: @from is not after @to, @notBefore not after @notAfter (as ranges).
date.missing: every <date> in <text> has at least one of them."""

from __future__ import annotations

import calendar
import datetime
import functools
import re

from lxml import etree

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.tei import DATE_ATTRS, TEI_NS, text_of
from toolkit.validate.rules.located import error_at, name_of, short

_ISO = re.compile(
    r"^(?:(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?"
    r"|--(?P<ymonth>[0-9]{2})(?:-(?P<yday>[0-9]{2}))?)$"
)


_DATE_VALUES = etree.XPath("//@when | //@from | //@to | //@notBefore | //@notAfter")  # one pass each, in C


_UNDATED = etree.XPath(
    "/*/tei:text//tei:date[not(@when or @from or @to or @notBefore or @notAfter)]", namespaces={"tei": TEI_NS}
)


def report(doc: Document) -> list[Diagnostic]:
    """date.invalid, date.order and date.missing in one document."""
    found = []
    dated: dict = {}  # the elements with a date attribute, in document order
    for value in _DATE_VALUES(doc.tree):
        el = value.getparent()
        # span/@from and span/@to are pointers, not dates; time/@when is a time of day
        # (hh:mm:ss), checked by the schema
        if name_of(el) not in ("span", "time"):
            dated[el] = None
    for el in dated:
        ranges = {}
        for attr in DATE_ATTRS:
            value = el.get(attr)
            if value is None:
                continue
            span, problem = _date_range(value.strip())
            if problem:
                found.append(error_at(doc, el, f'{name_of(el)}/@{attr}="{short(value)}" {problem}', "date.invalid"))
            else:
                ranges[attr] = span
        for start, end in (("from", "to"), ("notBefore", "notAfter")):
            if start in ranges and end in ranges and _backwards(ranges[start], ranges[end]):
                found.append(
                    error_at(
                        doc,
                        el,
                        f'range runs backwards: @{start}="{el.get(start)}" is after '
                        f'@{end}="{el.get(end)}"; swap them or fix one',
                        "date.order",
                    )
                )
    for el in _UNDATED(doc.tree):
        words = text_of(el)
        found.append(
            error_at(
                doc,
                el,
                f'<date> "{short(words)}" has no @when, @from/@to or '
                '@notBefore/@notAfter; add the ISO date (e.g. when="2019-05-22")',
                "date.missing",
            )
        )
    return found


@functools.lru_cache(maxsize=4096)
def _date_range(value: str):
    """((first day, last day, has year), None) with days as (y, m, d) tuples, or (None, problem).

    A year spans its whole year, a month its whole month; --MM forms have no year (0)."""
    m = _ISO.match(value)
    if not m:
        return None, ("is not an ISO 8601 date; write YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD (e.g. 2019-05-22)")
    year = int(m.group("year")) if m.group("year") else None
    month = m.group("month") or m.group("ymonth")
    month = int(month) if month else None
    day = m.group("day") or m.group("yday")
    day = int(day) if day else None
    if year == 0:
        return None, "has year 0000, which does not exist; fix the year"
    if month is not None and not 1 <= month <= 12:
        return None, f"has month {month:02d}, which does not exist; fix the month (01-12)"
    leap_safe = year or 2000  # a date without a year may be 29 February
    if day is not None:
        try:
            datetime.date(leap_safe, month, day)
        except ValueError:
            days = calendar.monthrange(leap_safe, month)[1]
            when = f"{calendar.month_name[month]} {year}" if year else calendar.month_name[month]
            return None, f"does not exist ({when} has {days} days); fix the day"
    first = (year or 0, month or 1, day or 1)
    last = (year or 0, month or 12, day or calendar.monthrange(leap_safe, month or 12)[1])
    return (first, last, year is not None), None


def _backwards(start, end) -> bool:
    """A range runs backwards when its start begins after its end ends (both with a year,
    or both without)."""
    return start[2] == end[2] and start[0] > end[1]
