"""Typos in known names: a near-miss spelling of a person's surname (persons.py) or of a
place name of the registers (places.py), and its correction.

The distance is rapidfuzz's optimal string alignment (edits and adjacent
transpositions), the measure the corrections were designed with."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from toolkit.convert.names.morph import fold, inflected_forms, name_forms_match


def near_miss(word: str, name: str) -> str | None:
    """The corrected form if `word` misspells (a case form of) `name`: at most two edits
    or transpositions, the length within one letter; an exact form is no miss."""
    if len(word) < 4 or name_forms_match(word, name):
        return None
    best: tuple[int, str] | None = None
    for form in inflected_forms(name):
        if abs(len(form) - len(word)) <= 1:
            dist = OSA.distance(fold(word), fold(form))
            if dist <= 2 and (best is None or dist < best[0]):
                best = (dist, form)
    return best[1] if best else None


def near_forms(word: str, forms: list[str]) -> set[str]:
    """The forms of `forms` that `word` misspells by a single edit or transposition
    (folded, the same first letter, the length within one)."""
    w = fold(word)
    return {
        form
        for form in forms
        if form[:1] == w[:1] and abs(len(form) - len(w)) <= 1 and form != w and OSA.distance(w, form) == 1
    }
