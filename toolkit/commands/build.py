"""`tei-edition build`: the HTML edition, the PDF edition, or both.

Gather, then write. The edition file is read once, the corpus is read once and passed
through the gate (invalid TEI is never rendered), then each edition is made from the
same corpus by its pure core (render.html.build_html, render.pdf.build_pdf) and written
here: into a folder beside the target, swapped in whole, so a reader never sees a
half-written edition and a failed build leaves the previous one as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from pathlib import Path

from toolkit.model.diagnostics import Diagnostic, emit, error


@dataclasses.dataclass
class Request:
    """What to build, as the command line (and [tool.toolkit]) asked for it."""

    tei_dir: Path
    edition_toml: Path
    html: bool = True
    pdf: bool = True
    html_out: Path | None = None  # default: editions/<name>/html
    pdf_out: Path | None = None  # default: editions/<name>/pdf
    search: bool = True
    bleed: str | None = None
    pdfa: bool = False
    jobs: int = 1
    cache_dir: Path | None = None
    progress: bool = False


def asked(tei_dir: Path, edition_toml: Path, *, html: bool, pdf: bool, out: Path | None, **rest) -> Request:
    """The request of `tei-edition build`: neither --html nor --pdf (or both) builds both
    editions, and then -o takes the HTML and the PDF goes beside it, in pdf/."""
    both = html == pdf
    html_out = out if (html or both) else None
    pdf_out = (out.parent / "pdf" if both else out) if out is not None and (pdf or both) else None
    return Request(
        tei_dir, edition_toml, html=html or both, pdf=pdf or both, html_out=html_out, pdf_out=pdf_out, **rest
    )


def output_dir(edition_toml: Path, kind: str) -> Path:
    """editions/<name>.toml → editions/<name>/html (or …/pdf)"""
    edition_toml = Path(edition_toml)
    return edition_toml.parent / edition_toml.stem / kind


def run(request: Request, *, echo) -> int:
    """Build what `request` asks for: 0 if built, 1 on errors (then nothing is written and
    the previous edition stays). Diagnostics go to `echo`, one line each, then a summary
    per edition."""
    from toolkit.io import fs, project
    from toolkit.io.cache import Cache
    from toolkit.model.edition import parse_edition
    from toolkit.validate.gate import schema_problems

    shown = fs.rel(request.edition_toml)
    if not request.edition_toml.is_file():
        echo(str(error(shown, 0, 0, "no such edition file; give --edition editions/<name>.toml", "io.missing")))
        return 2
    cache = Cache(request.cache_dir)
    data, diags = project.read_edition(request.edition_toml)
    edition, more = parse_edition(data, shown, request.edition_toml.stem) if data is not None else (None, [])
    diags += more
    settings = None
    if edition is not None and request.pdf:
        from toolkit.render.pdf.config import parse_page_settings

        settings, more = parse_page_settings(data, shown)
        diags += more
    corpus = None
    if edition is not None and not _failed(diags):
        memo = cache.memo()
        corpus, more = project.load_corpus(request.tei_dir, edition.documents, memo, gate=schema_problems)
        diags += more
        cache.save(memo)
    status = 0
    if request.html:
        target = request.html_out or output_dir(request.edition_toml, "html")
        status = max(status, _html(request, corpus if not _failed(diags) else None, edition, target, diags, echo))
    if request.pdf:
        target = request.pdf_out or output_dir(request.edition_toml, "pdf")
        ready = corpus if not _failed(diags) else None
        status = max(status, _pdf(request, ready, edition, settings, target, diags, echo))
    return status


def run_html(
    tei_dir: Path,
    edition_toml: Path,
    out_dir: Path | None = None,
    echo=print,
    *,
    search: bool = True,
    cache_dir: Path | None = None,
    jobs: int = 1,
) -> int:
    """The HTML edition alone (watch, serve, tests)."""
    request = Request(
        Path(tei_dir), Path(edition_toml), pdf=False, html_out=out_dir, search=search, cache_dir=cache_dir, jobs=jobs
    )
    return run(request, echo=echo)


def run_pdf(
    tei_dir: Path,
    edition_toml: Path,
    out_dir: Path | None = None,
    echo=print,
    *,
    jobs: int | None = None,
    bleed: str | None = None,
    pdfa: bool = False,
) -> int:
    """The PDF edition alone (tests); `jobs` None: every core."""
    request = Request(
        Path(tei_dir),
        Path(edition_toml),
        html=False,
        pdf_out=out_dir,
        bleed=bleed,
        pdfa=pdfa,
        jobs=jobs if jobs is not None else (os.cpu_count() or 1),
    )
    return run(request, echo=echo)


def _failed(diags: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


# ---------------------------------------------------------------- the HTML edition


def _html(request: Request, corpus, edition, target: Path, diags: list[Diagnostic], echo) -> int:
    """The HTML edition made from `corpus` (None: the reading failed) and written to
    `target`, with the search index and the build state; its summary line."""
    from toolkit.commands.reference import reference_entries
    from toolkit.io import fs
    from toolkit.io.buildstate import BuildState
    from toolkit.io.cache import Cache
    from toolkit.render.html import SiteFiles, build_html

    started = time.perf_counter()
    diags = list(diags)
    cache = Cache(request.cache_dir)
    previous = BuildState.load(cache, target)
    files = SiteFiles()
    if corpus is not None:
        memo = cache.memo()
        reference = reference_entries(corpus, memo)  # the page «О разметке»
        files = build_html(
            corpus, edition, previous, memo, request.jobs, _published(), progress=request.progress, reference=reference
        )
        cache.save(memo)
        diags.extend(files.diagnostics)
    if not _failed(diags):
        _check_and_write(files, target, request, previous, cache, diags)
    emit(diags, echo)
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        echo(f"HTML edition not built: {len(errors)} error(s); {fs.rel(target)} left as it was")
        return 1
    pages = sum(1 for p in files if p.endswith(".html"))
    made = sum(1 for p in files if p.endswith(".html") and p not in files.reused)
    warnings = len({str(d) for d in diags if d.severity == "warning"})
    how = f"; {made} made, {pages - made} unchanged" if files.reused else ""
    echo(
        f"HTML edition built: {pages} pages in {fs.rel(target)}{how} "
        f"({time.perf_counter() - started:.2f} s, {warnings} warning(s))"
    )
    return 0


def _published() -> dict[str, bytes]:
    """What the site publishes as it is: the schema the TEI's <?xml-model?> lines point at,
    and the site's own assets."""
    from toolkit.io import fs
    from toolkit.render.html.site import assets
    from toolkit.validate.schema import RNG, SCH, XSD

    files = {f"schema/{name}": data for name, data in fs.read_files([XSD, RNG, SCH]).items()}
    files.update(assets())
    return files


