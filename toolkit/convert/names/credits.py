"""The agency credited in a news dateline: "МОСКВА, 20 ноября. /ТАСС/.", "30 ноября, Минск
/Корр. БЕЛТА/.", "ЕРЕВАН, 27 ноя - Sputnik.", "ДУШАНБЕ /Trend/ -". The credit is an
organisation (the reference annotation marks it so); the correspondent's abbreviation
inside the slashes ("Корр.") is nothing.
"""

from __future__ import annotations

import re

from toolkit.convert.names.block import Block, Cand

_PREFIX_MAX = 45  # a dateline's place and date come before the credit, in a few words
_SLASHED = re.compile(r"/\s*(?:[Кк]орр\.\s*)?(?P<c>[^/\n]{2,40}?)\s*/")
_DASHED = re.compile(r"\s[-–—]{1,2}\s(?P<c>[A-ZА-ЯЁ][\w-]*(?:\s[A-ZА-ЯЁ][\w-]*)?)\.(?:\s|$)")


def _dateline_prefix(text: str) -> bool:
    """A place in capitals or a date before the credit: "МОСКВА, 20 ноября. ", "ДУШАНБЕ "."""
    return len(text) <= _PREFIX_MAX and bool(re.search(r"\d|\b[А-ЯЁ]{3,}\b", text))


def dateline_credit(blk: Block) -> tuple[list[Cand], set[int]]:
    """The credit as an organisation, and the tokens around it that are no mention."""
    for rx in (_SLASHED, _DASHED):
        m = rx.search(blk.text, 0, _PREFIX_MAX + 45)
        if m is None or not _dateline_prefix(blk.text[: m.start()]) or not re.search(r"[A-ZА-ЯЁ]", m.group("c")):
            continue
        s, e = m.span("c")
        inside = [i for i, t in enumerate(blk.toks) if t.start >= s and t.end <= e]
        if not inside:
            continue
        around = {i for i, t in enumerate(blk.toks) if t.start >= m.start() and t.end <= m.end()} - set(inside)
        return [Cand(inside[0], inside[-1], "org", 3, None, blk.text[s:e])], around
    return [], set()
