"""TEI namespace constants and element construction: the one model is an lxml tree."""

from __future__ import annotations

import re

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}
NS = {"tei": TEI_NS}

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

# The normalised date attributes (att.datable.w3c) the project uses on <date>, <time>, <docDate>
DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")


_SPACE = re.compile(r"\s+")


def squash(s: str) -> str:
    """Whitespace runs as one space, the ends trimmed: the text as a reader sees it."""
    return _SPACE.sub(" ", s).strip()


def text_of(el: etree._Element | None) -> str:
    """An element's text content, whitespace squashed ("" for no element)."""
    return squash("".join(el.itertext())) if el is not None else ""


def t(name: str) -> str:
    """Clark name of a TEI element: t('persName') → '{http://www.tei-c.org/ns/1.0}persName'."""
    return f"{{{TEI_NS}}}{name}"


def local(el: etree._Element) -> str:
    """Local name of an element (TEI names stay verbatim: 'persName')."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def E(name: str, *children, text: str | None = None, **attrs) -> etree._Element:
    """Build a TEI element. Attribute names: xml_id → xml:id, xml_lang → xml:lang."""
    el = etree.Element(t(name), nsmap=NSMAP)
    for key, value in attrs.items():
        if value is None:
            continue
        if key == "xml_id":
            key = XML_ID
        elif key == "xml_lang":
            key = XML_LANG
        el.set(key, str(value))
    if text is not None:
        el.text = text
    for child in children:
        if child is not None:
            el.append(child)
    return el


def SubE(parent: etree._Element, name: str, text: str | None = None, **attrs) -> etree._Element:
    el = E(name, text=text, **attrs)
    parent.append(el)
    return el
