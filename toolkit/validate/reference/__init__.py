"""The encoding reference, generated from schema/tei-edition.xsd and never kept by hand
(issue 13, point 7): for every element and attribute the schema admits, what it means in
this edition (the XSD's xs:documentation), where it may stand and what it may contain (its
content model), its attributes (required, closed lists, what an open value must be), and
an example: from the corpus where one exists, else from the document that uses every
admitted element (tests/cases/editor/every-element.xml).

    python -m toolkit.validate.reference [--check]   write (or check) docs/encoding-reference.md

`reference` is pure: the XSD's tree and the sample documents in, `model.encoding` entries
out; `markdown` writes them for docs/, render.html.reference_page for the HTML edition."""

from __future__ import annotations

import copy

from lxml import etree

from toolkit.model.encoding import AttributeEntry, ElementEntry
from toolkit.model.tei import TEI_NS
from toolkit.validate.contentmodel import admitted

TARGET = 160  # the example closest to this many characters is chosen: short, not trivial
LONGEST = 400  # a longer element is shown as an outline of its children
CANDIDATES = 20  # occurrences looked at per element, in the samples' order
SAMPLE_DOCUMENTS = 50  # the build takes examples from the first documents of the edition


def undescribed(entries: list[ElementEntry]) -> list[str]:
    """What the schema admits without saying what it means: "<name>" or "<name>/@attribute"
    whose xs:documentation is missing. The reference must describe everything."""
    missing = [f"<{e.name}>" for e in entries if not e.meaning]
    return missing + [f"<{e.name}>/@{a.name}" for e in entries for a in e.attributes if not a.meaning]


def reference(xsd_root: etree._Element, samples: list[tuple[str, etree._ElementTree]]) -> list[ElementEntry]:
    """Every element the XSD admits, in alphabetical order, with an example from the first
    of `samples` ((name shown, tree), in order of preference) that has one."""
    found = _candidates(samples)
    entries = []
    for name, element in sorted(admitted(xsd_root).items(), key=lambda item: item[0].lower()):
        attributes = tuple(
            AttributeEntry(a.name, a.doc, a.required, a.values or (), "" if a.values else a.datatype)
            for a in sorted(element.attributes.values(), key=lambda a: (not a.required, a.name))
        )
        example, source = _example(found.get(name, []))
        entries.append(
            ElementEntry(
                name,
                element.doc,
                tuple(sorted(element.parents, key=str.lower)),
                tuple(element.children),
                element.mixed,
                attributes,
                example,
                source,
            )
        )
    return entries


def _candidates(samples) -> dict[str, list[tuple[str, etree._Element]]]:
    found: dict[str, list] = {}
    residue = f"{{{TEI_NS}}}div"
    for shown, tree in samples:
        for el in tree.getroot().iter(etree.Element):
            q = etree.QName(el)
            if q.namespace != TEI_NS or len(found.get(q.localname, ())) >= CANDIDATES:
                continue
            if any(a.tag == residue and a.get("type") == "residue" for a in el.iterancestors()):
                continue  # web-page clutter: no example of the edition's markup
            found.setdefault(q.localname, []).append((shown, el))
    return found


def _example(candidates: list[tuple[str, etree._Element]]) -> tuple[str, str]:
    """The occurrence closest to TARGET characters (the first of equals); an outline of the
    first when every one is longer than LONGEST."""
    if not candidates:
        return "", ""
    written = [(shown, snippet(el)) for shown, el in candidates]
    short = [(abs(len(text) - TARGET), k) for k, (_shown, text) in enumerate(written) if len(text) <= LONGEST]
    if short:
        k = min(short)[1]
        return written[k][1], written[k][0]
    return outline(candidates[0][1]), candidates[0][0]


def snippet(el: etree._Element) -> str:
    """The element as written in a TEI file (without the namespace declaration)."""
    el = copy.deepcopy(el)
    el.tail = None
    etree.cleanup_namespaces(el)
    text = etree.tostring(el, encoding="unicode", with_tail=False).replace(f' xmlns="{TEI_NS}"', "", 1)
    lines = text.split("\n")
    if len(lines) > 1:  # the lines after the first as indented in the file: by the end tag's indent less
        indent = len(lines[-1]) - len(lines[-1].lstrip(" "))
        lines[1:] = [line[indent:] if line[:indent].strip() == "" else line for line in lines[1:]]
    return "\n".join(lines)


def outline(el: etree._Element, children: int = 5) -> str:
    """A long element as its start tag, its first children as start tags with "…" for their
    content, and "…" for the rest."""
    start = snippet(_bare(el)).partition(">")[0] + ">"
    lines = [start]
    kids = [c for c in el if isinstance(c.tag, str)]
    for child in kids[:children]:
        bare = snippet(_bare(child))
        lines.append("  " + (bare if bare.endswith("/>") else bare.partition(">")[0] + ">…" + f"</{_qname(child)}>"))
    if len(kids) > children:
        lines.append("  …")
    lines.append(f"</{_qname(el)}>")
    return "\n".join(lines)


def _bare(el: etree._Element) -> etree._Element:
    """A copy of the element without its content."""
    bare = etree.Element(el.tag, dict(el.attrib), nsmap={None: TEI_NS})
    if len(el) or (el.text or "").strip():
        bare.text = "…"
    return bare


def _qname(el: etree._Element) -> str:
    return etree.QName(el).localname
