"""Persons: a personal name in parts, the register's persons, the persons one document
names, and which of them a mention refers to (by surname in any case form, checked against
the forename the text gives; a near-miss spelling after a matching forename is a typo).
`person_nominative` gives the normal form a candidate register entry is named by.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.convert.names.morph import Token, fold, grammemes, name_forms_match, parses, restore_case, same_stem
from toolkit.convert.names.typos import near_miss
from toolkit.model.registers import Entry, Registers


@dataclasses.dataclass
class PersonName:
    """A person's name in parts; `display` is Mention.name, `entry` None for names met
    only in the text, `typo_of` set when this spelling is a near miss of another's."""

    surname: str
    forenames: tuple[str, ...]
    display: str
    entry: Entry | None = None
    count: int = 1
    typo_of: PersonName | None = None
    forms: set[str] = dataclasses.field(default_factory=set)  # the surname as the text wrote it

    @property
    def key(self) -> str | None:
        return self.entry.key if self.entry else None

    def fits_forename(self, word: str) -> bool:
        """Is `word` this person's forename or patronymic (any case) or its initial?"""
        if len(word) == 1:
            return any(n[:1] == word for n in self.forenames)
        return any(name_forms_match(word, n) for n in self.forenames)

    def names(self, words: list[Token]) -> bool:
        """Do these words name this person: the surname in some case, the rest forenames?"""
        sur = [w for w in words if name_forms_match(w.text, self.surname)]
        return bool(sur) and all(self.fits_forename(w.text) for w in words if w not in sur)

    def misspelt_in(self, words: list[Token]) -> tuple[int, int, str] | None:
        """(start, end, corrected) if the words give this person's forename and a near miss of the surname."""
        if len(words) < 2 or not any(self.fits_forename(w.text) for w in words):
            return None
        for w in words:
            fixed = None if self.fits_forename(w.text) else near_miss(w.text, self.surname)
            if fixed:
                return (w.start, w.end, fixed)
        return None


def register_people(registers: Registers) -> list[PersonName]:
    """Register persons, "Токаев, Касым-Жомарт Кемелевич" split into surname and forenames;
    each variant name too ("Эмомали Рахмонов" beside "Рахмон, Эмомали", as an editor or
    `entities merge` records it), so a mention of any of them is that entry."""
    out = []
    for e in registers.all("person"):
        for name in (e.name, *e.variants):
            surname, forenames = name_parts(name)
            if surname:
                out.append(PersonName(surname, forenames, e.name, e))
    return out


def name_parts(name: str) -> tuple[str, tuple[str, ...]]:
    """(surname, forenames) of a register name: "Токаев, Касым-Жомарт Кемелевич" (surname
    first, before a comma) or "Эмомали Рахмонов" (reading order)."""
    if "," in name:
        surname, _, rest = name.partition(",")
        return surname.strip(), tuple(rest.split())
    *forenames, surname = name.split() or [""]
    return surname.strip(), tuple(forenames)


class People:
    """The persons of one document: the register's, and those its text names in full.

    `learn` every full name of the document first, then `settle` (a rarer near-miss
    spelling of a name with the same forename is a typo of the commoner), then `resolve`."""

    def __init__(self, register: list[PersonName]):
        self.register = register
        self.found: list[PersonName] = []

    def learn(self, words: list[Token], nominative: list[str]) -> None:
        for p in self.found:
            if p.names(words):
                p.count += 1
                p.forms.add(words[-1].text)
                return
        self.found.append(
            PersonName(nominative[-1], tuple(nominative[:-1]), " ".join(nominative), forms={words[-1].text})
        )

    def settle(self) -> None:
        for a in self.found:
            for b in self.found:
                if a is not b and b.count < a.count and any(a.fits_forename(f) for f in b.forenames):
                    if near_miss(b.surname, a.surname):
                        b.typo_of = a

    def resolve(self, words: list[Token], register_only: bool = False):
        """(person, corrections) for the words of a name, or None if nobody known."""
        pools = [self.register] if register_only else [self.register, [p for p in self.found if not p.typo_of]]
        for pool in pools:
            for p in pool:
                if p.names(words):
                    return p, ()
            for p in pool:
                fix = p.misspelt_in(words)
                if fix:
                    return p, (fix,)
        return None

    def by_surname(self, tok: Token) -> PersonName | None:
        """The known person whose surname this lone word is ("Лаврова", "Токаеву")."""
        for p in [*self.register, *self.found]:
            if not p.typo_of and name_forms_match(tok.text, p.surname):
                return p
        for p in self.found:  # a surname whose nominative the full name did not settle ("Зася" → "Зась")
            if not p.typo_of and any(same_stem(tok.text, form) for form in p.forms):
                return p
        return None


