"""The citable units of a document and their declaration in the TEI header.

A citable unit is an element of `<text>` with an `xml:id`, outside the web-page residue:
a clause (`div[@type='clause']`), a paragraph (`p`), an item of a list of decisions
(`item`). Its reference is its `xml:id`: the id of the permalink on the reading page, of
the fragment in the DTS API and of the "cite this" reference, so one identifier names a
clause everywhere and the permanence check has one set of ids to guard.

`refs_decl` declares the units as TEI P5 `<refsDecl>`/`<citeStructure>`: one top-level
`citeStructure` per kind of unit, each `use="@xml:id"`. The tree is flat (document →
unit). A nested structure (document → part → clause) cannot keep these references: TEI
builds a nested unit's reference from its parent's reference, a `@delim` and its own
value ("operative.3"), never the bare id a reading page links to.
"""

from __future__ import annotations

import copy
import dataclasses

from lxml import etree

from toolkit.model.tei import NS, XML_ID, E, local

RESIDUE = "div[@type='residue']"

# kind of unit → (element name, XPath predicate that picks it, besides [@xml:id]); in the
# order the kinds are declared when a document has several.
KINDS = {
    "clause": ("div", "@type='clause'"),
    "paragraph": ("p", None),
    "item": ("item", None),
    "division": ("div", "not(@type='clause')"),
}


@dataclasses.dataclass(frozen=True)
class CitableUnit:
    id: str  # the xml:id: the unit's reference
    kind: str  # clause | paragraph | item | division | the element's local name
    n: str | None  # its @n (clause or item number), if any
    element: etree._Element = dataclasses.field(compare=False, repr=False)

    @property
    def name(self) -> str:
        return local(self.element)


def kind_of(el: etree._Element) -> str:
    name = local(el)
    if name == "div":
        return "clause" if el.get("type") == "clause" else "division"
    return {"p": "paragraph"}.get(name, name)


def _in_residue(el: etree._Element) -> bool:
    return any(local(a) == "div" and a.get("type") == "residue" for a in el.iterancestors())


def citable_units(tree: etree._ElementTree | etree._Element) -> list[CitableUnit]:
    """The document's citable units in document order."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    text = root.find("tei:text", NS)
    if text is None:
        return []
    units = []
    for el in text.iter():
        if not isinstance(el.tag, str) or el is text:
            continue
        uid = el.get(XML_ID)
        if uid and not _in_residue(el):
            units.append(CitableUnit(uid, kind_of(el), el.get("n"), el))
    return units


def match_of(kind: str, name: str | None = None) -> str:
    """The absolute XPath (TEI namespace as the default, as in TEI attributes) that selects
    every unit of one kind: `/TEI/text//p[@xml:id][not(ancestor::div[@type='residue'])]`."""
    element, predicate = KINDS.get(kind, (name or kind, None))
    steps = f"/TEI/text//{element}[@xml:id]"
    if predicate:
        steps += f"[{predicate}]"
    return f"{steps}[not(ancestor::{RESIDUE})]"


def refs_decl(units: list[CitableUnit]) -> etree._Element:
    """`<refsDecl>` with one `<citeStructure unit=… match=… use="@xml:id"/>` per kind of
    unit the document has (in the order of KINDS, then of first appearance)."""
    names = {u.kind: u.name for u in units}
    decl = E("refsDecl")
    for kind in kinds_of(units):
        decl.append(E("citeStructure", unit=kind, match=match_of(kind, names[kind]), use="@xml:id"))
    return decl


def kinds_of(units: list[CitableUnit]) -> list[str]:
    """The kinds of unit a document has, in the order they are declared (KINDS, then others)."""
    return ordered_kinds(u.kind for u in units)


def ordered_kinds(kinds) -> list[str]:
    """Kinds of unit without repeats, in the order they are declared (KINDS, then as they come)."""
    present = list(dict.fromkeys(kinds))
    return [k for k in KINDS if k in present] + [k for k in present if k not in KINDS]


def with_refs_decl(tree: etree._ElementTree) -> etree._ElementTree:
    """A copy of the document with its `<refsDecl>` in `encodingDesc` (before `listPrefixDef`,
    replacing one that is there). The tree given is not changed."""
    out = copy.deepcopy(tree)
    root = out.getroot()
    header = root.find("tei:teiHeader", NS)
    if header is None:
        return out
    encoding = header.find("tei:encodingDesc", NS)
    if encoding is None:
        encoding = E("encodingDesc")
        after = header.find("tei:fileDesc", NS)
        if after is not None:
            after.addnext(encoding)
        else:
            header.insert(0, encoding)
    for old in encoding.findall("tei:refsDecl", NS):
        encoding.remove(old)
    decl = refs_decl(citable_units(out))
    if not len(decl):
        return out
    before = encoding.find("tei:listPrefixDef", NS)
    if before is not None:
        before.addprevious(decl)
    else:
        encoding.append(decl)
    _indent_like_siblings(decl)
    return out


def _indent_like_siblings(el: etree._Element) -> None:
    """Give a new element and its children the indentation of the element next to it."""
    prev = el.getprevious()
    parent = el.getparent()
    outer = (prev.tail if prev is not None else parent.text) or "\n"
    el.tail = outer
    if prev is None:
        parent.text = outer
    inner = outer + "  "
    if len(el):
        el.text = inner
        for child in el:
            child.tail = inner
        el[-1].tail = outer


def unit_ids(tree: etree._ElementTree | etree._Element) -> list[str]:
    return [u.id for u in citable_units(tree)]
