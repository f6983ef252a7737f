"""Russian morphology (pymorphy3), loaded once per process on first use."""

from __future__ import annotations

import functools


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
    if not w:
        return False
    for p in parses(w)[:3]:
        pos = p.tag.POS
        if pos in ("GRND", "PRTS") or (pos == "ADJS" and "plur" in p.tag):
            return True
    return False
