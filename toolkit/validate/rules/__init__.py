"""The rules a grammar cannot express, checked over the whole corpus of parsed TEI trees.

One module per family of rules: `ids`, `pointers` (with `links`: where a link may lead),
`dates`, `clauses`, `registers`. Each has
a per-document `report` (what can be checked in one document, and what the corpus-wide part
needs of it) and, where the family needs the whole corpus, a `combine` over the documents'
reports. Reports (`reports.Report`) are plain data, so `tei-edition validate` makes them in
worker processes and caches them; `combine` then runs once over all of them.

The codes:

    id.duplicate      error    an xml:id used twice anywhere in the corpus
    ref.unresolved    error    a pointer whose file or xml:id does not exist
    ref.prefix        error    a `pfx:value` pointer with no <prefixDef ident="pfx">
    ref.external      warning  @ref pointing out of the project (an absolute URL)
    ref.kind          error    persName/placeName/orgName @ref not resolving to person/place/org,
                               note/@target not to an anchor, lem/rdg @wit not to a witness
    link.unsafe       error    javascript:, data:, file:, vbscript:, //host, an absolute path, a
                               path out of the project, graphic/@url on another host
    date.invalid      error    a date attribute that is not ISO 8601 or names a day that never was
    date.order        error    @from after @to, @notBefore after @notAfter
    date.missing      error    a <date> in <text> without any normalised value
    clause.sequence   error    clause numbers 1, 2, 3 … (or PP1, PP2 …) with a gap or repeat
    clause.n          error    a clause div or an item of a decisions list without @n
    register.unused   warning  a register entry no document points to
    register.candidate warning a register entry still marked as an unreviewed candidate
    register.name     error    a register entry without a (non-empty) name
    cite.removed      warning  an id the last build published (api/citable-ids.json) is no longer citable
    cite.document-removed warning a published document is gone, or its xml:id changed
    cite.manifest     warning  a published manifest that cannot be read
"""

from __future__ import annotations

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.tei import NS
from toolkit.validate.rules import clauses, dates, ids, permanence, pointers, registers
from toolkit.validate.rules.reports import Locate, Report, document_key, is_register

# the citable units as model/citable.py finds them (tests/test_permanence.py compares), in C
_CITABLE = "/*/tei:text//*[@xml:id][not(ancestor::tei:div[@type='residue'])]/@xml:id"


def check_corpus(documents: list[Document]) -> list[Diagnostic]:
    """Every rule over every document; diagnostics sorted by path, line and column."""
    by_path = {doc.shown: doc for doc in documents}
    return combine([report(doc) for doc in documents], lambda path, query, vs: by_path[path].positions(query, vs))


def report(doc: Document) -> Report:
    """The rules that need only this document, and what `combine` needs of it."""
    used: set[tuple[str, str]] = set()
    pending: set = set()
    diagnostics = pointers.report(doc, pending, used) + dates.report(doc) + clauses.report(doc)
    entries: list[tuple[str, str, int, int]] = []
    register = is_register(doc.shown)
    if register:
        diagnostics += registers.report(doc, entries)
    key = document_key(doc.shown)
    citable = [] if register else [str(v) for v in doc.tree.xpath(_CITABLE, namespaces=NS)]
    found = ids.report(doc)
    return Report(doc.shown, key, register, diagnostics, found, sorted(pending), sorted(used), entries, citable)


def combine(
    reports: list[Report],
    locate: Locate,
    published: list[permanence.Published] = (),
    present: dict[str, set[str]] | None = None,
) -> list[Diagnostic]:
    """The corpus-wide rules over the documents' reports, and every report's own
    diagnostics; sorted by path, line and column. `locate` finds an element in a document
    (see reports.Report); `published` are the manifests of the built sites (their ids must
    stay, permanence.py), `present` the TEI files in each one's folder."""
    resolved, used = pointers.combine(reports, locate)
    diagnostics = ids.combine(reports, locate) + [d for r in reports for d in r.diagnostics] + resolved
    diagnostics += permanence.combine(reports, list(published), present or {}, locate)
    return sorted(diagnostics + registers.combine(reports, used))
