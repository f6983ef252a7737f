"""XSD -> ISO Schematron (queryBinding="xslt", i.e. XPath 1.0, as lxml and Oxygen run it): the
rules beyond the grammar, for XML editors.

First what the XSD says and RELAX NG cannot: every xs:assert, its test and message as the XSD
writes them (toolkit.validate.xsd), on the elements whose type carries it, and that elements
with empty content have no text at all. Then the rules of `tei-edition validate` that can be
checked within one file (WITHIN_FILE), written here as Schematron.

Messages may contain {xpath}: the Schematron prints the value there (sch:value-of)."""

from __future__ import annotations

import re

from lxml import etree

from toolkit.model.registers import KINDS, NAME_OF_KIND, PREFIX_OF_KIND
from toolkit.model.tei import XML_NS
from toolkit.validate.rules.links import UNSAFE_SCHEMES
from toolkit.validate.xsd import XsdTypes, assertions

SCH = "http://purl.oclc.org/dsdl/schematron"

# ---------------------------------------------------------------- the rules of `validate`
UPPER, LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
CLAUSE = "self::tei:item[parent::tei:list/@type = 'decisions'] or self::tei:div[@type = 'clause']"
PLAIN_N = "translate(normalize-space(@n), '0123456789', '') = '' and normalize-space(@n) != ''"
PP_N = (
    "starts-with(normalize-space(@n), 'PP') and string-length(normalize-space(@n)) > 2"
    " and translate(substring(normalize-space(@n), 3), '0123456789', '') = ''"
)
LOWERED = f"translate(., '{UPPER}', '{LOWER}')"
BARE = f"translate(., '{UPPER} \t\n\r', '{LOWER}')"  # lower-cased, whitespace removed
UNSAFE = " or ".join(
    f"starts-with({BARE}, '{s}:') or contains(concat(' ', normalize-space({LOWERED})), ' {s}:')" for s in UNSAFE_SCHEMES
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


# pattern id -> rules (context, {variable: XPath}, [(test, message)]), as in toolkit/validate/rules/
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
        for name, prefix in ((NAME_OF_KIND[kind], PREFIX_OF_KIND[kind]) for kind in KINDS)
    ]
    + [
        (
            "tei:note[@target]",
            {},
            [
                (
                    "//tei:anchor/@xml:id = substring(normalize-space(@target), 2)",
                    'note/@target "{@target}" must name an <anchor> of this document [ref.kind]',
                )
            ],
        )
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


# ---------------------------------------------------------------- the writer


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
