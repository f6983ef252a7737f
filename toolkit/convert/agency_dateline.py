"""A news agency's dateline opening a paragraph: where the report was filed, its date and
the agency it credits, read in one place for the three that need it (the document's date,
the document's place, the credit as an organisation).

Its shapes: "МОСКВА, 20 ноября. /ТАСС/.", "Бишкек, 31 июля /Кабар/", "ЕРЕВАН, 27 ноя -
Спутник.", "30 ноября, Минск /Корр. БЕЛТА/.", "ДУШАНБЕ /Trend/ -", "Душанбе. 6 марта.
Министры …". A place is one or two capitalised words; a credit is in slashes or after a
dash; the correspondent's abbreviation inside the slashes ("Корр.") is not the agency.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.convert.annotate import Span
from toolkit.convert.dates import find_dates

REACH = 90  # a dateline is read within the paragraph's first characters
_DATE_START = 30  # its date starts within these, after at most a place
_PLACE = r"(?P<place>[А-ЯЁA-Z][\w-]*(?:[ -][А-ЯЁ][\w-]*)?)"
_CREDIT = (
    r"(?P<credit>/\s*(?:[Кк]орр\.\s*)?(?P<slashed>[^/\n]{2,40}?)\s*/"
    r"|[-–—]{1,2}\s(?P<dashed>[A-ZА-ЯЁ][\w-]*(?:\s[A-ZА-ЯЁ][\w-]*)?)\.(?=\s|$))"
)
# before the date: nothing, or the place ("МОСКВА, ", "Душанбе. ")
_PLACE_BEFORE = re.compile(rf"{_PLACE}[,.]?\s*")
# after the date: the place when the date came first (", Минск"), a time ("12:30"), the credit
_AFTER_DATE = re.compile(rf"[.,]?\s*(?:{_PLACE}\s*(?=/|[-–—]{{1,2}}\s))?(?:,?\s*\d{{1,2}}:\d{{2}}[.,]?\s*)?{_CREDIT}?")
# what may follow a dateline without a credit: the report, a quotation, a bracketed credit,
# or nothing (the dateline is a paragraph of its own)
_GOES_ON = re.compile(r"[.,]?\s*(?:$|(?:[А-ЯЁ][\w-]*\s*)?(?:/|[-–—]\s|«|\(|[А-ЯЁA-Z]))")
# a dateline without a date: "ДУШАНБЕ /Trend/ -"
_UNDATED = re.compile(rf"{_PLACE}\s*{_CREDIT}")


@dataclasses.dataclass(frozen=True)
class AgencyDateline:
    """Spans into the paragraph's text; any may be missing but not all."""

    place: tuple[int, int] | None
    date: Span | None
    credit: tuple[int, int] | None  # the agency's name
    marks: tuple[int, int] | None  # the credit with its slashes or dash, "Корр." included

    def place_text(self, text: str) -> str | None:
        return text[self.place[0] : self.place[1]] if self.place else None


def read(text: str) -> AgencyDateline | None:
    """The agency dateline opening `text`, or None."""
    head = text[:REACH]
    dates = find_dates(head)
    if dates and dates[0].start <= _DATE_START:
        found = _dated(head, dates[0])
        if found is not None:
            return found
    m = _UNDATED.match(head)
    if m is None or not m.group("place").isupper():  # "ДУШАНБЕ /Trend/", not "Москва – Столица."
        return None
    return AgencyDateline(m.span("place"), None, *_credit(m))


def _dated(head: str, date: Span) -> AgencyDateline | None:
    place = None
    if date.start:
        m = _PLACE_BEFORE.fullmatch(head, 0, date.start)
        if m is None:
            return None
        place = m.span("place")
    after = _AFTER_DATE.match(head, date.end)
    credit, marks = _credit(after)
    if credit is None and not _GOES_ON.match(head, date.end):
        return None
    if place is None and after.group("place"):
        place = after.span("place")
    return AgencyDateline(place, date, credit, marks)


def _credit(m: re.Match) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The agency's name and the credit's whole span, if it names one (a capital in it)."""
    for group in ("slashed", "dashed"):
        if m.group(group) and re.search(r"[A-ZА-ЯЁ]", m.group(group)):
            return m.span(group), m.span("credit")
    return None, None
