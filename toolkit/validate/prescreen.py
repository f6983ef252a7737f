"""A fast screen before xmlschema: libxml2's XSD validator (C, XSD 1.0) over the project
schema with its XSD 1.1 assertions taken out, plus those assertions, as the XSD writes them
(toolkit.validate.xsd), evaluated by libxml2's XPath 1.0 on the elements they are about.

A document that passes both is valid against the project schema; anything else goes on
to xmlschema, which remains the authority and gives the messages. The screen never
accepts what xmlschema rejects: tests/test_prescreen.py checks the two agree on the
corpus, on invalid variants of it and on arbitrary converter output."""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path

from lxml import etree

from toolkit.model.tei import TEI_NS
from toolkit.validate.schema import XSD
from toolkit.validate.xsd import Unsupported, assertions, xs

VC = "http://www.w3.org/2007/XMLSchema-versioning"
_UNAVAILABLE = (etree.XMLSchemaParseError, etree.XPathError, OSError, ImportError, Unsupported)


@functools.lru_cache(maxsize=1)
def _compiled() -> tuple[etree.XMLSchema, dict[str, etree.XPath]]:
    """libxml2's schema without the assertions, and per element tag an XPath that is true
    when the element meets every assertion about it."""
    import importlib.util

    # xmlschema ships the W3C xml.xsd; find it without importing the (slow) package
    spec = importlib.util.find_spec("xmlschema")
    xml_xsd = Path(spec.origin).parent / "schemas" / "XML" / "xml.xsd"
    tree = etree.parse(str(XSD), etree.XMLParser(resolve_entities=False, no_network=True))
    root = tree.getroot()
    tests: dict[str, list[str]] = {}
    for assertion in assertions(root):
        for name in assertion.names:
            tests.setdefault(f"{{{TEI_NS}}}{name}", []).append(f"({assertion.test})")
    checks = {  # plain XPath 1.0, no EXSLT regular expressions (lxml registers those on each call)
        tag: etree.XPath(f"boolean({' and '.join(ts)})", namespaces={"tei": TEI_NS}, regexp=False)
        for tag, ts in tests.items()
    }
    root.attrib.pop(f"{{{VC}}}minVersion", None)
    for a in root.iter(xs("assert")):
        a.getparent().remove(a)
    for imp in root.iter(xs("import")):
        if imp.get("namespace") == "http://www.w3.org/XML/1998/namespace":
            imp.set("schemaLocation", xml_xsd.as_uri())
    return etree.XMLSchema(tree), checks


def breaks_an_assertion(tree: etree._ElementTree) -> bool:
    """True if an element breaks one of the XSD's assertions: one C-level pass over the
    elements they are about, each checked with its compiled XPath (one XPath per assertion
    over the whole tree costs more)."""
    checks = _compiled()[1]
    return any(not checks[el.tag](el) for el in tree.iter(*checks))


def warm_up() -> None:
    """Compile the screen now (before worker processes fork, so they share it)."""
    with contextlib.suppress(*_UNAVAILABLE):
        _compiled()


def clean(tree: etree._ElementTree) -> bool:
    """True only if the document is certainly valid against the project schema."""
    try:
        schema, _checks = _compiled()
    except _UNAVAILABLE:
        return False  # no screen: let xmlschema decide
    if not schema.validate(tree):
        return False
    ids = tree.xpath("//@xml:id")
    if len(ids) != len(set(ids)):  # libxml2 checks xs:ID uniqueness only while parsing
        return False
    return not breaks_an_assertion(tree)
