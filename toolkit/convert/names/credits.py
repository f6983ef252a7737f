"""The agency credited in a news dateline: "МОСКВА, 20 ноября. /ТАСС/.", "30 ноября, Минск
/Корр. БЕЛТА/.", "ЕРЕВАН, 27 ноя - Sputnik.", "ДУШАНБЕ /Trend/ -". The credit is an
organisation (the reference annotation marks it so); the correspondent's abbreviation
inside the slashes ("Корр.") is nothing. The dateline is read by toolkit.convert.agency_dateline.
"""

from __future__ import annotations

import re

from toolkit.convert import agency_dateline
from toolkit.convert.names.block import Block, Cand

# a slash, or a dash before a capital: the sign of a credit, checked before any date is read
_CREDIT_SIGN = re.compile(r"/|[-–—]{1,2}\s[A-ZА-ЯЁ]")


def dateline_credit(blk: Block) -> tuple[list[Cand], set[int]]:
    """The credit as an organisation, and the tokens around it that are no mention (the
    slashes, the dash, "Корр.")."""
    if not _CREDIT_SIGN.search(blk.text, 0, agency_dateline.REACH):
        return [], set()  # no credit in reach: the common case, without reading dates
    found = agency_dateline.read(blk.text)
    if found is None or found.credit is None:
        return [], set()
    s, e = found.credit
    inside = [i for i, t in enumerate(blk.toks) if t.start >= s and t.end <= e]
    if not inside:
        return [], set()
    start, end = found.marks
    around = {i for i, t in enumerate(blk.toks) if t.start >= start and t.end <= end} - set(inside)
    return [Cand(inside[0], inside[-1], "org", 3, None, blk.text[s:e])], around
