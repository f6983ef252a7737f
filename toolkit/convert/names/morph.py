"""Russian morphology (pymorphy3), loaded once per process on first use, and what the
name finders ask of it: normal forms, parts of speech, agreement, the declension of
personal names, and the nominative of a place or organisation name."""

from __future__ import annotations

import dataclasses
import functools
import re

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


@functools.lru_cache(maxsize=1)
def analyzer():
    import pymorphy3  # heavy: imported only when a stage needs morphology

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=50_000)
def parses(word: str):
    """pymorphy3's analyses of `word`; none for what it cannot analyse (it raises on
    characters without a Unicode name, such as unassigned or Tangut code points)."""
    try:
        return analyzer().parse(word)
    except (ValueError, KeyError):
        return []


@functools.lru_cache(maxsize=50_000)
def is_known(word: str) -> bool:
    try:
        return analyzer().word_is_known(word)
    except (ValueError, KeyError):
        return False


def is_participial(word: str) -> bool:
    """A gerund or (short) participle/adjective that opens a preambular clause:
    "подтверждая", "будучи", "руководствуясь", "убеждены", "признавая"."""
    w = word.strip("«»\"'(),.;:").lower()
    if not w or (parses(w) and parses(w)[0].tag.POS == "VERB"):
        return False  # "заявляем" reads first as a verb, not as a short participle
    for p in parses(w)[:3]:
        pos = p.tag.POS
        if pos in ("GRND", "PRTS") or (pos == "ADJS" and "plur" in p.tag):
            return True
    return False


# ---------------------------------------------------------------- words


def has_verb(text: str, kinds: tuple[str, ...] = ("VERB", "INFN")) -> bool:
    """Does a word of `text` read first as a verb (of the parts of speech `kinds`)?"""
    return any(p.tag.POS in kinds for w in re.findall(r"[\w-]+", text) for p in parses(fold(w))[:1])


# Latin letters with a Cyrillic twin: a word typed with both ("ШОC" with a Latin C) is read
# in Cyrillic, if every Latin letter in it has one
_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
_LATIN, _CYRILLIC = re.compile("[A-Za-z]"), re.compile("[А-Яа-яЁё]")


def cyrillic(word: str) -> str:
    """`word` in Cyrillic letters if it mixes Cyrillic with Latin twins ("ШОC" → "ШОС",
    "Mинск" → "Минск"); any other word, Latin ones included, as it is."""
    if _LATIN.search(word) and _CYRILLIC.search(word):
        mapped = word.translate(_LOOKALIKES)
        if not _LATIN.search(mapped):
            return mapped
    return word


def fold(word: str) -> str:
    """Case-, ё- and look-alike-insensitive comparison form."""
    return cyrillic(word).lower().replace("ё", "е")


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


def is_preposition(word: str) -> bool:
    """Is the likeliest reading a preposition ("За", "от"; not "Азия-Плюс", whose "плюс"
    may be one)?"""
    first = parses(fold(word))[:1]
    return bool(first) and first[0].tag.POS == "PREP"


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
    if "ё" not in original.lower():
        return out.replace("ё", "е").replace("Ё", "Е")
    # the ё the source wrote, where the dictionary form has е in its place ("Мирзиёеву" → "Мирзиёев")
    return "".join(
        ("Ё" if c == "Е" else "ё") if i < len(original) and original[i] in "ёЁ" and c in "еЕ" else c
        for i, c in enumerate(out)
    )


@dataclasses.dataclass(frozen=True)
class Token:
    """A token of a block of text, at code-point offsets [start, end)."""

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


# ---------------------------------------------------------------- personal names


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


def _stems(word: str) -> set[str]:
    w = fold(word)
    return {w[: len(w) - len(e)] for e in (*NAME_ENDINGS, "ь", "й") if w.endswith(e) and len(w) - len(e) >= 3}


def same_stem(a: str, b: str) -> bool:
    """Two case forms of one surname whatever its nominative: "Зася"/"Зась", "Алиева"/"Алиев"."""
    return bool(_stems(a) & _stems(b))


def inflected_forms(name: str) -> list[str]:
    """The name and its plausible case forms (to choose a typo's correction from)."""
    if not name or fold(name)[-1] in _INDECLINABLE_END:
        return [name]
    stem = name[:-1] if fold(name)[-1] in "аяйь" else name
    return [name] + [stem + e for e in NAME_ENDINGS if e and stem + e != name]


# ---------------------------------------------------------------- nominative of place and organisation names


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


def case_forms(name: str) -> list[str]:
    """A one-word geographical name's case forms as pymorphy3's dictionary has them,
    folded ("Киргизия" → "киргизия", "киргизии", …); the name alone if it has none."""
    word = fold(name)
    for p in parses(word):
        if "Geox" in p.tag and p.normal_form == word:
            return sorted({f.word for f in p.lexeme})
    return [word]
