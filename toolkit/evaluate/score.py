"""Measure the TEI against a reference annotation (tests/gold format).

A TEI mention is mapped back to source offsets through words: the reading text's words
are the source's words minus residue lines (the lossless guarantee), so the k-th word
of the TEI is a known word of the source. A mention counts as found when type and
source span are exact; keys (entities) and values (dates) are scored on found mentions.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from pathlib import Path

from lxml import etree

from toolkit.convert.lossless import BLOCK_LEVEL, EDITORIAL, WORD
from toolkit.model.registers import KIND_OF_NAME, KINDS
from toolkit.model.tei import local, t

TYPE_OF = {**KIND_OF_NAME, "date": "date"}
TYPES = (*KINDS, "date")


@dataclasses.dataclass(frozen=True)
class Found:
    type: str
    start: int
    end: int
    key: str  # register key, or the date value ("2019-05-22", "2018/2020")
    text: str


def _value(attrs: dict) -> str:
    if attrs.get("when"):
        return attrs["when"]
    if attrs.get("from") or attrs.get("to"):
        return f"{attrs.get('from', '')}/{attrs.get('to', '')}"
    return f"{attrs.get('notBefore', '')}..{attrs.get('notAfter', '')}"


def tei_mentions(tree: etree._ElementTree, source: str) -> list[Found]:
    text_el = tree.getroot().find(t("text"))
    residue = set()
    for div in text_el.iter(t("div")):
        if div.get("type") == "residue":
            residue |= {int(p.get("n")) for p in div if p.get("n", "").isdigit()}
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
        if name in TYPE_OF:
            spans.append((el, start, pos))
        if name in BLOCK_LEVEL:
            put(" ")

    walk(text_el)
    joined = "".join(stream)
    tei_words = [(m.start(), m.end()) for m in WORD.finditer(joined)]
    src_words = []
    for lineno, line_match in enumerate(re.finditer(r"[^\n]*\n?", source), 1):
        if lineno in residue:
            continue
        base = line_match.start()
        src_words.extend((base + m.start(), base + m.end()) for m in WORD.finditer(line_match.group()))
    out = []
    for el, s, e in spans:
        idx = [i for i, (ws, we) in enumerate(tei_words) if ws < e and we > s]
        if not idx or idx[-1] >= len(src_words):
            continue
        start, end = src_words[idx[0]][0], src_words[idx[-1]][1]
        # punctuation at the mention's edges ("г.", "«Жусан»") is part of its span
        surface = joined[s:e]
        lead = tei_words[idx[0]][0] - s
        trail = e - tei_words[idx[-1]][1]
        if lead > 0 and source[start - lead : start] == surface[:lead]:
            start -= lead
        if trail > 0 and source[end : end + trail] == surface[len(surface) - trail :]:
            end += trail
        kind = TYPE_OF[local(el)]
        key = _value(el.attrib) if kind == "date" else el.get("ref", "").partition(":")[2]
        out.append(Found(kind, start, end, key, source[start:end]))
    return out


def gold_mentions(gold: dict) -> list[Found]:
    out = []
    for m in gold["mentions"]:
        key = _value(m) if m["type"] == "date" else m["key"]
        out.append(Found(m["type"], m["offset"], m["offset"] + len(m["text"]), key, m["text"]))
    return out


@dataclasses.dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right_key: int = 0
    misses: list[str] = dataclasses.field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def key_accuracy(self) -> float:
        return self.right_key / self.tp if self.tp else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.right_key += other.right_key
        self.misses += other.misses


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


def evaluate_dir(gold_dir: Path, tei_dir: Path, source_dir: Path) -> dict[str, dict[str, Score]]:
    """Per document (gold file stem) and "overall": type → Score."""
    results: dict[str, dict[str, Score]] = {}
    overall = defaultdict(Score)
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if "mentions" not in gold:
            continue
        stem = Path(gold.get("seed", gold_file.stem + ".txt")).stem
        tei_file = tei_dir / f"{stem}.xml"
        source_file = source_dir / f"{stem}.txt"
        if not tei_file.exists() or not source_file.exists():
            continue
        source = source_file.read_text(encoding="utf-8")
        found = tei_mentions(etree.parse(str(tei_file)), source)
        scores = score(found, gold_mentions(gold))
        results[stem] = scores
        for k, s in scores.items():
            overall[k].add(s)
    results["overall"] = dict(overall)
    return results


def report(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'document':28} {'type':7} {'P':>6} {'R':>6} {'key/value':>9}  (tp fp fn)"]
    for doc, scores in results.items():
        for kind in TYPES:
            s = scores.get(kind)
            if s is None or (s.tp + s.fp + s.fn) == 0:
                continue
            lines.append(
                f"{doc:28} {kind:7} {s.precision:6.3f} {s.recall:6.3f} {s.key_accuracy:9.3f}  ({s.tp} {s.fp} {s.fn})"
            )
    return "\n".join(lines)
