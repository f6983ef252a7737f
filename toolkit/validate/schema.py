"""The project schema (schema/): where it is, validation of a tree with xmlschema, and the
Schematron rules (schema/tei-edition.sch, generated from the XSD by toolkit.validate.schemagen)."""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from toolkit.model.diagnostics import Diagnostic, error

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
XSD = SCHEMA_DIR / "tei-edition.xsd"  # the source of truth
RNG = SCHEMA_DIR / "tei-edition.rng"  # generated: python -m toolkit.validate.schemagen
SCH = SCHEMA_DIR / "tei-edition.sch"  # generated: python -m toolkit.validate.schemagen
# the official TEI P5 schema, unmodified: TEI from elsewhere is checked against it
TEI_ALL = SCHEMA_DIR / "tei_all.rng"  # the official TEI P5 schema, unmodified (../shared/tei/)
# the document that uses every element the schema admits: the encoding reference's examples
# where the corpus has none
EVERY_ELEMENT = SCHEMA_DIR.parent / "tests" / "cases" / "editor" / "every-element.xml"


@functools.lru_cache(maxsize=1)
def schema_bytes() -> bytes:
    """The project schema's bytes, read once (what cached validation results are keyed on)."""
    return XSD.read_bytes()


@functools.lru_cache(maxsize=1)
def _schema():
    import xmlschema  # heavy: loaded only when validating

    return xmlschema.XMLSchema11(str(XSD))


def validate_tree(tree: etree._ElementTree, path: str, data: bytes = b"") -> list[Diagnostic]:
    """Grammar errors of one document, as a person reads them (validate.messages), at the
    line and column of the element each is about (column 1 without the bytes parsed)."""
    return [f.diagnostic for f in schema_findings(tree, path, data)]


def schema_findings(tree: etree._ElementTree, path: str, data: bytes = b""):
    """The grammar errors as validate.messages.Finding: each with the element (and
    attribute) it is about."""
    from toolkit.model.position import source_lines
    from toolkit.validate.messages import messages

    lines = source_lines(data.decode("utf-8", "replace")) if data else []
    return messages().findings(tree, path, lines)


SVRL = "{http://purl.oclc.org/dsdl/svrl}"


@functools.lru_cache(maxsize=1)
def _schematron():
    from lxml import isoschematron

    return isoschematron.Schematron(etree.parse(str(SCH)), store_report=True)


def schematron_errors(tree: etree._ElementTree, path: str) -> list[Diagnostic]:
    """The rules of schema/tei-edition.sch a document breaks (code `schematron`), located at
    the element the rule is about. Where `validate` has a code for the same rule, the message
    names it in brackets ("[date.missing]")."""
    schematron = _schematron()
    if schematron.validate(tree):
        return []
    diags = []
    for failed in schematron.validation_report.getroot().iter(f"{SVRL}failed-assert"):
        try:
            found = tree.xpath(failed.get("location", ""))
        except etree.XPathError:
            found = []
        line = (getattr(found[0], "sourceline", None) if found else None) or 0
        text = " ".join(failed.findtext(f"{SVRL}text", "").split()) or failed.get("test", "")
        diags.append(error(path, line, 1, f"{text}; see docs/encoding.md", "schematron"))
    return diags
