"""Source text → the structure of a TEI `<text>`: front, body, back.

Two kinds of source: official documents (official.py: appeal, statement, declaration,
decision …) and news reports (news.py). Without metadata the genre comes from the text's
shape and words (genre.py). Recognition works on line shapes and words, never on a
particular source. Each source line ends up in exactly one element, in order; page
clutter (clutter.py) goes to `<back><div type="residue">`.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from toolkit.convert import inline
from toolkit.convert.clutter import clutter_lines
from toolkit.convert.genre import detect_genre
from toolkit.convert.lines import Line, clause, dateline, residue, source_lines, title_case
from toolkit.convert.news import build_news
from toolkit.convert.official import build_official
from toolkit.model.tei import E, SubE, t

__all__ = ["Structure", "build", "title_case"]


@dataclasses.dataclass
class Structure:
    text: etree._Element  # <text>
    genre: str
    title: str  # the document's own title (headline or title block), plain
    stated_date: dict[str, str] | None  # value of the dateline/timestamp date, if any


def sort_out_clutter(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(the document's lines, the page clutter), each in source order."""
    from toolkit.convert.dates import find_dates

    clutter = clutter_lines([line.text for line in lines], find_dates)
    return [x for i, x in enumerate(lines) if i not in clutter], [x for i, x in enumerate(lines) if i in clutter]


def build(source: str, docid: str, parse_date, genre: str | None = None) -> Structure:
    """`parse_date(str) -> attrs|None` recognises a line that is only a date."""
    from toolkit.convert.dates import find_dates

    def find_dateline(text: str):
        return dateline(text, parse_date, find_dates)

    lines = source_lines(source)
    content, clutter = sort_out_clutter(lines)
    genre = genre or detect_genre(content, find_dateline)
    if genre == "news-report":
        text, title, stated = build_news(content, docid, parse_date)
    else:
        text, title, stated = build_official(content, docid, find_dateline, genre)
        title = title_case(title)
    body = text.find(t("body"))
    if not any(True for _ in body.iter(t("p"), t("item"))):
        text, stated = _build_plain(content, docid, genre), None
    front = text.find(t("front"))
    if front is not None and len(front) == 0:
        text.remove(front)
    if clutter:
        residue(text, clutter)
    return Structure(text, genre, title, stated)


def _build_plain(content: list[Line], docid: str, genre: str) -> etree._Element:
    """A source too short for its genre's structure (a headline alone, a title block with
    no text): every line becomes a paragraph, so nothing is lost and the TEI stays valid."""
    text = E("text", xml_lang="ru")
    body = SubE(text, "body")
    div = SubE(body, "div", type="news" if genre == "news-report" else "operative")
    for k, line in enumerate(content, 1):
        if genre == "news-report":
            inline.fill(SubE(div, "p", xml_id=f"{docid}-p{k}"), line.text)
        else:
            clause(div, docid, f"p{k}", "operative", line.text)
    if not content:
        SubE(div, "p", xml_id=f"{docid}-p1")
    return text
