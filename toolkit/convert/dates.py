"""A Russian date grammar: find date expressions in plain text and give their TEI values.

`find_dates` returns `Span`s (element "date") whose attributes are TEI `when`, `from`/`to`,
and, when the year (or the whole value) comes from the document date rather than the text,
`cert` and `evidence="inferred"`. Without a document date a yearless date keeps the partial
value XML Schema allows (`--06-30` gMonthDay, `--05` gMonth).

Span conventions (tests/gold/README.md): governing prepositions (в, на, с, за, до, к) stay
outside, the word "год" in any form stays inside, a time of day is not part of the date, a
weekday before the date is. Bare "сегодня" is not tagged by `find_dates` (in the corpus it
usually means "nowadays"); `parse_date("сегодня", ctx)` does give the document date.

Pure functions, standard library only.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

from toolkit.convert.annotate import Span

_CERTS = ("high", "medium", "low")


def _less_certain(cert: str) -> str:
    """One step down the certainty scale (low stays low)."""
    return _CERTS[min(_CERTS.index(cert) + 1, len(_CERTS) - 1)]


_ISO = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")
_MIN_YEAR, _MAX_YEAR = 1000, 2100


@dataclasses.dataclass(frozen=True)
class DateContext:
    doc_date: str | None = None  # ISO date of the document ("2019-11-28", "2019-05", "2019")
    doc_date_cert: str = "high"  # certainty of doc_date: "high" | "medium" | "low"

    def __post_init__(self):
        y, m, d = self.parts()
        if self.doc_date is not None and (y is None or not _valid(y, m or 1, d)):
            raise ValueError(f"doc_date is not an ISO date: {self.doc_date!r}")
        if self.doc_date_cert not in _CERTS:
            raise ValueError(f"doc_date_cert must be one of {_CERTS}: {self.doc_date_cert!r}")

    def parts(self) -> tuple[int | None, int | None, int | None]:
        """(year, month, day) of the document date, None where unknown."""
        m = _ISO.fullmatch(self.doc_date or "")
        if not m:
            return None, None, None
        return tuple(int(v) if v else None for v in m.group("y", "m", "d"))  # type: ignore[return-value]


# ---------------------------------------------------------------- vocabulary

# month number, every case form of the full name, abbreviations (a dot may follow)
_MONTHS = (
    (1, r"январ(?:ь|я|е|ю|ём|ем)", ("янв",)),
    (2, r"феврал(?:ь|я|е|ю|ём|ем)", ("февр", "фев")),
    (3, r"март(?:а|е|у|ом)?", ("мар",)),
    (4, r"апрел(?:ь|я|е|ю|ем)", ("апр",)),
    (5, r"ма(?:й|я|е|ю|ем)", ()),
    (6, r"июн(?:ь|я|е|ю|ем)", ("июн",)),
    (7, r"июл(?:ь|я|е|ю|ем)", ("июл",)),
    (8, r"август(?:а|е|у|ом)?", ("авг",)),
    (9, r"сентябр(?:ь|я|е|ю|ём|ем)", ("сент", "сен")),
    (10, r"октябр(?:ь|я|е|ю|ём|ем)", ("окт",)),
    (11, r"ноябр(?:ь|я|е|ю|ём|ем)", ("нояб", "ноя")),
    (12, r"декабр(?:ь|я|е|ю|ём|ем)", ("дек",)),
)
_MONTH_RES = [(n, re.compile(rf"(?:{full}|(?:{'|'.join(ab) or '(?!)'})\.?)", re.I)) for n, full, ab in _MONTHS]

# ordinal day words: stems for 1..20, then 30; genitive "-ого" and nominative neuter "-ое"
_ORDINAL_STEMS = (
    "перв",
    "втор",
    "трет",
    "четверт",
    "пят",
    "шест",
    "седьм",
    "восьм",
    "девят",
    "десят",
    "одиннадцат",
    "двенадцат",
    "тринадцат",
    "четырнадцат",
    "пятнадцат",
    "шестнадцат",
    "семнадцат",
    "восемнадцат",
    "девятнадцат",
    "двадцат",
)


def _ordinal_forms(stem: str) -> tuple[str, str]:
    return ("третьего", "третье") if stem == "трет" else (stem + "ого", stem + "ое")


_ORDINALS: dict[str, int] = {}
for _n, _stem in enumerate(_ORDINAL_STEMS, start=1):
    for _form in _ordinal_forms(_stem):
        _ORDINALS[_form] = _n
        if _n < 10:
            _ORDINALS["двадцать " + _form] = 20 + _n
for _form in _ordinal_forms("тридцат"):
    _ORDINALS[_form] = 30
for _form in _ordinal_forms("перв"):
    _ORDINALS["тридцать " + _form] = 31

# relative year words and their offset from the document year
_REL_YEAR = (("позапрошл", -2), ("прошл", -1), ("текущ", 0), ("нынешн", 0), ("эт", 0), ("следующ", 1), ("будущ", 1))
_REL_DAY = {"сегодня": 0, "вчера": -1, "завтра": 1}

# ---------------------------------------------------------------- regex parts

_WS = r"[^\S\r\n]+"  # horizontal whitespace (no-break spaces included), never a line break
_WS0 = r"[^\S\r\n]*"
_DASH = r"[-‐‑‒–—]"
_RANGE_SEP = rf"(?:{_WS0}{_DASH}{_WS0}|{_WS}по{_WS})"
_NUM_L = r"(?<![\w.,/+\-‐‑‒–—])"  # a number must not continue another number or word
_NUM_R = r"(?![0-9]|[./\-][0-9])"
_WORD_R = r"(?![\w])"
_MONTH = "(?:" + "|".join(rf"{full}|(?:{'|'.join(ab)})\.?" if ab else full for _, full, ab in _MONTHS) + ")"
_MONTH_FULL = "(?:" + "|".join(full for _, full, _ in _MONTHS) + ")"
_ORDINAL = (
    "(?:"
    + "|".join(k.replace("четверт", "четв[её]рт").replace(" ", _WS) for k in sorted(_ORDINALS, key=len, reverse=True))
    + ")"
)
_WEEKDAY = r"(?:понедельник|вторник|сред[аеуы]|четверг|пятниц[аеуы]|суббот[аеуы]|воскресень[еяю])"
_YEAR_WORD = r"(?:год(?:ами|ах|ам|ов|ом|ы|а|у|е)?(?![а-яё])|гг?\.)"  # any case form, or г./гг.
_YEAR_WORD_SG = r"(?:год(?:ом|а|у|е)?(?![а-яё]))"
_REL = "(?:" + "|".join(rf"{s}[а-яё]{{1,3}}" if s != "эт" else r"эт(?:от|ом|ого|ому)" for s, _ in _REL_YEAR) + ")"


# "первом полугодии 2019 года", "третьем квартале": ordinal → index (1-based)
_PART_ORDINALS = (("перв", 1), ("втор", 2), ("трет", 3), ("четв", 4))
_PART_ORD = r"(?:перв|втор|трет|четв[её]рт)[а-яё]{1,3}"


def _year(g: str) -> str:
    return rf"(?P<{g}>[0-9]{{4}})(?![0-9])"


def _day(g: str) -> str:
    """A day as a number ("10", "10-го", "1-е") or an ordinal word ("десятого")."""
    return rf"(?:(?P<{g}>[0-9]{{1,2}}(?![0-9])|{_ORDINAL})(?:-(?:го|е|ое|ого|м|ом))?)"


def _dmy(i: str) -> str:
    """Day, month and optionally year (with "года"): "22 мая 2019 года", "19 Мая, 2021",
    or a year named from the document's: "26 мая текущего года", "20 сентября т.г."."""
    return (
        rf"{_day('d' + i)}{_WS}(?P<m{i}>{_MONTH}){_WORD_R}"
        rf"(?:,?{_WS}{_year('y' + i)}(?:{_WS}{_YEAR_WORD})?|{_WS}(?P<rel{i}>{_REL}){_WS}{_YEAR_WORD_SG}"
        rf"|{_WS}(?P<abbr{i}>[тс]\.{_WS0}г\.))?"
    )


