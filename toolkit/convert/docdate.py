"""The document's own date, and what the dates of its text are counted from.

In order: the editor's [[date]]s; the date the text states for itself (a dateline, a
publication timestamp, a news agency's dateline opening the first paragraph: "МОСКВА,
10 мая – …"); a stated day and month without a year take the year of a timestamp with that
day and month elsewhere on the page (a photo caption "…, 21.05.2024", clutter included);
the date in the page's address, if the metadata gives one ([source] url "…/20091007/…":
external, with a warning to confirm it); else a stated day and month take the year the
text's dates name most often (inferred); failing all of these, the first full date in the
text (inferred, with a warning to confirm it), unless a news report's dates speak of
years after it (then it is history, and the report is dated by the year its dates name
most often).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

from lxml import etree

from toolkit.convert import agency_dateline
from toolkit.convert.annotate import plain_text
from toolkit.convert.dates import DateContext, find_dates
from toolkit.convert.seedmeta import DateFact, SeedMeta
from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.model.tei import t

BLOCKS = ("titlePart", "p", "head", "item", "dateline", "docDate", "signed")
_LEDE = 2  # paragraphs a lede may take before the dateline
# a date written in figures only: a timestamp or a caption's date ("21.05.2024", "2024-05-21")
_FIGURES = re.compile(r"[0-9./-]+")
# a date that is a horizon: "до 2035 года", "к 2030 году" (matched just before the date)
_HORIZON = re.compile(r"(?:^|\s)(?:до|к)\s+$", re.IGNORECASE)


def reading_blocks(text_el: etree._Element, residue: bool = False) -> list[etree._Element]:
    """Elements whose own text is reading text (residue excluded unless `residue`), outermost only."""
    out = []
    for el in text_el.iter(*(t(n) for n in BLOCKS)):
        ancestors = list(el.iterancestors())
        if not residue and any(a.tag == t("div") and a.get("type") == "residue" for a in ancestors):
            continue
        if any(a.tag in {t(n) for n in BLOCKS} for a in ancestors):
            continue
        out.append(el)
    return out


def document_dates(meta: SeedMeta, built, genre: str) -> tuple[list[DateFact], str | None]:
    """The document's dates, and how a date taken from the text was found: None (stated,
    or the editor's), "address" (the page's address in the metadata), "year" (the year
    inferred) or "first" (the first full date)."""
    if meta.dates:
        return list(meta.dates), None
    stated = built.stated_date or (agency_date(built.text) if genre == "news-report" else None)
    if stated and not _yearless(stated):
        return [DateFact(dict(stated), "internal", "high")], None
    year = _page_year(built.text, stated["when"][2:]) if stated and "when" in stated else None
    if year is not None:
        note = "День и месяц указаны в датировке, год — в дате того же дня на странице."
        return [DateFact({"when": f"{year}{stated['when'][1:]}"}, "internal", "high", note)], None
    addressed = address_date(meta.url) if meta.url else None
    if addressed is not None:
        return [_from_address(addressed, stated)], "address"
    years = _years(built.text)  # how often the text's dates name each year, counted once
    if stated and "when" in stated:
        year = _most_named(years)
        if year is not None and re.fullmatch(r"--\d{2}(?:-\d{2})?", stated["when"]):
            note = "День и месяц указаны в тексте, год — по датам текста."
            return [DateFact({"when": f"{year}{stated['when'][1:]}"}, "inferred", "medium", note)], "year"
    first = _first_full_date(built.text)
    if first and genre == "news-report" and any(y >= int(first[:4]) + 2 for y in years):
        first = None  # history in a report of later years ("подписание 8 декабря 1991 года …")
    if first:
        cert = "medium" if genre == "news-report" else "low"
        return [DateFact({"when": first}, "inferred", cert, "Первая полная дата в тексте.")], "first"
    year = _most_named(years)
    if year is None:
        return [], None
    return [DateFact({"when": str(year)}, "inferred", "low", "Год, который чаще всего называют даты текста.")], "year"


# a date in a page's address, as news sites write it: /20091007/, /2024/06/21/, /2024-06-21
_ADDRESS_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def address_date(url: str) -> str | None:
    """The date a page's address carries (the last one, a real day), as ISO; None if none."""
    for y, m, d in reversed(_ADDRESS_DATE.findall(url.split("?")[0])):
        try:
            return datetime.date(int(y), int(m), int(d)).isoformat()
        except ValueError:
            continue
    return None


