"""Persons, places and organisations in Russian text, linked to the registers.

Mentions come from three sources; where they overlap, the stronger wins:

1. the registers: known places and organisations in any case form (`gazetteer`), also
   where NER misses or mis-types them, and known persons by surname, forename and typo
   (`persons`, `typos`);
2. rules for names NER cannot delimit: a body before its organisation ("Секретариату" +
   "ОДКБ"), a capitalised organisation name ("Содружества Независимых Государств"), a
   country inside an organisation's name ("Министерства обороны России");
3. natasha's NER (Segmenter, NewsEmbedding, NewsNERTagger) for the names the registers
   do not know, cleaned and filtered by the encoding conventions (tests/gold/README.md):
   anaphoric short forms ("Организации", "Совет"), generic plurals ("Совбезов", "МИД
   стран-участниц"), treaties, events and concepts are not mentions.

A document is read whole before anything is decided: a surname alone refers to the
full name met anywhere in it, an abbreviation NER types one way more often than another
keeps one type, and a rarer near-miss spelling of a name is a typo with a correction.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from toolkit.convert.annotate import Span
from toolkit.convert.names.gazetteer import Gazetteer, Match
from toolkit.convert.names.morph import (
    Token,
    agrees,
    analyzer,
    can_be_genitive,
    fold,
    grammemes,
    head_index,
    is_common_noun,
    lemmas,
    nominative,
    parses,
    pos,
    tagged,
)
from toolkit.convert.names.persons import People, person_nominative, register_people
from toolkit.model.registers import NAME_OF_KIND, PREFIX_OF_KIND, Registers

NER_KIND = {"PER": "person", "LOC": "place", "ORG": "org"}

# Head nouns of organisation names (lemmas). A capitalised phrase headed by one of these
# names an organisation or body; a phrase headed by anything else ("Договора о РСМД",
# "Саммита", "Евразийскую платформу безопасности") is a treaty, an event or a concept.
ORG_HEADS = frozenset(
    "организация совет комитет комиссия министерство мид минобороны ведомство служба агентство центр секретариат штаб ассамблея парламент правительство администрация аппарат союз содружество сообщество банк фонд институт университет академия партия департамент управление палата собрание суд прокуратура компания корпорация структура исполком совбез сенат дума меджлис курултай посольство представительство миссия трибунал бюро альянс блок коалиция движение объединение ассоциация конгресс канцелярия генштаб госдепартамент кабинет".split()
)
# Institutions every state has: before "стран-участниц" they are a plural, not one body.
NATIONAL_HEADS = frozenset(
    "мид министерство минобороны ведомство правительство парламент совбез посольство администрация генштаб представительство".split()
)
# Common nouns that make the name after them a treaty, an event or an operation:
# "договор СНВ-3", "операции «Канал»", "учения «Эшелон»".
NAMED_THINGS = frozenset(
    "договор соглашение конвенция протокол операция учение саммит форум конференция программа проект план стратегия выставка фестиваль турнир".split()
)
MEMBER_STATES = frozenset({"страна", "государство"})
MEMBERS = frozenset({"член", "участник", "участница"})
_DASHES = {"-", "–", "—"}
_STRIP = "«»\"'“”„()[]*.,;:!?—–- \u00a0"
_GLUED_LATIN = re.compile(r"[a-z][A-Z]")
_CYRILLIC = re.compile(r"[а-яё]", re.I)


@dataclasses.dataclass(frozen=True)
class Mention:
    start: int  # offsets in the block text (Python code points)
    end: int
    kind: str  # "person" | "place" | "org"
    key: str | None  # register key if matched, else None (a new name)
    name: str  # nominative: register canonical name, else the lemmatised surface
    text: str  # the surface string
    corrections: tuple[tuple[int, int, str], ...] = ()  # typo fixes (start, end, corrected)


@dataclasses.dataclass
class _Cand:
    """A proposed mention over tokens [first, last]; `rank` decides overlaps."""

    first: int
    last: int
    kind: str
    rank: int  # 4 org with its country, 3 register, 2 rule, 1 NER
    key: str | None = None
    name: str = ""
    corrections: tuple[tuple[int, int, str], ...] = ()


@dataclasses.dataclass
class _Block:
    text: str
    toks: list[Token]
    ner: list[tuple[int, int, str]]  # NER spans as token ranges [first, last] with a kind
    gaz: list[Match]

    def words(self, first: int, last: int) -> list[Token]:
        """The name words of a span, initials ("А.") left out."""
        return [t for i, t in enumerate(self.toks[first : last + 1], first) if t.word and not _is_initial(self.toks, i)]


@functools.lru_cache(maxsize=1)
def models():
    """natasha's segmenter and NER tagger, loaded once per process."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


