"""The edition's editorial signs and their legend, one table for both editions.

The signs are printed as text (so they are copied, read aloud, and found by XPath and in
the PDF's text), in characters the book face (PT Serif) has: the Leiden convention's
angle brackets ⟨ ⟩ are not among them, so text the editor supplies stands in the ASCII
form Leiden texts and Russian archaeographic practice both use, < >.

Textual notes (what a sign cannot say: the extent of a gap, why a reading is unsure,
where an addition stands, the variant readings of the witnesses) are lettered а, б, в …;
the editor's notes are numbered 1, 2, 3 … On screen a textual note is a tooltip or, for
the apparatus, an entry shown on demand; in print a footnote.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from toolkit.render.dom import h

GAP = "[…]"
SUPPLIED = ("<", ">")
UNCLEAR = "[?]"
LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"  # Russian editions letter textual notes without ё й ъ ы ь


def letter(k: int) -> str:
    """The k-th textual note's letter (1 → а, 28 → я, 29 → аа …)."""
    out = ""
    while k > 0:
        k, r = divmod(k - 1, len(LETTERS))
        out = LETTERS[r] + out
    return out


@dataclasses.dataclass(frozen=True)
class Sign:
    key: str
    shown: tuple  # how the legend shows the sign: text, or (tag, class, text) for a styled sample
    screen: str  # what it means, as the site says it
    book: str  # what it means, as the book says it


SIGNS = (
    Sign("gap", (GAP,), "пропуск: текст источника утрачен, неразборчив или опущен; "
         "причина и объём — во всплывающей подсказке", "пропуск: текст источника утрачен, неразборчив или опущен; "
         "причина и объём — в подстрочном примечании"),
    Sign("supplied", (f"{SUPPLIED[0]}текст{SUPPLIED[1]}",), "текст восстановлен или добавлен издателем",
         "текст восстановлен или добавлен издателем"),
    Sign("unclear", (f"текст{UNCLEAR}",), "чтение неуверенное", "чтение неуверенное"),
    Sign("del", (("del", "del", "текст"),), "зачёркнуто в источнике", "зачёркнуто в источнике (см. примечание под буквой)"),
    Sign("add", (("ins", "add", "текст"),), "вписано в источнике; где — во всплывающей подсказке",
         "вписано в источнике; где — в примечании под буквой"),
    Sign("pb", ("[с. 12]",), "начало страницы источника", "начало страницы источника"),
    Sign("milestone", ("[разд. 2]",), "граница раздела или иной части источника",
         "граница раздела или иной части источника"),
    Sign("app", (("span", "app-mark", "а"),), "разночтения свидетелей текста: открываются нажатием на букву",
         "разночтения свидетелей текста: в примечании под буквой"),
    Sign("note", (("span", "note-mark", "1"),), "примечание: на полях, на узком экране — нажатием на цифру",
         "примечание: в подстрочном примечании под цифрой"),
)  # fmt: skip


def legend(used, witnesses: list[tuple[str, str]], book: bool = False) -> etree._Element | None:
    """The legend of the signs in `used` (keys of SIGNS) and the witnesses of the text
    ((siglum, description)), as a <dl> inside a <div class="legend-body">; None if there is
    nothing to explain."""
    rows = [s for s in SIGNS if s.key in used]
    if not rows and not witnesses:
        return None
    body = h("div", {"class": "legend-body"})
    if rows:
        dl = h("dl", {"class": "legend-signs"})
        for sign in rows:
            dl.append(h("dt", None, *[_sample(part) for part in sign.shown]))
            dl.append(h("dd", None, sign.book if book else sign.screen))
        body.append(dl)
    if witnesses:
        body.append(h("p", {"class": "legend-head"}, "Свидетели текста"))
        dl = h("dl", {"class": "legend-witnesses"})
        for siglum, description in witnesses:
            dl.append(h("dt", {"class": "wit"}, siglum))
            dl.append(h("dd", None, description))
        body.append(dl)
    return body


def _sample(part):
    if isinstance(part, str):
        return part
    tag, cls, text = part
    return h(tag, {"class": cls}, text)