def _check_and_write(files, target: Path, request: Request, previous, cache, diags: list[Diagnostic]) -> None:
    """The site checked (in a thread, while it is written and Pagefind indexes it: the
    check only reads the pages in memory and only warns; a check that forks workers runs
    first, alone), written, and its build state saved with the check's facts."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from toolkit.io import fs
    from toolkit.render.html.build import check_forks, self_check, unchecked

    known = {p: f for p in files.reused if (f := previous.facts(p)) is not None}
    shown = fs.rel(target)

    def check() -> tuple[list[Diagnostic], dict]:
        problems, facts = self_check(files, shown, known, request.jobs)
        if problems and known:  # say it as a full build would: from the pages themselves
            problems, facts = self_check(files, shown, None, request.jobs)
        return problems, facts

    with ThreadPoolExecutor(max_workers=1) as pool:
        if check_forks(unchecked(files, known), request.jobs):
            checked: Future = Future()
            checked.set_result(check())
        else:
            checked = pool.submit(check)
        try:
            written, state = _write_site(files, target, request, previous, checked)
            diags.extend(written)
            state.save(cache)
        except OSError as exc:
            diags.append(
                error(
                    shown, 0, 0, f"the site could not be written ({exc.strerror or exc}); nothing changed", "io.write"
                )
            )
        diags.extend(checked.result()[0])


def _write_site(files, out_dir: Path, request: Request, previous, checked) -> tuple[list[Diagnostic], object]:
    """Write the site into a new folder beside `out_dir`, index it, and swap it in. Files
    the previous build made (files.reused) are hard-linked from it, not rewritten; so is a
    Pagefind bundle whose pages are all unchanged, and every file of an unchanged group of
    data files (files.linked). The check's facts (`checked`, a future) are asked for only
    once the site is written. Returns the diagnostics and the new build state."""
    from toolkit.io import pagefind
    from toolkit.io.buildstate import BuildState
    from toolkit.io.folder import write_folder
    from toolkit.io.fs import stat_of

    diags: list[Diagnostic] = []
    state = BuildState(out_dir)
    written: dict[str, list[int]] = {}
    grouped = {path for _key, paths in files.groups.values() for path in paths}

    def kept_stat(rel: str) -> list | None:
        """A file reused from the last build is the same file (a hard link, or the spare's
        own link to it): its recorded stat still holds (it was checked before reuse)."""
        entry = previous.files.get(rel) if rel in files.reused else None
        return entry.get("stat") if isinstance(entry, dict) else None

    bundles = pagefind.bundles(files, previous) if request.search else {}

    def index_and_record(folder: Path) -> None:
        if request.search:
            diags.extend(pagefind.index_bundles(bundles, folder, out_dir, state, request.jobs))
        facts = checked.result()[1]
        for rel in files:
            if rel in grouped:
                continue
            record = files.records.get(rel)
            page_facts = facts.get(rel)
            state.files[rel] = {
                "record": record.to_json() if record is not None else None,
                "facts": page_facts.compact() if page_facts is not None else None,
                "stat": written.get(rel) or kept_stat(rel) or stat_of(os.path.join(folder, rel)),
            }
        for name, (key, paths) in files.groups.items():
            kept = previous.group_stats(name) if paths and paths[0] in files.linked else {}
            state.groups[name] = {"key": key, "files": {p: kept.get(p) or written.get(p) for p in paths}}

    write_folder(
        files,
        out_dir,
        reused=files.reused,
        previous_dir=previous.out_dir if previous.files or previous.groups else None,
        before_swap=index_and_record,
        linked=[*files.linked, *(rel for *_, kept in bundles.values() if kept for rel in kept)],
        stats=written,
        inodes=previous.inodes() if request.cache_dir is not None else None,
    )
    return diags, state


# ---------------------------------------------------------------- the PDF edition


def _pdf(request: Request, corpus, edition, settings, target: Path, diags: list[Diagnostic], echo) -> int:
    """The PDF edition made from `corpus` (None: the reading failed) and written to
    `target`; its summary line."""
    from toolkit.io import fs
    from toolkit.io.folder import write_folder
    from toolkit.render.pdf import PdfFiles

    started = time.perf_counter()
    diags = list(diags)
    files = PdfFiles()
    if corpus is not None and settings is not None:
        files = _render_book(request, corpus, edition, settings)
        diags.extend(files.diagnostics)
    if not _failed(diags) and files:
        try:
            write_folder(files, target)
        except OSError as exc:
            diags.append(
                error(
                    fs.rel(target),
                    0,
                    0,
                    f"the PDF edition could not be written ({exc.strerror or exc}); nothing changed",
                    "io.write",
                )
            )
    emit(diags, echo)
    errors = [d for d in diags if d.severity == "error"]
    if errors or not files:
        echo(f"PDF edition not built: {len(errors)} error(s); {fs.rel(target)} left as it was")
        return 1
    warnings = len({str(d) for d in diags if d.severity == "warning"})
    echo(
        f"PDF edition built: {edition.name}.pdf ({files.pages} pages) and {len(files) - 1} document PDF(s) in "
        f"{fs.rel(target)} ({time.perf_counter() - started:.2f} s, {warnings} warning(s))"
    )
    return 0


def _render_book(request: Request, corpus, edition, settings):
    """build_pdf with the creation date fixed for the run; a renderer failure is a
    diagnostic, never a traceback."""
    from toolkit.render.pdf import PdfFiles, build_pdf, source_epoch

    epoch = source_epoch(corpus, os.environ.get("SOURCE_DATE_EPOCH"))
    try:
        with _source_date_epoch(epoch):
            return build_pdf(
                corpus,
                edition,
                settings,
                epoch=epoch,
                jobs=request.jobs,
                bleed=request.bleed,
                pdfa=request.pdfa,
                progress=request.progress,
            )
    except Exception as exc:
        message = f"the PDF could not be rendered ({type(exc).__name__}: {exc})"
        return PdfFiles({}, [error(corpus.shown, 0, 0, message, "pdf.render-failed")])


@contextlib.contextmanager
def _source_date_epoch(epoch: int):
    """SOURCE_DATE_EPOCH set for the run: fontTools reads it when it subsets the fonts."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