_DAY_L = r"(?<![\w.,/+\-‐‑‒–—])"
_PART_OF_MONTH = r"(?:начал[аеуо]|середин[аеуы]|конц[аеуы]|конец)"
_WEEKDAYS = ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье")
_WEEKDAY_WORDS = "|".join(_WEEKDAYS)
_PATTERNS = {  # every pattern puts the date span in group D
    "numeric": rf"{_NUM_L}(?P<D>(?P<d1>[0-9]{{1,2}})(?P<sep>[./-])(?P<m1>[0-9]{{1,2}})(?P=sep)"
    rf"{_year('y1')}(?:{_WS}{_YEAR_WORD})?){_NUM_R}",
    "iso": rf"{_NUM_L}(?P<D>{_year('y1')}-(?P<m1>[0-9]{{2}})-(?P<d1>[0-9]{{2}})){_NUM_R}",
    "dm_range": rf"{_DAY_L}(?P<D>{_dmy('1')}{_RANGE_SEP}{_dmy('2')}){_WORD_R}",
    "day_range": rf"{_DAY_L}(?P<D>{_day('d1')}{_RANGE_SEP}{_dmy('2')}){_WORD_R}",
    "dm": rf"(?<![\w.,/+])(?P<D>(?:{_WEEKDAY},?{_WS})?{_dmy('1')}){_WORD_R}",
    "month_year": rf"(?<!\w)(?P<D>(?P<m1>{_MONTH}),?{_WS}{_year('y1')}(?:{_WS}{_YEAR_WORD})?)"
    rf"{_WORD_R}",
    "month_rel": rf"(?<!\w)(?P<D>(?P<m1>{_MONTH}){_WS}(?P<rel>{_REL}){_WS}{_YEAR_WORD_SG})",
    # "середине июня прошлого года", "конце мая", "начале 2020 года": the month (the year) it falls in
    "part_month": rf"(?<!\w)(?P<D>{_PART_OF_MONTH}{_WS}(?P<m1>{_MONTH_FULL})(?:{_WS}{_year('y1')}{_WS}{_YEAR_WORD}"
    rf"|{_WS}(?P<rel>{_REL}){_WS}{_YEAR_WORD_SG})?){_WORD_R}",
    # "в понедельник": the weekday of the week the document is dated in
    "weekday": rf"(?<!\w)(?:в|во){_WS}(?P<D>(?P<wd>{_WEEKDAY_WORDS})){_WORD_R}",
    # "в субботу и воскресенье": the second weekday under the same preposition
    "weekday_and": rf"(?<!\w)(?:в|во){_WS}(?:{_WEEKDAY_WORDS}),?{_WS}(?:и|или|либо){_WS}"
    rf"(?P<D>(?P<wd>{_WEEKDAY_WORDS})){_WORD_R}",
    "rel_year": rf"(?<!\w)(?P<D>(?P<rel>{_REL}){_WS}{_YEAR_WORD_SG})",
    "year_range": rf"{_NUM_L}(?P<D>{_year('y1')}{_RANGE_SEP}{_year('y2')}{_WS}{_YEAR_WORD})",
    "year": rf"{_NUM_L}(?P<D>{_year('y1')}(?:-(?:го|ом|м|й))?{_WS}{_YEAR_WORD})",
    "part_year": rf"(?<!\w)(?P<D>(?P<part>{_PART_ORD}){_WS}(?P<unit>полугоди[а-яё]{{0,3}}|квартал[а-яё]{{0,3}})"
    rf"(?:{_WS}(?:{_year('y1')}{_WS}{_YEAR_WORD}|(?P<rel>{_REL}){_WS}{_YEAR_WORD_SG}))?){_WORD_R}",
    "month": rf"(?<!\w)(?:в|во|с|со|до|к|ко|по|на|после|перед){_WS}(?P<D>(?P<m1>{_MONTH_FULL}))"
    rf"{_WORD_R}",
}
_COMPILED = {name: re.compile(p, re.I) for name, p in _PATTERNS.items()}
_PREP = re.compile(rf"(?:в|во|на|с|со|за|до|к|ко|по){_WS}", re.I)

