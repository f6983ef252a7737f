"""Russian typography on rendered text: no-break spaces where a line must not break.

- after an initial: "В. В. Путин" (the space after "В." is U+00A0)
- before a dash: "Мы — члены", "государств – членов"
- between a number and "г." / "гг.", a day and its month, "№" and its number

Only spaces are replaced (one character for one), so the text's length and every
«» quote stay as they are. Works across element boundaries ("В. <a>Путин</a>").
"""

from __future__ import annotations

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
SKIP = {"script", "style", "code", "pre", "textarea"}


def _segments(el: etree._Element, out: list) -> None:
    if not isinstance(el.tag, str) or el.tag in SKIP:
        return
    out.append((el, "text"))
    for child in el:
        _segments(child, out)
        out.append((child, "tail"))


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
    chars = list(joined)
    for p in positions:
        chars[p] = NBSP
    pos = 0
    for (node, attr), old in zip(segs, texts):
        new = "".join(chars[pos : pos + len(old)])
        pos += len(old)
        if new != old:
            setattr(node, attr, new)
