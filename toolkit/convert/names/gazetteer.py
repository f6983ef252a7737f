"""Names in Russian text: the registers as a gazetteer, persons, nominative forms.

The registers (`tei/registers/*.xml`) give every entity a canonical name, variants and
abbreviations. Russian inflects names ("Организации Объединённых Наций", "Постоянным
советом", "Токаеву"), so names are matched over *lemmatised* tokens: a text token
matches a name word when their pymorphy3 normal forms meet; abbreviations match their
exact surface. Persons are matched by surname in any case form, checked against the
forename when the text gives one; a near-miss spelling after a matching forename is a
typo (`near_miss`). For names the registers do not know, `nominative` and
`person_nominative` give the normal form a candidate register entry is named by.

Everything here is driven by the registers and by morphology, never by a source text.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from razdel import tokenize

from toolkit.convert.names.morph import is_known, parses
from toolkit.model.registers import Entry, Registers

# Words that turn a country name into the state's official form: "Республика Беларусь".
STATE_FORMS = frozenset({"республика", "королевство", "княжество", "султанат", "эмират", "федерация"})
# Prepositions left dangling when a body's name is cut before its parent's name.
_DANGLING = frozenset({"при", "в", "по", "для"})
# Case endings of personal names after the stem, for matching inflected forms.
NAME_ENDINGS = (
    "ыми",
    "ими",
    "ого",
    "ему",
    "ому",
    "его",
    "ой",
    "ою",
    "ей",
    "ую",
    "ым",
    "им",
    "ом",
    "ем",
    "ых",
    "их",
    "а",
    "я",
    "у",
    "ю",
    "е",
    "и",
    "ы",
    "",
)
_INDECLINABLE_END = "оеиуыэ"


# ---------------------------------------------------------------- words


def fold(word: str) -> str:
    """Case- and ё-insensitive comparison form."""
    return word.lower().replace("ё", "е")


def grammemes(parse) -> set[str]:
    return set(str(parse.tag).replace(" ", ",").split(","))


@functools.lru_cache(maxsize=50_000)
def lemmas(word: str) -> frozenset[str]:
    """All normal forms pymorphy3 proposes for `word`, plus the word itself (folded)."""
    w = fold(word)
    return frozenset({w, *(fold(p.normal_form) for p in parses(w))})


@functools.lru_cache(maxsize=20_000)
def is_abbreviation(word: str) -> bool:
    """ "ОДКБ", "МИД", "КР", "ТАСС": two or more letters, all capitals, and not an
    ordinary word set in capitals ("ЗАЯВЛЕНИЕ", "АСТАНА" in a heading)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    w = fold(word)
    return not (is_known(w) and not any({"Abbr", "Orgn"} & grammemes(p) for p in parses(w)))


def pos(word: str) -> set[str]:
    """Parts of speech of the likelier readings."""
    return {p.tag.POS for p in parses(fold(word))[:3] if p.score >= 0.05}


def tagged(word: str, *names: str) -> bool:
    return any(set(names) & grammemes(p) for p in parses(fold(word))[:4])


def is_common_noun(word: str) -> bool:
    """A dictionary word, not a proper name: "Организации", "Совет", "Наблюдателя"."""
    if is_abbreviation(word) or not is_known(fold(word)):
        return False
    return not tagged(word, "Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")


def can_be_genitive(word: str) -> bool:
    return is_abbreviation(word) or any("gent" in p.tag for p in parses(fold(word)))


def agreeing_adjective(word: str, head):
    """The reading of `word` as an adjective agreeing with the noun reading `head`."""
    adjs = [p for p in parses(fold(word)) if p.tag.POS in ("ADJF", "PRTF")]
    if head is None:
        return adjs[0] if adjs else None
    for p in adjs:
        if p.tag.case == head.tag.case and p.tag.number == head.tag.number:
            if head.tag.number == "plur" or p.tag.gender == head.tag.gender:
                return p
    return None


def agrees(adjective: str, noun: str) -> bool:
    """Can `adjective` be an attribute of `noun` (case, number, gender in the singular)?"""
    return any(agreeing_adjective(adjective, p) is not None for p in parses(fold(noun)) if p.tag.POS == "NOUN")


@dataclasses.dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lemmas(self) -> frozenset[str]:
        return lemmas(self.text)

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def abbr(self) -> bool:
        return is_abbreviation(self.text)

    @property
    def word(self) -> bool:
        return any(c.isalpha() for c in self.text)


# ---------------------------------------------------------------- places and organisations


@dataclasses.dataclass(frozen=True)
class NameWord:
    """One word of a register name: an exact abbreviation or a lemma set (+ capitalisation)."""

    surface: str
    abbr: bool
    cap: bool
    lemmas: frozenset[str]

    @classmethod
    def of(cls, word: str) -> NameWord:
        return cls(word, is_abbreviation(word), word[:1].isupper(), lemmas(word))

    def matches(self, tok: Token) -> bool:
        if self.abbr:
            return tok.text == self.surface
        if self.cap and not tok.cap:
            return False
        if not tok.word:
            return fold(tok.text) == fold(self.surface)
        return bool(self.lemmas & tok.lemmas)


