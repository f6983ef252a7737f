"""One register entry merged into another (`tei-edition entities merge`).

The converter makes a candidate entry for each name the registers do not know, so one
place can arrive as several: "Российской Федерации" as pla:rossiyskaya-federatsiya and
"РФ" as pla:rf beside pla:russia. Merging a source entry into a target re-points every
reference to the source, in the documents and in the registers themselves, and keeps the
source's names as the target's variants (abbreviations as abbreviations), so that the
next conversion links them to the target directly. Pure: bytes and trees in, bytes and
trees out; a document's bytes change only inside the @ref values that point at the source.
"""

from __future__ import annotations

import re

from toolkit.model.position import line_starts, position, source_lines
from toolkit.model.prefixes import Prefixes, read_prefixes
from toolkit.model.registers import (
    NAME_OF_KIND,
    PREFIX_OF_KIND,
    STANDARD_PREFIXES,
    Registers,
    entry_from_element,
    locate,
)
from toolkit.model.tei import XML_ID, E, local, t, text_of
from toolkit.model.xmlparse import parse_xml

# a start tag from its "<" to its ">", attribute values quoted (a ">" inside one is allowed)
_START_TAG = re.compile(r"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
_REF_ATTR = re.compile(r"""(\sref\s*=\s*)("[^"]*"|'[^']*')""")


def retargeted(data: bytes, shown: str, kind: str, source: str, target: str):
    """The document `data` with each @ref token that reaches the `kind` entry `source`
    (through the document's prefixDefs) pointing at `target` instead, and how many were
    changed: (bytes, count, []). Everything else stays byte for byte. A document that does
    not parse gives (None, 0, the located problems): a pointer in it cannot be found."""
    parsed, problems = parse_xml(data, shown)
    if parsed is None:
        return None, 0, problems
    tree = parsed.getroot()
    prefixes = read_prefixes(tree, STANDARD_PREFIXES)
    text = data.decode("utf-8")
    lines = source_lines(text)
    starts = line_starts(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, new value) in `text`
    for el in tree.iter():
        ref = el.get("ref") if isinstance(el.tag, str) else None
        if not ref:
            continue
        tokens = ref.split()
        new = [_retarget(tok, prefixes, kind, source, target) for tok in tokens]
        if new == tokens:
            continue
        line, col = position(el, lines)
        at = starts[line - 1] + col - 1 + (1 if line == 1 and text.startswith("\ufeff") else 0)
        tag = _START_TAG.match(text, at)
        attr = _REF_ATTR.search(tag.group(), 0) if tag else None
        if attr is None:
            continue  # not where the parser said: leave it, and say nothing changed there
        value_start = at + attr.start(2) + 1
        value_end = at + attr.end(2) - 1
        old_value = text[value_start:value_end]
        edits.append((value_start, value_end, _replace_tokens(old_value, dict(zip(tokens, new)))))
    for start, end, value in sorted(edits, reverse=True):
        text = text[:start] + value + text[end:]
    return text.encode("utf-8"), len(edits), []


def merge_entry(registers: Registers, kind: str, source: str, target: str, is_abbreviation) -> list[str]:
    """In the registers' trees: `source`'s names become `target`'s variants (those it
    lacks; an abbreviation, as `is_abbreviation` tells, as type="abbr"), the registers' own
    pointers to `source` (partOf, a place's country) point at `target`, and `source` is
    removed. Returns the names `target` gained."""
    root = registers.trees[kind].getroot()
    els = {el.get(XML_ID): el for el in root.iter(t(kind))}
    source_el, target_el = els[source], els[target]
    name_tag = NAME_OF_KIND[kind]
    have = {text_of(c) for c in target_el if local(c) == name_tag}
    names = [c for c in source_el if local(c) == name_tag and c.get("type") in (None, "canonical", "variant", "abbr")]
    gained = []
    last_name = [c for c in target_el if local(c) == name_tag][-1]
    for c in names:
        name = text_of(c)
        if not name or name in have:
            continue
        abbr = c.get("type") == "abbr" or is_abbreviation(name)
        variant = E(name_tag, text=name, type="abbr" if abbr else "variant")
        last_name.addnext(variant)
        last_name = variant
        have.add(name)
        gained.append(name)
    for el in root.iter():  # "#key" points within the register's own file
        for attr in ("target", "ref"):
            if isinstance(el.tag, str) and el.get(attr) == f"#{source}":
                el.set(attr, f"#{target}")
    source_el.getparent().remove(source_el)
    del registers.entries[kind][source]
    registers.entries[kind][target] = entry_from_element(target_el, kind)
    return gained


def _retarget(token: str, prefixes: Prefixes, kind: str, source: str, target: str) -> str:
    if locate(token, prefixes) != (kind, source):
        return token
    if token.endswith(source):  # the same prefix (or path) with the other key
        same_form = token[: -len(source)] + target
        if locate(same_form, prefixes) == (kind, target):
            return same_form
    return f"{PREFIX_OF_KIND[kind]}:{target}"


def _replace_tokens(value: str, mapping: dict[str, str]) -> str:
    return re.sub(r"\S+", lambda m: mapping.get(m.group(), m.group()), value)
