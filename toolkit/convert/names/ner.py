"""natasha's NER over a block, its spans cleaned, and its places and organisations kept
where the encoding conventions make them mentions (tests/gold/README.md): not page
clutter, not a treaty or event named in apposition, a place only if it reads as a name.
"""

from __future__ import annotations

import functools
import re

from toolkit.convert.names.block import Block, Cand, gaz_covered
from toolkit.convert.names.gazetteer import Gazetteer
from toolkit.convert.names.morph import Token, cyrillic, is_common_noun, is_preposition, nominative, pos, tagged
from toolkit.convert.names.orgs import NATIONAL_HEADS, OPENING_QUOTES, org_cand, org_phrase_ending

NER_KIND = {"PER": "person", "LOC": "place", "ORG": "org"}
# Common nouns that make the name after them a treaty, an event or an operation:
# "договор СНВ-3", "операции «Канал»", "учения «Эшелон»".
NAMED_THINGS = frozenset(
    "договор соглашение конвенция протокол операция учение саммит форум конференция программа проект план стратегия выставка фестиваль турнир".split()
)
_STRIP = "«»\"'“”„()[]*.,;:!?—–-/ \u00a0"
_GLUED_LATIN = re.compile(r"[a-z][A-Z]")
_CYRILLIC = re.compile(r"[а-яё]", re.I)


@functools.lru_cache(maxsize=1)
def models():
    """natasha's segmenter and NER tagger, loaded once per process."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def analyse(text: str, gazetteer: Gazetteer) -> Block:
    """One block tokenised and tagged by natasha, NER's spans cleaned, the registers matched."""
    from natasha import Doc

    segmenter, tagger = models()
    # natasha reads a word typed with Latin twins of its letters in Cyrillic ("ШОC"); the
    # offsets hold, each letter being replaced by one, and the tokens keep the text as typed
    doc = Doc(re.sub(r"\w+", lambda m: cyrillic(m.group()), text))
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    toks = [Token(text[t.start : t.stop], t.start, t.stop) for t in doc.tokens]
    ner = []
    for span in doc.spans:
        for a, b in _clean_span(text, span.start, span.stop):
            ids = [i for i, t in enumerate(toks) if t.start >= a and t.end <= b]
            if ids:
                ner.append((ids[0], ids[-1], NER_KIND[span.type]))
    ner = _split_trailing_abbreviations(toks, _split_at_prepositions(toks, ner))
    return Block(text, toks, ner, gazetteer.match(toks))


def _clean_span(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Strip quotes and punctuation; split "Name (ABBR)" in two; drop Latin page clutter."""
    cuts = [a, *(x for m in re.finditer(r"[()]", text[a:b]) for x in (a + m.start(), a + m.end())), b]
    out = []
    for s, e in zip(cuts[::2], cuts[1::2]):
        while s < e and text[s] in _STRIP:
            s += 1
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        if text[s:e].count("«") > text[s:e].count("»") and text[e : e + 1] == "»":
            e += 1  # a quoted name inside the name keeps its closing quote: "НИАТ «Ховар»"
        surface = text[s:e]
        if not any(c.isalpha() for c in surface):
            continue
        if not _CYRILLIC.search(surface) and _GLUED_LATIN.search(surface):
            continue  # "TwitterFacebookYoutube…": share buttons glued together
        out.append((s, e))
    return out


def _split_at_prepositions(toks: list[Token], ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A capitalised preposition is no part of a name: it starts the next phrase. Two
    columns of a signature block flattened into one line ("За Латвийскую Республику За
    Эстонию") are two names, and "За Королевство Дания" is the kingdom. A preposition in
    lower case stays ("Организация по безопасности и сотрудничеству в Европе"); persons'
    spans are left as they are."""
    out = []
    for first, last, kind in ner:
        start = first
        for i in range(first, last + 1) if kind != "person" else ():
            # not a one-letter word: "С." and "К." are initials far more often than prepositions
            if len(toks[i].text) > 1 and toks[i].cap and not toks[i].abbr and is_preposition(toks[i].text):
                if i > start:
                    out.append((start, i - 1, kind))
                start = i + 1
        if start <= last:
            out.append((start, last, kind))
    return out


def _split_trailing_abbreviations(toks: list[Token], ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Исполнительный комитет СНГ" as one NER span is a body and its organisation: split
    the abbreviation off (not after a national institution: "МИД РФ" stays whole)."""
    out = []
    for first, last, kind in ner:
        if kind == "org" and last > first and toks[last].abbr and not toks[last - 1].abbr:
            phrase = org_phrase_ending(toks, last - 1)
            if phrase and not (toks[phrase[1]].lemmas & NATIONAL_HEADS):
                out += [(first, last - 1, kind), (last, last, kind)]
                continue
        out.append((first, last, kind))
    return out


def vote_abbreviation_kinds(blocks: list[Block]) -> None:
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


def spread_abbreviations(blocks: list[Block]) -> None:
    """One abbreviation, one reading per document, at every occurrence: an abbreviation NER
    read as an organisation or a place somewhere in the document is one where NER passed it
    by ("Хартии ЕАЭС" after "ЕАЭС" was found). Run after vote_abbreviation_kinds."""
    kinds: dict[str, str] = {}
    for blk in blocks:
        for first, last, kind in blk.ner:
            if first == last and blk.toks[first].abbr and kind != "person":
                kinds.setdefault(blk.toks[first].text, kind)
    if not kinds:
        return
    for blk in blocks:
        taken = {i for first, last, _ in blk.ner for i in range(first, last + 1)}
        taken |= {i for m in blk.gaz for i in range(m.first, m.last + 1)}
        for i, tok in enumerate(blk.toks):
            if i not in taken and tok.text in kinds:
                blk.ner.append((i, i, kinds[tok.text]))
        blk.ner.sort()


def abbreviation_aliases(blocks: list[Block]) -> dict:
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


def ner_places_and_orgs(blk: Block, aliases: dict) -> list[Cand]:
    """NER places and organisations the registers do not know, filtered by the conventions."""
    covered, out = gaz_covered(blk), []
    for first, last, kind in blk.ner:
        if any(i in covered for i in range(first, last + 1)):
            continue  # the gazetteer knows better, type and extent
        toks = blk.toks[first : last + 1]
        if _names_a_thing(blk, first, last):
            continue
        if kind == "place" and len(toks) == 1 and tagged(toks[0].text, "Orgn") and not tagged(toks[0].text, "Geox"):
            kind = "org"  # "ЕС", "ЕАЭС": the dictionary knows an organisation NER took for a place
        if kind == "place" and _is_place(toks):
            out.append(Cand(first, last, "place", 1, None, nominative(toks)))
        elif kind == "org":
            cand = org_cand(blk, first, last, aliases)
            if cand:
                out.append(cand)
    return out


def _names_a_thing(blk: Block, first: int, last: int) -> bool:
    """A treaty, event or operation named in apposition: "договор СНВ-3", "учения
    «Эшелон»" (a code with a number, or a quoted name); "саммит ШОС" is a genitive."""
    j = first - 1
    quoted = j >= 0 and blk.toks[j].text in OPENING_QUOTES
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
