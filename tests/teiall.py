"""What the official tei_all.rng (schema/tei_all.rng) admits, element by element, for the
tests that hold the customisation to it: the elements an element may contain anywhere in its
content model, its attributes, and for an attribute with a closed list of values, the list.
Order and cardinality are not read: jing checks those on the documents themselves."""

from __future__ import annotations

import dataclasses
import functools

from conftest import ROOT
from lxml import etree

RNG = "{http://relaxng.org/ns/structure/1.0}"
TEI_ALL = ROOT / "schema" / "tei_all.rng"


@dataclasses.dataclass
class TeiElement:
    children: set[str]
    attributes: dict[str, tuple[str, ...] | None]  # name -> closed values, or None if open


@functools.lru_cache(maxsize=1)
def _grammar():
    root = etree.parse(str(TEI_ALL)).getroot()
    defines: dict[str, list] = {}
    for d in root.iter(f"{RNG}define"):
        defines.setdefault(d.get("name"), []).append(d)
    elements: dict[str, list] = {}
    for e in root.iter(f"{RNG}element"):
        if e.get("name"):
            elements.setdefault(e.get("name"), []).append(e)
    return defines, elements


def _walk(node, defines, seen, children, attributes):
    for c in node.iterchildren(etree.Element):
        if c.tag == f"{RNG}element":
            children.add(c.get("name"))
        elif c.tag == f"{RNG}attribute":
            closed = not any(True for _ in c.iter(f"{RNG}data", f"{RNG}text", f"{RNG}anyName"))
            attributes[c.get("name")] = tuple(v.text or "" for v in c.iter(f"{RNG}value")) if closed else None
        elif c.tag == f"{RNG}ref":
            if c.get("name") not in seen:
                seen.add(c.get("name"))
                for d in defines.get(c.get("name"), []):
                    _walk(d, defines, seen, children, attributes)
        else:
            _walk(c, defines, seen, children, attributes)


@functools.cache
def tei_element(name: str) -> TeiElement | None:
    defines, elements = _grammar()
    if name not in elements:
        return None
    found = TeiElement(set(), {})
    for e in elements[name]:
        _walk(e, defines, set(), found.children, found.attributes)
    return found
