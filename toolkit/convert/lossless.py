"""Lossless check: every word of the source is in `<text>`, in order, and no word appears
there that the source does not have, except inside editorial elements.

Reading text is compared in order with the source minus the lines kept as residue
(`<back><div type="residue"><p n="LINE">`); the residue is compared line by line.
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit.model.tei import local, t

EDITORIAL = {"corr", "reg", "expan", "supplied", "note"}
WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def check(source: str, tree: etree._ElementTree) -> list[str]:
    """Problems found (empty if lossless), each a sentence naming the first difference."""
    text_el = tree.getroot().find(t("text"))
    if text_el is None:
        return ["the TEI has no <text>"]
    residue_lines: dict[int, etree._Element] = {}
    for div in text_el.iter(t("div")):
        if div.get("type") == "residue":
            for p in div:
                if p.get("n", "").isdigit():
                    residue_lines[int(p.get("n"))] = p
    problems = []
    lines = source.split("\n")
    reading_source = [w for i, line in enumerate(lines, 1) if i not in residue_lines for w in words(line)]
    reading_tei = words("".join(_join_blocks(text_el)))
    if reading_tei != reading_source:
        problems.append(_first_difference(reading_source, reading_tei))
    for n, p in residue_lines.items():
        if n > len(lines) or words("".join(p.itertext())) != words(lines[n - 1]):
            problems.append(f"residue line {n} does not match source line {n}")
    return problems


BLOCK_LEVEL = {"p", "head", "item", "titlePart", "dateline", "docDate", "lb", "label", "signed"}


def _join_blocks(text_el: etree._Element) -> list[str]:
    """Text of the reading text, blocks separated by a space so words do not merge."""
    out: list[str] = []

    def walk(el):
        if not isinstance(el.tag, str):
            return
        name = local(el)
        if name == "div" and el.get("type") == "residue":
            return
        if name in EDITORIAL:
            return
        if name in BLOCK_LEVEL:
            out.append(" ")
        out.append(el.text or "")
        for child in el:
            walk(child)
            out.append(child.tail or "")
        if name in BLOCK_LEVEL:
            out.append(" ")

    walk(text_el)
    return out


def _first_difference(expected: list[str], got: list[str]) -> str:
    for i, (a, b) in enumerate(zip(expected, got)):
        if a != b:
            context = " ".join(expected[max(0, i - 3) : i + 3])
            return f'word {i + 1}: source has "{a}", TEI has "{b}" (near "{context}")'
    if len(expected) > len(got):
        return f'TEI ends early: missing "{" ".join(expected[len(got) : len(got) + 6])}…"'
    return f'TEI has words the source lacks: "{" ".join(got[len(expected) : len(expected) + 6])}…"'
