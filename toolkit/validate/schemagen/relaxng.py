"""XSD -> RELAX NG (XML syntax): the grammar of schema/tei-edition.xsd for XML editors.

A converter for the subset of XSD the schema uses: named and anonymous complexType/simpleType,
sequence, choice, group, attributeGroup, mixed content, complexContent extension,
enumerations, patterns and other facets, unions, minOccurs/maxOccurs, xml:id/xml:lang.
Anything else raises Unsupported instead of being converted wrong. xs:assert is not grammar:
it goes to the Schematron (schematron.py)."""

from __future__ import annotations

from lxml import etree

from toolkit.model.tei import XML_NS
from toolkit.validate.xsd import XS, Unsupported, xs

RNG = "http://relaxng.org/ns/structure/1.0"
ANN = "http://relaxng.org/ns/compatibility/annotations/1.0"
DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"

# The attributes of the xml: namespace, typed as in the W3C's xml.xsd: (pattern, argument).
XML_ATTRIBUTES = {
    "id": [("data", "ID")],
    "lang": [("data", "language"), ("value", "")],
    "space": [("value", "default"), ("value", "preserve")],
    "base": [("data", "anyURI")],
}
FACETS = {
    "length",
    "minLength",
    "maxLength",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "totalDigits",
    "fractionDigits",
    "pattern",
}