@dataclasses.dataclass(frozen=True)
class Match:
    """Tokens [first, last] of a block matched to a register entry."""

    first: int
    last: int
    entry: Entry


def _name_words(name: str) -> tuple[NameWord, ...]:
    return tuple(NameWord.of(t.text) for t in tokenize(name))


def _starts_with_name(words: list[str], name: tuple[NameWord, ...]) -> bool:
    return len(words) >= len(name) and all(nw.matches(Token(w, 0, len(w))) for w, nw in zip(words, name))


def body_names(entry: Entry, parent: Entry | None) -> list[str]:
    """Names of a body without its parent organisation's name.

    "Совет министров обороны Организации Договора о коллективной безопасности" →
    "Совет министров обороны": a body and the organisation after it are two mentions,
    so the long form is never matched as one."""
    if parent is None:
        return entry.all_names
    parent_names = [_name_words(n) for n in parent.all_names]
    out: list[str] = []
    for name in entry.all_names:
        words = [t.text for t in tokenize(name)]
        cut = next((i for i in range(1, len(words)) for pn in parent_names if _starts_with_name(words[i:], pn)), None)
        if cut is not None:
            words = words[:cut]
            while words and words[-1].lower() in _DANGLING:
                words.pop()
        short = " ".join(words)
        if short and short not in out:
            out.append(short)
    return out


class Gazetteer:
    """Places and organisations of the registers, matched over lemmatised tokens."""

    def __init__(self, registers: Registers):
        self.names: dict[str, list[tuple[tuple[NameWord, ...], Entry]]] = {}
        for kind in ("place", "org"):
            for entry in registers.all(kind):
                parent = registers.entries["org"].get(entry.part_of) if entry.part_of else None
                for name in body_names(entry, parent):
                    words = _name_words(name) if "," not in name else ()
                    keys = ({words[0].surface} if words[0].abbr else words[0].lemmas) if words else ()
                    for k in keys:
                        self.names.setdefault(k, []).append((words, entry))
        # Names that open with a lower-case word are rare; without any, only capitalised
        # tokens can start a match (and only they need a morphological analysis).
        self.any_lower_start = any(not ws[0].cap for cands in self.names.values() for ws, _ in cands)

    def _candidates(self, tok: Token):
        seen: set[int] = set()
        for k in (tok.text, *tok.lemmas):
            for cand in self.names.get(k, ()):
                if id(cand) not in seen:
                    seen.add(id(cand))
                    yield cand

    def match(self, toks: list[Token]) -> list[Match]:
        """Longest register names, left to right, non-overlapping."""
        out: list[Match] = []
        i = 0
        while i < len(toks):
            if not (toks[i].cap or self.any_lower_start):
                i += 1
                continue
            best: tuple[int, Entry] | None = None
            for words, entry in self._candidates(toks[i]):
                n = len(words)
                if i + n <= len(toks) and all(w.matches(toks[i + k]) for k, w in enumerate(words)):
                    if best is None or n > best[0]:
                        best = (n, entry)
            if best:
                n, entry = best
                out.append(Match(_state_form_start(toks, i, entry), i + n - 1, entry))
                i += n
            else:
                i += 1
        return out


def _state_form_start(toks: list[Token], i: int, entry: Entry) -> int:
    """Extend a country back over its official state form: "Республики Беларусь",
    "Исламской Республике Афганистан" name the country itself."""
    if entry.kind != "place" or entry.subtype != "country":
        return i
    j = i - 1
    if j < 0 or not toks[j].cap or not (toks[j].lemmas & STATE_FORMS):
        return i
    while j - 1 >= 0 and toks[j - 1].cap and agrees(toks[j - 1].text, toks[j].text):
        j -= 1
    return j


# ---------------------------------------------------------------- persons


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
    """Register persons, "Токаев, Касым-Жомарт Кемелевич" split into surname and forenames."""
    out = []
    for e in registers.all("person"):
        if "," in e.name:
            surname, _, rest = e.name.partition(",")
        else:
            *rest_words, surname = e.name.split() or [""]
            rest = " ".join(rest_words)
        if surname.strip():
            out.append(PersonName(surname.strip(), tuple(rest.split()), e.name, e))
    return out


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
                return
        self.found.append(PersonName(nominative[-1], tuple(nominative[:-1]), " ".join(nominative)))

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
        return None


def name_forms_match(word: str, name: str) -> bool:
    """Is `word` an inflected form of the personal name `name`?

    Токаеву/Токаев, Жээнбекова/Жээнбеков, Сооронбая/Сооронбай, Пашиняном/Пашинян;
    names ending in о, е, и, у, ы, э do not decline (Лукашенко)."""
    w, n = fold(word), fold(name)
    if w == n:
        return True
    if not n or n[-1] in _INDECLINABLE_END:
        return False
    stem = n[:-1] if n[-1] in "аяйь" else n
    return len(stem) >= 2 and w.startswith(stem) and w[len(stem) :] in NAME_ENDINGS


