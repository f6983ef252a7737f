"""`tei-edition validate`: each file parsed, checked against the project schema and by the
per-document rules (in parallel, from the cache where unchanged), then the corpus-wide
rules over all of them."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.model.diagnostics import Diagnostic, emit, summary
from toolkit.parallel import Cost, pmap, worth_forking

_WORKER: dict = {}


def run(paths: list[Path], *, echo, jobs: int = 1, cache_dir: Path | None = None, show_progress: bool = False) -> int:
    from toolkit.io import fs, project
    from toolkit.io.cache import Cache
    from toolkit.validate.rules import combine

    files, diags = project.collect_xml(paths)
    requested = {os.path.abspath(f) for f in files}
    # registers next to the given documents are context for reference checks
    context: list[Path] = []
    for f in files:
        reg = f.parent / "registers"
        if reg.is_dir():
            for r in sorted(reg.glob("*.xml")):
                if os.path.abspath(r) not in requested and r not in context and not fs.escapes(r, f.parent):
                    context.append(r)
    items = [(str(f), fs.rel(f)) for f in files + context]
    checked = check_files(items, Cache(cache_dir), jobs, show_progress)
    context_paths = {fs.rel(c) for c in context}
    reports = []
    for (_path, shown), (file_diags, report) in zip(items, checked):
        if shown not in context_paths:
            diags.extend(file_diags)
        if report is not None:
            reports.append(report)
    published, present = _published(diags, {fs.rel(p) for p in paths if p.is_dir()})
    locator = _Locator(dict((shown, path) for path, shown in items))
    diags.extend(d for d in combine(reports, locator, published, present) if d.path not in context_paths)
    emit(diags, echo)
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


def check_files(
    items: list[tuple[str, str]], cache, jobs: int, show_progress: bool = False
) -> list[tuple[list[Diagnostic], object]]:
    """Each (path, path as shown) read, parsed, checked against the schema and by the
    per-document rules: ([diagnostics], rules.Report or None if unreadable), in order.

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


def _check_file(item: tuple[str, str]) -> tuple[list[Diagnostic], object]:
    """Worker: one file's parse, schema and per-document rule diagnostics, and its report."""
    import json

    from toolkit.io import fs
    from toolkit.io.cache import key
    from toolkit.model.corpus import Document
    from toolkit.model.xmlparse import parse_xml
    from toolkit.validate import prescreen
    from toolkit.validate.rules import Report, report
    from toolkit.validate.schema import XSD, validate_tree

    path, shown = item
    cache = _WORKER["cache"]
    file = Path(path)
    data, unreadable = fs.read_document(file, shown)
    if data is None:
        return unreadable, None
    k = key(_schema_bytes(XSD), data, shown, os.path.abspath(path)) if cache.enabled else None
    hit = cache.get("validate", k) if k else None
    if hit is not None:
        try:
            diags, rep = json.loads(hit)
            return [Diagnostic.from_row(d) for d in diags], Report.from_json(rep) if rep is not None else None
        except (ValueError, TypeError):
            pass
    tree, diags = parse_xml(data, shown)
    rep = None
    if tree is not None:
        if not prescreen.clean(tree):
            diags = diags + validate_tree(tree, shown)
        rep = report(Document(file, shown, data, tree))
    if k:
        cache.put(
            "validate",
            k,
            json.dumps(
                [[d.to_row() for d in diags], rep.to_json() if rep is not None else None],
                ensure_ascii=False,
            ).encode(),
        )
    return diags, rep


_SCHEMA_BYTES: dict[Path, bytes] = {}


def _schema_bytes(path: Path) -> bytes:
    if path not in _SCHEMA_BYTES:
        _SCHEMA_BYTES[path] = path.read_bytes()
    return _SCHEMA_BYTES[path]