def _rng(tag: str, *children, text: str | None = None, **attrs) -> etree._Element:
    el = etree.Element(f"{{{RNG}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    el.extend(children)
    el.text = text
    return el


def _kind(el) -> str:
    return etree.QName(el).localname


DEFINE_PREFIX = {
    "simpleType": "type",
    "complexType": "type",
    "group": "group",
    "attributeGroup": "attributes",
    "element": "element",
}


class RngConverter:
    """One define per top-level component: type.NAME (simple and complex types), group.NAME,
    attributes.NAME (attribute groups), element.NAME (global elements: the possible roots)."""

    def __init__(self, xsd: etree._ElementTree):
        self.root = xsd.getroot()
        self.tns = self.root.get("targetNamespace", "")
        if (self.root.get("elementFormDefault"), self.root.get("attributeFormDefault", "unqualified")) != (
            "qualified",
            "unqualified",
        ):
            raise Unsupported("elementFormDefault must be qualified, attributeFormDefault unqualified")

    def qname(self, el, value: str) -> tuple[str, str]:
        prefix, _, local = value.rpartition(":")
        return (XML_NS if prefix == "xml" else el.nsmap.get(prefix or None, "")), local

    def local_ref(self, el, value: str, prefix: str) -> etree._Element:
        ns, local = self.qname(el, value)
        if ns != self.tns:
            raise Unsupported(f"reference to {value} outside the target namespace")
        return _rng("ref", name=f"{prefix}.{local}")

    def convert(self) -> etree._Element:
        grammar = etree.Element(
            f"{{{RNG}}}grammar", nsmap={None: RNG, "a": ANN}, ns=self.tns, datatypeLibrary=DATATYPES
        )
        roots = [_rng("ref", name=f"element.{el.get('name')}") for el in self.root.iterchildren(xs("element"))]
        grammar.append(_rng("start", roots[0] if len(roots) == 1 else _rng("choice", *roots)))
        for child in self.root.iterchildren(etree.Element):
            kind = _kind(child)
            if kind in ("import", "annotation"):
                continue
            if kind not in DEFINE_PREFIX:
                raise Unsupported(f"top-level xs:{kind}")
            define = _rng("define", *self.documentation(child), name=f"{DEFINE_PREFIX[kind]}.{child.get('name')}")
            grammar.append(define)
            if kind == "simpleType":
                define.append(self.simple_type(child))
            elif kind == "complexType":
                define.extend(self.complex_type(child))
            elif kind == "group":
                define.extend(self.particles(child))
            elif kind == "attributeGroup":
                define.extend(self.attributes(child) or [_rng("empty")])
            else:
                define.append(self.element(child, top=True))
        return grammar

    def documentation(self, xsd_el) -> list:
        docs = []
        for doc in xsd_el.iterfind(f"{xs('annotation')}/{xs('documentation')}"):
            docs.append(etree.Element(f"{{{ANN}}}documentation"))
            docs[-1].text = " ".join("".join(doc.itertext()).split())
        return docs

    def occurs(self, pattern, xsd_el) -> etree._Element:
        occurs = (xsd_el.get("minOccurs", "1"), xsd_el.get("maxOccurs", "1"))
        wrapper = {
            ("1", "1"): None,
            ("0", "1"): "optional",
            ("0", "unbounded"): "zeroOrMore",
            ("1", "unbounded"): "oneOrMore",
        }
        if occurs not in wrapper:
            raise Unsupported(f"minOccurs={occurs[0]} maxOccurs={occurs[1]}")
        return _rng(wrapper[occurs], pattern) if wrapper[occurs] else pattern

    def type_ref(self, el, value: str) -> etree._Element:
        ns, local = self.qname(el, value)
        if ns != XS:
            return self.local_ref(el, value, "type")
        if local in ("anyType", "anySimpleType"):
            raise Unsupported(f"xs:{local}")
        return _rng("data", type=local)

    def simple_type(self, st) -> etree._Element:
        (body,) = [c for c in st.iterchildren(etree.Element) if c.tag != xs("annotation")]
        if body.tag == xs("union"):
            members = [self.type_ref(body, m) for m in body.get("memberTypes", "").split()]
            members += [self.simple_type(s) for s in body.iterchildren(xs("simpleType"))]
            return _rng("choice", *members)
        base_ns, base = self.qname(body, body.get("base") or "")
        if body.tag != xs("restriction") or base_ns != XS:
            raise Unsupported(f"xs:{_kind(body)} {body.get('base', '')}: only restrictions of built-in types")
        facets = [f for f in body.iterchildren(etree.Element) if f.tag != xs("annotation")]
        values = [_rng("value", type=base, text=f.get("value")) for f in facets if f.tag == xs("enumeration")]
        if values:
            if len(values) != len(facets):
                raise Unsupported("xs:enumeration together with other facets")
            return values[0] if len(values) == 1 else _rng("choice", *values)
        if [_kind(f) for f in facets].count("pattern") > 1 or {_kind(f) for f in facets} - FACETS:
            raise Unsupported(f"facets {[_kind(f) for f in facets]}")
        return _rng("data", *[_rng("param", name=_kind(f), text=f.get("value")) for f in facets], type=base)

    def complex_type(self, ct) -> list:
        out, mixed, content = [], ct.get("mixed") == "true", ct
        if ct.find(xs("simpleContent")) is not None:
            raise Unsupported("xs:simpleContent")
        inner = ct.find(xs("complexContent"))
        if inner is not None:
            mixed = mixed or inner.get("mixed") == "true"
            (content,) = [c for c in inner.iterchildren(etree.Element) if c.tag != xs("annotation")]
            if content.tag != xs("extension"):
                raise Unsupported(f"xs:complexContent/xs:{_kind(content)}")
            out.append(self.local_ref(content, content.get("base"), "type"))  # its attributes and content
        for child in content.iterchildren(xs("openContent"), xs("anyAttribute"), xs("all")):
            raise Unsupported(f"xs:{_kind(child)}")
        out += self.attributes(content)
        particles = self.particles(content)
        if mixed and particles:
            out.append(_rng("mixed", *particles))
        elif mixed and inner is None:  # an extension has its text from the base
            out.append(_rng("text"))
        else:
            out += particles
        return out or [_rng("empty")]

    def particles(self, parent) -> list:
        out = []
        for child in parent.iterchildren(*map(xs, ("element", "sequence", "choice", "group", "any"))):
            kind = _kind(child)
            if kind == "any":
                raise Unsupported("xs:any")
            if kind == "element":
                out.append(self.element(child))
                continue
            if kind == "group":
                pattern = self.local_ref(child, child.get("ref"), "group")
            else:
                inner = self.particles(child)
                if not inner:
                    continue
                pattern = inner[0] if len(inner) == 1 else _rng("group" if kind == "sequence" else kind, *inner)
            out.append(self.occurs(pattern, child))
        return out

    def element(self, el, top: bool = False) -> etree._Element:
        if el.get("ref"):
            return self.occurs(self.local_ref(el, el.get("ref"), "element"), el)
        pattern = _rng("element", *self.documentation(el), *self.typed(el), name=el.get("name"))
        return pattern if top else self.occurs(pattern, el)

    def typed(self, el) -> list:
        """The type of an element or attribute: by name, inline, or (attributes only) any text."""
        if el.get("type"):
            return [self.type_ref(el, el.get("type"))]
        if el.find(xs("complexType")) is not None:
            return self.complex_type(el.find(xs("complexType")))
        if el.find(xs("simpleType")) is not None:
            return [self.simple_type(el.find(xs("simpleType")))]
        if el.tag == xs("element"):
            raise Unsupported(f"element {el.get('name')} without a type")
        return [_rng("text")]

    def attributes(self, parent) -> list:
        out = []
        for att in parent.iterchildren(xs("attribute"), xs("attributeGroup")):
            if att.tag == xs("attributeGroup"):
                out.append(self.local_ref(att, att.get("ref"), "attributes"))
                continue
            if att.get("fixed") is not None or att.get("use") == "prohibited" or att.get("form"):
                raise Unsupported(f"attribute {att.get('name')}: fixed, prohibited or form")
            if att.get("ref"):
                ns, local = self.qname(att, att.get("ref"))
                if ns != XML_NS or local not in XML_ATTRIBUTES:
                    raise Unsupported(f"attribute ref {att.get('ref')}")
                values = [
                    _rng("data", type=arg) if kind == "data" else _rng("value", type="string", text=arg)
                    for kind, arg in XML_ATTRIBUTES[local]
                ]
                pattern = _rng(
                    "attribute", values[0] if len(values) == 1 else _rng("choice", *values), name=f"xml:{local}"
                )
            else:
                pattern = _rng("attribute", *self.documentation(att), *self.typed(att), name=att.get("name"))
            if att.get("default") is not None:
                pattern.set(f"{{{ANN}}}defaultValue", att.get("default"))
            out.append(pattern if att.get("use") == "required" else _rng("optional", pattern))
        return out
