"""The page «О разметке»: the encoding reference (model.encoding, made from the XSD by
validate.reference), as the HTML edition publishes it, linked from every page's footer.
The meanings are the schema's own words (English, as in docs/encoding-reference.md)."""

from __future__ import annotations

from toolkit.model.encoding import AttributeEntry, ElementEntry
from toolkit.render.dom import h
from toolkit.render.html import paths

TITLE = "О разметке"


def reference_page(entries: list[ElementEntry], page: str = paths.ENCODING) -> list:
    """The children of the page's <main>."""
    intro = h(
        "p",
        None,
        "Что означает в этом издании каждый элемент и атрибут TEI, который допускает его схема, где он может стоять, "
        "что может содержать, и пример разметки — из корпуса, где он есть. Описания взяты из самой схемы (",
        h("a", {"href": paths.relative(page, "schema/tei-edition.xsd")}, "tei-edition.xsd"),
        ") и приводятся, как в ней, по-английски; справочник порождается из схемы и не правится вручную.",
    )
    main: list = [h("h1", None, TITLE), intro]
    if not entries:
        main.append(h("p", None, "Справочник недоступен: схема издания не была прочитана при сборке."))
        return main
    nav = h("p", {"class": "reference-index"})
    for k, entry in enumerate(entries):
        if k:
            nav.append(h("span", None, " · "))
        nav.append(h("a", {"href": f"#{entry.name}"}, h("code", None, entry.name)))
    main.append(h("nav", {"aria-label": "Элементы"}, nav))
    main.extend(_section(entry) for entry in entries)
    return main


def _section(e: ElementEntry):
    section = h("section", {"class": "reference-element", "id": e.name})
    section.append(h("h2", None, h("code", None, f"<{e.name}>")))
    section.append(h("p", None, e.meaning))
    facts = h("dl")
    facts.append(h("dt", None, "Может стоять в"))
    facts.append(h("dd", None, *_names(e.parents)) if e.parents else h("dd", None, "корень файла"))
    facts.append(h("dt", None, "Может содержать"))
    contains = (["текст"] if e.text else []) + _names(e.children, first=bool(e.text))
    facts.append(h("dd", None, *contains) if contains else h("dd", None, "ничего (пустой элемент)"))
    facts.append(h("dt", None, "Атрибуты"))
    facts.append(h("dd", None, h("ul", None, *map(_attribute, e.attributes))) if e.attributes else h("dd", None, "нет"))
    section.append(facts)
    if e.example:
        section.append(h("p", {"class": "reference-source"}, "Пример (", h("code", None, e.source), "):"))
        section.append(h("pre", {"class": "reference-example"}, h("code", None, e.example)))
    return section


def _names(names: tuple[str, ...], first: bool = False) -> list:
    out: list = []
    for k, name in enumerate(names):
        if k or first:
            out.append(", ")
        out.append(h("a", {"href": f"#{name}"}, h("code", None, f"<{name}>")))
    return out


def _attribute(a: AttributeEntry):
    item = h("li", None, h("code", None, f"@{a.name}"), " (обязателен)" if a.required else "", ": ", a.meaning)
    if a.values:
        item.append(h("span", None, " Значения: "))
        for k, value in enumerate(a.values):
            item.append(h("code", None, value))
            item.append(h("span", None, ", " if k + 1 < len(a.values) else "."))
    elif a.takes:
        item.append(h("span", None, f" Значение: {a.takes}"))
    return item
