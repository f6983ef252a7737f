"""Canonical serialisation of TEI: the same bytes every time, so a hand edit is a small diff.

Only element-only containers are (re)indented; mixed content is written exactly as it is,
so formatting never changes a character of the text."""

from __future__ import annotations

from lxml import etree

from toolkit.model.tei import TEI_NS

INDENT = "  "

# TEI elements whose content model admits no text: whitespace inside them is insignificant.
ELEMENT_ONLY = frozenset(
    "TEI teiHeader fileDesc titleStmt editionStmt publicationStmt sourceDesc notesStmt encodingDesc profileDesc revisionDesc listPrefixDef prefixDef classDecl taxonomy category textClass langUsage creation availability respStmt biblStruct monogr imprint text front back body group div docTitle titlePage opener closer list listPerson listPlace listOrg listBibl listEvent person place org location event projectDesc editorialDecl correction normalization segmentation interpretation appInfo application particDesc settingDesc setting msDesc standOff listRelation table row listWit postscript".split()
)

# Written at the top of every TEI file: XML editors validate and complete as you type,
# against the grammar (XSD or RELAX NG, whichever the editor reads) and the Schematron rules.
# Paths are relative to tei/, where the master copy lives.
PROLOG_PIS = (
    (
        "xml-model",
        'href="../schema/tei-edition.xsd" type="application/xml" schematypens="http://www.w3.org/2001/XMLSchema"',
    ),
    (
        "xml-model",
        'href="../schema/tei-edition.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    ),
    (
        "xml-model",
        'href="../schema/tei-edition.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
    ),
)


def _is_element_only(el: etree._Element) -> bool:
    if not isinstance(el.tag, str):
        return False
    ns, _, name = el.tag[1:].partition("}") if el.tag.startswith("{") else ("", "", el.tag)
    return ns == TEI_NS and name in ELEMENT_ONLY


def _blank(s: str | None) -> bool:
    return s is None or not s.strip()


def indent_tree(el: etree._Element, level: int = 0) -> None:
    children = list(el)
    if _is_element_only(el) and children and _blank(el.text) and all(_blank(c.tail) for c in children):
        el.text = "\n" + INDENT * (level + 1)
        for child in children:
            child.tail = "\n" + INDENT * (level + 1)
        children[-1].tail = "\n" + INDENT * level
    for child in children:
        if isinstance(child.tag, str):
            indent_tree(child, level + 1)


def to_bytes(tree: etree._ElementTree | etree._Element) -> bytes:
    """Serialise with the XML declaration, the prolog PIs each on a line, and a final newline."""
    if isinstance(tree, etree._Element):
        tree = tree.getroottree()
    root = tree.getroot()
    indent_tree(root)
    body = etree.tostring(root, encoding="unicode")
    prolog = []
    node = root.getprevious()
    while node is not None:
        prolog.append(etree.tostring(node, encoding="unicode").strip())
        node = node.getprevious()
    prolog.reverse()
    out = '<?xml version="1.0" encoding="UTF-8"?>\n'
    for item in prolog:
        out += item + "\n"
    out += body.rstrip("\n") + "\n"
    return out.encode("utf-8")


def from_bytes(payload: bytes) -> etree._ElementTree:
    """The tree of bytes this module wrote (trusted: the toolkit's own output)."""
    return etree.ElementTree(etree.fromstring(payload))
