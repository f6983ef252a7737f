"""A set of converted texts measured against their reference annotation: pure functions
from (annotation, source, TEI) to figures and error classes.

    texts = collect(gold_dir, tei_dir, source_dir)       # reads the files
    results = evaluate_texts(texts, label="real")         # pure
    print(report(results))                                # toolkit.evaluate.report
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from lxml import etree

from toolkit.evaluate.errors import EntityError, classify
from toolkit.evaluate.score import TYPES, Score, gold_mentions, score, tei_mentions
from toolkit.evaluate.structure import (
    Tally,
    clutter_found,
    gold_clutter_lines,
    score_clauses,
    score_clutter,
    tei_clauses,
    tei_genre,
    words_lost,
)


@dataclasses.dataclass(frozen=True)
class Text:
    """One converted text with its reference annotation (tests/gold format)."""

    name: str
    gold: dict
    source: str
    tree: etree._ElementTree


@dataclasses.dataclass
class DocResult:
    name: str
    entities: dict[str, Score]
    errors: list[EntityError]
    genre: tuple[str | None, str | None]  # (expected, found)
    clauses: Tally
    clutter: Tally
    lost: list[str]  # source words the TEI does not have


@dataclasses.dataclass
class Results:
    label: str
    docs: list[DocResult]

    @property
    def entities(self) -> dict[str, Score]:
        overall = {k: Score() for k in TYPES}
        for doc in self.docs:
            for kind, s in doc.entities.items():
                overall[kind].add(s)
        return overall

    @property
    def errors(self) -> list[EntityError]:
        return [e for doc in self.docs for e in doc.errors]

    @property
    def genre_right(self) -> int:
        return sum(1 for d in self.docs if d.genre[0] is not None and d.genre[0] == d.genre[1])

    @property
    def genre_total(self) -> int:
        return sum(1 for d in self.docs if d.genre[0] is not None)

    @property
    def genre_accuracy(self) -> float:
        return self.genre_right / self.genre_total if self.genre_total else 1.0

    @property
    def clauses(self) -> Tally:
        return _sum(d.clauses for d in self.docs)

    @property
    def clutter(self) -> Tally:
        return _sum(d.clutter for d in self.docs)

    @property
    def words_lost(self) -> int:
        return sum(len(d.lost) for d in self.docs)


def _sum(tallies) -> Tally:
    total = Tally()
    for tally in tallies:
        total.add(dataclasses.replace(tally, misses=list(tally.misses)))
    return total


def evaluate_text(text: Text) -> DocResult:
    gold, source, tree = text.gold, text.source, text.tree
    expected = gold_mentions(gold)
    found = tei_mentions(tree, source)
    clutter = score_clutter(gold_clutter_lines(gold.get("boilerplate", []), source), clutter_found(tree), source)
    return DocResult(
        name=text.name,
        entities=score(found, expected),
        errors=classify(expected, found, source, text.name),
        genre=(gold.get("genre"), tei_genre(tree)),
        clauses=score_clauses(gold.get("clauses", []), tei_clauses(tree, source)),
        clutter=clutter,
        lost=words_lost(tree, source),
    )


def evaluate_texts(texts: list[Text], label: str = "") -> Results:
    return Results(label, [evaluate_text(text) for text in texts])


def collect(gold_dir: Path, tei_dir: Path, source_dir: Path | None = None) -> list[Text]:
    """The annotated texts of `gold_dir` (*.json with "mentions") that have a TEI file in
    `tei_dir` and a source in `source_dir` (default: beside the annotation), by name."""
    source_dir = source_dir or gold_dir
    texts = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if not isinstance(gold, dict) or "mentions" not in gold:
            continue
        stem = Path(gold.get("seed", gold_file.stem + ".txt")).stem
        tei_file, source_file = tei_dir / f"{stem}.xml", source_dir / f"{stem}.txt"
        if tei_file.exists() and source_file.exists():
            tree = etree.parse(str(tei_file))
            texts.append(Text(stem, gold, source_file.read_text(encoding="utf-8"), tree))
    return texts