# ---------------------------------------------------------------- values


def _month_number(word: str) -> int | None:
    return next((n for n, rx in _MONTH_RES if rx.fullmatch(word.lower())), None)


def _day_number(word: str) -> int:
    if word.isdigit():
        return int(word)
    return _ORDINALS.get(" ".join(word.lower().replace("ё", "е").split()), 0)


def _valid(y: int | None, m: int, d: int | None = None) -> bool:
    if y is not None and not _MIN_YEAR <= y <= _MAX_YEAR:
        return False
    try:
        datetime.date(2000 if y is None else y, m, 1 if d is None else d)  # 2000 has 29 Feb
    except ValueError:
        return False
    return True


def _iso(y: int | None, m: int, d: int | None = None) -> str:
    head = "-" if y is None else f"{y:04d}"
    return f"{head}-{m:02d}" + ("" if d is None else f"-{d:02d}")


def _inferred(ctx: DateContext, *months: int) -> dict[str, str]:
    """cert/evidence for a value taken from the document date. Taking the document year for
    a month more than half a year away from the document's month is a guess: one step lower."""
    cert = ctx.doc_date_cert
    doc_m = ctx.parts()[1]
    if doc_m is not None and any(abs(m - doc_m) > 6 for m in months):
        cert = _less_certain(cert)
    return {"cert": cert, "evidence": "inferred"}


