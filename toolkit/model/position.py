"""Where a node stands in the source text: 1-based line and column, as editors count them.

lxml gives an element's line only; `position` finds the column (and, for a start tag spread
over several lines, the line it starts on) in the source lines (`source_lines`, split as
libxml2 counts lines). Pure: text and trees in, numbers out.
"""

from __future__ import annotations

import re

from lxml import etree


class Lines:
    """The source lines of a text, split on first use."""

    def __init__(self, text: str):
        self.text = text
        self._lines: list[str] | None = None

    def _get(self) -> list[str]:
        if self._lines is None:
            self._lines = source_lines(self.text)
        return self._lines

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i):
        return self._get()[i]

    def __bool__(self) -> bool:
        return bool(self.text)


def source_lines(text: str) -> list[str]:
    """The source split as libxml2 counts lines (on LF only), without a leading BOM."""
    lines = text.split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    return lines


def line_starts(text: str) -> list[int]:
    """The offset in `text` at which each line starts (split on LF, as `source_lines`)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def qname(el: etree._Element) -> str:
    name = etree.QName(el).localname
    return f"{el.prefix}:{name}" if el.prefix else name


def position(node, lines: list[str]) -> tuple[int, int]:
    """1-based (line, column) of an element's start tag (or a PI) in the source lines.

    lxml gives only the line; the column is found by searching that line for `<` + the
    qualified name, skipping same-named tags earlier on the line. A start tag spread over
    several lines is found on an earlier line. Column 1 when nothing is found."""
    line = node.sourceline or 1
    if isinstance(node, etree._ProcessingInstruction):
        needle, same = (
            "<?" + node.target,
            lambda n: isinstance(n, etree._ProcessingInstruction) and n.target == node.target,
        )
    elif isinstance(node, etree._Element) and isinstance(node.tag, str):
        needle, same = "<" + qname(node), lambda n: n.tag == node.tag and n.prefix == node.prefix
    else:
        return line, 1
    if not lines or line > len(lines):
        return line, 1
    earlier = 0
    for other in _preceding(node):
        if (other.sourceline or 0) < line:
            break
        if same(other) and other.sourceline == line:
            earlier += 1
    hits = _occurrences(lines[line - 1], needle)
    if earlier < len(hits):
        return line, hits[earlier] + 1
    for back in range(line - 2, max(line - 100, 0) - 1, -1):
        hits = _occurrences(lines[back], needle)
        if hits:
            return back + 1, hits[-1] + 1
    return line, 1


def _occurrences(text: str, needle: str) -> list[int]:
    hits, start = [], 0
    while (i := text.find(needle, start)) >= 0:
        after = text[i + len(needle) : i + len(needle) + 1]
        if after in ("", " ", "\t", "\r", "/", ">", "?"):
            hits.append(i)
        start = i + 1
    return hits


def _preceding(node):
    """Nodes before `node` in document order, nearest first (ancestors included)."""
    current = node
    while current is not None:
        sibling = current.getprevious()
        while sibling is not None:
            yield from _reverse_subtree(sibling)
            sibling = sibling.getprevious()
        current = current.getparent()
        if current is not None:
            yield current


def _reverse_subtree(root):
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            yield node
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in node)
