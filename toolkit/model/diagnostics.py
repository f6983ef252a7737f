"""One diagnostic format for every stage, location first.

tei/000.xml:88:12: error: persName/@ref "per:tokaev" has no register entry [ref.unresolved]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

ERROR = "error"
WARNING = "warning"


@dataclasses.dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: str  # "error" | "warning"
    message: str
    code: str

    def to_row(self) -> list:
        """The fields as a JSON-ready list (caches keep diagnostics this way)."""
        return [self.path, self.line, self.col, self.severity, self.message, self.code]

    @classmethod
    def from_row(cls, row) -> Diagnostic:
        """The inverse of `to_row`; a malformed row raises TypeError (a cache miss)."""
        return cls(*row)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"


def error(path, line, col, message, code) -> Diagnostic:
    return Diagnostic(str(path), int(line or 0), int(col or 0), ERROR, message, code)


def warning(path, line, col, message, code) -> Diagnostic:
    return Diagnostic(str(path), int(line or 0), int(col or 0), WARNING, message, code)


def emit(diagnostics: Iterable[Diagnostic], echo) -> int:
    """Print each diagnostic once, in path/line/column order; return the number of errors."""
    errors = 0
    seen: set[str] = set()
    for d in sorted(diagnostics, key=lambda d: (d.path, d.line, d.col, d.code)):
        line = str(d)
        if line in seen:
            continue
        seen.add(line)
        echo(line)
        errors += d.severity == ERROR
    return errors


def summary(diagnostics: Iterable[Diagnostic], files: int) -> str:
    diags = list(diagnostics)
    errors = sum(d.severity == ERROR for d in diags)
    warnings = sum(d.severity == WARNING for d in diags)
    noun = "file" if files == 1 else "files"
    if not diags:
        return f"{files} {noun} checked: no problems"
    return f"{files} {noun} checked: {errors} error(s), {warnings} warning(s)"
