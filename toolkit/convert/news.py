"""A news report as TEI: the headline, the publication timestamp and the lede in
`<front>` (in the order the page gives them; a timestamp may stand above the headline),
then paragraphs, numbered and bulleted lists and photos in `<div type="news">`."""

from __future__ import annotations

from lxml import etree

from toolkit.convert import inline
from toolkit.convert.lines import BULLET, CREDIT, NUMBERED, TIMESTAMP, Line, date_only
from toolkit.model.tei import XML_ID, E, SubE, text_of

_FRONT_LINES = 6  # the timestamp stands among the page's first lines, or it is none


def build_news(content: list[Line], docid: str, parse_date):
    """(<text> without its back, the title, the timestamp's date)."""
    text = E("text", xml_lang="ru")
    front = SubE(text, "front")
    body = SubE(text, "body")
    title, stated, i = _news_front(front, content, parse_date)
    div = SubE(body, "div", type="news")
    _news_body(div, content[i:], docid)
    _number_paragraphs(div, docid)
    return text, title, stated


def _news_front(front, content: list[Line], parse_date) -> tuple[str, dict[str, str] | None, int]:
    """The headline, the publication timestamp (before or after it) and the lede; short
    lines between the headline and a timestamp below it (a byline) join the lede:
    (title, the timestamp's date, the index of the first body line)."""
    if not content:
        return "", None, 0
    i, stated = 0, None
    doc_title = SubE(front, "docTitle")
    if len(content) > 1 and (found := _timestamp(content[0].text, parse_date)):
        # a timestamp above the headline: the title's first part (the schema wants the
        # title first in <front>, and the source's order must stay)
        stated = found[0]
        _fill_timestamp(SubE(doc_title, "titlePart", type="sub"), content[0].text, found)
        i = 1
    headline = content[i].text
    inline.fill(SubE(doc_title, "titlePart", type="main"), headline)
    i += 1
    stamp = None if stated else _timestamp_below(content, i, parse_date)
    led = False
    while i < len(content):
        if stamp is not None and i == stamp:
            found = _timestamp(content[i].text, parse_date)
            stated = found[0]
            _fill_timestamp(SubE(front, "docDate"), content[i].text, found)
        elif (stamp is not None and i < stamp) or (not led and _is_lede(content, i)):
            _lede(front, content[i])
            led = True
        else:
            break
        i += 1
    return headline, stated, i


def _timestamp_below(content: list[Line], start: int, parse_date) -> int | None:
    """The index of a timestamp line just below the headline, after at most two short lines."""
    for k in range(start, min(start + 3, len(content) - 1, _FRONT_LINES)):
        if _timestamp(content[k].text, parse_date):
            return k
        if len(content[k].text) >= 250 or NUMBERED.match(content[k].text) or CREDIT.match(content[k].text):
            return None
    return None


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
    argument = front[-1] if len(front) and front[-1].tag.endswith("}argument") else SubE(front, "argument")
    inline.fill(SubE(argument, "p"), line.text)


def _timestamp(text: str, parse_date):
    """ "11-06-2018, 20:15." → (date attrs, date part, time part) if the line is only that."""
    m = TIMESTAMP.match(text.strip())
    if m:
        attrs = parse_date(m.group("date").strip(" ,"))
        if attrs:
            return attrs, m.group("date"), m
    attrs = date_only(text, parse_date)
    if attrs and len(text) < 60:
        return attrs, text, None
    return None


def _fill_timestamp(doc_date: etree._Element, text: str, found) -> None:
    _attrs, _date_part, m = found
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
