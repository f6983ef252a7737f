"""`tei-edition validate`: each file parsed, checked against the project schema and by the
per-document rules (in parallel, from the cache where unchanged), then the corpus-wide
rules over all of them. A schema error a rule restates is left out (validate.restated); a
TEI file from elsewhere is reported in two parts, TEI P5 conformance and its departures
from this edition's customisation (validate.foreign)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from toolkit.model.diagnostics import Diagnostic, emit, summary
from toolkit.parallel import Cost, pmap, worth_forking

_WORKER: dict = {}


@dataclasses.dataclass
class Checked:
    """One file's check: its diagnostics (reading, parsing, the rules of one document are in
    `report`), its schema errors as restated.Claim, its rules' report (None if unreadable or
    foreign), and for TEI from elsewhere its departures from the customisation (else None)."""

    diagnostics: list[Diagnostic]
    claims: list
    report: object
    foreign: list[Diagnostic] | None = None

    def to_json(self) -> list:
        return [
            [d.to_row() for d in self.diagnostics],
            [c.to_row() for c in self.claims],
            self.report.to_json() if self.report is not None else None,
            [d.to_row() for d in self.foreign] if self.foreign is not None else None,
        ]

    @classmethod
    def from_json(cls, data) -> Checked:
        from toolkit.validate.restated import Claim
        from toolkit.validate.rules import Report

        diags, claims, rep, foreign = data
        return cls(
            [Diagnostic.from_row(d) for d in diags],
            [Claim.from_row(c) for c in claims],
            Report.from_json(rep) if rep is not None else None,
            [Diagnostic.from_row(d) for d in foreign] if foreign is not None else None,
        )


def run(paths: list[Path], *, echo, jobs: int = 1, cache_dir: Path | None = None, show_progress: bool = False) -> int:
    from toolkit.io import fs, project
    from toolkit.io.cache import Cache
    from toolkit.validate.restated import drop_restated
    from toolkit.validate.rules import combine

    files, diags = project.collect_xml(paths)
    context = _register_context(files)
    items = [(str(f), fs.rel(f)) for f in files + context]
    checked = check_files(items, Cache(cache_dir), jobs, show_progress)
    context_paths = {fs.rel(c) for c in context}
    reports, claims, foreign = [], [], {}
    for (path, shown), result in zip(items, checked):
        if result.report is not None:
            reports.append(result.report)
        if shown in context_paths:
            continue
        diags.extend(result.diagnostics)
        claims.extend(result.claims)
        if result.foreign is not None:
            foreign[shown] = (path, result.foreign)
    published, present = _published(diags, {fs.rel(p) for p in paths if p.is_dir()})
    located = _Locator(dict((shown, path) for path, shown in items))
    rules = [d for d in combine(reports, located, published, present) if d.path not in context_paths]
    diags += rules + drop_restated(claims, rules)
    emit(diags, echo)
    diags += _report_foreign(foreign, echo)
    echo(summary(diags, len(files)))
    if any(d.code == "io.missing" for d in diags):
        return 2  # a path given on the command line does not exist: a usage error
    return 1 if any(d.severity == "error" for d in diags) else 0


def _published(diags: list[Diagnostic], folders: set[str]) -> tuple[list, dict[str, set[str]]]:
    """The manifests of published ids of the project's editions, as their last builds left
    them (editions/<name>/html/api/citable-ids.json), and the TEI files now in the folder
    each was built from, where that folder is validated whole (`folders`: a file removed
    from it is a removed document; validate/rules/permanence.py)."""
    from toolkit.commands.build import output_dir
    from toolkit.io import config, project
    from toolkit.render.html.paths import CITABLE_IDS
    from toolkit.validate.rules.permanence import parse_manifest

    editions = project.edition_files(config.edition(None, config.load()))
    found, problems = project.read_published([output_dir(e, "html") / CITABLE_IDS for e in editions])
    diags.extend(problems)
    published = []
    for shown, data in found:
        manifest, more = parse_manifest(data, shown)
        diags.extend(more)
        if manifest is not None:
            published.append(manifest)
    return published, {m.tei: project.xml_names(Path(m.tei)) for m in published if m.tei.rstrip("/") in folders}


def _register_context(files: list[Path]) -> list[Path]:
    """The registers next to the given documents: context for the reference checks."""
    from toolkit.io import fs

    requested = {os.path.abspath(f) for f in files}
    context: list[Path] = []
    for f in files:
        reg = f.parent / "registers"
        if reg.is_dir():
            for r in sorted(reg.glob("*.xml")):
                if os.path.abspath(r) not in requested and r not in context and not fs.escapes(r, f.parent):
                    context.append(r)
    return context


def _report_foreign(foreign: dict[str, tuple[str, list[Diagnostic]]], echo) -> list[Diagnostic]:
    """TEI from elsewhere, each in its two parts: conformance to TEI P5 (jing over the
    project's copy of tei_all.rng, in one run for all of them) and departures from the
    customisation. Returns every diagnostic printed."""
    if not foreign:
        return []
    from toolkit.io.jing import run_jing
    from toolkit.model.diagnostics import error
    from toolkit.validate import foreign as tei_foreign
    from toolkit.validate.schema import TEI_ALL

    output, trouble = run_jing(TEI_ALL, [path for path, _ in foreign.values()])
    named = {}  # jing names a file as given or by its absolute path
    for shown, (path, _) in foreign.items():
        named.update({path: shown, os.path.abspath(path): shown, os.path.realpath(path): shown})
    conformance = tei_foreign.conformance(output or "", named)
    found = []
    for shown, (_path, departed) in foreign.items():
        own = [d for d in conformance if d.path == shown]
        if trouble:
            own = [error(shown, 0, 0, f"TEI P5 conformance not checked: {trouble}", tei_foreign.CONFORMANCE)]
        for line in tei_foreign.section(shown, own, departed, checked=trouble is None):
            echo(line)
        found += own + departed
    return found


class _Locator:
    """Element positions for the corpus-wide diagnostics (rare): the file is parsed again
    in this process, once."""

    def __init__(self, paths: dict[str, str]):
        self.paths = paths
        self.documents: dict[str, object] = {}

    def __call__(self, shown: str, query: str, variables: dict) -> list[tuple[int, int]]:
        from toolkit.io import fs
        from toolkit.model.corpus import Document
        from toolkit.model.xmlparse import parse_xml

        if shown not in self.documents:
            data = fs.read_document(Path(self.paths[shown]), shown)[0] if shown in self.paths else None
            tree, _ = parse_xml(data, shown) if data else (None, [])
            self.documents[shown] = Document.from_tree(shown, tree, data) if tree is not None else None
        doc = self.documents[shown]
        return doc.positions(query, variables) if doc is not None else []


# measured (make bench, 2 cores): under a millisecond a file; forking a worker that has the
# compiled schema already costs about 10 ms, so workers pay off from about 35 files on
COST = Cost(per_item=0.0006, start=0.01)


def check_files(items: list[tuple[str, str]], cache, jobs: int, show_progress: bool = False) -> list[Checked]:
    """Each (path, path as shown) read, parsed, checked against the schema and by the
    per-document rules, in order (see Checked).

    The work per file is independent, so it runs in `jobs` processes; a file whose bytes,
    path, schema and toolkit code were checked before comes from the cache unparsed."""
    if worth_forking(len(items), jobs, COST):
        from toolkit.model import xmlparse  # noqa: F401 (imported once, before the fork)
        from toolkit.validate import (
            prescreen,
            rules,  # noqa: F401 (imported once, before the fork)
        )

        prescreen.warm_up()  # the compiled schema is inherited by the workers, not rebuilt in each
    return pmap(
        _check_file,
        items,
        jobs=jobs,
        cost=COST,
        label="validate",
        show=show_progress,
        init=_init_checker,
        initargs=(cache.folder,),
    )


def _init_checker(cache_folder) -> None:
    from toolkit.io.cache import Cache

    _WORKER["cache"] = Cache(cache_folder)


def _check_file(item: tuple[str, str]) -> Checked:
    """Worker: one file read, parsed, checked against the schema and by the per-document
    rules, from the cache if its bytes, path, schema and toolkit code were checked before."""
    import json

    from toolkit.io import fs
    from toolkit.model.digest import key
    from toolkit.validate.schema import schema_bytes

    path, shown = item
    cache = _WORKER["cache"]
    data, unreadable = fs.read_document(Path(path), shown)
    if data is None:
        return Checked(unreadable, [], None)
    k = key(schema_bytes(), data, shown, os.path.abspath(path)) if cache.enabled else None
    hit = cache.get("validate", k) if k else None
    if hit is not None:
        try:
            return Checked.from_json(json.loads(hit))
        except (ValueError, TypeError):
            pass
    result = _check_bytes(Path(path), shown, data)
    if k:
        cache.put("validate", k, json.dumps(result.to_json(), ensure_ascii=False).encode())
    return result


def _check_bytes(file: Path, shown: str, data: bytes) -> Checked:
    from toolkit.model.corpus import Document
    from toolkit.model.xmlparse import parse_xml
    from toolkit.validate import foreign, prescreen
    from toolkit.validate.restated import claims
    from toolkit.validate.rules import report
    from toolkit.validate.rules.reports import is_register
    from toolkit.validate.schema import schema_findings

    tree, diags = parse_xml(data, shown)
    if tree is None:
        return Checked(diags, [], None)
    findings = [] if prescreen.clean(tree) else schema_findings(tree, shown, data)
    if foreign.is_foreign(tree, is_register(shown)):  # TEI from elsewhere: no edition rules
        return Checked(diags, [], None, foreign.departures(findings))
    return Checked(diags, claims(findings), report(Document(file, shown, data, tree)))
