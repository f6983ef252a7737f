"""Source lines and what both kinds of document make of them: line shapes (numbered
points, bullets, photo credits, timestamps, capitalised headings, datelines), clauses and
the residue of page clutter."""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from toolkit.convert import inline
from toolkit.model.tei import E, SubE

CREDIT = re.compile(r"^(?:источник фото|фото|фотография|photo|фото и видео)\b", re.I)
NUMBERED = re.compile(r"^(?P<num>\d{1,3})[.)]\s+(?P<rest>.+)$")
BULLET = re.compile(r"^(?P<mark>[-–—•*·])\s+(?P<rest>.+)$")
# a publication timestamp: "11-06-2018, 20:15.", "30.06.2021 | 17:42", "Опубликовано: 04.03.2024, 11:20"
TIMESTAMP = re.compile(
    r"^(?:(?:опубликовано|дата публикации|обновлено|дата)\s*:?\s*)?(?P<date>.+?)(?:\s*[,|]\s*|\s+в\s+|\s+)"
    r"(?P<time>(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d))\.?$",
    re.I,
)
# a place before or after the date of a dateline: "Минск, 30 ноября 2017 года", "г. Душанбе 17 сентября 2021 года"
_PLACE_WORDS = re.compile(r"^(?:(?:город|г\.?)\s*)?(?:[А-ЯЁ][\w-]*\s*){1,3}$")


@dataclasses.dataclass
class Line:
    n: int  # 1-based line number in the source
    text: str  # stripped


def source_lines(source: str) -> list[Line]:
    return [Line(i + 1, raw.strip()) for i, raw in enumerate(source.split("\n")) if raw.strip()]


def is_caps_heading(line: str) -> bool:
    """ "ЗАЯВЛЕНИЕ", "ОТКРЫТОЕ ОБРАЩЕНИЕ"; not an abbreviation alone ("ОДКБ")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in ",.;:!?"


def date_only(text: str, parse_date) -> dict[str, str] | None:
    return parse_date(text.strip()) or parse_date(text.rstrip(". "))


def dateline(text: str, parse_date, find_dates) -> dict[str, str] | None:
    """The date of a line that is only a date, or a place and a date in either order
    ("Минск, 30 ноября 2017 года", "г. Душанбе 17 сентября 2021 года")."""
    found = date_only(text, parse_date)
    if found is not None or len(text) > 80:
        return found
    spans = find_dates(text)
    if len(spans) != 1:
        return None
    before = text[: spans[0].start].strip(" ,.")
    after = text[spans[0].end :].strip(" ,.")
    rest = [part for part in (before, after) if part]
    if len(rest) == 1 and _PLACE_WORDS.match(rest[0]):
        return spans[0].attributes()
    return None


def title_case(title: str) -> str:
    """ "ОТКРЫТОЕ ОБРАЩЕНИЕ министров …" → "Открытое обращение министров …"."""
    words = title.split()
    out = []
    for k, w in enumerate(words):
        if is_caps_heading(w) and len(w) > 4:
            w = w.capitalize() if k == 0 else w.lower()
        out.append(w)
    return " ".join(out)


def clause(parent, docid: str, n: str, kind: str, text: str, label: str | None = None):
    div = SubE(parent, "div", type="clause", subtype=kind, n=n, xml_id=f"{docid}-{n}")
    p = SubE(div, "p")
    if label:
        SubE(p, "label", text=label).tail = " "
    inline.fill(p, text)
    return div


def residue(text: etree._Element, residue_lines: list[Line]) -> None:
    """The page clutter, one `<p n="LINE">` per source line, in `<back><div type="residue">`."""
    back = E("back")
    text.append(back)
    div = SubE(back, "div", type="residue")
    for line in residue_lines:
        p = SubE(div, "p", n=str(line.n))
        p.text = line.text
