"""Building the PDF edition (pure): `build_pdf`, a corpus in, {file name: bytes} out.
Writing it is the build command's job (commands/build.py).

Gather, then write: the corpus and its one `Index` are read first. Then

1. every document is rendered as its own part (in parallel with `jobs` > 1, in the
   processes of workers.py), each laid out once: its first page number is settled between
   pagination and the drawing of its running heads (render.py, pages.py); each part
   reports where every anchor landed;
2. the indexes are built from those real page numbers (merged, sorted, ranged) and
   rendered after the last document: nothing before them moves; then the plates (the
   map, the timeline, the network: plates.py), last, after the indexes: they picture the
   indexes and link into them, and placed last they move no page number a reader may
   already cite (documents and indexes number as they did before there were plates);
3. the front matter (half-title, title, preface, contents with the page numbers now
   known) is rendered last and numbered in roman numerals, so its length changes no
   document's page number;
4. the parts are put together (assemble.py): blank versos, links across parts, the
   outline, page labels, metadata, the TEI attached; each document's own PDF is the
   same pages with the book's page numbers (an offprint).

Reproducible: the creation date is the `epoch` the caller passes (`source_epoch`:
SOURCE_DATE_EPOCH, or if unset the date of the latest document of the edition); the
build command also sets SOURCE_DATE_EPOCH to it for the run, because font subsetting
with fontTools writes timestamps otherwise.
"""

from __future__ import annotations

import dataclasses
import re
import time
from datetime import UTC, datetime

from toolkit import parallel
from toolkit.model.corpus import Corpus
from toolkit.model.diagnostics import Diagnostic, error, warning
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index, build_index
from toolkit.render.fonts import font_files
from toolkit.render.pdf.config import PageSettings, length_mm
from toolkit.render.pdf.pages import LocalLedger, SharedLedger
from toolkit.render.pdf.parts import (
    INDEX_ANCHORS,
    INDEX_KINDS,
    INDEX_TITLES,
    LEGEND_ANCHOR,
    TocRow,
    blank_part,
    doc_anchor,
    document_part,
    front_part,
    index_parts,
    occurrence_anchors,
)
from toolkit.render.pdf.plates import PLATES_ANCHOR, PLATES_TITLE, Plates, plates_part
from toolkit.render.pdf.reading import BookLinks
from toolkit.render.pdf.workers import Job, init, release, render_fixed, render_part
from toolkit.render.wording import cut, describe_date

# measured (2 cores): a document part takes about a second to lay out, and forking costs
# about 0.3 s, so a book of two or more documents renders on every core (the parts'
# layout, the offprints and the checks overlap); a one-document book in one process
COST = parallel.Cost(per_item=1.0, start=0.3)


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


# ---------------------------------------------------------------- the core


def source_epoch(corpus: Corpus, environment: str | None = None) -> int:
    """`environment` (the value of SOURCE_DATE_EPOCH) if it is a number, else midnight
    UTC of the latest document date."""
    value = (environment or "").strip()
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


def _outline_title(doc) -> str:
    date = doc.meta.date
    when = describe_date(date.attrs) if date and date.attrs else ""
    return f"{when} — {cut(doc.meta.title, 90)}" if when else cut(doc.meta.title, 100)


@dataclasses.dataclass
class _Book:
    """What the parts of a book build share while it is made."""

    corpus: Corpus
    index: Index
    edition: EditionConfig
    settings: PageSettings
    job: Job
    bleed: str | None
    diags: list[Diagnostic]
    timings: dict[str, float] = dataclasses.field(default_factory=dict)
    mentions: dict[str, dict] = dataclasses.field(default_factory=dict)
    listing: dict[str, list[int]] = dataclasses.field(default_factory=dict)  # index key → page numbers printed
    blank: bytes | None = None  # the blank verso's page, with bleed
    signs: set = dataclasses.field(default_factory=set)  # the editorial signs the documents use: the legend
    images: int = 0  # the images the documents print
    plates: Plates | None = None  # the plates part's HTML and items (None: nothing to picture)

    @property
    def docs(self) -> list:
        return self.corpus.documents