def _from_address(addressed: str, stated: dict[str, str] | None) -> DateFact:
    """The document's date from its page's address (external, medium): the day the text
    states with the address's year where the text gives a day and month without one."""
    day = stated.get("when", "") if stated else ""
    if re.fullmatch(r"--\d{2}-\d{2}", day) and day[1:] != addressed[4:]:
        note = "День и месяц указаны в тексте, год — по адресу страницы."
        return DateFact({"when": f"{addressed[:4]}{day[1:]}"}, "external", "medium", note)
    return DateFact({"when": addressed}, "external", "medium", "Дата — по адресу страницы (источника).")


def _yearless(attrs: dict[str, str]) -> bool:
    """A value without its year ("--10-19": a timestamp that gives the day and month only)."""
    return any(v.startswith("--") for v in attrs.values())


def date_context(dates: list[DateFact]) -> DateContext:
    """What a date without a year is counted from: the first exact date of the document."""
    for fact in dates:
        if "when" in fact.attrs and not _yearless(fact.attrs):
            return DateContext(doc_date=fact.attrs["when"], doc_date_cert=fact.cert)
    return DateContext(doc_date=None, doc_date_cert="high")


def agency_date(text_el: etree._Element) -> dict[str, str] | None:
    """The date of a news agency's dateline opening the report's first paragraph, or one
    after a lede of up to two paragraphs (captions aside): "МОСКВА, 10 мая - РИА Новости.",
    "30 ноября, Минск /Корр. БЕЛТА/."."""
    paragraphs = [b for b in reading_blocks(text_el) if b.tag == t("p") and b.getparent().tag != t("figure")]
    for block in paragraphs[: _LEDE + 1]:
        found = agency_dateline.read(plain_text(block))
        if found is not None and found.date is not None:
            attrs = found.date.attributes()
            return attrs if "when" in attrs else None
    return None


def _page_year(text_el: etree._Element, month_day: str) -> int | None:
    """The year of a timestamp in figures ("21.05.2024", "2024-05-21") with this month and
    day ("05-21") anywhere on the page, clutter included, if they agree on one. Dates in
    words are left out: "9 мая 1945 года" in a report dated "9 мая" is history."""
    years = set()
    for block in reading_blocks(text_el, residue=True):
        for span in find_dates(plain_text(block)):
            when = span.attributes().get("when", "")
            if _FIGURES.fullmatch(span.text) and when[4:] == f"-{month_day}":
                years.add(int(when[:4]))
    return years.pop() if len(years) == 1 else None


def _years(text_el: etree._Element) -> Counter:
    """How often the text's dates name each year; a range counts by its start ("план на
    2019–2020 годы" is adopted before it runs), a horizon not at all ("до 2035 года")."""
    years: Counter = Counter()
    for block in reading_blocks(text_el):
        text = plain_text(block)
        for span in find_dates(text):
            if _HORIZON.search(text, 0, span.start):
                continue  # "стратегия до 2035 года", "к 2030 году": a horizon, not a date of the text
            attrs = span.attributes()
            value = attrs.get("when") or attrs.get("from") or ""
            if re.match(r"\d{4}", value):
                years[int(value[:4])] += 1
    return years


def _most_named(years: Counter) -> int | None:
    """The year the text's dates name most often (the latest of equals), if any."""
    return max(years, key=lambda y: (years[y], y)) if years else None


def _first_full_date(text_el: etree._Element) -> str | None:
    for block in reading_blocks(text_el):
        for span in find_dates(plain_text(block)):
            when = span.attributes().get("when", "")
            if len(when) == 10 and not when.startswith("--"):
                return when
    return None


def date_warnings(dates: list[DateFact], found: str | None, source_name: str) -> list[Diagnostic]:
    if not dates:
        message = "the text states no date of its own; add a [[date]] with its evidence to the metadata (.toml)"
        return [warning(source_name, 1, 1, message, "convert.no-date")]
    if found == "first":
        message = (
            f"no dateline: took the document's date {dates[0].attrs['when']} from the first full date in the "
            "text; confirm it with a [[date]] in the metadata (.toml)"
        )
        return [warning(source_name, 1, 1, message, "convert.inferred-date")]
    if found == "address":
        message = (
            f"took the document's date {dates[0].attrs['when']} from the page's address (source url); "
            "confirm it with a [[date]] in the metadata (.toml)"
        )
        return [warning(source_name, 1, 1, message, "convert.inferred-date")]
    if found == "year":
        message = (
            f"took the year of the document's date {dates[0].attrs['when']} from the dates in the text; "
            "confirm it with a [[date]] in the metadata (.toml)"
        )
        return [warning(source_name, 1, 1, message, "convert.inferred-date")]
    return []
