"""The project schema (schema/): where it is, and validation of a tree with xmlschema."""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from .diagnostics import Diagnostic, error

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
XSD = SCHEMA_DIR / "tei-edition.xsd"

# Written at the top of every TEI file: XML editors validate and complete as you type.
# Paths are relative to tei/, where the master copy lives.
PROLOG_PIS = (
    (
        "xml-model",
        'href="../schema/tei-edition.xsd" type="application/xml" schematypens="http://www.w3.org/2001/XMLSchema"',
    ),
)


@functools.lru_cache(maxsize=1)
def _schema():
    import xmlschema  # heavy: loaded only when validating

    return xmlschema.XMLSchema11(str(XSD))


def validate_tree(tree: etree._ElementTree, path: str) -> list[Diagnostic]:
    """Grammar errors of one document, located at the element the error is about."""
    schema = _schema()
    diags = []
    for err in schema.iter_errors(tree):
        elem = getattr(err, "elem", None)
        line = getattr(elem, "sourceline", None) or 0
        reason = (err.reason or err.message or "not valid").strip().rstrip(".")
        where = err.path or ""
        diags.append(error(path, line, 1, f"{reason} (at {where}); see docs/encoding.md", "schema"))
    return diags
