"""The document's shape against a reference annotation: genre, clauses, clutter lines,
and words lost.

- **genre**: `textClass/keywords/term[@type='genre']/@key` against the annotation's genre;
- **clauses**: each preambular or operative clause (`div[@type='clause']`) and each list
  item (`item`) at the source line it starts on, against the annotation's clauses
  (`kind`, `line`): right when kind and line agree;
- **clutter**: the source lines kept as residue against the annotation's boilerplate
  (each a line exactly as it stands);
- **words lost**: source words that are nowhere in the TEI's text (reading text or residue).
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from toolkit.convert.lossless import BLOCK_LEVEL, EDITORIAL, words
from toolkit.evaluate.align import place, residue_lines
from toolkit.evaluate.score import Tally
from toolkit.model.meta import read_meta
from toolkit.model.registers import locate
from toolkit.model.tei import local, t


def tei_document_date(tree: etree._ElementTree) -> str | None:
    """The value of the document's first date in the header (`creation/date`), as the
    editions read it (model.meta)."""
    return read_meta(tree).sort_value or None


def tei_document_place(tree: etree._ElementTree) -> str | None:
    """The register key of the document's place in the header (`creation/placeName`)."""
    places = read_meta(tree).places
    found = locate(places[0].ref) if places and places[0].ref else None
    return found[1] if found else None


def tei_genre(tree: etree._ElementTree) -> str | None:
    for term in tree.getroot().iter(t("term")):
        if term.get("type") == "genre":
            return term.get("key")
    return None


def _clause_kind(el: etree._Element) -> str | None:
    name = local(el)
    if name == "div" and el.get("type") == "clause":
        return el.get("subtype") or "operative"
    if name == "item":
        return "list-item"
    return None


def tei_clauses(tree: etree._ElementTree, source: str) -> list[tuple[str, int, str]]:
    """(kind, source line, first words) of each clause and list item of the TEI."""
    out = []
    for placed in place(tree, source, lambda el: _clause_kind(el) is not None):
        out.append((_clause_kind(placed.el), placed.line, _first_words(source[placed.start : placed.end])))
    return sorted(out, key=lambda c: c[1])


def _first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def score_clauses(gold: list[dict], found: list[tuple[str, int, str]]) -> Tally:
    tally = Tally()
    want = {(c["kind"], c["line"]): c.get("starts_with", "") for c in gold}
    got = {(kind, line): text for kind, line, text in found}
    for key, text in sorted(got.items(), key=lambda kv: kv[0][1]):
        if key in want:
            tally.tp += 1
            continue
        tally.fp += 1
        other = next((k for k in want if k[1] == key[1]), None)
        if other:
            tally.misses.append(f"line {key[1]}: {key[0]} clause, expected {other[0]} «{text}»")
        else:
            tally.misses.append(f"line {key[1]}: spurious {key[0]} clause «{text}»")
    for key, text in sorted(want.items(), key=lambda kv: kv[0][1]):
        if key not in got:
            tally.fn += 1
            if not any(k[1] == key[1] for k in got):
                tally.misses.append(f"line {key[1]}: missed {key[0]} clause «{text}»")
    return tally


def gold_clutter_lines(boilerplate: list[str], source: str) -> set[int]:
    """The source lines that are one of the annotation's boilerplate lines."""
    wanted = {b.strip() for b in boilerplate if b.strip()}
    return {n for n, line in enumerate(source.split("\n"), 1) if line.strip() in wanted}


def score_clutter(gold_lines: set[int], found_lines: set[int], source: str) -> Tally:
    lines = source.split("\n")
    tally = Tally(len(gold_lines & found_lines), len(found_lines - gold_lines), len(gold_lines - found_lines))
    for n in sorted(found_lines - gold_lines):
        tally.misses.append(f"line {n}: document text taken for clutter «{_cut(lines[n - 1])}»")
    for n in sorted(gold_lines - found_lines):
        tally.misses.append(f"line {n}: clutter left in the text «{_cut(lines[n - 1])}»")
    return tally


def _cut(text: str, width: int = 70) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def words_lost(tree: etree._ElementTree, source: str) -> list[str]:
    """Source words missing from the TEI's text (editorial additions do not count)."""
    text_el = tree.getroot().find(t("text"))
    parts: list[str] = []

    def walk(el):
        if not isinstance(el.tag, str) or local(el) in EDITORIAL:
            return
        gap = " " if local(el) in BLOCK_LEVEL else ""
        parts.append(gap + (el.text or ""))
        for child in el:
            walk(child)
            parts.append(child.tail or "")
        parts.append(gap)

    if text_el is not None:
        walk(text_el)
    lost = Counter(words(source)) - Counter(words("".join(parts)))
    return sorted(lost.elements())


def clutter_found(tree: etree._ElementTree) -> set[int]:
    return residue_lines(tree)
