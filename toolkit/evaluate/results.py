"""A set of converted texts measured against their reference annotation: pure functions
from (annotation, source, TEI) to figures and error classes.

    texts = io.project.read_evaluation_set(gold_dir, tei_dir, source_dirs)   # the edge reads
    results = evaluate_texts(texts, label="real")                              # pure
    print(report(results))                                # toolkit.evaluate.report
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from lxml import etree

from toolkit.evaluate.errors import EntityError, classify
from toolkit.evaluate.score import TYPES, Found, Score, Tally, gold_mentions, score, tei_mentions
from toolkit.evaluate.structure import (
    clutter_found,
    gold_clutter_lines,
    score_clauses,
    score_clutter,
    tei_clauses,
    tei_document_date,
    tei_document_place,
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
    doc_date: tuple[str | None, str | None] = (None, None)  # the document's own date: (expected, found)
    doc_place: tuple[str | None, str | None] = (None, None)  # its place's key: (expected, found)


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
    def genre_accuracy(self) -> float:
        right, total = self.right("genre")
        return right / total if total else 1.0

    def right(self, field: str) -> tuple[int, int]:
        """(right, annotated) of a per-document fact: "genre", "doc_date" or "doc_place"."""
        pairs = [getattr(d, field) for d in self.docs if getattr(d, field)[0] is not None]
        return sum(1 for expected, found in pairs if expected == found), len(pairs)

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


def candidate_keys(pairs: list[tuple[Found, Found]]) -> dict[str, str]:
    """Reference key → found key for entities the registers do not have. Their keys are
    each side's own coinage, so what counts is that one entity gets one key: the key most
    of its mentions got, unless another entity has more mentions under that key."""
    votes: dict[str, Counter] = {}
    for g, f in pairs:
        if g.candidate and g.type != "date":
            votes.setdefault(g.key, Counter())[f.key] += 1
    best = {gkey: c.most_common(1)[0] for gkey, c in votes.items()}
    owner: dict[str, tuple[int, str]] = {}
    for gkey, (fkey, n) in best.items():
        if fkey not in owner or n > owner[fkey][0]:
            owner[fkey] = (n, gkey)
    return {gkey: fkey for gkey, (fkey, _) in best.items() if owner[fkey][1] == gkey}


def _matched(text: Text) -> tuple[list[Found], list[Found], list[tuple[Found, Found]]]:
    expected = gold_mentions(text.gold)
    found = tei_mentions(text.tree, text.source)
    by_span = {(g.type, g.start, g.end): g for g in expected}
    pairs = [(by_span[(f.type, f.start, f.end)], f) for f in found if (f.type, f.start, f.end) in by_span]
    return expected, found, pairs


def evaluate_text(text: Text, matched, mapping: dict[str, str]) -> DocResult:
    """One text's figures from its mentions as `_matched` pairs them; `mapping` (see
    candidate_keys) says which found key is right for a reference key of an entity the
    registers do not have."""
    gold, source, tree = text.gold, text.source, text.tree
    expected, found, _pairs = matched

    def same_key(fkey: str, gkey: str) -> bool:
        return fkey == gkey or mapping.get(gkey) == fkey

    clutter = score_clutter(gold_clutter_lines(gold.get("boilerplate", []), source), clutter_found(tree), source)
    return DocResult(
        name=text.name,
        entities=score(found, expected, same_key),
        errors=classify(expected, found, source, text.name, same_key),
        genre=(gold.get("genre"), tei_genre(tree)),
        clauses=score_clauses(gold.get("clauses", []), tei_clauses(tree, source)),
        clutter=clutter,
        lost=words_lost(tree, source),
        doc_date=(gold.get("doc_date"), tei_document_date(tree)),
        doc_place=(
            gold.get("doc_place_key"),
            _place_key(tei_document_place(tree), gold.get("doc_place_key"), same_key),
        ),
    )


def _place_key(found: str | None, expected: str | None, same_key) -> str | None:
    """The found place's key, as the reference's when the two name one entity."""
    return expected if found is not None and expected is not None and same_key(found, expected) else found


def evaluate_texts(texts: list[Text], label: str = "") -> Results:
    """Every text's figures; keys of new names are judged over the whole set (a converter
    gives one name one key in all the files it converts together)."""
    matched = [_matched(text) for text in texts]
    mapping = candidate_keys([pair for m in matched for pair in m[2]])
    return Results(label, [evaluate_text(text, m, mapping) for text, m in zip(texts, matched)])