def _day_month(y: int | None, m: int | None, d: int, ctx: DateContext, stated: bool = True) -> dict[str, str] | None:
    """A day and month; the year as stated, else the document's (inferred). `stated=False`:
    `y` was counted from the document's year ("текущего года")."""
    if m is None:
        return None
    if y is not None:
        if not _valid(y, m, d):
            return None
        return {"when": _iso(y, m, d)} if stated else {"when": _iso(y, m, d), **_inferred(ctx)}
    doc_y = ctx.parts()[0]
    if not _valid(doc_y, m, d):
        return None
    if doc_y is None:
        return {"when": _iso(None, m, d)}
    return {"when": _iso(doc_y, m, d), **_inferred(ctx, m)}


def _range(a: tuple, b: tuple, ctx: DateContext) -> dict[str, str] | None:
    """A day range from a = (y, m, d) to b; a missing year comes from the other end or the doc."""
    (y1, m1, d1), (y2, m2, d2) = a, b
    if None in (m1, m2) or not (d1 and d2):
        return None
    extra: dict[str, str] = {}
    if y2 is None and y1 is None and ctx.parts()[0] is not None:
        y2, extra = ctx.parts()[0], _inferred(ctx, m1, m2)
    if y2 is None and y1 is not None:  # "28 декабря 2019 года – 3 января" ends in 2020
        y2 = y1 + 1 if m1 > m2 else y1
    if y1 is None and y2 is not None:  # "28 декабря – 3 января 2020 года" starts in 2019
        y1 = y2 - 1 if m1 > m2 else y2
    if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)):
        return None
    start, end = _iso(y1, m1, d1), _iso(y2, m2, d2)
    return {"from": start, "to": end, **extra} if start < end else None


def _rel_offset(word: str) -> int:
    word = word.lower()
    return next(off for stem, off in _REL_YEAR if word.startswith(stem))


def _value(kind: str, g: dict[str, str | None], ctx: DateContext) -> dict[str, str] | None:
    """The TEI attributes for one match of the pattern `kind`, None if not a real date."""
    y1, y2 = (int(g[k]) if g.get(k) else None for k in ("y1", "y2"))
    doc_y = ctx.parts()[0]
    if kind in ("numeric", "iso"):
        m, d = int(g["m1"]), int(g["d1"])
        return {"when": _iso(y1, m, d)} if _valid(y1, m, d) else None
    if kind == "dm":
        m, d = _month_number(g["m1"]), _day_number(g["d1"])
        if g.get("rel1") or g.get("abbr1"):  # "26 мая текущего года", "20 сентября т.г."
            offset = _rel_offset(g["rel1"]) if g.get("rel1") else 0
            return _day_month(None if doc_y is None else doc_y + offset, m, d, ctx, stated=False)
        return _day_month(y1, m, d, ctx)
    if kind in ("dm_range", "day_range"):
        m2 = _month_number(g["m2"])
        m1 = _month_number(g["m1"]) if kind == "dm_range" else m2
        return _range((y1, m1, _day_number(g["d1"])), (y2, m2, _day_number(g["d2"])), ctx)
    if kind == "year_range":
        ok = _valid(y1, 1) and _valid(y2, 1) and y1 < y2
        return {"from": str(y1), "to": str(y2)} if ok else None
    if kind == "year":
        return {"when": str(y1)} if _valid(y1, 1) else None
    if kind == "part_year":
        return _part_of_year(g, y1, ctx)
    if kind == "rel_year":
        return {} if doc_y is None else {"when": str(doc_y + _rel_offset(g["rel"])), **_inferred(ctx)}
    if kind in ("weekday", "weekday_and"):
        return _weekday(g["wd"], ctx)
    m = _month_number(g["m1"])
    if m is None:
        return None
    if kind == "month_year" or (kind == "part_month" and y1 is not None):
        return {"when": _iso(y1, m)} if _valid(y1, m) else None
    offset = _rel_offset(g["rel"]) if g.get("rel") else 0
    if doc_y is None:
        return {"when": _iso(None, m)}
    months = () if g.get("rel") else (m,)  # "мае текущего года" states the year
    return {"when": _iso(doc_y + offset, m), **_inferred(ctx, *months)}


