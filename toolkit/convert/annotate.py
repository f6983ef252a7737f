"""Inline markup over mixed content: plain-text offsets ↔ lxml text nodes.

Finders (dates, entities) work on the plain text of a block and return `Span`s;
`apply_spans` wraps each span in a new element without disturbing existing inline
markup (`hi`, `ref`), nesting inside it when the span lies within one element.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from toolkit.model.tei import E


@dataclasses.dataclass(frozen=True)
class Span:
    start: int
    end: int
    element: str  # TEI element name: "persName", "date", …
    attrs: tuple[tuple[str, str], ...] = ()
    text: str = ""  # surface string, for messages and tests

    def attributes(self) -> dict[str, str]:
        return dict(self.attrs)


def text_len(el: etree._Element) -> int:
    return len(plain_text(el))


def plain_text(el: etree._Element) -> str:
    """The element's text content, children included, tails of the element excluded.

    Comments and processing instructions contribute nothing."""
    parts: list[str] = []
    _collect(el, parts)
    return "".join(parts)


def _collect(el, parts):
    if isinstance(el.tag, str):
        parts.append(el.text or "")
        for child in el:
            _collect(child, parts)
            parts.append(child.tail or "")
    else:  # comment / PI: text is not content
        return


def wrap_range(el: etree._Element, start: int, end: int, new: etree._Element) -> bool:
    """Move the content at [start, end) of `el` into `new`, placed where it was.

    Returns False (and changes nothing) if the range would cut an existing element."""
    if start >= end:
        return False
    children = list(el)
    texts = [el.text or ""] + [c.tail or "" for c in children]
    seg_bounds: list[tuple[int, int]] = []
    child_bounds: list[tuple[int, int]] = []
    pos = len(texts[0])
    seg_bounds.append((0, pos))
    for i, child in enumerate(children):
        length = text_len(child) if isinstance(child.tag, str) else 0
        child_bounds.append((pos, pos + length))
        pos += length
        seg_bounds.append((pos, pos + len(texts[i + 1])))
        pos += len(texts[i + 1])
    if end > pos:
        return False
    for i, (cs, ce) in enumerate(child_bounds):
        if ce > cs and cs <= start and end <= ce:
            return wrap_range(children[i], start - cs, end - cs, new)
        if cs < start < ce or cs < end < ce:
            return False
    # empty elements (<lb/>) at either edge of the range stay outside it
    s_seg = max(k for k, (a, b) in enumerate(seg_bounds) if a <= start <= b)
    e_seg = min(k for k, (a, b) in enumerate(seg_bounds) if a <= end <= b)
    a = start - seg_bounds[s_seg][0]
    b = end - seg_bounds[e_seg][0]
    s_text = texts[s_seg]
    e_text = texts[e_seg]
    if s_seg == e_seg:
        new.text = s_text[a:b]
        remainder = s_text[b:]
    else:
        new.text = s_text[a:]
        moved = children[s_seg:e_seg]  # children s_seg .. e_seg-1 lie inside the range
        for child in moved:
            new.append(child)  # keeps each child's tail
        moved[-1].tail = e_text[:b] or None
        remainder = e_text[b:]
    # what stays before the new element
    if s_seg == 0:
        el.text = s_text[:a] or None
        el.insert(0, new)
    else:
        prev = children[s_seg - 1]
        prev.tail = s_text[:a] or None
        prev.addnext(new)
    new.tail = remainder or None
    return True


def apply_spans(block: etree._Element, spans: list[Span]) -> list[Span]:
    """Wrap each span (non-overlapping, offsets in `plain_text(block)`).

    Returns the spans that could not be applied because they cut existing markup."""
    rejected = []
    for span in sorted(spans, key=lambda s: (-s.start, -s.end)):
        # right to left: earlier offsets stay valid
        new = E(span.element, **span.attributes())
        if not wrap_range(block, span.start, span.end, new):
            rejected.append(span)
    return rejected


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep a flat, non-overlapping set: earlier start wins, then the longer span."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
