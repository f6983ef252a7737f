"""Source text → the structure of a TEI `<text>`: front, body, back.

Two genres of source: official documents (appeal, statement, …: a capitalised title
block, a dateline, a preamble of participial clauses, numbered operative points) and
news reports (headline, lede, timestamp, paragraphs, lists, photo credits, page
clutter). Recognition works on line shapes and words, never on a particular source.
Each source line ends up in exactly one element, in order; page clutter (clutter.py) goes
to `<back><div type="residue">`.
"""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from toolkit.convert import inline
from toolkit.convert.clutter import is_clutter
from toolkit.convert.names.morph import is_participial
from toolkit.model.tei import XML_ID, E, SubE, t, text_of

OFFICIAL_TITLES = {
    "обращение": "appeal",
    "заявление": "statement",
    "декларация": "declaration",
    "решение": "decision",
    "коммюнике": "official-document",
    "меморандум": "official-document",
    "протокол": "official-document",
    "соглашение": "official-document",
    "резолюция": "official-document",
}

CREDIT = re.compile(r"^(?:источник фото|фото|фотография|photo|фото и видео)\b", re.I)
NUMBERED = re.compile(r"^(?P<num>\d{1,3})[.)]\s+(?P<rest>.+)$")
BULLET = re.compile(r"^(?P<mark>[-–—•*·])\s+(?P<rest>.+)$")
TIMESTAMP = re.compile(r"^(?P<date>.+?)(?:,\s*|\s+в\s+|\s+)(?P<time>(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d))\.?$")


@dataclasses.dataclass
class Line:
    n: int  # 1-based line number in the source
    text: str  # stripped


@dataclasses.dataclass
class Structure:
    text: etree._Element  # <text>
    genre: str
    title: str  # the document's own title (headline or title block), plain
    stated_date: dict[str, str] | None  # value of the dateline/timestamp date, if any


def source_lines(source: str) -> list[Line]:
    return [Line(i + 1, raw.strip()) for i, raw in enumerate(source.split("\n")) if raw.strip()]


