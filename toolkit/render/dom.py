"""Building HTML trees with lxml: text is always a text node (escaped on output), never
markup, so nothing from the TEI can become an element or an attribute."""

from __future__ import annotations

from lxml import etree, html

DOCTYPE = "<!DOCTYPE html>"


def h(tag: str, attrs: dict[str, str | None] | None = None, *children) -> etree._Element:
    """h("a", {"href": "#x"}, "text", h("b", None, "bold"), " tail")."""
    el = etree.Element(tag)  # a plain element: lxml.html's element classes only cost time here
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        el.set(key.rstrip("_"), "" if value is True else str(value))
    for child in children:
        add(el, child)
    return el


def add(parent: etree._Element, child) -> None:
    """Append an element, a string (as text), or a list of either."""
    if child is None:
        return
    if isinstance(child, (list, tuple)):
        for c in child:
            add(parent, c)
    elif isinstance(child, str):
        text(parent, child)
    else:
        parent.append(child)


def text(parent: etree._Element, s: str | None) -> None:
    """Append text after the last child of `parent` (or as its text)."""
    if not s:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + s
    else:
        parent.text = (parent.text or "") + s


def serialize(root: etree._Element) -> bytes:
    return html.tostring(root, doctype=DOCTYPE, encoding="utf-8", method="html") + b"\n"