def build_pdf(
    corpus: Corpus,
    edition: EditionConfig,
    settings: PageSettings | None = None,
    *,
    epoch: int,
    jobs: int = 1,
    bleed: str | None = None,
    pdfa: bool = False,
    progress: bool = False,
) -> PdfFiles:
    """The book and one PDF per document for the corpus; `epoch` (source_epoch) is the
    creation date written into every PDF."""
    from toolkit.render.pdf.render import check_weasyprint
    from toolkit.render.pdf.style import stylesheet

    started = time.perf_counter()
    settings = settings or PageSettings()
    shown = corpus.shown
    if not corpus.documents:
        return PdfFiles(
            {}, [error(shown, 0, 0, "no documents to print; the PDF edition needs at least one", "pdf.empty")]
        )
    diags: list[Diagnostic] = []
    problem = check_weasyprint()
    if problem:
        diags.append(warning(shown, 0, 0, problem, "pdf.weasyprint-version"))
    index = build_index(corpus)
    diags.extend(index.diagnostics)
    bleed = bleed if bleed is not None else settings.bleed
    if bleed is not None and (length_mm(bleed) is None or length_mm(bleed) > 25):
        return PdfFiles({}, diags + [error(shown, 0, 0, f'bleed "{bleed}" is not a length such as "3mm"', "pdf.bleed")])
    options = {"pdf_variant": "pdf/a-3b"} if pdfa else {}
    job = Job(stylesheet(settings, bleed), options, edition.title, tuple(edition.editors), epoch, pdfa, corpus.media)
    book = _Book(corpus, index, edition, settings, job, bleed, diags)
    parts, rows, results = render_parts(book, jobs, progress)
    t3 = time.perf_counter()
    pdf, attachments = _assemble_book(book, parts)
    book.timings["assemble"] = time.perf_counter() - t3
    from toolkit.render.pdf.check import check_pdf

    t4 = time.perf_counter()
    for problem in check_pdf(pdf, {a.name for a in attachments}, book.images):
        diags.append(warning(shown, 0, 0, f"{edition.name}.pdf: {problem}", "pdf.check"))
    book.timings["check"] = time.perf_counter() - t4
    files = {f"{edition.name}.pdf": pdf}
    for (_k, _rendered, offprint), doc in zip(results, book.docs):
        files[f"{_safe(doc.docid)}.pdf"] = offprint
    book.timings["total"] = time.perf_counter() - started
    out = PdfFiles(files, diags, _page_count(pdf), book.timings)
    out.index_pages = book.listing
    out.contents = [(row.title, row.page) for row in rows]
    return out


def render_parts(book: _Book, jobs: int, progress: bool):
    """Every part laid out, in `jobs` processes when the book is worth it: the documents
    (each first page from the ledger), the indexes with the pages now known and the plates
    after them, then the front matter. Returns the parts in book order, the contents rows
    and the document results."""
    from toolkit.render.pdf.assemble import Part

    n = len(book.docs)
    workers = parallel.workers_for(n, jobs, COST)
    slots = n + len(INDEX_KINDS) + 1  # the documents, the indexes, the plates
    ledger = SharedLedger(parallel.context(), slots) if workers > 1 else LocalLedger(slots)
    try:
        with parallel.Workers(workers, init, (book.job, ledger)) as pool:
            t0 = time.perf_counter()
            results = _render_documents(book, pool, progress)
            book.timings["documents"] = time.perf_counter() - t0
            where = _anchor_pages(book, results)
            t1 = time.perf_counter()
            indexes, plates = _render_indexes(book, pool, where)
            book.timings["indexes"] = time.perf_counter() - t1
            rows = _contents_rows(book, results, indexes, plates)
            t2 = time.perf_counter()
            front, blank = _render_front(book, pool, rows)
            book.timings["front"] = time.perf_counter() - t2
    finally:
        release()
    book.blank = blank
    parts = [Part(front.pdf, front.anchors)]
    parts += [Part(r.pdf, r.anchors) for _, r, _ in results]
    parts += [Part(r.pdf, r.anchors) for r in indexes + ([plates] if plates else [])]
    return parts, rows, results


def _render_documents(book: _Book, pool: parallel.Workers, progress: bool) -> list:
    """Each document as a part of its own, with its offprint: [(k, rendered, offprint)]."""
    links = BookLinks(book.corpus, book.index)
    futures = []
    for k, doc in enumerate(book.docs):
        part = document_part(doc, book.corpus, book.index, links, book.edition, book.settings)
        spec = {
            "title": doc.meta.title,
            "outline": _outline_title(doc),
            "anchor": doc_anchor(doc),
            "tei_name": f"{doc.stem}.xml",
            "tei": doc.data,
        }
        book.mentions[doc.docid] = part.mentions
        book.signs |= part.signs
        book.images += part.images
        book.diags.extend(part.diagnostics)
        futures.append(pool.submit(render_part, k, part.html, spec))
    t0 = time.perf_counter()  # the plates are drawn here, while the workers lay out the documents
    book.plates = plates_part(book.corpus, book.index, book.edition, book.settings)
    book.timings["plates"] = time.perf_counter() - t0
    shown = parallel.progress_of("PDF documents", len(futures), progress)
    results = []
    try:
        for f in futures:
            results.append(f.result())
            shown.advance()
    finally:
        shown.close()
    return results


def _anchor_pages(book: _Book, results: list) -> dict[str, tuple[int, str]]:
    """Where every anchor of the documents is (book page number, docid); the renderer's
    messages as warnings."""
    where: dict[str, tuple[int, str]] = {}
    subset_warning = False
    for (_k, rendered, _), doc in zip(results, book.docs):
        for name, (page, _x, _y) in rendered.anchors.items():
            where.setdefault(name, (rendered.first_page + page, doc.docid))
        for message in sorted(set(rendered.messages)):
            if message.startswith("Using fontTools instead of HarfBuzz-Subset"):
                subset_warning = True
                continue
            book.diags.append(warning(doc.shown, 0, 0, f"renderer: {message[:200]}", "pdf.render"))
    if subset_warning:
        book.diags.append(
            warning(
                book.corpus.shown,
                0,
                0,
                "fonts are subset with fontTools, slower than HarfBuzz: install the "
                "system library libharfbuzz-subset0 (Debian) for faster builds",
                "pdf.harfbuzz-subset",
            )
        )
    return where


