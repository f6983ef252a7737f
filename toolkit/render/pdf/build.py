"""Building the PDF edition: the pure core (`build_pdf`: corpus in, {file name: bytes}
out) and the thin edge that writes it (`run_build_pdf`).

Gather, then write: the corpus and its one `Index` are read first. Then

1. every document is rendered as its own part (in parallel with `jobs` > 1), each laid
   out once: its first page number is settled between pagination and the drawing of its
   running heads (render.py, pages.py); each part reports where every anchor landed;
2. the indexes are built from those real page numbers (merged, sorted, ranged) and
   rendered after the last document: nothing before them moves;
3. the front matter (half-title, title, preface, contents with the page numbers now
   known) is rendered last and numbered in roman numerals, so its length changes no
   document's page number;
4. the parts are put together (assemble.py): blank versos, links across parts, the
   outline, page labels, metadata, the TEI attached; each document's own PDF is the
   same pages with the book's page numbers (an offprint).

Reproducible: the creation date is SOURCE_DATE_EPOCH, or if unset the date of the latest
document of the edition, and the variable is set for the run (font subsetting with
fontTools writes timestamps otherwise).
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from toolkit.model.corpus import Corpus, load_corpus
from toolkit.model.diagnostics import Diagnostic, emit, error, warning
from toolkit.model.edition import EditionConfig, load_edition
from toolkit.model.index import build_index
from toolkit.model.tei import XML_ID
from toolkit.render.pdf.config import PageSettings, length_mm, load_page_settings
from toolkit.render.pdf.fonts import font_files
from toolkit.render.pdf.pages import LocalLedger, SharedLedger
from toolkit.render.pdf.parts import (
    INDEX_ANCHORS,
    INDEX_KINDS,
    INDEX_TITLES,
    TocRow,
    blank_part,
    doc_anchor,
    document_part,
    front_part,
    index_parts,
    occurrence_anchors,
    short,
)
from toolkit.render.pdf.reading import BookLinks
from toolkit.render.wording import describe_date

SMALL = 1  # a one-document book renders in one process; any larger one uses every core
# (measured: with fork, 2 processes are faster from 2 documents on: the parts' layout,
# the offprints and the checks overlap)


class PdfFiles(dict):
    """{file name: bytes}: `<name>.pdf` and `<docid>.pdf` per document, with diagnostics."""

    def __init__(self, files=None, diagnostics=None, pages: int = 0, timings: dict | None = None):
        super().__init__(files or {})
        self.diagnostics: list[Diagnostic] = list(diagnostics or [])
        self.pages = pages
        self.timings = dict(timings or {})
        self.index_pages: dict[str, list[int]] = {}  # what the indexes print: key → page numbers
        self.contents: list[tuple[str, str]] = []  # what the contents print: (title, page)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


@dataclasses.dataclass(frozen=True)
class Job:
    css: str
    options: dict
    edition_title: str
    editors: tuple[str, ...]
    epoch: int
    pdfa: bool


# ---------------------------------------------------------------- workers

_worker: dict = {}


def _init(job: Job, ledger) -> None:
    from toolkit.render.pdf.render import Renderer

    _worker.clear()
    _worker.update(job=job, ledger=ledger, renderer=Renderer(job.css, job.options))


def _render_part(k: int, html: str, offprint: dict | None):
    """Part k of the body (a document, then the indexes): its first page comes from the
    ledger once the parts before it are laid out."""
    ledger = _worker["ledger"]
    try:
        rendered = _worker["renderer"].render(html, lambda n: ledger.offset(k, n))
    finally:
        ledger.fail(k)  # never leave the parts after this one waiting
    return k, rendered, _offprint(_worker["job"], rendered, offprint) if offprint else None


def _render_fixed(html: str, first_page: int):
    """A part whose first page number is known (the front matter: i, ii, …)."""
    return _worker["renderer"].render(html, lambda n: first_page - 1)


def _offprint(job: Job, rendered, spec: dict) -> bytes:
    from toolkit.render.pdf.assemble import Attachment, Meta, OutlineItem, Part, assemble

    meta = Meta(
        spec["title"],
        job.editors,
        f"{job.edition_title}, с. {rendered.first_page}–{rendered.first_page + rendered.pages - 1}",
        job.epoch,
    )
    return assemble(
        [Part(rendered.pdf, rendered.anchors, right_start=False)],
        meta=meta,
        outline=[OutlineItem(spec["outline"], spec["anchor"])],
        labels=[(0, "/D", rendered.first_page)],
        attachments=[Attachment(spec["tei_name"], spec["tei"], "TEI P5: главный экземпляр текста")],
        pdfa=job.pdfa,
    )


# ---------------------------------------------------------------- the core


def source_epoch(corpus: Corpus) -> int:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the latest document date."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    latest = max((d.meta.sort_value for d in corpus.documents if d.meta.sort_value), default="")
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", latest)
    if not m:
        return 946684800  # 2000-01-01
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return int(datetime(y, mo, d, tzinfo=UTC).timestamp())
    except ValueError:
        return int(datetime(y, 1, 1, tzinfo=UTC).timestamp())


@contextlib.contextmanager
def _environment(epoch: int):
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _outline_title(doc) -> str:
    date = doc.meta.date
    when = describe_date(date.attrs) if date and date.attrs else ""
    return f"{when} — {short(doc.meta.title, 90)}" if when else short(doc.meta.title, 100)


def build_pdf(
    corpus_dir: Path,
    edition: EditionConfig,
    settings: PageSettings | None = None,
    *,
    jobs: int | None = None,
    bleed: str | None = None,
    pdfa: bool = False,
) -> PdfFiles:
    """The book and one PDF per document for the edition's documents in `corpus_dir`."""
    from toolkit.io.fs import rel
    from toolkit.render.pdf.assemble import Attachment, Meta, OutlineItem, Part, assemble
    from toolkit.render.pdf.render import check_weasyprint
    from toolkit.render.pdf.style import stylesheet

    started = time.perf_counter()
    settings = settings or PageSettings()
    shown = rel(Path(corpus_dir))
    corpus, diags = load_corpus(Path(corpus_dir), edition.documents)
    if corpus is None or any(d.severity == "error" for d in diags):
        return PdfFiles({}, diags)
    if not corpus.documents:
        return PdfFiles(
            {}, diags + [error(shown, 0, 0, "no documents to print; the PDF edition needs at least one", "pdf.empty")]
        )
    problem = check_weasyprint()
    if problem:
        diags.append(warning(shown, 0, 0, problem, "pdf.weasyprint-version"))
    index = build_index(corpus)
    diags.extend(index.diagnostics)
    bleed = bleed if bleed is not None else settings.bleed
    if bleed is not None and (length_mm(bleed) is None or length_mm(bleed) > 25):
        return PdfFiles({}, diags + [error(shown, 0, 0, f'bleed "{bleed}" is not a length such as "3mm"', "pdf.bleed")])
    epoch = source_epoch(corpus)
    options = {"pdf_variant": "pdf/a-3b"} if pdfa else {}
    job = Job(stylesheet(settings, bleed), options, edition.title, tuple(edition.editors), epoch, pdfa)
    id_owner = {
        el.get(XML_ID): d.docid
        for d in corpus.documents
        for el in d.tree.iter()
        if isinstance(el.tag, str) and el.get(XML_ID)
    }
    links = BookLinks(corpus, index, id_owner)
    docs = corpus.documents
    n = len(docs)
    if jobs is None:
        jobs = 1 if n <= SMALL else max(1, os.cpu_count() or 1)
    jobs = max(1, min(int(jobs), n))
    timings: dict[str, float] = {}

    def prepared():
        for k, doc in enumerate(docs):
            part = document_part(doc, corpus, index, links, edition, settings)
            spec = {
                "title": doc.meta.title,
                "outline": _outline_title(doc),
                "anchor": doc_anchor(doc),
                "tei_name": f"{doc.stem}.xml",
                "tei": doc.data,
            }
            yield k, doc, part, spec

    mentions: dict[str, dict] = {}
    listing: dict[str, list[int]] = {}  # index key (register ref, chronology key) → page numbers printed
    results: list = [None] * n
    with _environment(epoch):
        t0 = time.perf_counter()
        if jobs == 1:
            ledger = LocalLedger(n + len(INDEX_KINDS))
            _init(job, ledger)
            for k, doc, part, spec in prepared():
                mentions[doc.docid] = part.mentions
                diags.extend(part.diagnostics)
                results[k] = _render_part(k, part.html, spec)
            pool = None
        else:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            ledger = SharedLedger(ctx, n + len(INDEX_KINDS))
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(job, ledger))
            try:
                futures = []
                for k, doc, part, spec in prepared():
                    mentions[doc.docid] = part.mentions
                    diags.extend(part.diagnostics)
                    futures.append(pool.submit(_render_part, k, part.html, spec))
                for f in futures:
                    k, rendered, offprint = f.result()
                    results[k] = (k, rendered, offprint)
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
        timings["documents"] = time.perf_counter() - t0
        try:
            # where every anchor of the documents is: book page number and position
            where: dict[str, tuple[int, str]] = {}
            subset_warning = False
            for (_k, rendered, _), doc in zip(results, docs):
                for name, (page, _x, _y) in rendered.anchors.items():
                    where.setdefault(name, (rendered.first_page + page, doc.docid))
                for message in sorted(set(rendered.messages)):
                    if message.startswith("Using fontTools instead of HarfBuzz-Subset"):
                        subset_warning = True
                        continue
                    diags.append(warning(doc.shown, 0, 0, f"renderer: {message[:200]}", "pdf.render"))

            def pages_of(occs, key) -> dict[int, str]:
                pages: dict[int, str] = {}
                for occ in occs:
                    for anchor in occurrence_anchors(occ, key, mentions):
                        if anchor in where:
                            pages.setdefault(where[anchor][0], anchor)
                listing[key] = sorted(pages)
                return pages

            if subset_warning:
                diags.append(
                    warning(
                        shown,
                        0,
                        0,
                        "fonts are subset with fontTools, slower than HarfBuzz: install the "
                        "system library libharfbuzz-subset0 (Debian) for faster builds",
                        "pdf.harfbuzz-subset",
                    )
                )
            t1 = time.perf_counter()
            htmls = index_parts(corpus, index, edition, settings, pages_of)
            if pool is None:
                indexes = [_render_part(n + i, htmls[kind], None)[1] for i, kind in enumerate(INDEX_KINDS)]
            else:
                jobs_ = [pool.submit(_render_part, n + i, htmls[kind], None) for i, kind in enumerate(INDEX_KINDS)]
                indexes = [f.result()[1] for f in jobs_]
            timings["indexes"] = time.perf_counter() - t1
            rows = []
            for k, (doc, (_, rendered, _o)) in enumerate(zip(docs, results)):
                date = doc.meta.date
                rows.append(
                    TocRow(
                        short(doc.meta.title, 200),
                        describe_date(date.attrs) if date and date.attrs else None,
                        doc_anchor(doc),
                        str(rendered.first_page),
                        "Документы" if k == 0 else None,
                    )
                )
            for k, (kind, rendered) in enumerate(zip(INDEX_KINDS, indexes)):
                rows.append(
                    TocRow(
                        INDEX_TITLES[kind],
                        None,
                        INDEX_ANCHORS[kind],
                        str(rendered.first_page),
                        "Указатели" if k == 0 else None,
                    )
                )
            date_line = settings.date or datetime.fromtimestamp(epoch, UTC).strftime("%Y")
            t2 = time.perf_counter()
            front_html = front_part(edition, settings, date_line, rows)
            front = pool.submit(_render_fixed, front_html, 1).result() if pool else _render_fixed(front_html, 1)
            blank = None
            if bleed:  # the blank versos get WeasyPrint's own crop marks: an empty page of the book
                blank = (
                    pool.submit(_render_fixed, blank_part(), 1).result() if pool else _render_fixed(blank_part(), 1)
                ).pdf
            timings["front"] = time.perf_counter() - t2
        finally:
            if pool is not None:
                pool.shutdown()
            # the serial renderer (and its FontConfiguration) goes now, not at interpreter exit,
            # where WeasyPrint's finaliser meets a half-torn-down module and prints a traceback
            _worker.clear()
        t3 = time.perf_counter()
        parts = [Part(front.pdf, front.anchors)]
        parts += [Part(r.pdf, r.anchors) for _, r, _ in results]
        parts += [Part(r.pdf, r.anchors) for r in indexes]
        outline = [OutlineItem("Титул", "front-title")]
        if edition.paragraphs:
            outline.append(OutlineItem("От редакции", "front-preface"))
        outline.append(OutlineItem("Содержание", "front-toc"))
        outline.append(
            OutlineItem("Документы", doc_anchor(docs[0]), [OutlineItem(_outline_title(d), doc_anchor(d)) for d in docs])
        )
        outline.append(
            OutlineItem(
                "Указатели",
                INDEX_ANCHORS["person"],
                [OutlineItem(INDEX_TITLES[k], INDEX_ANCHORS[k]) for k in INDEX_KINDS],
            )
        )
        attachments = [Attachment(f"{d.stem}.xml", d.data, f"TEI P5: {short(d.meta.title, 120)}") for d in docs]
        attachments += [
            Attachment(f"registers-{name}", data, "TEI P5: указатель (регистр) издания")
            for name, data in sorted(corpus.register_files.items())
        ]
        meta = Meta(
            edition.title,
            tuple(edition.editors),
            f"Документы: {n}; указатели лиц, мест, организаций; хронологический указатель",
            epoch,
        )
        book = assemble(
            parts,
            meta=meta,
            outline=outline,
            labels=[(0, "/r", 1), (1, "/D", 1)],
            attachments=attachments,
            pdfa=pdfa,
            fonts=font_files(),
            blank=blank,
        )
        timings["assemble"] = time.perf_counter() - t3
    from toolkit.render.pdf.check import check_pdf

    t4 = time.perf_counter()
    for problem in check_pdf(book, {a.name for a in attachments}):
        diags.append(warning(shown, 0, 0, f"{edition.name}.pdf: {problem}", "pdf.check"))
    timings["check"] = time.perf_counter() - t4
    files = {f"{edition.name}.pdf": book}
    for (_k, _rendered, offprint), doc in zip(results, docs):
        files[f"{_safe(doc.docid)}.pdf"] = offprint
    total = _page_count(book)
    timings["total"] = time.perf_counter() - started
    out = PdfFiles(files, diags, total, timings)
    out.index_pages = listing
    out.contents = [(row.title, row.page) for row in rows]
    return out