def _weekday(word: str, ctx: DateContext) -> dict[str, str]:
    """ "в пятницу" in a text dated by its publication: the last such day on or before it,
    one step less certain than the document's date. Unknown without a day to count from."""
    y, m, d = ctx.parts()
    if y is None or m is None or d is None:
        return {}
    published = datetime.date(y, m, d)
    day = published - datetime.timedelta(days=(published.weekday() - _WEEKDAYS.index(word.lower())) % 7)
    return {"when": day.isoformat(), "cert": _less_certain(ctx.doc_date_cert), "evidence": "inferred"}


def _part_of_year(g: dict, y: int | None, ctx: DateContext) -> dict[str, str] | None:
    """A half-year or quarter as a month range: "первом полугодии 2017 года" → 2017-01..2017-06."""
    index = next(n for stem, n in _PART_ORDINALS if g["part"].lower().startswith(stem))
    size = 6 if g["unit"].lower().startswith("полугод") else 3
    if index * size > 12:
        return None
    extra: dict[str, str] = {}
    if y is None:
        doc_y = ctx.parts()[0]
        if doc_y is None:
            return {}
        y = doc_y + (_rel_offset(g["rel"]) if g.get("rel") else 0)
        extra = _inferred(ctx)
    return {"from": _iso(y, index * size - size + 1), "to": _iso(y, index * size), **extra}


# ---------------------------------------------------------------- API


def _candidates(text: str, context: DateContext) -> list[tuple[int, int, dict[str, str] | None]]:
    """Leftmost-longest non-overlapping matches of all patterns; a match that is not a real
    date (30 февраля, a backwards range) keeps its place, so no shorter date is cut out of it."""
    found = []
    for kind, rx in _COMPILED.items():
        for m in rx.finditer(text):
            found.append((m.start("D"), m.end("D"), _value(kind, m.groupdict(), context)))
    found.sort(key=lambda c: (c[0], c[0] - c[1]))
    chosen, last_end = [], 0
    for start, end, attrs in found:
        if start >= last_end:
            chosen.append((start, end, attrs))
            last_end = end
    return chosen


def find_dates(text: str, context: DateContext = DateContext()) -> list[Span]:
    """All date expressions in `text`, in order, non-overlapping. Span.element == "date"."""
    return [
        Span(start, end, "date", tuple(sorted(attrs.items())), text[start:end])
        for start, end, attrs in _candidates(text, context)
        if attrs is not None
    ]


def parse_date(text: str, context: DateContext = DateContext()) -> dict[str, str] | None:
    """Attributes for one date expression (the whole string), or None if it is not a date.

    A leading preposition and trailing punctuation are allowed ("в 2019 году", "22 мая.").
    {} means a date whose value is unknown ("в прошлом году" without a document date)."""
    s = text.strip()
    word = s.lower().rstrip(".,;:!?")
    if word in _REL_DAY:
        y, m, d = context.parts()
        if y is None or (_REL_DAY[word] and d is None):
            return {}
        if d is None:
            return {"when": context.doc_date or "", **_inferred(context)}
        day = datetime.date(y, m, d) + datetime.timedelta(days=_REL_DAY[word])
        return {"when": day.isoformat(), **_inferred(context)} if _valid(day.year, 1) else None
    if re.fullmatch(rf"(?:{_PREP.pattern})?{_MONTH_FULL}", s, re.I):
        s = "в " + _PREP.sub("", s, count=1)  # a month alone: the grammar wants a preposition
    for start, end, attrs in _candidates(s, context):
        head, tail = s[:start], s[end:]
        if (not head or _PREP.fullmatch(head)) and re.fullmatch(r"[.,;:!?]*", tail):
            return attrs
        return None
    return None
