"""The visitors of the editor's interventions and the source's own, for HtmlTransform:
gap, unclear, supplied (with the signs of signs.py), add and del (<ins>, <del>), and
<choice>: sic/corr, orig/reg (the edited reading shown, the source's on request), abbr/expan
(the abbreviation, expanded in its <abbr title>), and abbr or expan alone.

What a sign cannot say (why, how much, where) is said in words: on screen in the
element's title, in print as a lettered footnote (the hook `textual_note`, a no-op here).
"""

from __future__ import annotations

from lxml import etree

from toolkit.model.tei import local, text_of
from toolkit.render.dom import h
from toolkit.render.signs import GAP, SUPPLIED, UNCLEAR
from toolkit.render.wording import CHOICE_WHAT, plural

REASONS = {
    "lost": "текст утрачен",
    "damage": "повреждение",
    "illegible": "неразборчиво",
    "omitted": "пропущено в источнике",
    "editorial": "опущено издателем",
    "cancelled": "зачёркнуто",
    "irrelevant": "не относится к делу",
    "faded": "выцвело",
}
UNITS = {  # a unit with the forms for 1, 2–4, 5+
    "chars": ("знак", "знака", "знаков"),
    "char": ("знак", "знака", "знаков"),
    "words": ("слово", "слова", "слов"),
    "word": ("слово", "слова", "слов"),
    "lines": ("строка", "строки", "строк"),
    "line": ("строка", "строки", "строк"),
    "pages": ("страница", "страницы", "страниц"),
    "page": ("страница", "страницы", "страниц"),
}
PLACES = {
    "above": "над строкой",
    "below": "под строкой",
    "margin": "на полях",
    "inline": "в строке",
    "interlinear": "между строк",
    "top": "вверху страницы",
    "bottom": "внизу страницы",
    "end": "в конце текста",
}
DELETIONS = {
    "strikethrough": "зачёркнуто",
    "overstrike": "зачёркнуто",
    "erasure": "стёрто",
    "erased": "стёрто",
    "overwritten": "исправлено поверх",
    "underline": "подчёркнуто для удаления",
}


def reason(value: str | None) -> str:
    return REASONS.get(value or "", value or "")


def extent(el: etree._Element) -> str:
    """ "3 слова", "около 2 строк" from @quantity and @unit (as written if unknown)."""
    quantity, unit = (el.get("quantity") or "").strip(), (el.get("unit") or "").strip()
    if not quantity:
        return ""
    forms = UNITS.get(unit)
    if forms is None or not quantity.isdigit():
        return f"{quantity} {unit}".strip()
    return f"{quantity} {plural(int(quantity), *forms)}"


def choice_parts(el: etree._Element):
    """(kind, source reading, edited reading) of a <choice>: "corr" for sic/corr, "reg" for
    orig/reg, "expan" for abbr/expan; (None, None, None) if it is none of these pairs."""
    parts = {local(c): c for c in el if isinstance(c.tag, str)}
    for kind, source_name in (("corr", "sic"), ("reg", "orig"), ("expan", "abbr")):
        if kind in parts or source_name in parts:
            source, edited = parts.get(source_name), parts.get(kind)
            if source is None or edited is None or len(parts) != 2:
                return None, None, None
            return kind, source, edited
    return None, None, None


class EditorialVisitors:
    """Uses `block`, `children`, `signs`, `ident`, `unknown` and `has_choices` of HtmlTransform."""

    def textual_note(self, words: str, out) -> None:
        """What a sign cannot say, in words, where print puts a lettered footnote."""

    def _signed(self, cls: str, title: str, el, out, before: str = "", after: str = "") -> etree._Element:
        node = h("span", {"class": cls, "title": title or None, "id": self.ident(el)})
        if before:
            node.append(h("span", {"class": "sign"}, before))
        self.children(el, node)
        if after:
            node.append(h("span", {"class": "sign"}, after))
        out.append(node)
        return node

    def visit_gap(self, el, out):
        self.signs.add("gap")
        words = "; ".join(w for w in (extent(el), reason(el.get("reason"))) if w)
        title = f"Пропуск: {words}" if words else "Пропуск"
        node = h("span", {"class": "gap", "title": title, "id": self.ident(el)}, GAP)
        out.append(node)
        if words:
            self.textual_note(f"{title}.", out)

    def visit_unclear(self, el, out):
        self.signs.add("unclear")
        why = reason(el.get("reason"))
        title = "Чтение неуверенное" + (f": {why}" if why else "")
        self._signed("unclear", title, el, out, after=UNCLEAR)
        if why:
            self.textual_note(f"{title}.", out)

    def visit_supplied(self, el, out):
        self.signs.add("supplied")
        why = reason(el.get("reason"))
        title = "Восстановлено издателем" + (f" ({why})" if why else "")
        self._signed("supplied", title, el, out, *SUPPLIED)
        if why:
            self.textual_note(f"{title}.", out)

    def visit_add(self, el, out):
        self.signs.add("add")
        where = PLACES.get(el.get("place") or "", el.get("place") or "")
        title = "Вписано в источнике" + (f" {where}" if where else "")
        node = h("ins", {"class": "add", "title": title, "id": self.ident(el)})
        self.children(el, node)
        out.append(node)
        self.textual_note(f"{title}.", out)

    def visit_del(self, el, out):
        self.signs.add("del")
        how = DELETIONS.get(el.get("rend") or "", el.get("rend") or "")
        title = f"В источнике {how or 'зачёркнуто'}"
        node = h("del", {"class": "del", "title": title, "id": self.ident(el)})
        self.children(el, node)
        out.append(node)
        self.textual_note(f"{title}.", out)

    # ------------------------------------------------------------ choice, abbreviations

    def choice(self, el, out):
        """(kind, source reading, edited reading) of a <choice> to render; None if it is
        none of the pairs (then it is rendered as an unknown element)."""
        kind, source, edited = choice_parts(el)
        if kind is None:
            self.unknown(el, out)
            return None
        if kind != "expan":
            self.has_choices = True
        return kind, source, edited

    def visit_choice(self, el, out):
        parts = self.choice(el, out)
        if parts is None:
            return
        kind, source, edited = parts
        if kind == "expan":
            node = h("abbr", {"class": "choice choice-expan", "title": text_of(edited)})
            self.children(source, node)
            out.append(node)
            return
        what = CHOICE_WHAT[kind]
        node = h("span", {"class": f"choice choice-{kind}"})
        ed = h("span", {"class": "reading-edited", "title": f"{what}; в источнике: «{text_of(source)}»"})
        self.children(edited, ed)
        src = h(
            "span",
            {
                "class": "reading-source",
                "title": f"Чтение источника; {what.lower()}: «{text_of(edited)}»",
                "data-pagefind-ignore": "all",
            },
        )
        self.children(source, src)
        node.append(ed)
        node.append(src)
        out.append(node)

    def _reading(self, el, out):
        self.block("span", f"reading-{local(el)}", el, out)

    visit_sic = visit_corr = visit_orig = visit_reg = _reading

    def visit_abbr(self, el, out):
        node = h("abbr", {"class": "abbr", "id": self.ident(el)})
        self.children(el, node)
        out.append(node)

    def visit_expan(self, el, out):
        node = h("span", {"class": "expan", "title": "Сокращение раскрыто издателем", "id": self.ident(el)})
        self.children(el, node)
        out.append(node)