def damerau(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and adjacent transpositions)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def inflected_forms(name: str) -> list[str]:
    """The name and its plausible case forms (to choose a typo's correction from)."""
    if not name or fold(name)[-1] in _INDECLINABLE_END:
        return [name]
    stem = name[:-1] if fold(name)[-1] in "аяйь" else name
    return [name] + [stem + e for e in NAME_ENDINGS if e and stem + e != name]


def near_miss(word: str, name: str) -> str | None:
    """The corrected form if `word` misspells (a case form of) `name`: at most two edits
    or transpositions, the length within one letter; an exact form is no miss."""
    if len(word) < 4 or name_forms_match(word, name):
        return None
    best: tuple[int, str] | None = None
    for form in inflected_forms(name):
        if abs(len(form) - len(word)) <= 1:
            dist = damerau(fold(word), fold(form))
            if dist <= 2 and (best is None or dist < best[0]):
                best = (dist, form)
    return best[1] if best else None


# ---------------------------------------------------------------- nominative forms


def restore_case(form: str, original: str) -> str:
    """Give a dictionary form the capitals of the word it came from (a heading's
    "АСТАНА" gives "Астана"; an abbreviation stays in capitals; no ё the source lacked)."""
    if original.isupper() and len(original) > 1:
        if is_abbreviation(original):
            return form.upper()
        original = original.title()
    parts = form.split("-")
    originals = original.split("-") + [""] * len(parts)
    out = "-".join(p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, originals))
    return out if "ё" in original.lower() else out.replace("ё", "е").replace("Ё", "Е")


def head_index(toks: list[Token]) -> int:
    """The head of a name: the first token that is not a leading adjective."""
    for i, t in enumerate(toks):
        if t.abbr or i == len(toks) - 1:
            return i
        if not (pos(t.text) & {"ADJF", "PRTF"}) or ("NOUN" in pos(t.text) and i > 0):
            return i
    return 0


def nominative(toks: list[Token]) -> str:
    """A place or organisation name in the nominative: leading adjectives and the head
    noun are put in the nominative, the rest (genitive dependents) stays as written.
    "Шанхайской организации сотрудничества" → "Шанхайская организация сотрудничества"."""
    words = [t.text for t in toks]
    h = head_index(toks)
    hp = None
    if not toks[h].abbr:
        if _keeps_form(words[h]):
            words[h] = restore_case(words[h].lower(), words[h])
        else:
            hp = _head_parse(words[h], words[:h])
            words[h] = _inflect(words[h], hp, {"nomn"})
    for i in range(h):
        ap = agreeing_adjective(words[i], hp)
        if ap is not None:
            if hp is None:
                target = {"nomn"}
            elif hp.tag.number == "plur":
                target = {"nomn", "plur"}
            else:
                target = {"nomn", hp.tag.gender} if hp.tag.gender else {"nomn"}
            words[i] = _inflect(words[i], ap, target)
    return "".join((" " if i and toks[i - 1].end < t.start else "") + w for i, (t, w) in enumerate(zip(toks, words)))


def _inflect(word: str, parse, target: set[str]) -> str:
    form = parse.inflect(target) if parse is not None else None
    return restore_case(form.word, word) if form else word


def _keeps_form(word: str) -> bool:
    """Indeclinables, and unknown words that may already be nominative, stay as written."""
    w = fold(word)
    ps = parses(w)
    if any("Fixd" in p.tag for p in ps[:2]):
        return True
    return not is_known(w) and any("nomn" in p.tag for p in ps)


def _head_parse(head: str, adjectives: list[str]):
    """The head noun's reading: agreeing with the adjectives, singular, a proper name."""
    nouns = [p for p in parses(fold(head)) if p.tag.POS == "NOUN"]
    if not nouns:
        return None
    return max(
        nouns,
        key=lambda p: (
            all(agreeing_adjective(a, p) is not None for a in adjectives),
            "sing" in p.tag,
            bool({"Geox", "Orgn"} & grammemes(p)),
            p.score,
        ),
    )


def person_nominative(words: list[str]) -> list[str]:
    """A personal name in the nominative: "Сергеем Лебедевым" → ["Сергей", "Лебедев"].

    The case and gender are those most of the words can have as parts of a name."""
    votes: dict[tuple[str, str], int] = {}
    for as_names in (True, False):  # readings as names; failing those, as any noun
        for w in words:
            seen = set()
            for p in parses(fold(w)):
                if p.tag.POS != "NOUN" or "sing" not in p.tag or "Fixd" in p.tag:
                    continue  # an indeclinable word tells nothing of the case
                if not as_names or {"Name", "Surn", "Patr"} & grammemes(p):
                    for g in (p.tag.gender,) if p.tag.gender else ("masc", "femn"):
                        seen.add((p.tag.case, g))
            for k in seen:
                votes[k] = votes.get(k, 0) + 1
        if votes:
            break
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
