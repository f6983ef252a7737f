"""A fast screen before xmlschema: libxml2's XSD validator (C, XSD 1.0) over the project
schema with its XSD 1.1 assertions taken out, plus those assertions checked in one pass
over the tree (their XPath 1.0 form is ASSERTIONS).

A document that passes both is valid against the project schema; anything else goes on
to xmlschema, which remains the authority and gives the messages. The screen never
accepts what xmlschema rejects: tests/test_prescreen.py checks the two agree on the
corpus, on invalid variants of it and on arbitrary converter output."""

from __future__ import annotations

import contextlib
import functools
import re
from pathlib import Path

from lxml import etree

from toolkit.model.tei import DATE_ATTRS, TEI_NS
from toolkit.validate.schema import XSD

XS = "http://www.w3.org/2001/XMLSchema"
VC = "http://www.w3.org/2007/XMLSchema-versioning"

# The xs:assert of schema/tei-edition.xsd, as XPath 1.0: each selects the violations.
# `breaks_an_assertion` evaluates them in one pass; the tests hold the two to agree.
ASSERTIONS = (
    "//tei:date[not(@when or @from or @to or @notBefore or @notAfter)]",
    "//tei:div[@type = 'clause'][not(@n and @xml:id and @subtype)]",
    "//tei:div[not(@type = 'clause')][@subtype]",
    "//tei:idno[@type = 'wikidata'][not(string-length(.) > 1 and starts-with(., 'Q') and not(starts-with(., 'Q0'))"
    " and translate(substring(., 2), '0123456789', '') = '')]",
    "//tei:person[not(tei:persName[@type = 'canonical'][normalize-space(.)])]",
    "//tei:place[not(tei:placeName[@type = 'canonical'][normalize-space(.)])]",
    "//tei:org[not(tei:orgName[@type = 'canonical'][normalize-space(.)])]",
)


@functools.lru_cache(maxsize=1)
def _compiled():
    import importlib.util

    # xmlschema ships the W3C xml.xsd; find it without importing the (slow) package
    spec = importlib.util.find_spec("xmlschema")
    xml_xsd = Path(spec.origin).parent / "schemas" / "XML" / "xml.xsd"
    tree = etree.parse(str(XSD), etree.XMLParser(resolve_entities=False, no_network=True))
    root = tree.getroot()
    root.attrib.pop(f"{{{VC}}}minVersion", None)
    for a in root.iter(f"{{{XS}}}assert"):
        a.getparent().remove(a)
    for imp in root.iter(f"{{{XS}}}import"):
        if imp.get("namespace") == "http://www.w3.org/XML/1998/namespace":
            imp.set("schemaLocation", xml_xsd.as_uri())
    return etree.XMLSchema(tree)


_WIKIDATA = re.compile(r"Q[1-9][0-9]*", re.ASCII)
_XML_SPACE = " \t\r\n"
_DATE, _DIV, _IDNO = f"{{{TEI_NS}}}date", f"{{{TEI_NS}}}div", f"{{{TEI_NS}}}idno"
_CANONICAL = {
    f"{{{TEI_NS}}}{kind}": f"{{{TEI_NS}}}{name}"
    for kind, name in (("person", "persName"), ("place", "placeName"), ("org", "orgName"))
}
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def breaks_an_assertion(tree: etree._ElementTree) -> bool:
    """ASSERTIONS, evaluated in one C-level pass over the elements they are about (seven
    XPath passes cost more); tests/test_prescreen.py checks the two agree."""
    for el in tree.iter(_DATE, _DIV, _IDNO, *_CANONICAL):
        tag = el.tag
        if tag == _DATE:
            if all(el.get(a) is None for a in DATE_ATTRS):
                return True
        elif tag == _DIV:
            if el.get("type") == "clause":
                if el.get("n") is None or el.get(_XML_ID) is None or el.get("subtype") is None:
                    return True
            elif el.get("subtype") is not None:
                return True
        elif tag == _IDNO:
            if el.get("type") == "wikidata" and not _WIKIDATA.fullmatch("".join(el.itertext())):
                return True
        else:
            name = _CANONICAL[tag]
            if not any(
                child.tag == name and child.get("type") == "canonical" and "".join(child.itertext()).strip(_XML_SPACE)
                for child in el
            ):
                return True
    return False


def warm_up() -> None:
    """Compile the screen now (before worker processes fork, so they share it)."""
    with contextlib.suppress(etree.XMLSchemaParseError, OSError, ImportError):
        _compiled()


def clean(tree: etree._ElementTree) -> bool:
    """True only if the document is certainly valid against the project schema."""
    try:
        schema = _compiled()
    except (etree.XMLSchemaParseError, OSError, ImportError):
        return False  # no screen: let xmlschema decide
    if not schema.validate(tree):
        return False
    ids = tree.xpath("//@xml:id")
    if len(ids) != len(set(ids)):  # libxml2 checks xs:ID uniqueness only while parsing
        return False
    return not breaks_an_assertion(tree)
