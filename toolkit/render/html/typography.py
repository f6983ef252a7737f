"""Russian typography on rendered text: no-break spaces where a line must not break.

- after an initial: "В. В. Путин" (the space after "В." is U+00A0)
- before a dash: "Мы — члены", "государств – членов"
- between a number and "г." / "гг.", a day and its month, "№" and its number

Only spaces are replaced (one character for one), so the text's length and every
«» quote stay as they are. Works across element boundaries ("В. <a>Путин</a>"); leaves
code, scripts and the figures' SVG alone.
"""

from __future__ import annotations

import bisect
import re

from lxml import etree

NBSP = "\u00a0"
MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_SPACES = [
    re.compile(r"(?<![\w.])[А-ЯЁA-Z]\.( )(?=[А-ЯЁA-Z])"),  # initials
    re.compile(r"\S( )[—–](?=\s|$)"),  # before a dash
    re.compile(r"\d( )(?=гг?\.)"),  # 2019 г.
    re.compile(rf"(?<!\d)\d{{1,2}}( )(?:{MONTHS})\b"),  # 22 мая
    re.compile(r"№( )(?=\d)"),
]
# also the figures' SVG: a label was measured as it was written (render/figures/labels.py),
# and the drawing stays the same bytes as the book's plate
SKIP = {"script", "style", "code", "pre", "textarea", "svg"}


def _segments(root: etree._Element, out: list) -> None:
    """(node, "text" | "tail") of every non-empty text under `root` in reading order,
    outside script, style, code, pre, textarea and svg (one walk: an element's text at its
    start, its tail at its end; a comment's or processing instruction's tail where it is)."""
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walk:
        if event == "start":
            if el.tag in SKIP:
                walk.skip_subtree()  # its "end" still comes, with its tail
            elif el.text:
                out.append((el, "text"))
        elif el.tail and el is not root:
            out.append((el, "tail"))


def typeset(root: etree._Element) -> None:
    """Apply the no-break-space rules to all text under `root`, in place."""
    segs: list[tuple[etree._Element, str]] = []
    _segments(root, segs)
    texts = [getattr(node, attr) or "" for node, attr in segs]
    joined = "".join(texts)
    positions = set()
    for rule in _SPACES:
        for m in rule.finditer(joined):
            positions.add(m.start(1))
    if not positions:
        return
    # only the segments that hold a replaced space are rewritten
    starts, pos = [], 0
    for old in texts:
        starts.append(pos)
        pos += len(old)
    touched: dict[int, list[int]] = {}
    for p in positions:
        k = bisect.bisect_right(starts, p) - 1  # the last segment starting at or before p holds it
        touched.setdefault(k, []).append(p - starts[k])
    for k, offsets in touched.items():
        chars = list(texts[k])
        for offset in offsets:
            chars[offset] = NBSP
        node, attr = segs[k]
        setattr(node, attr, "".join(chars))
