"""What the toolkit reads out of schema/tei-edition.xsd besides its grammar: which complex
type each element is declared with (`XsdTypes`), and the assertions (`assertions`).

Each assertion (xs:assert) is written in the XSD only: its test, and as its
xs:annotation/xs:documentation the message the Schematron gives ({xpath} in it is printed
with sch:value-of). The test is written in the XPath that XSD 1.1 (XPath 2.0) and XPath 1.0
share, with element names prefixed tei: (XPath 1.0 has no default namespace), so the one
test serves xmlschema (the authority), the prescreen (lxml) and the Schematron (XPath 1.0, as
lxml and Oxygen run it). An assertion outside that subset, or without a message, is refused
(Unsupported): the Schematron is then not generated and the prescreen stands aside.
"""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"


class Unsupported(Exception):
    """The XSD uses a construct the toolkit's readers of it do not handle."""


def xs(name: str) -> str:
    return f"{{{XS}}}{name}"


class XsdTypes:
    """Which complex type each element name is declared with, in the whole XSD."""

    def __init__(self, root):
        self.named = {ct.get("name"): ct for ct in root.iterchildren(xs("complexType"))}
        self._bases: dict = {}
        self.declared: dict[str, list] = {}  # element name -> complexType elements (None: simple)
        for el in root.iter(xs("element")):
            if el.get("name"):
                ct = (
                    self.named.get(el.get("type", "").rpartition(":")[2])
                    if el.get("type")
                    else el.find(xs("complexType"))
                )
                self.declared.setdefault(el.get("name"), []).append(ct)

    def base(self, ct):
        if ct not in self._bases:  # memoised: asking for every element and assert adds up
            ext = ct.find(f"{xs('complexContent')}/{xs('extension')}")
            self._bases[ct] = self.named.get(ext.get("base").rpartition(":")[2]) if ext is not None else None
        return self._bases[ct]

    def derives(self, ct, ancestor) -> bool:
        while ct is not None and ct is not ancestor:
            ct = self.base(ct)
        return ct is not None

    def empty(self, ct) -> bool:
        """Empty content: XSD allows no text at all, RELAX NG allows whitespace."""
        if ct is None or ct.get("mixed") == "true" or ct.find(xs("simpleContent")) is not None:
            return False
        inner = ct.find(xs("complexContent"))
        if inner is not None:
            if inner.get("mixed") == "true" or not self.empty(self.base(ct)):
                return False
            ct = inner.find(xs("extension"))
        return next(ct.iterchildren(xs("sequence"), xs("choice"), xs("group"), xs("all")), None) is None

    def names(self, test, every: bool = True) -> list[str]:
        """The element names all (or any) of whose declarations pass test."""
        return sorted(n for n, cts in self.declared.items() if (all if every else any)(map(test, cts)))


@dataclasses.dataclass(frozen=True)
class Assertion:
    names: tuple[str, ...]  # the elements it is about: those declared with its type or one derived from it
    test: str  # XPath (in the part XPath 1.0 and 2.0 share), whitespace collapsed
    message: str  # for the Schematron; {xpath} is printed with sch:value-of


# XPath 1.0's functions (and operators that look like calls: "or (")
XPATH1_CALLS = {
    *("last", "position", "count", "id", "local-name", "namespace-uri", "name"),
    *("string", "concat", "starts-with", "contains", "substring-before", "substring-after", "substring"),
    *("string-length", "normalize-space", "translate", "boolean", "not", "true", "false", "lang"),
    *("number", "sum", "floor", "ceiling", "round", "text", "node", "comment", "processing-instruction"),
    *("and", "or", "div", "mod"),
}


def assertions(root: etree._Element) -> list[Assertion]:
    """Every xs:assert of the XSD (root: its xs:schema element), in document order."""
    types, found = XsdTypes(root), []
    for xs_assert in root.iter(xs("assert")):
        ct = next(a for a in xs_assert.iterancestors() if a.tag == xs("complexType"))

        def carries(c, ct=ct):
            return c is not None and types.derives(c, ct)

        names = types.names(carries)
        if not names or names != types.names(carries, every=False):  # an element name with two types
            raise Unsupported(f"xs:assert of type {ct.get('name')}: its elements cannot be told apart by name")
        test = " ".join(xs_assert.get("test").split())
        calls = set(re.findall(r"([A-Za-z_][\w.-]*(?::[\w.-]+)?)\s*\(", test)) - XPATH1_CALLS
        if calls:
            raise Unsupported(
                f'xs:assert test="{test}" calls {sorted(calls)}, which XPath 1.0 does not have: write the test '
                "in the XPath that XSD 1.1 and XPath 1.0 share (the prescreen and the Schematron run it as XPath 1.0)"
            )
        message = " ".join(
            "".join(xs_assert.xpath("xs:annotation/xs:documentation//text()", namespaces={"xs": XS})).split()
        )
        if not message:
            raise Unsupported(f'xs:assert test="{test}" has no message: give it an xs:annotation/xs:documentation')
        found.append(Assertion(tuple(names), test, message))
    return found
