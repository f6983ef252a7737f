"""A block of text as the entity finder sees it, and the mentions its rules propose.

A `Block` holds one block's tokens, NER's spans over them and the register matches; each
rule (organisations, persons, NER places and organisations) proposes `Cand`s over it,
and the finder keeps the strongest where they overlap.
"""

from __future__ import annotations

import dataclasses

from toolkit.convert.names.gazetteer import Match
from toolkit.convert.names.morph import Token


@dataclasses.dataclass
class Cand:
    """A proposed mention over tokens [first, last]; `rank` decides overlaps."""

    first: int
    last: int
    kind: str
    rank: int  # 4 org with its country, 3 register, 2 rule, 1 NER
    key: str | None = None
    name: str = ""
    corrections: tuple[tuple[int, int, str], ...] = ()


@dataclasses.dataclass
class Block:
    text: str
    toks: list[Token]
    ner: list[tuple[int, int, str]]  # NER spans as token ranges [first, last] with a kind
    gaz: list[Match]

    def words(self, first: int, last: int) -> list[Token]:
        """The name words of a span, initials ("А.") left out."""
        return [t for i, t in enumerate(self.toks[first : last + 1], first) if t.word and not is_initial(self.toks, i)]


def gaz_covered(blk: Block) -> set[int]:
    return {i for m in blk.gaz for i in range(m.first, m.last + 1)}


def is_initial(toks: list[Token], i: int) -> bool:
    t = toks[i]
    return len(t.text) == 1 and t.text.isupper() and i + 1 < len(toks) and toks[i + 1].text == "."