class EntityFinder:
    """Finds and links entity mentions; build once per register state, reuse per document."""

    def __init__(self, registers: Registers):
        models()
        analyzer()
        self.gazetteer = Gazetteer(registers)
        self.people = register_people(registers)

    def _analyse(self, text: str) -> _Block:
        from natasha import Doc

        segmenter, tagger = models()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        toks = [Token(t.text, t.start, t.stop) for t in doc.tokens]
        ner = []
        for span in doc.spans:
            for a, b in _clean_span(text, span.start, span.stop):
                ids = [i for i, t in enumerate(toks) if t.start >= a and t.end <= b]
                if ids:
                    ner.append((ids[0], ids[-1], NER_KIND[span.type]))
        return _Block(text, toks, _split_trailing_abbreviations(toks, ner), self.gazetteer.match(toks))

    def find_document(self, blocks: list[str]) -> list[list[Mention]]:
        """Mentions of each block of one document, flat and non-overlapping, in order.
        Document-level context is shared across blocks."""
        analysed = [self._analyse(b) for b in blocks]
        _vote_abbreviation_kinds(analysed)
        aliases = _abbreviation_aliases(analysed)
        people = People(self.people)
        person_spans = [_person_spans(blk) for blk in analysed]
        for blk, spans in zip(analysed, person_spans):  # learn every full name first
            for first, last in spans:
                words = blk.words(first, last)
                if len(words) >= 2 and not people.resolve(words, register_only=True):
                    people.learn(words, person_nominative([w.text for w in words]))
        people.settle()
        result = []
        for blk, spans in zip(analysed, person_spans):
            cands = [_Cand(m.first, m.last, m.entry.kind, 3, m.entry.key, m.entry.name) for m in blk.gaz]
            cands += _bodies(blk) + _proper_org_phrases(blk) + _orgs_with_country(blk)
            cands += [_person_cand(blk, first, last, people) for first, last in spans]
            cands += _ner_places_and_orgs(blk, aliases)
            cands += _surnames_alone(blk, cands, people)
            result.append([_mention(blk, c) for c in _flatten(cands)])
        return result


def _mention(blk: _Block, c: _Cand) -> Mention:
    start, end = blk.toks[c.first].start, blk.toks[c.last].end
    return Mention(start, end, c.kind, c.key, c.name, blk.text[start:end], c.corrections)


def _flatten(cands: list[_Cand]) -> list[_Cand]:
    """Strongest first, then longest; keep what does not overlap; in text order."""
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-c.rank, -(c.last - c.first), c.first)):
        if all(c.last < k.first or c.first > k.last for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.first)


# ---------------------------------------------------------------- NER spans


