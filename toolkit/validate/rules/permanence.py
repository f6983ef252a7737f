"""cite.removed, cite.document-removed: an id the edition has published must stay.

A built site publishes the ids of its citable units (`api/citable-ids.json`, written by
render/html/data_files.py): the ids in its permalinks, its DTS API and its citations. Once
published, someone may have cited them; a hand edit that drops or renames one breaks that
citation without a sound. So `tei-edition validate` reads the manifest of the last build of
each edition (the edge reads it: commands/validate.py) and warns, at the document, when

    cite.removed            a published citable id is no longer a citable unit of its
                            document (gone, renamed, or moved into another document or
                            into the residue);
    cite.document-removed   a published document is gone: its file deleted, or its
                            xml:id changed (then every id of it is gone from its pages).

A manifest applies to the TEI folder its site was built from (its `tei`), and only to the
documents validated now: validating one file says nothing of the others, and a removed
file is reported when its folder is validated. These are
warnings: an editor may mean it (a clause that was never one); the message says what a
reader of an old citation will meet and how to keep the id.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath

from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.validate.rules.reports import Locate, Report


@dataclasses.dataclass(frozen=True)
class PublishedDocument:
    id: str
    file: str  # its TEI file's name ("000_5d5ba4abf0d3ebed.xml")
    units: tuple[str, ...]  # the ids of its citable units, in document order


@dataclasses.dataclass(frozen=True)
class Published:
    """The manifest of one built site: where it was read (as messages name it), the TEI
    folder the site was built from (as the build named it, e.g. "tei"), its documents."""

    shown: str
    tei: str
    documents: tuple[PublishedDocument, ...]


def parse_manifest(data: bytes, shown: str) -> tuple[Published | None, list[Diagnostic]]:
    """A site's api/citable-ids.json; None (and a warning) if it cannot be read as one."""
    try:
        raw = json.loads(data)
        docs = tuple(
            PublishedDocument(str(d["id"]), str(d["file"]), tuple(str(u) for u in d["units"])) for d in raw["documents"]
        )
        tei = raw.get("tei")
    except (ValueError, TypeError, KeyError, AttributeError):
        return None, [
            warning(shown, 1, 1, "not a manifest of published ids; ids are not checked against it", "cite.manifest")
        ]
    return (Published(shown, tei, docs) if isinstance(tei, str) and tei else None), []


def combine(reports: list[Report], published: list[Published], present: dict[str, set[str]], locate: Locate):
    """The warnings for every manifest over the reports of the documents validated now.
    `present`: the names of the TEI files now in each manifest's folder (by its `tei`) where
    that folder is validated whole; only there is a missing file a removed document."""
    found: list[Diagnostic] = []
    for manifest in published:
        mine = [r for r in reports if not r.is_register and posixpath.dirname(r.path) == manifest.tei.rstrip("/")]
        if not mine:
            continue
        by_id = {_docid(r): r for r in mine}
        by_file = {posixpath.basename(r.path): r for r in mine}
        holders = {uid: r for r in mine for uid in r.citable}
        for doc in manifest.documents:
            report = by_id.get(doc.id)
            if report is not None:
                found += _units_removed(doc, report, holders, manifest, locate)
            elif doc.file in by_file:
                found.append(_renamed(doc, by_file[doc.file], manifest, locate))
            elif manifest.tei in present and doc.file not in present[manifest.tei]:
                found.append(_document_removed(doc, manifest))
    return found


def _docid(report: Report) -> str | None:
    return next((value for value, name in report.ids if name == "TEI"), None)


def _units_removed(
    doc: PublishedDocument, report: Report, holders: dict[str, Report], manifest: Published, locate: Locate
) -> list[Diagnostic]:
    now = set(report.citable)
    out = []
    for k, uid in enumerate(doc.units):
        if uid in now:
            continue
        line, col = _where(report, doc.units, k, locate)
        elsewhere = holders.get(uid)
        if elsewhere is not None:
            what = f"it is now in {elsewhere.path}, so links to the page of {doc.id} no longer find it"
        elif any(value == uid for value, _name in report.ids):
            what = "the element that has it is no longer a citable unit (in the header or the residue)"
        else:
            what = "no element of the corpus has it now"
        out.append(
            warning(
                report.path,
                line,
                col,
                f'citable id "{uid}" was published ({manifest.shown}) and {what}: a citation or '
                f'link to it now leads nowhere; give the element that holds that text xml:id="{uid}" '
                "again (a new clause gets a new id; published ids are never reused for other text)",
                "cite.removed",
            )
        )
    return out


def _where(report: Report, units: tuple[str, ...], k: int, locate: Locate) -> tuple[int, int]:
    """Where a removed unit was: at the next published unit still there, else the one
    before, else the document's <text>."""
    now = set(report.citable)
    for uid in (*units[k + 1 :], *reversed(units[:k])):
        if uid in now:
            found = locate(report.path, "//*[@xml:id = $value]", {"value": uid})
            if found:
                return found[0]
    found = locate(report.path, "/*/*[local-name() = 'text']", {})
    return found[0] if found else (1, 1)


def _renamed(doc: PublishedDocument, report: Report, manifest: Published, locate: Locate) -> Diagnostic:
    found = locate(report.path, "/*", {})
    line, col = found[0] if found else (1, 1)
    return warning(
        report.path,
        line,
        col,
        f'this document was published as "{doc.id}" ({manifest.shown}) and its xml:id is now '
        f'"{_docid(report)}": its page and the {len(doc.units)} citable id(s) published with it are gone '
        f'from the edition; keep xml:id="{doc.id}" (a document\'s id is its address)',
        "cite.document-removed",
    )


def _document_removed(doc: PublishedDocument, manifest: Published) -> Diagnostic:
    return warning(
        posixpath.join(manifest.tei, doc.file),
        0,
        0,
        f'document "{doc.id}" was published ({manifest.shown}) with {len(doc.units)} citable id(s) and its '
        "file is gone: every citation of it leads nowhere; restore the file (its text may be corrected, its ids kept)",
        "cite.document-removed",
    )
