"""Person mentions in a block: NER's person spans without the titles before them, each
resolved to a known person or named as a new one, and known surnames NER missed."""

from __future__ import annotations

from toolkit.convert.names.block import Block, Cand, gaz_covered, is_initial
from toolkit.convert.names.morph import Token, can_be_genitive, fold, is_common_noun, parses, pos, tagged
from toolkit.convert.names.persons import People, person_nominative


def person_spans(blk: Block) -> list[tuple[int, int]]:
    """NER person spans outside register places and organisations, leading titles dropped."""
    covered, out = gaz_covered(blk), []
    for first, last, kind in blk.ner:
        if kind != "person" or any(i in covered for i in range(first, last + 1)):
            continue
        while (
            first <= last
            and (not blk.toks[first].cap or _is_role(blk.toks[first].text))
            and not is_initial(blk.toks, first)
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


def apposition_cases(toks: list[Token], first: int) -> frozenset[str]:
    """The cases a name starting at `first` stands in, if it follows a title in apposition:
    "министра иностранных дел Армении Э. Петрова" (genitive or accusative), "с министром
    обороны Петровым" (instrumental). The words between may only be the title's genitive
    dependents and their adjectives. Empty when there is no such title."""
    for j in range(first - 1, max(first - 8, -1), -1):
        word = toks[j].text
        if _is_role(word):
            return frozenset(
                p.tag.case
                for p in parses(fold(word))[:3]
                if p.tag.POS == "NOUN" and "anim" in p.tag and "sing" in p.tag
            )
        if not toks[j].word or not (can_be_genitive(word) or "ADJF" in pos(word)):
            break
    return frozenset()


def person_cand(blk: Block, first: int, last: int, people: People) -> Cand:
    words = blk.words(first, last)
    found = people.resolve(words)
    if found:
        person, corrections = found
        return Cand(first, last, "person", 3 if person.entry else 1, person.key, person.display, corrections)
    name = person_nominative([w.text for w in words], apposition_cases(blk.toks, first))
    return Cand(first, last, "person", 1, None, " ".join(name))


def surnames_alone(blk: Block, cands: list[Cand], people: People) -> list[Cand]:
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
                and is_initial(blk.toks, first - 2)
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
        out.append(Cand(first, last, "person", 3, person.key, person.display))
        taken.update(range(first, last + 1))
    return out


def _cases(word: str) -> set[str]:
    return {p.tag.case for p in parses(fold(word)) if p.tag.POS == "NOUN" and p.tag.case}


def join_split_names(blk: Block, cands: list[Cand], people: People) -> list[Cand]:
    """A forename and the surname after it found as two persons ("Ильхама" + "Алиева")
    are one person when the forename is only a forename and both can stand in one case."""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == c.kind == "person"
            and c.first == prev.last + 1
            and all(tagged(w.text, "Name") and not tagged(w.text, "Surn") for w in blk.words(prev.first, prev.last))
            and _cases(blk.toks[prev.last].text) & _cases(blk.toks[c.first].text)
        ):
            out[-1] = person_cand(blk, prev.first, c.last, people)
            continue
        out.append(c)
    return out
