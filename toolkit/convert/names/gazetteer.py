"""The registers as a gazetteer of places and organisations.

The registers (`tei/registers/*.xml`) give every entity a canonical name, variants and
abbreviations. Russian inflects names ("Организации Объединённых Наций", "Постоянным
советом"), so names are matched over *lemmatised* tokens: a text token matches a name
word when their pymorphy3 normal forms meet; abbreviations match their exact surface.

Everything here is driven by the registers and by morphology, never by a source text.
"""

from __future__ import annotations

import dataclasses
import functools

from razdel import tokenize

from toolkit.convert.names.morph import Token, agrees, case_forms, cyrillic, fold, is_abbreviation, lemmas
from toolkit.model.registers import Entry, Registers

# Words that turn a country name into the state's official form: "Республика Беларусь".
STATE_FORMS = frozenset({"республика", "королевство", "княжество", "султанат", "эмират", "федерация"})
# Prepositions left dangling when a body's name is cut before its parent's name.
_DANGLING = frozenset({"при", "в", "по", "для"})


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

    def matches(self, tok: Token, first: bool = True) -> bool:
        """Does `tok` read as this word? A capital is required of a name's first word only:
        "Организации договора о коллективной безопасности" is the organisation too."""
        if self.abbr:
            return cyrillic(tok.text) == self.surface
        if self.cap and not tok.cap and first:
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

    @functools.cached_property
    def place_forms(self) -> dict[str, list[tuple[str, Entry]]]:
        """The case forms of every one-word place name of the registers (folded), by first
        letter: what a misspelt place name is measured against (names.places)."""
        out: dict[str, list[tuple[str, Entry]]] = {}
        seen: set[tuple[str, str]] = set()  # a name is filed under each of its lemmas
        for entries in self.names.values():
            for words, entry in entries:
                if entry.kind == "place" and len(words) == 1 and not words[0].abbr:
                    for form in case_forms(words[0].surface):
                        if (form, entry.key) not in seen:
                            seen.add((form, entry.key))
                            out.setdefault(form[:1], []).append((form, entry))
        return out

    def _candidates(self, tok: Token):
        seen: set[int] = set()
        for k in (tok.text, cyrillic(tok.text), *tok.lemmas):
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
                if i + n <= len(toks) and all(w.matches(toks[i + k], k == 0) for k, w in enumerate(words)):
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
