"""One message per problem: a schema error that a rule of `validate` also reports is left
out, and the rule's message kept, which says why (date.invalid names the month that does not
exist, link.unsafe the scheme, ref.kind the entry pointed at).

A rule restates a schema error when both are about the same thing: the same attribute of
the same element (the rule's message names `@attribute` and stands at the element's
position), or, for an assertion of the XSD that carries a rule's code ([clause.n],
[date.missing], [register.name]), a diagnostic with that code at the element or inside it.
A duplicate xml:id is always restated: id.duplicate reports every duplicate in the corpus,
within one file too."""

from __future__ import annotations

import dataclasses

from toolkit.model.diagnostics import Diagnostic

ALWAYS_RESTATED = {"id.duplicate"}


@dataclasses.dataclass(frozen=True)
class Claim:
    """A schema error and what it is about: the attribute (None for the element itself) and
    the lines the element spans (its start tag's and its descendants'). Plain data, so that
    `validate` caches it and weighs it against the corpus-wide rules too."""

    diagnostic: Diagnostic
    attribute: str | None
    first: int
    last: int

    def to_row(self) -> list:
        return [self.diagnostic.to_row(), self.attribute, self.first, self.last]

    @classmethod
    def from_row(cls, row) -> Claim:
        diagnostic, attribute, first, last = row
        return cls(Diagnostic.from_row(diagnostic), attribute, first, last)


def claims(findings: list) -> list[Claim]:
    """The schema findings (validate.messages.Finding) as claims."""
    return [Claim(f.diagnostic, f.attribute, *_lines_of(f.element)) for f in findings]


def drop_restated(schema: list[Claim], rules: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of the schema's claims that no rule diagnostic restates."""
    by_path: dict[str, list[Diagnostic]] = {}
    for r in rules:
        by_path.setdefault(r.path, []).append(r)
    return [c.diagnostic for c in schema if not _restated(c, by_path.get(c.diagnostic.path, []))]


def _restated(claim: Claim, rules: list[Diagnostic]) -> bool:
    d = claim.diagnostic
    if d.code in ALWAYS_RESTATED:
        return True
    if claim.attribute is not None:
        return any((r.line, r.col) == (d.line, d.col) and f"@{claim.attribute}" in r.message for r in rules)
    return d.code != "schema" and any(r.code == d.code and claim.first <= r.line <= claim.last for r in rules)


def _lines_of(el) -> tuple[int, int]:
    """The first and last line an element's start tags (its own and its descendants') are on."""
    lines = [e.sourceline for e in el.iter() if e.sourceline] if el is not None else []
    return (min(lines), max(lines)) if lines else (0, 0)
