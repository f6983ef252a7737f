"""The project schema in the forms XML editors use, generated from schema/tei-edition.xsd.

    python -m toolkit.validate.schemagen [XSD]           write tei-edition.rng and tei-edition.sch beside it
    python -m toolkit.validate.schemagen --check [XSD]   exit 1 if they differ from what would be written

The XSD is the single source of truth; the two files are derived from it, deterministically:
tei-edition.rng, the grammar (`relaxng`), and tei-edition.sch, the rules beyond the grammar
(`schematron`). A construct either writer cannot convert stops generation (exit 2) instead of being
converted wrong. The command line is `__main__`.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from toolkit.validate.schema import XSD
from toolkit.validate.schemagen.relaxng import RngConverter
from toolkit.validate.schemagen.schematron import build_sch

NOTICE = " Generated from tei-edition.xsd by `python -m toolkit.validate.schemagen`: do not edit. "


def generate(xsd_path: Path = XSD) -> dict[Path, str]:
    """{output path: text} for the XSD at xsd_path; the outputs sit beside it."""
    xsd = etree.parse(str(xsd_path))
    return {
        xsd_path.with_suffix(".rng"): _serialise(RngConverter(xsd).convert()),
        xsd_path.with_suffix(".sch"): _serialise(build_sch(xsd)),
    }


def _serialise(root: etree._Element) -> str:
    """The file's text, with the notice that it is generated as the root's first child."""
    root.insert(0, etree.Comment(NOTICE))
    etree.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"