def person_nominative(words: list[str], cases: frozenset[str] = frozenset()) -> list[str]:
    """A personal name in the nominative: "Сергеем Лебедевым" → ["Сергей", "Лебедев"].

    The case and gender are those most of the words can have as parts of a name, among
    `cases` if the name stands in apposition to a title in one of them (person_mentions.
    apposition_cases: "министра … Э. Петрова" is a man's genitive, not a woman's nominative)."""
    votes: dict[tuple[str, str], int] = {}
    for as_names in (True, False):  # readings as names; failing those, as any noun
        for w in words:
            seen: dict[tuple[str, str], float] = {}
            for p in parses(fold(w)):
                if p.tag.POS != "NOUN" or "sing" not in p.tag or "Fixd" in p.tag:
                    continue  # an indeclinable word tells nothing of the case
                if not as_names or {"Name", "Surn", "Patr"} & grammemes(p):
                    for g in (p.tag.gender,) if p.tag.gender else ("masc", "femn"):
                        seen[(p.tag.case, g)] = max(seen.get((p.tag.case, g), 0.0), p.score)
            for k, weight in seen.items():  # each word votes for its readings, as likely as pymorphy finds them
                votes[k] = votes.get(k, 0) + 1 + weight
        if votes:
            break
    if cases and any(k[0] in cases for k in votes):
        votes = {k: v for k, v in votes.items() if k[0] in cases}
    if not votes:
        return list(words)
    case, gender = max(votes, key=lambda k: (votes[k], k[0] == "nomn", k[1] == "masc"))
    if case == "nomn":
        return list(words)
    return [_name_word_nominative(w, case, gender) for w in words]


def _name_word_nominative(word: str, case: str, gender: str) -> str:
    for p in parses(fold(word)):
        if {"Name", "Surn", "Patr"} & grammemes(p) and p.tag.case == case and "sing" in p.tag:
            if p.tag.gender in (gender, None):
                form = p.inflect({"nomn"})
                if form:
                    return restore_case(form.word, word)
    return _strip_name_ending(word, case, gender)


def _strip_name_ending(word: str, case: str, gender: str) -> str:
    """Declension rules for names pymorphy3 does not know: strip the case ending."""
    if gender == "femn":
        m = re.match(r"(.*(?:ов|ев|ёв|ин|ын))(?:ой|у)$", word)
        return m.group(1) + "а" if m else word
    if case in ("gent", "accs", "ablt") and re.search(r"[бвгджзклмнпрстфхцчшщ](?:ы|и|ой|ей)$", fold(word)):
        # a man's name declined like "Бордюжа": Бордюжи, Бордюжой (a man's accusative is his genitive)
        wanted = "ablt" if case == "ablt" else "gent"
        for p in parses(fold(word)):
            if p.tag.POS == "NOUN" and p.tag.case == wanted and "sing" in p.tag and p.normal_form[-1:] in "ая":
                return restore_case(p.normal_form, word)
        return word
    for pattern, add in (
        (r"(.*(?:ов|ев|ёв|ин|ын))(?:а|у|ым|е)$", ""),  # Лаврова → Лавров
        (r"(.*[бвгджзклмнпрстфхцчшщ])(?:а|у|ом|е)$", ""),  # Пашиняна → Пашинян
        (r"(.*[аеиоуяэ])(?:я|ю|ем|е)$", "й"),  # Сооронбая → Сооронбай
    ):
        m = re.match(pattern, word)
        if m:
            return m.group(1) + add
    return word
