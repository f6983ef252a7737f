"""The errors of a conversion against a reference annotation, as classes an engineer can act on.

Mentions that agree in type and span are right (a different key or date value is a
*wrong value*). The others are grouped by overlap, whatever their types, and each group
is one error:

- **missed**: a reference mention nothing found overlaps;
- **spurious**: a found mention that overlaps no reference mention;
- **split**: one reference mention found as several ("ВДВ России" → "ВДВ" + "России");
- **merged**: several reference mentions found as one;
- **boundary**: one for one, the same type, another extent ("мая 2023 года" for
  "10-го мая 2023 года");
- **wrong type**: one for one, another type (a place where the reference has an organisation).

An error belongs to the reference mention's type (to the found one's for spurious and merged).
"""

from __future__ import annotations

import dataclasses

from toolkit.evaluate.align import context
from toolkit.evaluate.score import Found

KINDS = ("missed", "spurious", "split", "merged", "boundary", "wrong type", "wrong value")


@dataclasses.dataclass(frozen=True)
class EntityError:
    kind: str  # one of KINDS
    type: str  # person | place | org | date
    expected: tuple[Found, ...]  # the reference mentions concerned
    found: tuple[Found, ...]  # the converter's mentions concerned
    context: str  # the source line around the first mention, the mention in [brackets]
    doc: str = ""

    def describe(self) -> str:
        """ "expected org «ВДВ России» (vdv) | found org «ВДВ» (vdv-c), place «России» (russia)"."""
        return f"expected {_side(self.expected)} | found {_side(self.found)}"


def _side(mentions: tuple[Found, ...]) -> str:
    if not mentions:
        return "—"
    return ", ".join(f"{m.type} «{m.text}» ({m.key or '?'})" for m in mentions)


def _groups(gold: list[Found], found: list[Found]) -> list[tuple[list[Found], list[Found]]]:
    """Connected groups of overlapping mentions: (reference, found), in text order."""
    items = [("g", g) for g in gold] + [("f", f) for f in found]
    items.sort(key=lambda it: (it[1].start, it[1].end))
    groups: list[tuple[list[Found], list[Found], int]] = []
    for side, m in items:
        if groups and m.start < groups[-1][2]:  # sorted by start: it overlaps the group's longest
            g, f, end = groups[-1]
            groups[-1] = (g, f, max(end, m.end))
        else:
            groups.append(([], [], m.end))
        (groups[-1][0] if side == "g" else groups[-1][1]).append(m)
    return [(g, f) for g, f, _ in groups]


def _kind(gold: list[Found], found: list[Found]) -> tuple[str, str]:
    """(error kind, the type it belongs to) of one group."""
    if not found:
        return "missed", gold[0].type
    if not gold:
        return "spurious", found[0].type
    if len(gold) == 1 and len(found) == 1:
        return ("boundary" if gold[0].type == found[0].type else "wrong type"), gold[0].type
    if len(found) > len(gold):
        return "split", gold[0].type
    return "merged", found[0].type


def classify(gold: list[Found], found: list[Found], source: str, doc: str = "", same_key=None) -> list[EntityError]:
    """Every difference between the reference and the found mentions of one text;
    `same_key(found key, reference key)` says whether keys agree (default: equal)."""
    same_key = same_key or (lambda a, b: a == b)
    gold_by_span = {(g.type, g.start, g.end): g for g in gold}
    found_by_span = {(f.type, f.start, f.end): f for f in found}
    errors = []
    for span, f in found_by_span.items():
        g = gold_by_span.get(span)
        if g is not None and not same_key(f.key, g.key):
            errors.append(EntityError("wrong value", g.type, (g,), (f,), context(source, g.start, g.end), doc))
    rest_gold = [g for span, g in gold_by_span.items() if span not in found_by_span]
    rest_found = [f for span, f in found_by_span.items() if span not in gold_by_span]
    for g_group, f_group in _groups(rest_gold, rest_found):
        kind, type_ = _kind(g_group, f_group)
        if kind == "spurious":  # one error per spurious mention
            for f in f_group:
                errors.append(EntityError(kind, f.type, (), (f,), context(source, f.start, f.end), doc))
            continue
        first = min((*g_group, *f_group), key=lambda m: m.start)
        last = max(m.end for m in (*g_group, *f_group))
        errors.append(EntityError(kind, type_, tuple(g_group), tuple(f_group), context(source, first.start, last), doc))
    errors.sort(key=lambda e: min(m.start for m in (*e.expected, *e.found)))
    return errors
