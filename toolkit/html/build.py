"""Building the HTML edition: the pure core (`build_html`) and the thin edge that writes
it (`run_build_html`): read, render, write into a folder beside the target, index it
with Pagefind, then swap it in whole — a reader never sees a half-written site."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from ..corpus import EditionConfig, load_corpus, load_edition
from ..diagnostics import Diagnostic, emit, error, warning
from ..index import build_index


class SiteFiles(dict):
    """{relative path: bytes} of the site, with the diagnostics of building it."""

    diagnostics: list[Diagnostic]

    def __init__(self, files: dict[str, bytes] | None = None, diagnostics: list[Diagnostic] | None = None):
        super().__init__(files or {})
        self.diagnostics = list(diagnostics or [])

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def build_html(corpus_dir: Path, edition: EditionConfig) -> SiteFiles:
    """The whole site for the edition's documents in `corpus_dir` (TEI files + registers/)."""
    from .site import render_site

    corpus, diags = load_corpus(Path(corpus_dir), edition.documents)
    if corpus is None:
        return SiteFiles({}, diags)
    index = build_index(corpus)
    site = render_site(corpus, index, edition)
    return SiteFiles(site.files, diags + site.diagnostics)


def self_check(files: dict[str, bytes], out_dir: Path) -> list[Diagnostic]:
    """The built site checked as a reader's browser would meet it (links, anchors, page
    basics); a problem here is a bug in the renderer, reported so it is never silent."""
    from ..pipeline import rel
    from .check import check_site

    return [warning(rel(out_dir), 0, 0, problem, "html.check") for problem in check_site(files)]


def default_output(edition_toml: Path) -> Path:
    """editions/<name>.toml → editions/<name>/html"""
    return edition_toml.parent / edition_toml.stem / "html"


def schema_problems(corpus_dir: Path, edition: EditionConfig) -> list[Diagnostic]:
    """The gate: invalid TEI is never rendered (grammar errors of the selected documents)."""
    from .. import prescreen
    from ..pipeline import escapes, outside_message, rel
    from ..schema import validate_tree
    from ..xmlparse import parse_xml

    diags = []
    files = sorted(Path(corpus_dir).glob("*.xml"))
    if edition.documents is not None:
        files = [f for f in files if f.stem in edition.documents]
    for f in files:
        if escapes(f, Path(corpus_dir)):
            diags.append(outside_message(f))  # never read: it could publish a file from anywhere
            continue
        shown = rel(f)
        tree, problems = parse_xml(f.read_bytes(), shown)
        if tree is not None and not prescreen.clean(tree):  # xmlschema only where needed
            diags.extend(validate_tree(tree, shown))
    return diags


def write_site(files: dict[str, bytes], out_dir: Path, *, search: bool = True) -> list[Diagnostic]:
    """Write `files` into a new folder beside `out_dir`, index it, and swap it in."""
    from .pagefind import index_site

    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    diags: list[Diagnostic] = []
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for rel, data in files.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if search:
            ok, message = index_site(tmp)
            if not ok:
                diags.append(warning(str(out_dir), 0, 0, message, "html.search-index"))
        os.chmod(tmp, 0o755)
        from ..pipeline import swap_in

        swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return diags


def run_build_html(tei_dir: Path, edition_toml: Path, out_dir: Path | None = None, echo=print, *,
                   search: bool = True, check_schema: bool = True) -> int:
    """Build editions/<name>/html from the TEI in `tei_dir`: 0 if built, 1 on errors
    (then nothing is written and the previous site stays). Diagnostics go to `echo`,
    one `path:line:col: severity: message [code]` line each, then a summary."""
    from ..pipeline import rel

    started = time.perf_counter()
    edition, diags = load_edition(Path(edition_toml), rel(Path(edition_toml)))
    files = SiteFiles()
    if edition is not None and check_schema:
        diags.extend(schema_problems(Path(tei_dir), edition))
    if edition is not None and not any(d.severity == "error" for d in diags):
        files = build_html(Path(tei_dir), edition)
        diags.extend(files.diagnostics)
    target = Path(out_dir) if out_dir is not None else default_output(Path(edition_toml))
    if files:
        diags.extend(self_check(files, target))
    errors = [d for d in diags if d.severity == "error"]
    if not errors:
        try:
            diags.extend(write_site(files, target, search=search))
        except OSError as exc:
            diags.append(error(rel(target), 0, 0, f"the site could not be written ({exc.strerror or exc}); nothing changed", "io.write"))
    emit(diags, echo)
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        echo(f"HTML edition not built: {len(errors)} error(s); {rel(target)} left as it was")
        return 1
    pages = sum(1 for p in files if p.endswith(".html"))
    warnings = len({str(d) for d in diags if d.severity == "warning"})
    echo(f"HTML edition built: {pages} pages in {rel(target)} ({time.perf_counter() - started:.2f} s, {warnings} warning(s))")
    return 0