def _render_indexes(book: _Book, pool: parallel.Workers, where: dict[str, tuple[int, str]]) -> tuple[list, object]:
    """The indexes, with the page numbers of every occurrence now known, and after them the
    plates (laid out beside the indexes, numbered once they are): (indexes, plates or None)."""

    def pages_of(occs, key) -> dict[int, str]:
        pages: dict[int, str] = {}
        for occ in occs:
            for anchor in occurrence_anchors(occ, key, book.mentions):
                if anchor in where:
                    pages.setdefault(where[anchor][0], anchor)
        book.listing[key] = sorted(pages)
        return pages

    htmls = index_parts(book.corpus, book.index, book.edition, book.settings, pages_of)
    n = len(book.docs)
    futures = [pool.submit(render_part, n + i, htmls[kind], None) for i, kind in enumerate(INDEX_KINDS)]
    plates = pool.submit(render_part, n + len(INDEX_KINDS), book.plates.html, None) if book.plates else None
    return [f.result()[1] for f in futures], plates.result()[1] if plates else None


def _contents_rows(book: _Book, results: list, indexes: list, plates) -> list[TocRow]:
    rows = []
    for k, (doc, (_, rendered, _o)) in enumerate(zip(book.docs, results)):
        date = doc.meta.date
        rows.append(
            TocRow(
                cut(doc.meta.title, 200),
                describe_date(date.attrs) if date and date.attrs else None,
                doc_anchor(doc),
                str(rendered.first_page),
                "Документы" if k == 0 else None,
            )
        )
    for k, (kind, rendered) in enumerate(zip(INDEX_KINDS, indexes)):
        rows.append(
            TocRow(
                INDEX_TITLES[kind], None, INDEX_ANCHORS[kind], str(rendered.first_page), "Указатели" if k == 0 else None
            )
        )
    for k, (anchor, title) in enumerate(book.plates.items if plates else []):
        page = plates.first_page + plates.anchors[anchor][0]
        rows.append(TocRow(title, None, anchor, str(page), PLATES_TITLE if k == 0 else None))
    return rows


def _render_front(book: _Book, pool: parallel.Workers, rows: list[TocRow]):
    """The front matter (numbered i, ii, … so its length moves nothing) and, with bleed,
    the blank verso: a WeasyPrint page of its own, so it gets crop marks like the rest."""
    date_line = book.settings.date or datetime.fromtimestamp(book.job.epoch, UTC).strftime("%Y")
    html = front_part(book.edition, book.settings, date_line, rows, frozenset(book.signs))
    front = pool.submit(render_fixed, html, 1).result()
    blank = pool.submit(render_fixed, blank_part(), 1).result().pdf if book.bleed else None
    return front, blank


def _assemble_book(book: _Book, parts: list) -> tuple[bytes, list]:
    """The book: parts, blank versos, outline, page labels, metadata, the TEI attached."""
    from toolkit.render.pdf.assemble import Attachment, Meta, OutlineItem, assemble

    docs, edition = book.docs, book.edition
    outline = [OutlineItem("Титул", "front-title")]
    if edition.paragraphs:
        outline.append(OutlineItem("От редакции", "front-preface"))
    if book.signs:
        outline.append(OutlineItem("Условные обозначения", LEGEND_ANCHOR))
    outline.append(OutlineItem("Содержание", "front-toc"))
    outline.append(
        OutlineItem("Документы", doc_anchor(docs[0]), [OutlineItem(_outline_title(d), doc_anchor(d)) for d in docs])
    )
    outline.append(
        OutlineItem(
            "Указатели", INDEX_ANCHORS["person"], [OutlineItem(INDEX_TITLES[k], INDEX_ANCHORS[k]) for k in INDEX_KINDS]
        )
    )
    if book.plates:
        outline.append(OutlineItem(PLATES_TITLE, PLATES_ANCHOR, [OutlineItem(t, a) for a, t in book.plates.items]))
    attachments = [Attachment(f"{d.stem}.xml", d.data, f"TEI P5: {cut(d.meta.title, 120)}") for d in docs]
    attachments += [
        Attachment(f"registers-{name}", data, "TEI P5: указатель (регистр) издания")
        for name, data in sorted(book.corpus.register_files.items())
    ]
    meta = Meta(
        edition.title,
        tuple(edition.editors),
        f"Документы: {len(docs)}; указатели лиц, мест, организаций; хронологический указатель"
        + ("; иллюстрации" if book.plates else ""),
        book.job.epoch,
    )
    pdf = assemble(
        parts,
        meta=meta,
        outline=outline,
        labels=[(0, "/r", 1), (1, "/D", 1)],
        attachments=attachments,
        pdfa=book.job.pdfa,
        fonts=font_files(),
        blank=book.blank,
    )
    return pdf, attachments


def _page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


_SAFE = re.compile(r"[^A-Za-z0-9._-]")


def _safe(name: str) -> str:
    return _SAFE.sub("_", name)
