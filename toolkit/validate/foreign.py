"""TEI that someone else wrote (issue 13, point 5): a TEI P5 file from another project,
given to `validate`, is reported in two parts instead of hundreds of schema messages:

1. its conformance to TEI P5 itself: jing over the project's copy of tei_all.rng, each of
   jing's errors located as jing gives it                        [tei.conformance]
2. where it departs from this edition's customisation, summarised by element: one line
   per element and kind of departure, with how often and where first  [tei.customisation]

The rules of the edition (registers, clause numbers, ids across the corpus) are not applied:
they are this edition's conventions, not TEI's.

A document is this edition's when it says so: an `<?xml-model?>` pointing at
tei-edition.xsd/.rng/.sch, the converter's `<?tei-edition?>` stamp, an appInfo naming the
application tei-edition, or a place in a registers/ folder. Pure: trees and text in,
diagnostics and lines out (io.jing runs jing)."""

from __future__ import annotations

import re

from lxml import etree

from toolkit.model.diagnostics import Diagnostic, error
from toolkit.model.tei import TEI_NS

CONFORMANCE = "tei.conformance"
CUSTOMISATION = "tei.customisation"
SHORT_DETAIL = 100  # a summary line keeps what the schema admits instead only when it is short
_EDITION_SCHEMA = re.compile(r"tei-edition\.(xsd|rng|sch)\s*$")


def is_foreign(tree: etree._ElementTree, is_register: bool) -> bool:
    """A TEI document that does not say it is this edition's."""
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI" or is_register:
        return False
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction):
            if node.target == "tei-edition":
                return False
            if node.target == "xml-model" and _EDITION_SCHEMA.search(node.get("href") or ""):
                return False
    apps = root.xpath("tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application/@ident", namespaces={"tei": TEI_NS})
    return "tei-edition" not in apps


def departures(findings: list) -> list[Diagnostic]:
    """The customisation's findings (validate.messages.Finding) of a foreign document,
    one per element and kind of departure, at its first occurrence: "<lg> is not an element
    of this edition's TEI (4 times, first here)"; sorted by element."""
    groups: dict[tuple[str, str], list] = {}
    for f in findings:
        groups.setdefault((_element(f), f.what), []).append(f)
    found = []
    for (_name, what), members in sorted(groups.items()):
        first = min(members, key=lambda f: (f.diagnostic.line, f.diagnostic.col))
        d = first.diagnostic
        times = f" ({len(members)} times, first here)" if len(members) > 1 else ""
        detail = f": {first.detail}" if first.detail and len(first.detail) <= SHORT_DETAIL else ""
        link = f"; see {d.message.rpartition('; see ')[2]}" if "; see " in d.message else ""
        found.append(error(d.path, d.line, d.col, what + times + detail + link, CUSTOMISATION))
    return found


def _element(finding) -> str:
    el = finding.element
    return etree.QName(el).localname if el is not None and isinstance(el.tag, str) else ""


_JING_LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): (?:fatal )?(?P<kind>error|warning): (?P<msg>.*)$")


def conformance(output: str, shown_of: dict[str, str]) -> list[Diagnostic]:
    """jing's errors (its report over files named as in `shown_of`'s keys, which jing may
    print as absolute paths) as diagnostics of the files as shown."""
    found = []
    for line in output.splitlines():
        m = _JING_LINE.match(line)
        shown = shown_of.get(m.group("file")) if m else None
        if shown is not None:
            message = f"TEI P5: {_shorter(m.group('msg'))}"
            found.append(error(shown, m.group("line"), m.group("col"), message, CONFORMANCE))
    return found


def _shorter(message: str) -> str:
    """jing's message with its list of what it expects cut short (tei_all expects hundreds)."""
    head, sep, expected = message.partition("; expected ")
    names = re.findall(r'"([^"]+)"', expected)
    if not sep or len(names) <= 6:
        return message
    return f"{head}; tei_all expects one of {len(names)} elements here ({', '.join(names[:6])} …)"


def section(shown: str, conformance_found: list[Diagnostic], departed: list[Diagnostic], checked: bool) -> list[str]:
    """The lines `validate` prints for one foreign document: what it is, then its two parts,
    each with its count and its diagnostics."""
    elements = sorted({m.group(1) for d in departed if (m := re.search(r"<([\w:.-]+)>", d.message))})
    if not checked:
        p5 = "not checked"
    else:
        p5 = f"{len(conformance_found)} error(s)" if conformance_found else "conforms"
    if departed:
        named = ", ".join(f"<{e}>" for e in elements)
        custom = f"{len(departed)} departure(s), in {named}"
    else:
        custom = "none: it is valid for this edition"
    return [
        f"{shown}: TEI from elsewhere (no <?xml-model?> for this edition's schema), checked against TEI P5 and "
        "against this edition's customisation; the edition's own rules (registers, clause numbers) are not applied",
        f"  TEI P5 conformance (tei_all.rng, jing): {p5}",
        *map(str, conformance_found),
        f"  departures from this edition's customisation (docs/encoding-reference.md): {custom}",
        *map(str, departed),
    ]
