"""How a prefixed pointer (`per:tokayev`) is read: through the document's `<prefixDef>`s
(teiHeader/encodingDesc/listPrefixDef), as TEI defines them. `ident:value` expands by the
first prefixDef of that ident whose matchPattern matches the whole value: its
replacementPattern with `$1`, `$2` … filled in ("registers/persons.xml#tokayev").

The project's own prefixDefs (per:, pla:, org: into the registers) are
`registers.STANDARD_PREFIXES`; which register a resolved pointer lands in is the
registers' business (`registers.locate`)."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable

from lxml import etree

from toolkit.model.tei import TEI_NS

KEY_PATTERN = r"([a-z0-9\-]+)"  # the matchPattern of the project's prefixDefs: a register key

_PATH = f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}encodingDesc/{{{TEI_NS}}}listPrefixDef/{{{TEI_NS}}}prefixDef"
_PREFIX = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_GROUP = re.compile(r"\$(\d)")


@dataclasses.dataclass(frozen=True)
class PrefixDef:
    ident: str
    match: str
    replacement: str


@dataclasses.dataclass(frozen=True)
class Expansion:
    """What a pointer expands to: `pointer`, or why it does not (`problem`: "prefix" for no
    prefixDef of its ident, "pattern" for a matchPattern that is not a regular expression
    (`detail` says why), "match" for a value no matchPattern matches)."""

    pointer: str | None
    problem: str | None = None
    detail: str = ""


class Prefixes:
    """A document's prefixDefs. Resolutions are remembered: the same pointer is met in
    every document that shares these prefixDefs."""

    def __init__(self, defs: Iterable[PrefixDef]):
        self.defs = tuple(defs)
        self._of: dict[str, list[PrefixDef]] = {}
        for d in self.defs:
            self._of.setdefault(d.ident.lower(), []).append(d)
        self._resolved: dict[str, tuple[str, str] | None] = {}

    def __repr__(self) -> str:
        return f"Prefixes({list(self.defs)!r})"

    def declares(self, ident: str) -> bool:
        """Whether a prefixDef of `ident` (in any case) is declared."""
        return ident.lower() in self._of

    def expand(self, token: str) -> Expansion:
        """`ident:value` through the first prefixDef of `ident` whose matchPattern matches value."""
        m = _PREFIX.match(token)
        ident = m.group(1).lower() if m else None  # prefixes, like URL schemes, ignore case
        if ident not in self._of:
            return Expansion(None, "prefix")
        value = token[m.end() :]
        for d in self._of[ident]:
            try:
                m = re.fullmatch(d.match, value)
            except re.error as exc:
                return Expansion(None, "pattern", str(exc))
            if m:
                return Expansion(_GROUP.sub(lambda g, m=m: _group(m, int(g.group(1))), d.replacement))
        return Expansion(None, "match")

    def resolve(self, ref: str) -> tuple[str, str] | None:
        """The file `ref` points into (relative to the document's folder, normalised) and the
        id there: "per:tokayev" → ("registers/persons.xml", "tokayev"); None if `ref`
        does not expand or names no id."""
        if ref in self._resolved:
            return self._resolved[ref]
        found = None
        pointer = self.expand(ref).pointer
        if pointer is not None:
            file, _, fragment = pointer.partition("#")
            if file and fragment:
                found = (posixpath.normpath(file), fragment)
        if len(self._resolved) > 100_000:
            self._resolved.clear()
        self._resolved[ref] = found
        return found


def _group(m: re.Match, n: int) -> str:
    try:
        return m.group(n) or ""
    except IndexError:
        return ""


def read_prefixes(root: etree._Element, default: Prefixes | None = None) -> Prefixes:
    """The prefixDefs of a TEI document (its root element). A document that declares none
    gets `default` (the renderers pass the project's standard ones); the same prefixDefs
    as `default` are `default` itself, so they share its remembered resolutions."""
    defs = [
        PrefixDef(pd.get("ident"), pd.get("matchPattern", ""), pd.get("replacementPattern", ""))
        for pd in root.iterfind(_PATH)
        if pd.get("ident")
    ]
    if default is not None and (not defs or tuple(defs) == default.defs):
        return default
    return Prefixes(defs)
