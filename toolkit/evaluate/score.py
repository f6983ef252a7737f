"""Measure the TEI against a reference annotation (tests/gold format).

A TEI mention is mapped back to source offsets through words: the reading text's words
are the source's words minus residue lines (the lossless guarantee), so the k-th word
of the TEI is a known word of the source. A mention counts as found when type and
source span are exact; keys (entities) and values (dates) are scored on found mentions.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from toolkit.evaluate.align import place
from toolkit.model.registers import KIND_OF_NAME, KINDS
from toolkit.model.tei import local

TYPE_OF = {**KIND_OF_NAME, "date": "date"}
TYPES = (*KINDS, "date")


@dataclasses.dataclass(frozen=True)
class Found:
    type: str
    start: int
    end: int
    key: str  # register key, or the date value ("2019-05-22", "2018/2020")
    text: str
    candidate: bool = False  # a reference mention of an entity the registers do not have


def _value(attrs: dict) -> str:
    if attrs.get("when"):
        return attrs["when"]
    if attrs.get("from") or attrs.get("to"):
        return f"{attrs.get('from', '')}/{attrs.get('to', '')}"
    return f"{attrs.get('notBefore', '')}..{attrs.get('notAfter', '')}"


def tei_mentions(tree: etree._ElementTree, source: str) -> list[Found]:
    """The TEI's persons, places, organisations and dates as source spans."""
    out = []
    for placed in place(tree, source, lambda el: local(el) in TYPE_OF):
        el, start, end = placed.el, placed.start, placed.end
        kind = TYPE_OF[local(el)]
        key = _value(el.attrib) if kind == "date" else el.get("ref", "").partition(":")[2]
        out.append(Found(kind, start, end, key, source[start:end]))
    return out


def gold_mentions(gold: dict) -> list[Found]:
    out = []
    for m in gold["mentions"]:
        key = _value(m) if m["type"] == "date" else m["key"]
        end = m["offset"] + len(m["text"])
        out.append(Found(m["type"], m["offset"], end, key, m["text"], bool(m.get("candidate"))))
    return out


@dataclasses.dataclass
class Tally:
    """Right, found but not expected, expected but not found; and what differed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = dataclasses.field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses


@dataclasses.dataclass
class Score(Tally):
    """A Tally of mentions, and how many of the right ones have the right key (or value)."""

    right_key: int = 0

    @property
    def key_accuracy(self) -> float:
        return self.right_key / self.tp if self.tp else 1.0

    def add(self, other: Score) -> None:
        super().add(other)
        self.right_key += other.right_key


def score(found: list[Found], gold: list[Found], same_key=None) -> dict[str, Score]:
    same_key = same_key or (lambda a, b: a == b)
    scores = {k: Score() for k in TYPES}
    gold_by_span = {(g.type, g.start, g.end): g for g in gold}
    found_by_span = {(f.type, f.start, f.end): f for f in found}
    for span, f in found_by_span.items():
        s = scores[f.type]
        g = gold_by_span.get(span)
        if g is None:
            s.fp += 1
            s.misses.append(f'extra {f.type} "{f.text}" at {f.start}')
        else:
            s.tp += 1
            if same_key(f.key, g.key):
                s.right_key += 1
            else:
                s.misses.append(f'{f.type} "{f.text}": key {f.key} ≠ gold {g.key}')
    for span, g in gold_by_span.items():
        if span not in found_by_span:
            scores[g.type].fn += 1
            scores[g.type].misses.append(f'missed {g.type} "{g.text}" at {g.start}')
    return scores
