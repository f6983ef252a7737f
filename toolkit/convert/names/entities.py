"""Persons, places and organisations in Russian text, linked to the registers.

Mentions come from three sources; where they overlap, the stronger wins:

1. the registers: known places and organisations in any case form (`gazetteer`), also
   where NER misses or mis-types them, and known persons by surname, forename and typo
   (`persons`, `typos`);
2. rules for names NER cannot delimit (`orgs`, `person_mentions`): a body before its
   organisation ("Секретариату" + "ОДКБ"), a capitalised organisation name ("Содружества
   Независимых Государств"), a country inside an organisation's name ("Министерства
   обороны России");
3. natasha's NER (`ner`: Segmenter, NewsEmbedding, NewsNERTagger) for the names the
   registers do not know, cleaned and filtered by the encoding conventions (tests/gold/README.md):
   anaphoric short forms ("Организации", "Совет"), generic plurals ("Совбезов", "МИД
   стран-участниц"), treaties, events and concepts are not mentions.

A document is read whole before anything is decided: a surname alone refers to the
full name met anywhere in it, an abbreviation NER types one way more often than another
keeps one type, and a rarer near-miss spelling of a name is a typo with a correction.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.convert.annotate import Span
from toolkit.convert.names.block import Block, Cand
from toolkit.convert.names.credits import dateline_credit
from toolkit.convert.names.gazetteer import Gazetteer
from toolkit.convert.names.morph import analyzer, cyrillic, fold, grammemes, nominative, parses
from toolkit.convert.names.ner import (
    abbreviation_aliases,
    analyse,
    models,
    ner_places_and_orgs,
    spread_abbreviations,
    vote_abbreviation_kinds,
)
from toolkit.convert.names.orgs import bodies, body_of_another, orgs_with_country, proper_org_phrases, quoted_orgs
from toolkit.convert.names.person_mentions import (
    apposition_cases,
    join_split_names,
    person_cand,
    person_spans,
    surnames_alone,
)
from toolkit.convert.names.persons import People, person_nominative, register_people
from toolkit.convert.names.places import misspelt_places, places_with_heads
from toolkit.model.registers import NAME_OF_KIND, PREFIX_OF_KIND, Registers


@dataclasses.dataclass(frozen=True)
class Mention:
    start: int  # offsets in the block text (Python code points)
    end: int
    kind: str  # "person" | "place" | "org"
    key: str | None  # register key if matched, else None (a new name)
    name: str  # nominative: register canonical name, else the lemmatised surface
    text: str  # the surface string
    corrections: tuple[tuple[int, int, str], ...] = ()  # typo fixes (start, end, corrected)


class EntityFinder:
    """Finds and links entity mentions; build once per register state, reuse per document."""

    def __init__(self, registers: Registers):
        models()
        analyzer()
        self.gazetteer = Gazetteer(registers)
        self.people = register_people(registers)

    def find_document(self, blocks: list[str]) -> list[list[Mention]]:
        """Mentions of each block of one document, flat and non-overlapping, in order.
        Document-level context is shared across blocks."""
        analysed = [analyse(b, self.gazetteer) for b in blocks]
        vote_abbreviation_kinds(analysed)
        spread_abbreviations(analysed)
        aliases = abbreviation_aliases(analysed)
        people = People(self.people)
        persons = [person_spans(blk) for blk in analysed]
        for blk, spans in zip(analysed, persons):  # learn every full name first
            for first, last in spans:
                words = blk.words(first, last)
                if len(words) >= 2 and not people.resolve(words, register_only=True):
                    people.learn(words, person_nominative([w.text for w in words], apposition_cases(blk.toks, first)))
        people.settle()
        result = []
        for blk, spans in zip(analysed, persons):
            cands = [_register_cand(blk, m) for m in blk.gaz]
            cands += bodies(blk) + proper_org_phrases(blk) + orgs_with_country(blk) + quoted_orgs(blk)
            cands += [person_cand(blk, first, last, people) for first, last in spans]
            cands += ner_places_and_orgs(blk, aliases) + places_with_heads(blk)
            cands += misspelt_places(blk, self.gazetteer.place_forms)
            credits, not_mentions = dateline_credit(blk)
            cands = [c for c in cands if not_mentions.isdisjoint(range(c.first, c.last + 1))] + credits
            cands += surnames_alone(blk, cands, people)
            result.append([_mention(blk, c) for c in join_split_names(blk, _flatten(cands), people)])
        return result


def _register_cand(blk: Block, m) -> Cand:
    """A register match; a body of another organisation than the one named after it is a
    new name, not that entry ("Совет министров иностранных дел" of the CIS, not the CSTO's)."""
    if m.entry.kind == "org" and body_of_another(blk, m.first, m.last, m.entry.part_of):
        return Cand(m.first, m.last, "org", 2, None, nominative(blk.toks[m.first : m.last + 1]))
    return Cand(m.first, m.last, m.entry.kind, 3, m.entry.key, m.entry.name)


def _mention(blk: Block, c: Cand) -> Mention:
    start, end = blk.toks[c.first].start, blk.toks[c.last].end
    # a word typed with Latin twins of its letters ("ШОC") is corrected, as a typo is
    fixed = {s for s, _, _ in c.corrections}
    fixes = tuple(
        (t.start, t.end, cyrillic(t.text))
        for t in blk.toks[c.first : c.last + 1]
        if t.start not in fixed and cyrillic(t.text) != t.text
    )
    return Mention(start, end, c.kind, c.key, c.name, blk.text[start:end], c.corrections + fixes)


def _flatten(cands: list[Cand]) -> list[Cand]:
    """Strongest first, then longest; keep what does not overlap; in text order."""
    kept: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-c.rank, -(c.last - c.first), c.first)):
        if all(c.last < k.first or c.first > k.last for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.first)


def candidate_key(kind: str, name: str) -> str:
    """A stable register key for a new name: Latin transliteration (iuliia, Wikipedia
    scheme), lower case, hyphenated; for persons the surname only ("Иванов Пётр" → "ivanov")."""
    import iuliia

    if kind == "person":
        name = _surname_of(name)
    key = re.sub(r"[^a-z0-9]+", "-", iuliia.WIKIPEDIA.translate(name).lower()).strip("-")
    return key if key[:1].isalpha() else f"{PREFIX_OF_KIND[kind]}-{key}".strip("-")


def _surname_of(name: str) -> str:
    """ "Токаев, Касым-Жомарт" → Токаев; else the last word that is not a forename or patronymic."""
    if "," in name:
        return name.partition(",")[0].strip()
    words = [w for w in name.split() if not re.fullmatch(r"\w\.?", w)] or [name]
    if len(words) > 1 and _reads_as(words[0], "Surn") and _reads_as(words[-1], "Name", "Patr"):
        return words[0]  # "Иванов Пётр"
    return words[-1]


def _reads_as(word: str, *names: str) -> bool:
    """Can `word` be a nominative singular name part of these kinds (Name, Surn, Patr)?"""
    return any(
        set(names) & grammemes(p) and p.tag.case == "nomn" and "sing" in p.tag
        for p in parses(fold(word))
        if p.score >= 0.1
    )


def to_span(m: Mention, key: str) -> Span:
    """The TEI span of a mention: persName/placeName/orgName with @ref="per:KEY"."""
    return Span(m.start, m.end, NAME_OF_KIND[m.kind], (("ref", f"{PREFIX_OF_KIND[m.kind]}:{key}"),), m.text)
