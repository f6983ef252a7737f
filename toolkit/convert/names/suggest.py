"""Which reviewed entry a candidate place, organisation or person may be (`tei-edition entities`
suggests it, `entities merge` does it). The converter made a candidate because no name of
the registers matched, yet "Российская Федерация", "Киргизская Республика" or "Республика
Узбекистан" may be an entry the registers have under another name ("Россия", "Киргизия",
"Узбекистан"). A place's words are compared by their first five letters, leaving out the
generic words of a state's or a region's name (республика, федерация, область, регион …);
an abbreviation by the initials of a name ("СНГ"; "РФ" once "Российская Федерация" is a
variant); a person by the forename and the surname's first five letters ("Эмомали
Рахмонов", "Рахмон, Эмомали")."""

from __future__ import annotations

import re

from toolkit.convert.names.gazetteer import STATE_FORMS
from toolkit.convert.names.morph import fold, lemmas
from toolkit.convert.names.persons import name_parts
from toolkit.convert.names.places import ADJECTIVE_HEADS, GENITIVE_HEADS
from toolkit.model.registers import Entry, Registers

GENERIC = STATE_FORMS | ADJECTIVE_HEADS | GENITIVE_HEADS
STEM = 5  # letters: "росси" of Российская and Россия, "кирги" of Киргизская and Киргизия


def likely_entries(registers: Registers, candidate: Entry) -> list[Entry]:
    """The reviewed entries of the candidate's register whose names share a word stem with
    its names (places only: an organisation's names share generic heads, Совет, Комитет),
    or whose name's initials it is ("СНГ", "РФ"); for a person, `_same_person`."""
    if candidate.kind == "person":
        return _same_person(registers, candidate)
    if candidate.kind not in ("place", "org"):
        return []
    mine = _stems(candidate) if candidate.kind == "place" else set()
    found = [
        e
        for e in registers.all(candidate.kind)
        if not e.candidate
        and e.key != candidate.key
        and (mine & _stems(e) or candidate.name in {_initials(n) for n in (e.name, *e.variants)})
    ]
    return sorted(found, key=lambda e: e.key)


def _same_person(registers: Registers, candidate: Entry) -> list[Entry]:
    """Reviewed persons with the candidate's forename whose surname begins as the
    candidate's does ("Эмомали Рахмонов" and "Рахмон, Эмомали": a surname once written
    with the Russian ending, a spelling of one name); without a forename on both sides,
    none."""
    surname, forenames = name_parts(candidate.name)
    if not forenames:
        return []
    found = []
    for e in registers.all("person"):
        if e.candidate or e.key == candidate.key:
            continue
        for name in (e.name, *e.variants):
            their_surname, theirs = name_parts(name)
            if theirs and fold(theirs[0]) == fold(forenames[0]) and _one_stem(surname, their_surname):
                found.append(e)
                break
    return sorted(found, key=lambda e: e.key)


def _one_stem(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return len(a) >= STEM and len(b) >= STEM and a[:STEM] == b[:STEM]


def _initials(name: str) -> str:
    """ "Российская Федерация" → "РФ"; "" for a name of one word."""
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(w[0].upper() for w in words) if len(words) > 1 else ""


def _stems(entry: Entry) -> set[str]:
    out = set()
    for name in (entry.name, *entry.variants):
        for word in re.findall(r"[^\W\d_]+", fold(name)):
            if len(word) >= STEM and not (lemmas(word) & GENERIC):
                out.add(word[:STEM])
    return out
