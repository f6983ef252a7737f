"""Register entries: each is named and reviewed (per document), and used (over the corpus).

In files under a registers/ folder, each person/place/org with an xml:id:
register.name: has a name child (the canonical one, or failing that any) that is not empty;
register.candidate: has no <note type="candidate"> left (it is unreviewed);
register.unused: some @ref in a non-register document points to it (not checked when the
corpus has no non-register documents)."""

from __future__ import annotations

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.model.registers import KINDS, NAME_OF_KIND
from toolkit.model.tei import XML_ID, t
from toolkit.validate.rules.located import error_at, name_of, warning_at
from toolkit.validate.rules.reports import Report


def report(doc: Document, entries: list) -> list[Diagnostic]:
    """register.name and register.candidate in one register file; each entry is added to
    `entries` (xml:id, label, line, col) for `combine`."""
    found = []
    for el in doc.tree.iter(*(t(kind) for kind in KINDS)):
        key = el.get(XML_ID)
        if key is None:
            continue
        kind = name_of(el)
        names = el.findall(t(NAME_OF_KIND[kind]))
        name = next((n for n in names if n.get("type") == "canonical"), names[0] if names else None)
        label = f'<{kind} xml:id="{key}">'
        if name is None:
            found.append(
                error_at(
                    doc,
                    el,
                    f'{label} has no <{NAME_OF_KIND[kind]}>; add one with type="canonical" (nominative case)',
                    "register.name",
                )
            )
        elif not "".join(name.itertext()).strip():
            found.append(
                error_at(
                    doc,
                    name,
                    f"{label} has an empty <{NAME_OF_KIND[kind]}>; write the canonical name (nominative case)",
                    "register.name",
                )
            )
        if any(note.get("type") == "candidate" for note in el.findall(t("note"))):
            found.append(
                warning_at(
                    doc,
                    el,
                    f"{label} is an unreviewed candidate found by the converter; "
                    "confirm it (remove the candidate note) or merge it into an "
                    "existing entry",
                    "register.candidate",
                )
            )
        entries.append((key, label, *doc.position(el)))
    return found


def combine(reports: list[Report], used: set) -> list[Diagnostic]:
    """register.unused over the corpus: `used` holds the (document key, xml:id) pairs that
    @ref in non-register documents reach."""
    if all(r.is_register for r in reports):
        return []
    return [
        warning(
            r.path,
            line,
            col,
            f"{label} is not referenced by any document; remove it or point a @ref at it",
            "register.unused",
        )
        for r in reports
        if r.is_register
        for key, label, line, col in r.entries
        if (r.key, key) not in used
    ]
