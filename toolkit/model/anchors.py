"""Where a mention is cited: the anchor of the nearest enclosing citable element (an
element with an xml:id: a clause div, a paragraph, a list item), or a generated stable
anchor for an element that has none (the title block, the dateline, a figure):
`{docid}-doctitle`, `{docid}-figure2`. The index, the site's links and the book's page
references all point at these."""

from __future__ import annotations

from lxml import etree

from toolkit.model.corpus import Corpus, Document
from toolkit.model.tei import XML_ID, local

# elements that get a generated anchor when they carry no xml:id (outermost wins)
GENERATED = ("docTitle", "dateline", "docDate", "argument", "figure", "head", "p", "item")


def generated_anchors(doc: Document) -> dict[etree._Element, str]:
    """Stable anchors for anchorable elements without xml:id: `{docid}-{name}{k}`,
    k counted per element name in document order, omitted for the first."""
    text = doc.text
    out: dict[etree._Element, str] = {}
    if text is None:
        return out
    counts: dict[str, int] = {}
    for el in text.iter(*[f"{{http://www.tei-c.org/ns/1.0}}{n}" for n in GENERATED]):
        if el.get(XML_ID) or in_residue(el):
            continue
        if any(a in out for a in el.iterancestors()):
            continue  # inside an element that already has a generated anchor
        if any(a.get(XML_ID) for a in _ancestors_below_text(el)):
            continue  # inside an element with an xml:id: that one is the anchor
        name = local(el).lower()
        counts[name] = counts.get(name, 0) + 1
        k = counts[name]
        out[el] = f"{doc.docid}-{name}{k if k > 1 else ''}"
    return out


def _ancestors_below_text(el: etree._Element):
    for a in el.iterancestors():
        if local(a) in ("text", "TEI"):
            return
        yield a


def in_residue(el: etree._Element) -> bool:
    """Inside web-page clutter (`<div type="residue">`): kept in the TEI, never printed."""
    return any(local(a) == "div" and a.get("type") == "residue" for a in el.iterancestors())


def anchor_element(el: etree._Element, generated: dict[etree._Element, str]) -> etree._Element | None:
    """The element whose anchor locates `el`: the nearest ancestor-or-self with an xml:id
    (below <text>), else the one with a generated anchor."""
    chain = [el, *_ancestors_below_text(el)]
    for a in chain:
        if a.get(XML_ID):
            return a
    for a in chain:
        if a in generated:
            return a
    return None


def anchor_id(el: etree._Element, generated: dict[etree._Element, str]) -> str | None:
    return el.get(XML_ID) or generated.get(el)


class Anchors(dict):
    """docid → generated anchors, computed for a document when first asked for (a build
    that renders few documents does not walk the others)."""

    def __init__(self, corpus: Corpus):
        super().__init__()
        self._docs = corpus.by_docid

    def get(self, docid, default=None):
        if docid not in self and docid in self._docs:
            self[docid] = generated_anchors(self._docs[docid])
        return super().get(docid, default)

    def __missing__(self, docid):
        value = self.get(docid)
        if value is None:
            raise KeyError(docid)
        return value
