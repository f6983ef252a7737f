"""What runs in the PDF build's worker processes (build.py starts them with `init`): each
keeps one WeasyPrint renderer, lays out the parts it is given (`render_part`, whose first
page number comes from the shared ledger, pages.py; `render_fixed` for the front matter),
and makes a document's offprint right after its part, where the part's bytes already are.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Job:
    """What every worker needs to render parts and offprints: the same for the whole book."""

    css: str
    options: dict
    edition_title: str
    editors: tuple[str, ...]
    epoch: int
    pdfa: bool
    media: dict = dataclasses.field(default_factory=dict, hash=False)  # project path → image (model.media)


_worker: dict = {}


def init(job: Job, ledger) -> None:
    from toolkit.render.pdf.render import Renderer

    _worker.clear()
    _worker.update(job=job, ledger=ledger, renderer=Renderer(job.css, job.options, job.media))


def release() -> None:
    """Drop this process's renderer. A serial build calls it when the book is done: the
    renderer (and its FontConfiguration) goes now, not at interpreter exit, where
    WeasyPrint's finaliser meets a half-torn-down module and prints a traceback."""
    _worker.clear()


def render_part(k: int, html: str, offprint: dict | None):
    """Part k of the body (a document, then the indexes): its first page comes from the
    ledger once the parts before it are laid out."""
    ledger = _worker["ledger"]
    try:
        rendered = _worker["renderer"].render(html, lambda n: ledger.offset(k, n))
    finally:
        ledger.fail(k)  # never leave the parts after this one waiting
    return k, rendered, _offprint(_worker["job"], rendered, offprint) if offprint else None


def render_fixed(html: str, first_page: int):
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
