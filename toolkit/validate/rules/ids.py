"""id.duplicate: an xml:id is used at most once in the whole corpus (registers included)."""

from __future__ import annotations

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic, error
from toolkit.validate.rules.located import name_of
from toolkit.validate.rules.reports import Locate, Report


def report(doc: Document) -> list[tuple[str, str]]:
    """(xml:id, element name) of every xml:id in the document, in document order."""
    return [(str(value), name_of(value.getparent())) for value in doc.tree.xpath("//@xml:id")]


def combine(reports: list[Report], locate: Locate) -> list[Diagnostic]:
    """id.duplicate, at each use of an xml:id after its first in corpus order."""
    first: dict[str, str] = {}  # xml:id → the path of the document that has it first
    found = []
    query = "//@xml:id[. = $value]/.."
    for r in reports:
        seen: dict[str, int] = {}
        for value, _name in r.ids:
            k = seen[value] = seen.get(value, -1) + 1  # the k-th time in this document
            if value in first:
                other = first[value]
                other_line, _ = _nth(locate(other, query, {"value": value}), 0)
                line, col = _nth(locate(r.path, query, {"value": value}), k)
                found.append(
                    error(
                        r.path,
                        line,
                        col,
                        f'xml:id "{value}" is already used at '
                        f"{other}:{other_line}; ids must be unique across the corpus: "
                        "rename one of them",
                        "id.duplicate",
                    )
                )
            else:
                first[value] = r.path
    return found


def _nth(positions: list[tuple[int, int]], k: int) -> tuple[int, int]:
    """The k-th position found, or (1, 1) if the file no longer has it (changed meanwhile)."""
    return positions[k] if k < len(positions) else (1, 1)