def _page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


_SAFE = re.compile(r"[^A-Za-z0-9._-]")


def _safe(name: str) -> str:
    return _SAFE.sub("_", name)


# ---------------------------------------------------------------- the edge


def default_output(edition_toml: Path) -> Path:
    """editions/<name>.toml → editions/<name>/pdf"""
    return Path(edition_toml).parent / Path(edition_toml).stem / "pdf"


def write_files(files: dict[str, bytes], out_dir: Path) -> None:
    """Write into a new folder beside `out_dir`, then swap it in: never half-written."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        os.chmod(tmp, 0o755)
        from toolkit.io.fs import swap_in

        swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def run_build_pdf(
    tei_dir: Path,
    edition_toml: Path,
    out_dir: Path | None = None,
    echo=print,
    *,
    jobs: int | None = None,
    bleed: str | None = None,
    pdfa: bool = False,
    check_schema: bool = True,
) -> int:
    """Build editions/<name>/pdf from the TEI in `tei_dir`: 0 if built, 1 on errors (then
    nothing is written and the previous PDFs stay). Diagnostics go to `echo`."""
    from toolkit.io.fs import rel
    from toolkit.render.html.build import schema_problems

    started = time.perf_counter()
    shown = rel(Path(edition_toml))
    edition, diags = load_edition(Path(edition_toml), shown)
    settings = None
    if edition is not None:
        settings, sdiags = load_page_settings(Path(edition_toml), shown)
        diags.extend(sdiags)
    files = PdfFiles()
    if edition is not None and settings is not None and check_schema:
        diags.extend(schema_problems(Path(tei_dir), edition))
    if edition is not None and settings is not None and not any(d.severity == "error" for d in diags):
        try:
            files = build_pdf(Path(tei_dir), edition, settings, jobs=jobs, bleed=bleed, pdfa=pdfa)
        except Exception as exc:  # a renderer failure is reported, never a traceback
            files = PdfFiles(
                {},
                [
                    error(
                        rel(Path(tei_dir)),
                        0,
                        0,
                        f"the PDF could not be rendered ({type(exc).__name__}: {exc})",
                        "pdf.render-failed",
                    )
                ],
            )
        diags.extend(files.diagnostics)
    target = Path(out_dir) if out_dir is not None else default_output(Path(edition_toml))
    if not any(d.severity == "error" for d in diags) and files:
        try:
            write_files(files, target)
        except OSError as exc:
            diags.append(
                error(
                    rel(target),
                    0,
                    0,
                    f"the PDF edition could not be written ({exc.strerror or exc}); nothing changed",
                    "io.write",
                )
            )
    emit(diags, echo)
    errors = [d for d in diags if d.severity == "error"]
    if errors or not files:
        echo(f"PDF edition not built: {len(errors)} error(s); {rel(target)} left as it was")
        return 1
    warnings = len({str(d) for d in diags if d.severity == "warning"})
    echo(
        f"PDF edition built: {edition.name}.pdf ({files.pages} pages) and {len(files) - 1} document PDF(s) in "
        f"{rel(target)} ({time.perf_counter() - started:.2f} s, {warnings} warning(s))"
    )
    return 0
