"""The project schema in the forms XML editors use, generated from schema/tei-edition.xsd.

    python -m toolkit.validate.schemagen [XSD]           write tei-edition.rng and tei-edition.sch beside it
    python -m toolkit.validate.schemagen --check [XSD]   exit 1 if they differ from what would be written

The XSD is the single source of truth; the two files are derived from it, deterministically:

* tei-edition.rng (RELAX NG, XML syntax), the grammar. A converter for the subset of XSD the
  schema uses: named and anonymous complexType/simpleType, sequence, choice, group,
  attributeGroup, mixed content, complexContent extension, enumerations, patterns and other
  facets, unions, minOccurs/maxOccurs, xml:id/xml:lang. Anything else stops generation
  (exit 2) instead of being converted wrong. xs:assert is not grammar: see the Schematron.
* tei-edition.sch (ISO Schematron, queryBinding="xslt", i.e. XPath 1.0, as lxml and Oxygen
  run it), the rules beyond grammar: every xs:assert, its test and message as the XSD
  writes them (toolkit.validate.xsd), on the elements whose type carries it; then the rules
  of `tei-edition validate` that can be checked within one file (WITHIN_FILE).

Messages may contain {xpath}: the Schematron prints the value there (sch:value-of).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import etree

from toolkit.validate.xsd import XS, Unsupported, XsdTypes, assertions, xs

XSD = Path(__file__).resolve().parents[2] / "schema" / "tei-edition.xsd"
RNG = "http://relaxng.org/ns/structure/1.0"
ANN = "http://relaxng.org/ns/compatibility/annotations/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
NOTICE = " Generated from tei-edition.xsd by `python -m toolkit.validate.schemagen`: do not edit. "

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

# ---------------------------------------------------------------- the rules of `validate`
UPPER, LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
CLAUSE = "self::tei:item or self::tei:div[@type = 'clause']"
PLAIN_N = "translate(normalize-space(@n), '0123456789', '') = '' and normalize-space(@n) != ''"
PP_N = (
    "starts-with(normalize-space(@n), 'PP') and string-length(normalize-space(@n)) > 2"
    " and translate(substring(normalize-space(@n), 3), '0123456789', '') = ''"
)
LOWERED = f"translate(., '{UPPER}', '{LOWER}')"
BARE = f"translate(., '{UPPER} \t\n\r', '{LOWER}')"  # lower-cased, whitespace removed
UNSAFE = " or ".join(
    f"starts-with({BARE}, '{s}:') or contains(concat(' ', normalize-space({LOWERED})), ' {s}:')"
    for s in ("javascript", "vbscript", "data", "file")
)  # the value, or one of its tokens


def _in_order(a: str, b: str) -> str:
    """$a is not after $b. Applies to ISO dates (digits and '-'), both with a year or both
    without; compared as numbers cut to the shorter value (2019 against 2019-05 compares
    2019 with 2019), which is "the start does not begin after the end ends"."""
    applies = (
        f"translate(${a}, '0123456789-', '') = '' and translate(${b}, '0123456789-', '') = ''"
        f" and translate(${a}, '-', '') != '' and translate(${b}, '-', '') != ''"
        f" and starts-with(${a}, '--') = starts-with(${b}, '--')"
    )
    return (
        f"not({applies}) or number(translate(substring(${a}, 1, string-length(${b})), '-', ''))"
        f" <= number(translate(substring(${b}, 1, string-length(${a})), '-', ''))"
    )


def _in_sequence(kind: str, number: str) -> tuple:
    """A clause (div or item) numbered like `kind` follows the previous one of its kind among
    its siblings by 1, or is 1 when it is the first."""
    prev = number.replace("@n", "$prev/@n")
    return (
        f"tei:text//*[{CLAUSE}][{kind}]",
        {"prev": f"preceding-sibling::*[{CLAUSE}][{kind}][1]"},
        [
            (
                f"(not($prev) and {number} = 1) or ($prev and {number} = {prev} + 1)",
                (
                    "clause number {@n} is out of sequence: numbers run 1, 2, 3 (or PP1, PP2, PP3) from the "
                    "first clause on, without gap or repetition; renumber [clause.sequence]"
                ),
            )
        ],
    )


# pattern id -> rules (context, {variable: XPath}, [(test, message)]), as in toolkit/validate/rules.py
WITHIN_FILE = {
    "id.duplicate": [
        (
            "*[@xml:id]",
            {},
            [
                (
                    "not(preceding::*/@xml:id = @xml:id) and not(ancestor::*/@xml:id = @xml:id)",
                    'xml:id "{@xml:id}" is used twice in this file: rename one [id.duplicate]',
                )
            ],
        )
    ],
    "ref.kind": [
        (
            f"tei:{name}[@ref]",
            {},
            [
                (
                    f"starts-with(normalize-space(@ref), '{prefix}:')",
                    f'<{name}> points at "{{@ref}}": it must point at {prefix}:KEY [ref.kind]',
                )
            ],
        )
        for name, prefix in (("persName", "per"), ("placeName", "pla"), ("orgName", "org"))
    ],
    "date.order": [
        (
            "*[(@from and @to) or (@notBefore and @notAfter)][not(self::tei:span)]",
            {
                "from": "normalize-space(@from)",
                "to": "normalize-space(@to)",
                "nb": "normalize-space(@notBefore)",
                "na": "normalize-space(@notAfter)",
            },
            [
                (_in_order("from", "to"), 'range runs backwards: @from="{$from}" is after @to="{$to}" [date.order]'),
                (
                    _in_order("nb", "na"),
                    'range runs backwards: @notBefore="{$nb}" is after @notAfter="{$na}" [date.order]',
                ),
            ],
        )
    ],
    "clause.sequence": [
        _in_sequence(PLAIN_N, "number(normalize-space(@n))"),
        _in_sequence(PP_N, "number(substring(normalize-space(@n), 3))"),
    ],
    "link.unsafe": [
        (
            "*[@*]",
            {"bad": f"@*[{UNSAFE}]"},
            [
                (
                    "not($bad)",
                    (
                        '@{name($bad[1])}="{$bad[1]}" uses an unsafe scheme (javascript:, vbscript:, data:, '
                        "file:): use an #id or an http(s) URL [link.unsafe]"
                    ),
                )
            ],
        )
    ],
}


def _rng(tag: str, *children, text: str | None = None, **attrs) -> etree._Element:
    el = etree.Element(f"{{{RNG}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    el.extend(children)
    el.text = text
    return el


def _kind(el) -> str:
    return etree.QName(el).localname


# ---------------------------------------------------------------- XSD -> RELAX NG


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
        grammar.append(etree.Comment(NOTICE))
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


# ---------------------------------------------------------------- XSD -> Schematron


def _xsd_rules(root) -> list[tuple[str, str, list]]:
    """(pattern id, context, [(XPath 1.0 test, message)]) for what the XSD says and RELAX NG
    cannot: the xs:asserts (xsd.assertions), on the elements declared with the assert's type
    or a type derived from it; and that elements with empty content have no text, not even
    whitespace."""
    types, rules = XsdTypes(root), {}
    for assertion in assertions(root):
        rules.setdefault(assertion.names, []).append((assertion.test, assertion.message))
    empty = types.names(types.empty)
    if empty:
        rules[tuple(empty)] = [
            ("not(text())", "<{name()}> is empty: remove the text in it, spaces and line breaks too")
        ]
    return [
        (f"xsd.{'empty' if names == tuple(empty) else '-'.join(names)}", " | ".join(f"tei:{n}" for n in names), asserts)
        for names, asserts in rules.items()
    ]


def _sch(tag: str, *children, **attrs) -> etree._Element:
    el = etree.Element(f"{{{SCH}}}{tag}", attrs, nsmap={"sch": SCH})
    el.extend(children)
    return el


def _message(text: str) -> list:
    """[leading text, [sch:value-of for each {xpath}, with the text after it as tail]]."""
    parts = re.split(r"\{([^{}]+)\}", text)
    children = []
    for expr, tail in zip(parts[1::2], parts[2::2]):
        children.append(_sch("value-of", select=expr))
        children[-1].tail = tail
    return [parts[0], children]


def _pattern(pattern_id: str, rules: list) -> etree._Element:
    pattern = _sch("pattern", id=pattern_id)
    for context, variables, asserts in rules:
        rule = _sch("rule", *[_sch("let", name=k, value=v) for k, v in variables.items()], context=context)
        for test, message in asserts:
            text, values = _message(message)
            rule.append(_sch("assert", *values, test=test))
            rule[-1].text = text
        pattern.append(rule)
    return pattern


def build_sch(xsd: etree._ElementTree) -> etree._Element:
    root = xsd.getroot()
    schema = _sch("schema", queryBinding="xslt")
    schema.append(etree.Comment(NOTICE))
    title = _sch("title")
    title.text = "tei-edition: the rules beyond the grammar (docs/encoding.md)"
    schema.extend([title, _sch("ns", prefix="tei", uri=root.get("targetNamespace"))])
    schema.append(etree.Comment(" what the XSD says and RELAX NG cannot: its xs:assert, empty content "))
    schema.extend(_pattern(pattern_id, [(context, {}, asserts)]) for pattern_id, context, asserts in _xsd_rules(root))
    schema.append(etree.Comment(" the rules of `tei-edition validate` that hold within one file "))
    schema.extend(_pattern(pattern_id, rules) for pattern_id, rules in WITHIN_FILE.items())
    for test in schema.iter(f"{{{SCH}}}assert", f"{{{SCH}}}let", f"{{{SCH}}}rule"):
        etree.XPath(
            test.get("test") or test.get("value") or test.get("context"),  # compiles as XPath 1.0
            namespaces={"tei": root.get("targetNamespace"), "xml": XML_NS},
        )
    return schema


def _serialise(root: etree._Element) -> str:
    etree.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"


def generate(xsd_path: Path = XSD) -> dict[Path, str]:
    """{output path: text} for the XSD at xsd_path; the outputs sit beside it."""
    xsd = etree.parse(str(xsd_path))
    return {
        xsd_path.with_suffix(".rng"): _serialise(RngConverter(xsd).convert()),
        xsd_path.with_suffix(".sch"): _serialise(build_sch(xsd)),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    xsd_path = Path(next((a for a in args if a != "--check"), XSD))
    try:
        outputs = generate(xsd_path)
    except Unsupported as exc:
        print(f"{xsd_path}: error: cannot convert: {exc}", file=sys.stderr)
        return 2
    stale = [path for path, text in outputs.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    for path in stale:
        if check:
            print(
                f"{path}: out of date with {xsd_path.name}; run python -m toolkit.validate.schemagen", file=sys.stderr
            )
        else:
            path.write_text(outputs[path], encoding="utf-8")
            print(f"{path}: written")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