def _clean_span(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Strip quotes and punctuation; split "Name (ABBR)" in two; drop Latin page clutter."""
    cuts = [a, *(x for m in re.finditer(r"[()]", text[a:b]) for x in (a + m.start(), a + m.end())), b]
    out = []
    for s, e in zip(cuts[::2], cuts[1::2]):
        while s < e and text[s] in _STRIP:
            s += 1
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        surface = text[s:e]
        if not any(c.isalpha() for c in surface):
            continue
        if not _CYRILLIC.search(surface) and _GLUED_LATIN.search(surface):
            continue  # "TwitterFacebookYoutube…": share buttons glued together
        out.append((s, e))
    return out


def _split_trailing_abbreviations(toks: list[Token], ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Исполнительный комитет СНГ" as one NER span is a body and its organisation: split
    the abbreviation off (not after a national institution: "МИД РФ" stays whole)."""
    out = []
    for first, last, kind in ner:
        if kind == "org" and last > first and toks[last].abbr and not toks[last - 1].abbr:
            phrase = _org_phrase_ending(toks, last - 1)
            if phrase and not (toks[phrase[1]].lemmas & NATIONAL_HEADS):
                out += [(first, last - 1, kind), (last, last, kind)]
                continue
        out.append((first, last, kind))
    return out


def _vote_abbreviation_kinds(blocks: list[_Block]) -> None:
    """One abbreviation, one type per document: NER's majority type wins ("СНГ" read
    once as a place among several readings as an organisation is an organisation)."""
    votes: dict[str, dict[str, int]] = {}
    for blk in blocks:
        for first, last, kind in blk.ner:
            if first == last and blk.toks[first].abbr:
                v = votes.setdefault(blk.toks[first].text, {})
                v[kind] = v.get(kind, 0) + 1
    for blk in blocks:
        for n, (first, last, kind) in enumerate(blk.ner):
            v = votes.get(blk.toks[first].text) if first == last else None
            if v and v[max(v, key=v.get)] > v[kind]:
                blk.ner[n] = (first, last, max(v, key=v.get))


def _abbreviation_aliases(blocks: list[_Block]) -> dict:
    """An elliptical abbreviation is the organisation named with it in the document:
    "МИД" after "МИД КР" is that ministry."""
    seen: dict[str, set] = {}
    entries = {}
    for blk in blocks:
        for m in blk.gaz:
            entries[m.entry.key] = m.entry
            if m.entry.kind == "org" and m.last > m.first and blk.toks[m.first].abbr:
                seen.setdefault(blk.toks[m.first].text, set()).add(m.entry.key)
    return {abbr: entries[next(iter(keys))] for abbr, keys in seen.items() if len(keys) == 1}


def _gaz_covered(blk: _Block) -> set[int]:
    return {i for m in blk.gaz for i in range(m.first, m.last + 1)}


def _ner_places_and_orgs(blk: _Block, aliases: dict) -> list[_Cand]:
    """NER places and organisations the registers do not know, filtered by the conventions."""
    covered, out = _gaz_covered(blk), []
    for first, last, kind in blk.ner:
        if any(i in covered for i in range(first, last + 1)):
            continue  # the gazetteer knows better, type and extent
        toks = blk.toks[first : last + 1]
        if _names_a_thing(blk, first, last):
            continue
        if kind == "place" and len(toks) == 1 and tagged(toks[0].text, "Orgn") and not tagged(toks[0].text, "Geox"):
            kind = "org"  # "ЕС", "ЕАЭС": the dictionary knows an organisation NER took for a place
        if kind == "place" and _is_place(toks):
            out.append(_Cand(first, last, "place", 1, None, nominative(toks)))
        elif kind == "org":
            cand = _org_cand(blk, first, last, aliases)
            if cand:
                out.append(cand)
    return out


def _names_a_thing(blk: _Block, first: int, last: int) -> bool:
    """A treaty, event or operation named in apposition: "договор СНВ-3", "учения
    «Эшелон»" (a code with a number, or a quoted name); "саммит ШОС" is a genitive."""
    j = first - 1
    quoted = j >= 0 and blk.toks[j].text in '«"„“'
    if quoted:
        j -= 1
    if j < 0 or blk.toks[j].cap or not (blk.toks[j].lemmas & NAMED_THINGS):
        return False
    return quoted or any(c.isdigit() for t in blk.toks[first : last + 1] for c in t.text)


def _is_place(toks: list[Token]) -> bool:
    """A capitalised name, not a common noun ("Партнера"), verb or adjective."""
    words = [t for t in toks if t.word]
    if not words or not words[0].cap:
        return False
    if any(tagged(t.text, "Geox") for t in words):
        return True
    if len(words) == 1:
        t = words[0]
        return t.abbr or not (is_common_noun(t.text) or pos(t.text) & {"VERB", "INFN", "ADJF", "PRTF", "GRND"})
    if all(t.cap for t in words):
        return True  # "Соединенные Штаты", "Российская Федерация"
    return not all(is_common_noun(t.text) or "ADJF" in pos(t.text) for t in words)


def _org_cand(blk: _Block, first: int, last: int, aliases: dict) -> _Cand | None:
    """An NER organisation, unless it is a short form, a generic plural, a treaty, an
    event or a concept, or a body whose organisation follows (see `_bodies`)."""
    toks = blk.toks[first : last + 1]
    if not toks[0].cap:
        return None
    if len(toks) == 1 and toks[0].abbr:
        t = toks[0]
        if t.lemmas & NATIONAL_HEADS and _member_connector_len(blk.toks, last + 1):
            return None  # "Главы МИД стран-участниц": every member's own ministry
        entry = aliases.get(t.text)
        if entry is not None:
            return _Cand(first, last, "org", 1, entry.key, entry.name)
        return _Cand(first, last, "org", 1, None, t.text)
    if len(toks) == 1:
        t = toks[0]
        plural_head = any("plur" in p.tag and p.normal_form in ORG_HEADS for p in parses(fold(t.text))[:4])
        if _heads(t) or is_common_noun(t.text) or plural_head:
            return None  # "Организации", "Совет" (anaphora), "Совбезов" (generic plural)
    elif _body_anchor(blk, last) is not None:
        return None
    else:
        head = toks[head_index(toks)]
        if not head.abbr and (not _heads(head) or _is_plural(head)) and (is_common_noun(head.text) or not head.cap):
            return None  # "Договора о РСМД", "Платформы безопасности", "Евразийскую платформу"
    return _Cand(first, last, "org", 1, None, nominative(toks))


def _heads(tok: Token) -> bool:
    return bool(tok.lemmas & ORG_HEADS)


def _is_plural(tok: Token) -> bool:
    ps = [p for p in parses(fold(tok.text)) if p.score >= 0.05 and p.tag.POS == "NOUN"]
    return bool(ps) and all("plur" in p.tag for p in ps)


# ---------------------------------------------------------------- rules for organisations


def _member_connector_len(toks: list[Token], i: int) -> int:
    """Tokens of "государств – членов" / "стран-участниц" / "государств-членов" at i, else 0."""
    if i >= len(toks):
        return 0
    t = toks[i]
    if "-" in t.text:
        left, _, right = t.text.partition("-")
        return 1 if lemmas(left) & MEMBER_STATES and lemmas(right) & MEMBERS else 0
    if t.lemmas & MEMBER_STATES and i + 2 < len(toks) and toks[i + 1].text in _DASHES:
        return 3 if toks[i + 2].lemmas & MEMBERS else 0
    return 0


def _org_starts(blk: _Block) -> dict[int, int]:
    """First token → last token of each organisation named (register, or NER abbreviation)."""
    starts = {m.first: m.last for m in blk.gaz if m.entry.kind == "org"}
    for first, last, kind in blk.ner:
        if kind == "org" and first not in starts and blk.toks[first].abbr:
            starts[first] = last
    return starts


def _connector_before(toks: list[Token], a: int) -> int:
    """The last token of a body phrase before the organisation starting at token a:
    skips "при" and member states ("государств – членов"; but "глав государств" is the
    body's own genitive). -1 if a national institution precedes the member states."""
    j = a - 1
    if j >= 0 and toks[j].text.lower() == "при":
        return j - 1
    for n in (1, 3):
        k = j - n + 1
        if k >= 0 and _member_connector_len(toks, k) == n and not (k > 0 and toks[k - 1].lemmas & {"глава"}):
            j = k - 1
            return -1 if j >= 0 and toks[j].lemmas & NATIONAL_HEADS else j
    return j


def _body_anchor(blk: _Block, last: int) -> int | None:
    """The organisation that a phrase ending at token `last` is a body of, if any follows."""
    for a in _org_starts(blk):
        if a > last and _connector_before(blk.toks, a) == last:
            return a
    return None


def _bodies(blk: _Block) -> list[_Cand]:
    """A body named before its organisation: "Секретариату ОДКБ", "Исполнительного комитета
    СНГ", "Совета глав государств – членов ШОС": two flat mentions, body and organisation."""
    toks, out = blk.toks, []
    for a, a_last in _org_starts(blk).items():
        j = _connector_before(toks, a)
        phrase = _org_phrase_ending(toks, j)
        if phrase is None or _continues(toks, a_last):
            continue  # no body, or "Региональном центре ООН по целям…": its name runs on
        out.append(_Cand(phrase[0], j, "org", 2, None, nominative(toks[phrase[0] : j + 1])))
    return out


def _continues(toks: list[Token], last: int) -> bool:
    nxt = toks[last + 1 : last + 3]
    return len(nxt) == 2 and nxt[0].text in ("по", "для") and not nxt[1].cap


def _org_phrase_ending(toks: list[Token], j: int) -> tuple[int, int] | None:
    """(first, head) of a capitalised organisation phrase ending at token j: adjectives,
    a head noun from ORG_HEADS, genitive dependents ("Совета глав государств")."""
    if j < 0 or not toks[j].word:
        return None
    for h in range(j, max(j - 5, -1), -1):
        t = toks[h]
        if not t.word:
            return None
        if _heads(t) and (t.abbr or "NOUN" in pos(t.text)):
            deps = toks[h + 1 : j + 1]
            if not all(_is_genitive_dependent(d) for d in deps):
                return None
            first = h
            while first - 1 >= 0 and toks[first - 1].word and agrees(toks[first - 1].text, t.text):
                first -= 1
            while first <= h and not toks[first].cap:
                first += 1
            return (first, h) if first <= h else None
        if t.abbr or not can_be_genitive(t.text):
            return None
    return None


def _is_genitive_dependent(t: Token) -> bool:
    """A word that can continue an organisation's name: a genitive, not a verb or a
    function word, not a person's name ("Кабинет Мишустина" is no organisation name)."""
    if not t.word or t.abbr or not can_be_genitive(t.text) or pos(t.text) & {"VERB", "PREP", "CONJ", "PRCL"}:
        return False
    return not (t.cap and tagged(t.text, "Name", "Surn", "Patr") and not tagged(t.text, "Geox", "Orgn"))


def _proper_org_phrases(blk: _Block) -> list[_Cand]:
    """Organisation names NER may miss, known by their capitals: a head noun followed by
    capitalised genitives ("Содружества Независимых Государств", "Совете Безопасности"),
    with any capitalised adjectives before it."""
    toks, out = blk.toks, []
    for i, t in enumerate(toks):
        if not (t.cap and not t.abbr and _heads(t) and "NOUN" in pos(t.text)):
            continue
        k = i + 1
        while k < len(toks) and toks[k].cap and len(toks[k].text) > 1 and _is_genitive_dependent(toks[k]):
            k += 1
        if k > i + 1:
            first = i
            while first - 1 >= 0 and toks[first - 1].cap and agrees(toks[first - 1].text, t.text):
                first -= 1
            out.append(_Cand(first, k - 1, "org", 2, None, nominative(toks[first:k])))
    return out


def _orgs_with_country(blk: _Block) -> list[_Cand]:
    """A country inside an organisation's name belongs to the organisation:
    "Министерства обороны России", "МИД Таджикистана" are one mention, no place."""
    toks, out = blk.toks, []
    in_org = {i for m in blk.gaz if m.entry.kind == "org" for i in range(m.first, m.last + 1)}
    places = [(m.first, m.last) for m in blk.gaz if m.entry.kind == "place"]
    places += [(start, end) for start, end, kind in blk.ner if kind == "place"]
    for pf, pl in places:
        if not toks[pf].cap or not (toks[pf].abbr or can_be_genitive(toks[pf].text)):
            continue
        phrase = _org_phrase_ending(toks, pf - 1)
        if phrase and not any(i in in_org for i in range(phrase[0], pf)):
            out.append(_Cand(phrase[0], pl, "org", 4, None, nominative(toks[phrase[0] : pl + 1])))
    return out


# ---------------------------------------------------------------- persons


def _person_spans(blk: _Block) -> list[tuple[int, int]]:
    """NER person spans outside register places and organisations, leading titles dropped."""
    covered, out = _gaz_covered(blk), []
    for first, last, kind in blk.ner:
        if kind != "person" or any(i in covered for i in range(first, last + 1)):
            continue
        while (
            first <= last
            and (not blk.toks[first].cap or _is_role(blk.toks[first].text))
            and not _is_initial(blk.toks, first)
        ):
            first += 1  # "Президент Путин" → "Путин"
        while first - 1 >= 0 and first - 1 not in covered and _is_forename_word(blk.toks[first - 1]):
            first -= 1  # NER left the forename out: "Марией" + "Захаровой"
        if blk.words(first, last) and any(t.cap for t in blk.words(first, last)):
            out.append((first, last))
    return out


def _is_forename_word(tok: Token) -> bool:
    return tok.cap and not tok.abbr and tagged(tok.text, "Name") and not is_common_noun(tok.text)


def _is_role(word: str) -> bool:
    """A title or office before a name: an animate common noun ("Президент", "Генерал-полковник")."""
    return is_common_noun(word) and any(p.tag.POS == "NOUN" and "anim" in p.tag for p in parses(fold(word))[:2])


def _is_initial(toks: list[Token], i: int) -> bool:
    t = toks[i]
    return len(t.text) == 1 and t.text.isupper() and i + 1 < len(toks) and toks[i + 1].text == "."


def _person_cand(blk: _Block, first: int, last: int, people: People) -> _Cand:
    words = blk.words(first, last)
    found = people.resolve(words)
    if found:
        person, corrections = found
        return _Cand(first, last, "person", 3 if person.entry else 1, person.key, person.display, corrections)
    return _Cand(first, last, "person", 1, None, " ".join(person_nominative([w.text for w in words])))


def _surnames_alone(blk: _Block, cands: list[_Cand], people: People) -> list[_Cand]:
    """A known surname outside other mentions ("Лаврова", "Токаеву") is that person,
    widened to the forename, patronymic or initials around it ("А. Лукашенко")."""
    taken = {i for c in cands for i in range(c.first, c.last + 1)}
    out = []
    for i, t in enumerate(blk.toks):
        if i in taken or not t.cap or t.abbr or not t.word or len(t.text) < 3:
            continue
        person = people.by_surname(t)
        if person is None:
            continue
        first, last = i, i
        while first - 1 >= 0 and first - 1 not in taken:
            if (
                first >= 2
                and blk.toks[first - 1].text == "."
                and _is_initial(blk.toks, first - 2)
                and person.fits_forename(blk.toks[first - 2].text)
            ):
                first -= 2
            elif (
                blk.toks[first - 1].cap
                and len(blk.toks[first - 1].text) > 1
                and person.fits_forename(blk.toks[first - 1].text)
            ):
                first -= 1
            else:
                break
        while (
            first == i
            and last + 1 < len(blk.toks)
            and last + 1 not in taken
            and blk.toks[last + 1].cap
            and person.fits_forename(blk.toks[last + 1].text)
        ):
            last += 1
        out.append(_Cand(first, last, "person", 3, person.key, person.display))
        taken.update(range(first, last + 1))
    return out


# ---------------------------------------------------------------- keys and spans


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