def _sort_out_clutter(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(the document's lines, the page clutter), each in source order."""
    return [line for line in lines if not is_clutter(line.text)], [line for line in lines if is_clutter(line.text)]


def _is_caps_heading(line: str) -> bool:
    """ "ЗАЯВЛЕНИЕ", "ОТКРЫТОЕ ОБРАЩЕНИЕ"; not an abbreviation alone ("ОДКБ")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def detect_genre(lines: list[Line]) -> str:
    """An official document opens with a capitalised title naming its kind."""
    for line in lines[:3]:
        if _is_caps_heading(line.text):
            words = line.text.lower().split()
            for word in words:
                if word in OFFICIAL_TITLES:
                    return OFFICIAL_TITLES[word]
            return "official-document"
    return "news-report"


def _date_only(text: str, parse_date) -> dict[str, str] | None:
    return parse_date(text.strip()) or parse_date(text.rstrip(". "))


def build(source: str, docid: str, parse_date, genre: str | None = None) -> Structure:
    """`parse_date(str) -> attrs|None` recognises a line that is only a date."""
    lines = source_lines(source)
    genre = genre or detect_genre(lines)
    if genre == "news-report":
        built = _build_news(lines, docid, parse_date)
    else:
        built = _build_official(lines, docid, parse_date, genre)
    body = built.text.find(t("body"))
    if not any(True for _ in body.iter(t("p"), t("item"))):
        built = _build_plain(lines, docid, genre, built.title)
    front = built.text.find(t("front"))
    if front is not None and len(front) == 0:
        built.text.remove(front)
    return built


def _build_plain(lines: list[Line], docid: str, genre: str, title: str) -> Structure:
    """A source too short for its genre's structure (a headline alone, a title block with
    no text): every line becomes a paragraph, so nothing is lost and the TEI stays valid."""
    text = E("text", xml_lang="ru")
    body = SubE(text, "body")
    div = SubE(body, "div", type="news" if genre == "news-report" else "operative")
    content, residue = _sort_out_clutter(lines)
    for k, line in enumerate(content, 1):
        if genre == "news-report":
            inline.fill(SubE(div, "p", xml_id=f"{docid}-p{k}"), line.text)
        else:
            _clause(div, docid, f"p{k}", "operative", line.text)
    if not content:
        SubE(div, "p", xml_id=f"{docid}-p1")
    if residue:
        _residue(text, E("back"), residue)
    return Structure(text, genre, title, None)


# ---------------------------------------------------------------- official documents


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in ",.;:!?"


def _build_official(lines: list[Line], docid: str, parse_date, genre: str) -> Structure:
    text = E("text", xml_lang="ru")
    front = SubE(text, "front")
    body = SubE(text, "body")
    back = E("back")
    lines, residue = _sort_out_clutter(lines)
    i = 0
    # title block: the capitalised heading and the lines that continue it
    doc_title = E("docTitle")
    title_lines: list[Line] = []
    if i < len(lines) and _is_caps_heading(lines[i].text):
        title_lines.append(lines[i])
        i += 1
        while i < len(lines):
            t = lines[i].text
            if _date_only(t, parse_date) or _ends_sentence(t) or len(t) > 160 or NUMBERED.match(t):
                break
            title_lines.append(lines[i])
            i += 1
    if title_lines:
        front.append(doc_title)
        inline.fill(SubE(doc_title, "titlePart", type="main"), title_lines[0].text)
        if len(title_lines) > 1:
            sub = SubE(doc_title, "titlePart", type="desc")
            for k, line in enumerate(title_lines[1:]):
                if k:
                    SubE(sub, "lb")
                inline.fill(sub, (" " if k else "") + line.text)
    title = " ".join(line.text for line in title_lines)
    # dateline: a line that is only a date, and a short place line after it
    stated = None
    if i < len(lines) and (stated := _date_only(lines[i].text, parse_date)):
        dateline = SubE(front, "dateline")
        inline.fill(dateline, lines[i].text)
        i += 1
        if i < len(lines) and _is_place_line(lines[i].text):
            SubE(dateline, "lb")
            inline.fill(dateline, " " + lines[i].text)
            i += 1
    _official_body(body, lines[i:], docid)
    if residue:
        _residue(text, back, residue)
    return Structure(text, genre, title_case(title), stated)


def title_case(title: str) -> str:
    """ "ОТКРЫТОЕ ОБРАЩЕНИЕ министров …" → "Открытое обращение министров …"."""
    words = title.split()
    out = []
    for k, w in enumerate(words):
        if _is_caps_heading(w) and len(w) > 4:
            w = w.capitalize() if k == 0 else w.lower()
        out.append(w)
    return " ".join(out)


def _is_place_line(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 4
        and not _ends_sentence(text.rstrip(". ") + "x")
        and (words[0].lower() in ("город", "г.", "г") or text[:1].isupper())
        and not NUMBERED.match(text)
    )


def _first_word(text: str) -> str:
    m = re.match(r"[«\"(]*([^\s,]+)", text)
    return m.group(1) if m else ""


def _official_body(body: etree._Element, paragraphs: list[Line], docid: str) -> None:
    numbered = [p for p in paragraphs if NUMBERED.match(p.text)]
    preambular = [
        p
        for p in paragraphs
        if not NUMBERED.match(p.text) and p.text[:1].islower() and is_participial(_first_word(p.text))
    ]
    structured = bool(numbered or preambular)
    if not structured:
        # a statement in plain paragraphs: each paragraph is a clause, p1 … pN
        for k, p in enumerate(paragraphs, 1):
            kind = "preambular" if is_participial(_first_word(p.text)) else "operative"
            _clause(body, docid, f"p{k}", kind, p.text)
        return
    preamble = operative = None
    pp = 0
    seen_number = False
    chapeaux = closings = 0
    for p in paragraphs:
        m = NUMBERED.match(p.text)
        if m:
            seen_number = True
            operative = operative if operative is not None else SubE(body, "div", type="operative")
            _clause(operative, docid, m.group("num"), "operative", m.group("rest"), label=m.group("num") + ".")
        elif p in preambular and operative is None:
            preamble = preamble if preamble is not None else SubE(body, "div", type="preamble")
            pp += 1
            _clause(preamble, docid, f"PP{pp}", "preambular", p.text)
        elif operative is None and preamble is None and p.text.rstrip().endswith(","):
            # the opening formula ("Мы, министры …,"): the subject of the whole text
            preamble = SubE(body, "div", type="preamble")
            inline.fill(SubE(preamble, "p", xml_id=f"{docid}-opener"), p.text)
        else:
            operative = operative if operative is not None else SubE(body, "div", type="operative")
            if seen_number:
                closings += 1
                n = "closing" if closings == 1 else f"closing{closings}"
            else:
                chapeaux += 1
                n = "chapeau" if chapeaux == 1 else f"chapeau{chapeaux}"
            _clause(operative, docid, n, "operative", p.text)


def _clause(parent, docid: str, n: str, kind: str, text: str, label: str | None = None):
    div = SubE(parent, "div", type="clause", subtype=kind, n=n, xml_id=f"{docid}-{n}")
    p = SubE(div, "p")
    if label:
        SubE(p, "label", text=label).tail = " "
    inline.fill(p, text)
    return div


# ---------------------------------------------------------------- news reports


def _build_news(lines: list[Line], docid: str, parse_date) -> Structure:
    text = E("text", xml_lang="ru")
    front = SubE(text, "front")
    body = SubE(text, "body")
    content, residue = _sort_out_clutter(lines)
    title, stated, i = _news_front(front, content, parse_date)
    div = SubE(body, "div", type="news")
    _news_body(div, content[i:], docid)
    _number_paragraphs(div, docid)
    if residue:
        _residue(text, E("back"), residue)
    return Structure(text, "news-report", title, stated)


def _news_front(front, content: list[Line], parse_date) -> tuple[str, dict[str, str] | None, int]:
    """The headline, then a publication timestamp and a lede in either order: (title,
    the timestamp's date, the index of the first body line)."""
    if not content:
        return "", None, 0
    inline.fill(SubE(SubE(front, "docTitle"), "titlePart", type="main"), content[0].text)
    stated = None
    dated = led = False
    i = 1
    while i < len(content):  # each at most once
        if not dated and (found := _timestamp(content[i].text, parse_date)):
            stated, dated = found[0], True
            _fill_timestamp(SubE(front, "docDate"), content[i].text, found)
        elif not led and _is_lede(content, i):
            _lede(front, content[i])
            led = True
        else:
            break
        i += 1
    return content[0].text, stated, i


def _news_body(div, blocks: list[Line], docid: str) -> None:
    """Paragraphs, numbered and bulleted lists, photos with their credit and caption."""
    list_el = None
    list_count = items = 0
    for k, line in enumerate(blocks):
        num = NUMBERED.match(line.text)
        bullet = BULLET.match(line.text)
        if num or bullet:
            kind = "numbered" if num else "bulleted"
            if list_el is None or list_el.get("rend") != kind:
                list_count += 1
                list_el = SubE(div, "list", type="decisions", rend=kind)
                items = 0
            items += 1
            n = num.group("num") if num else str(items)
            prefix = f"{docid}-l{list_count}" if list_count > 1 else docid
            item = SubE(list_el, "item", n=n, xml_id=f"{prefix}-item{n}")
            if num:
                SubE(item, "label", text=num.group("num") + ".").tail = " "
                inline.fill(item, num.group("rest"))
            else:
                item.set("rend", "bullet")
                inline.fill(item, bullet.group("rest"))
            continue
        list_el = None
        if CREDIT.match(line.text) and len(line.text) < 160:
            _photo(div, line, k > 0 and not NUMBERED.match(blocks[k - 1].text))
            continue
        inline.fill(SubE(div, "p"), line.text)


def _photo(div, credit: Line, may_have_caption: bool) -> None:
    """A photo credit as a figure; the short paragraph before it is the photo's caption."""
    figure = E("figure", type="photo")
    prev = div[-1] if len(div) else None
    if prev is not None and prev.tag.endswith("}p") and len(text_of(prev)) < 200 and may_have_caption:
        div.remove(prev)
        head = SubE(figure, "head")
        head.text, head[:] = prev.text, list(prev)
    inline.fill(SubE(figure, "p"), credit.text)
    div.append(figure)


def _is_lede(content: list[Line], i: int) -> bool:
    line = content[i].text
    return len(line) < 250 and i + 1 < len(content) and not NUMBERED.match(line) and not CREDIT.match(line)


def _lede(front, line: Line) -> None:
    inline.fill(SubE(SubE(front, "argument"), "p"), line.text)


def _timestamp(text: str, parse_date):
    """ "11-06-2018, 20:15." → (date attrs, date part, time part) if the line is only that."""
    m = TIMESTAMP.match(text.strip())
    if m:
        attrs = parse_date(m.group("date").strip(" ,"))
        if attrs:
            return attrs, m.group("date"), m
    attrs = _date_only(text, parse_date)
    if attrs and len(text) < 60:
        return attrs, text, None
    return None


def _fill_timestamp(doc_date, text: str, found) -> None:
    attrs, date_part, m = found
    if m is None:
        inline.fill(doc_date, text)
        return
    # the date (found again later by the date finder) and the time of day as <time>
    doc_date.text = text[: m.start("time")]
    time = SubE(doc_date, "time", text=m.group("time"), when=f"{int(m.group('h')):02d}:{m.group('m')}:00")
    time.tail = text[m.end("time") :] or None


def _number_paragraphs(div, docid: str) -> None:
    k = 0
    for el in div:
        if el.tag.endswith("}p"):
            k += 1
            el.set(XML_ID, f"{docid}-p{k}")


def _residue(text, back, residue: list[Line]) -> None:
    text.append(back)
    div = SubE(back, "div", type="residue")
    for line in residue:
        p = SubE(div, "p", n=str(line.n))
        p.text = line.text
