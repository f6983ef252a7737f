"""Clause numbers, one document at a time (no corpus-wide part).

clause.n: every div[@type='clause'] and every <item> of a list of type decisions (the
documents adopted at a meeting, each a citable clause) in <text> has @n; the items of an
editor's ordered, bulleted or gloss list are no clauses.
clause.sequence: among the clauses of one parent, plain-integer @n values run 1, 2, 3 …
and PPn values run PP1, PP2 …, without gap or repetition. Other values (chapeau, p1 …)
are free."""

from __future__ import annotations

import re

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.tei import TEI_NS, t
from toolkit.validate.rules.located import error_at, name_of

_PLAIN = re.compile(r"[0-9]+")
_CLAUSES = ".//tei:list[@type = 'decisions']/tei:item | .//tei:div[@type = 'clause']"
_PREAMBULAR = re.compile(r"PP([0-9]+)")


def report(doc: Document) -> list[Diagnostic]:
    """clause.n and clause.sequence in one document."""
    text = doc.tree.getroot().find(t("text"))
    if text is None:
        return []
    found = []
    parents = {}
    for el in text.xpath(_CLAUSES, namespaces={"tei": TEI_NS}):
        parents.setdefault(el.getparent(), None)
    for parent in parents:
        kind = t("item") if parent.tag == t("list") else t("div")
        clauses = [el for el in parent if el.tag == kind and (kind == t("item") or el.get("type") == "clause")]
        plain, preambular = [], []
        for el in clauses:
            n = el.get("n")
            if n is None or not n.strip():
                what = "list item" if name_of(el) == "item" else "clause"
                found.append(
                    error_at(doc, el, f'{what} has no @n; number it (n="1", "PP1" …) so it can be cited', "clause.n")
                )
            elif _PLAIN.fullmatch(n.strip()):
                plain.append((int(n), el))
            elif m := _PREAMBULAR.fullmatch(n.strip()):
                preambular.append((int(m.group(1)), el))
        found += _sequence(doc, plain, "", "clause numbers")
        found += _sequence(doc, preambular, "PP", "preambular clause numbers")
    return found


def _sequence(doc, numbered, prefix: str, what: str) -> list[Diagnostic]:
    found, expected, previous = [], 1, None
    for n, el in numbered:
        if n != expected:
            if previous is None:
                message = f"{what} start at {prefix}{n}, not {prefix}1; renumber from {prefix}1"
            elif n <= previous:
                message = (
                    f"{what} go from {prefix}{previous} to {prefix}{n} (repeated or backwards); renumber the clauses"
                )
            else:
                message = f"{what} jump from {prefix}{previous} to {prefix}{n}; renumber or add the missing clause"
            found.append(error_at(doc, el, message, "clause.sequence"))
        expected, previous = n + 1, n
    return found
