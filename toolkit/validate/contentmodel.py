"""What schema/tei-edition.xsd admits, element by element, read from the XSD itself: each
element's meaning (its xs:documentation), the elements it may contain and stand in, its
attributes with their meaning, whether they are required and, for a closed list, the values.

Pure: an XSD tree in, `Element`s out. The encoding reference (validate.reference), the
messages for a schema error (validate.messages) and the tests (that every element the
schema admits is described, used by the every-element document, and admitted by tei_all
where we admit it) all read the schema through `admitted`."""

from __future__ import annotations

import dataclasses

from lxml import etree

from toolkit.validate.xsd import XS, Unsupported, xs

# attributes whose meaning is the same wherever they stand: documented once, in the
# attribute group "global"; a declaration of one of these without documentation takes it
GLOBAL_GROUP = "global"


@dataclasses.dataclass
class Attribute:
    name: str  # as written: "type", "xml:id"
    required: bool
    values: tuple[str, ...] | None  # a closed list; None for any value of `datatype`
    datatype: str  # what an open value must be, in words ("" for a closed list)
    doc: str


@dataclasses.dataclass
class Element:
    name: str
    doc: str = ""
    mixed: bool = False  # may contain text
    children: dict[str, None] = dataclasses.field(default_factory=dict)  # names, in schema order
    parents: dict[str, None] = dataclasses.field(default_factory=dict)
    attributes: dict[str, Attribute] = dataclasses.field(default_factory=dict)
    roots: bool = False  # a global element (a document's root)


def _doc(node) -> str:
    if node is None:
        return ""
    text = node.xpath("string(xs:annotation/xs:documentation)", namespaces={"xs": XS})
    return " ".join(text.split())


class _Reader:
    def __init__(self, root: etree._Element):
        self.root = root
        self.named = {(etree.QName(c).localname, c.get("name")): c for c in root.iterchildren(etree.Element)}
        self.elements: dict[str, Element] = {}
        self.seen: set = set()
        self.global_docs = {}
        group = self.named.get(("attributeGroup", GLOBAL_GROUP))
        if group is not None:
            for att in self._attribute_decls(group):
                self.global_docs[self._attribute_name(att)] = _doc(att)

    def get(self, kind: str, qname: str | None):
        node = self.named.get((kind, (qname or "").rpartition(":")[2]))
        if node is None:
            raise Unsupported(f"no top-level xs:{kind} named {qname}")
        return node

    # ---------------------------------------------------------------- elements

    def element(self, decl, parent: str | None) -> None:
        name = decl.get("name")
        entry = self.elements.setdefault(name, Element(name))
        entry.doc = entry.doc or _doc(decl)
        if parent is None:
            entry.roots = True
        else:
            entry.parents.setdefault(parent, None)
        where = decl.getroottree().getpath(decl)  # lxml makes proxies anew: id() is not stable
        if where in self.seen:
            return
        self.seen.add(where)
        ct = self._complex_type(decl)
        if ct is None:  # a simple type: text only
            entry.mixed = True
            return
        entry.mixed = entry.mixed or self._mixed(ct)
        for att in self._attribute_decls(ct):
            self._attribute(entry, att)
        for child in self._child_decls(ct):
            entry.children.setdefault(child.get("name"), None)
            self.element(child, name)

    def _complex_type(self, decl):
        if decl.get("type"):
            kind_name = decl.get("type")
            if kind_name.startswith("xs:"):
                return None
            return self.named.get(("complexType", kind_name.rpartition(":")[2]))
        return decl.find(xs("complexType"))

    def _base(self, ct):
        ext = ct.find(f"{xs('complexContent')}/{xs('extension')}")
        return (ext, self.get("complexType", ext.get("base"))) if ext is not None else (ct, None)

    def _mixed(self, ct) -> bool:
        content, base = self._base(ct)
        inner = ct.find(xs("complexContent"))
        return (
            ct.get("mixed") == "true"
            or (inner is not None and inner.get("mixed") == "true")
            or (base is not None and self._mixed(base))
        )

    def _child_decls(self, ct) -> list:
        content, base = self._base(ct)
        found = self._child_decls(base) if base is not None else []
        return found + self._particles(content)

    def _particles(self, node) -> list:
        found = []
        for child in node.iterchildren(*map(xs, ("element", "sequence", "choice", "group"))):
            kind = etree.QName(child).localname
            if kind == "element":
                found.append(child)
            elif kind == "group" and child.get("ref"):
                found += self._particles(self.get("group", child.get("ref")))
            else:
                found += self._particles(child)
        return found

    # ---------------------------------------------------------------- attributes

    def _attribute_decls(self, node) -> list:
        content, base = self._base(node) if node.tag == xs("complexType") else (node, None)
        found = self._attribute_decls(base) if base is not None else []
        for att in content.iterchildren(xs("attribute"), xs("attributeGroup")):
            if att.tag == xs("attributeGroup"):
                found += self._attribute_decls(self.get("attributeGroup", att.get("ref")))
            else:
                found.append(att)
        return found

    @staticmethod
    def _attribute_name(att) -> str:
        return att.get("name") or att.get("ref")

    def _attribute(self, entry: Element, att) -> None:
        name = self._attribute_name(att)
        doc = _doc(att) or (self.global_docs.get(name, "") if name in self.global_docs else "")
        values, datatype = self._values(att)
        old = entry.attributes.get(name)
        if old is not None:  # declared with another type elsewhere: the values of both
            if old.values is not None and values is not None:
                values = tuple(dict.fromkeys(old.values + values))
            elif values is None or old.values is None:
                values, datatype = None, old.datatype or datatype
            doc, required = old.doc or doc, old.required and att.get("use") == "required"
        else:
            required = att.get("use") == "required"
        entry.attributes[name] = Attribute(name, required, values, datatype, doc)

    def _values(self, att) -> tuple[tuple[str, ...] | None, str]:
        if att.get("ref"):
            return None, {"xml:id": "an XML name", "xml:lang": "a BCP 47 language code"}.get(att.get("ref"), "")
        st = att.find(xs("simpleType"))
        if att.get("type"):
            type_name = att.get("type")
            if type_name.startswith("xs:"):
                return None, type_name[3:]
            st = self.get("simpleType", type_name)
        if st is None:
            return None, "text"
        return self._simple(st)

    def _simple(self, st) -> tuple[tuple[str, ...] | None, str]:
        restriction = st.find(xs("restriction"))
        if restriction is not None:
            values = tuple(e.get("value") for e in restriction.iterchildren(xs("enumeration")))
            if values:
                return values, ""
        return None, _doc(st) or (restriction.get("base", "").partition(":")[2] if restriction is not None else "")


def admitted(root: etree._Element) -> dict[str, Element]:
    """Every element the XSD admits (root: its xs:schema element), by name, in the order the
    schema first declares them."""
    reader = _Reader(root)
    for decl in root.iterchildren(xs("element")):
        reader.element(decl, None)
    return reader.elements
