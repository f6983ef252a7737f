"""TEI elements mapped back to the source they came from.

The reading text's words are the source's words minus the residue lines (the lossless
guarantee), so the k-th word of the TEI reading text is a known word of the source. An
element of the reading text is therefore a span of source offsets, and a source line.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable

from lxml import etree

from toolkit.convert.lossless import BLOCK_LEVEL, EDITORIAL, WORD
from toolkit.model.position import line_starts
from toolkit.model.tei import local, t


@dataclasses.dataclass(frozen=True)
class Placed:
    """An element of the reading text at source offsets [start, end)."""

    el: etree._Element
    start: int
    end: int
    line: int  # 1-based source line of `start`


def residue_lines(tree: etree._ElementTree) -> set[int]:
    """Source line numbers the TEI keeps as page clutter (`<back><div type="residue">`)."""
    text_el = tree.getroot().find(t("text"))
    out: set[int] = set()
    if text_el is None:
        return out
    for div in text_el.iter(t("div")):
        if div.get("type") == "residue":
            out |= {int(p.get("n")) for p in div if p.get("n", "").isdigit()}
    return out


def _reading_stream(text_el: etree._Element, wanted: Callable[[etree._Element], bool]):
    """The reading text as one string, and the [start, end) of each wanted element in it."""
    stream: list[str] = []
    pos = 0
    spans: list[tuple[etree._Element, int, int]] = []

    def put(s: str):
        nonlocal pos
        stream.append(s)
        pos += len(s)

    def walk(el):
        if not isinstance(el.tag, str):
            return
        name = local(el)
        if (name == "div" and el.get("type") == "residue") or name in EDITORIAL or name == "teiHeader":
            return
        if name in BLOCK_LEVEL:
            put(" ")
        start = pos
        put(el.text or "")
        for child in el:
            walk(child)
            put(child.tail or "")
        if wanted(el):
            spans.append((el, start, pos))
        if name in BLOCK_LEVEL:
            put(" ")

    walk(text_el)
    return "".join(stream), spans


def _source_words(source: str, skip: set[int]) -> list[tuple[int, int]]:
    out = []
    for lineno, line_match in enumerate(re.finditer(r"[^\n]*\n?", source), 1):
        if lineno in skip:
            continue
        base = line_match.start()
        out.extend((base + m.start(), base + m.end()) for m in WORD.finditer(line_match.group()))
    return out


def place(tree: etree._ElementTree, source: str, wanted: Callable[[etree._Element], bool]) -> list[Placed]:
    """Every wanted element of the reading text as a source span, in document order of
    their ends. Punctuation at an element's edges ("г.", "«Жусан»") belongs to its span
    where the source has it there too. Elements without a word are left out."""
    text_el = tree.getroot().find(t("text"))
    if text_el is None:
        return []
    joined, spans = _reading_stream(text_el, wanted)
    tei_words = [(m.start(), m.end()) for m in WORD.finditer(joined)]
    src_words = _source_words(source, residue_lines(tree))
    starts = line_starts(source)
    word_starts = [a for a, _ in tei_words]
    word_ends = [b for _, b in tei_words]
    out = []
    for el, s, e in spans:
        lo = bisect.bisect_right(word_ends, s)  # the first word that ends inside or after the element
        hi = bisect.bisect_left(word_starts, e)  # the first word that starts after it
        if lo >= hi or hi - 1 >= len(src_words):
            continue
        start, end = src_words[lo][0], src_words[hi - 1][1]
        surface = joined[s:e]
        lead = tei_words[lo][0] - s
        trail = e - tei_words[hi - 1][1]
        if lead > 0 and source[start - lead : start] == surface[:lead]:
            start -= lead
        if trail > 0 and source[end : end + trail] == surface[len(surface) - trail :]:
            end += trail
        out.append(Placed(el, start, end, bisect.bisect_right(starts, start)))
    return out


def line_of(source: str, offset: int) -> int:
    """1-based line number of a source offset."""
    return source.count("\n", 0, offset) + 1


def context(source: str, start: int, end: int, width: int = 40) -> str:
    """The mention in its line, shown as …before[mention]after…, cut to `width` each side."""
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end < 0 else line_end
    before = source[max(line_start, start - width) : start]
    after = source[end : min(line_end, end + width)]
    lead = "…" if start - width > line_start else ""
    tail = "…" if end + width < line_end else ""
    return f"{lead}{before}[{source[start:end]}]{after}{tail}".replace("\t", " ")
