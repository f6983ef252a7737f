"""What one document tells the corpus-wide rules (`Report`), and how documents are told apart.

A report is plain data, so it can be made in a worker process and cached. It holds no
positions: `combine` finds the elements a corpus-wide diagnostic is about (with a `Locate`)
only when there is one, which is rare."""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable

from toolkit.model.diagnostics import Diagnostic

Locate = Callable[[str, str, dict], list[tuple[int, int]]]
# (document path, XPath query, its $variables) → (line, col) of each element it selects


@dataclasses.dataclass
class Report:
    path: str
    key: str
    is_register: bool
    diagnostics: list[Diagnostic]
    ids: list[tuple[str, str]]  # (xml:id, element name) in document order
    pending: list[tuple[str, str, str, str, str, str, str]]
    # the distinct pointers into other files: (target key, path as shown, fragment, shown
    # pointer, element name, attribute, attribute value), resolved by `combine`
    used: list[tuple[str, str]]  # (document key, xml:id) that @ref in this document reaches
    entries: list[tuple[str, str, int, int]]  # register entries: (xml:id, label, line, col)
    citable: list[str] = dataclasses.field(default_factory=list)  # the ids of its citable units (model/citable.py)

    def to_json(self) -> list:
        return [
            self.path,
            self.key,
            self.is_register,
            [d.to_row() for d in self.diagnostics],
            self.ids,
            self.pending,
            self.used,
            self.entries,
            self.citable,
        ]

    @classmethod
    def from_json(cls, data: list) -> Report:
        path, key, is_register, diags, ids, pending, used, entries, citable = data
        return cls(
            path,
            key,
            is_register,
            [Diagnostic.from_row(d) for d in diags],
            [tuple(i) for i in ids],
            [tuple(p) for p in pending],
            [tuple(u) for u in used],
            [tuple(e) for e in entries],
            list(citable),
        )


def document_key(path: str) -> str:
    """Normalised absolute path: how pointers find a document."""
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))


@functools.lru_cache(maxsize=4096)
def is_register(shown: str) -> bool:
    """A file in a folder named registers/ holds register entries."""
    return "registers" in shown.replace("\\", "/").split("/")[:-1]
