"""Rendering parts of the book with WeasyPrint, each part laid out exactly once.

A part (the front matter, one document, the indexes) is one WeasyPrint render. Its page
numbers depend on where it starts in the book, and that depends on how many pages the
parts before it have: known only once they are laid out. WeasyPrint paginates the whole
part first and draws the margin boxes (running heads, page numbers) afterwards
(weasyprint.layout.layout_document), so the renderer hooks in between: when a part's
pages are made, `offset(n_pages)` is asked for its first page number, which may wait for
the parts before it (in other processes) to report their page counts. So parts render in
parallel and none is laid out twice.

The hook wraps two functions of weasyprint.layout (pinned WeasyPrint version, see
`check_weasyprint`), only while a part of ours is being rendered.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
from collections.abc import Callable

import weasyprint
import weasyprint.layout as wl
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from toolkit.render.fonts import font_dir
from toolkit.render.pdf.fetch import AssetFetcher

SUPPORTED_WEASYPRINT = ("70.",)
PX_TO_PT = 0.75

_original_make_all_pages = wl.make_all_pages
_original_make_margin_boxes = wl.make_margin_boxes
_local = threading.local()


@dataclasses.dataclass
class _Paging:
    offset_for: Callable[[int], int]  # page count → number of the first page minus one
    count: int | None = None
    offset: int | None = None


def _make_all_pages(context, root_box, html, pages):
    made = list(_original_make_all_pages(context, root_box, html, pages))
    paging = getattr(_local, "paging", None)
    if paging is not None:
        paging.count = len(made)
    return made


def _make_margin_boxes(context, page, state):
    paging = getattr(_local, "paging", None)
    if paging is not None:
        if paging.offset is None:
            paging.offset = int(paging.offset_for(paging.count or 0))
        if paging.offset:
            counters = dict(state[1])
            counters["page"] = [v + paging.offset for v in counters.get("page", [0])]
            state = (state[0], counters, *state[2:])
    return _original_make_margin_boxes(context, page, state)


wl.make_all_pages = _make_all_pages
wl.make_margin_boxes = _make_margin_boxes


def check_weasyprint() -> str | None:
    if not weasyprint.__version__.startswith(SUPPORTED_WEASYPRINT):
        return (
            f"WeasyPrint {weasyprint.__version__} is not the version the PDF renderer was written for "
            f"({SUPPORTED_WEASYPRINT[0]}x); page numbers may be wrong"
        )
    return None


@contextlib.contextmanager
def _paging(offset_for):
    _local.paging = _Paging(offset_for)
    try:
        yield _local.paging
    finally:
        _local.paging = None


def _drop_named_destinations(document, pdf) -> None:
    """Every id of the part is a named destination in WeasyPrint's PDF; the book links to
    pages itself (assemble.py), and reading thousands of names back is most of the cost
    of putting the parts together."""
    names = pdf.catalog.get("Names")
    if names is not None and "Dests" in names:
        del names["Dests"]
        if not names:
            del pdf.catalog["Names"]


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@dataclasses.dataclass
class Rendered:
    pdf: bytes
    pages: int
    first_page: int  # the number printed on its first page
    anchors: dict[str, tuple[int, float, float]]  # anchor → (page index in the part, x pt, y pt from top)
    messages: list[str]
    refused: list[str]


class Renderer:
    """One per process: the stylesheet is parsed and the fonts loaded once."""

    def __init__(self, css_text: str, pdf_options: dict, media: dict[str, bytes] | None = None):
        self.fetcher = AssetFetcher([font_dir()], media)
        self.font_config = FontConfiguration()
        self.css = CSS(string=css_text, font_config=self.font_config, url_fetcher=self.fetcher)
        self.pdf_options = dict(pdf_options)

    def render(self, html: str, offset_for: Callable[[int], int]) -> Rendered:
        handler = _Collect()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(handler)
        self.fetcher.refused = []
        try:
            source = HTML(string=html, base_url="about:blank", url_fetcher=self.fetcher)
            with _paging(offset_for) as paging:
                document = source.render(font_config=self.font_config, stylesheets=[self.css], **self.pdf_options)
            # content cannot add attachments: only the assembly attaches files
            document.metadata.attachments = []
            for page in document.pages:
                page.links[:] = [link for link in page.links if link[0] in ("external", "internal")]
            anchors: dict[str, tuple[int, float, float]] = {}
            for k, page in enumerate(document.pages):
                for name, (x1, y1, *_rest) in page.anchors.items():
                    anchors.setdefault(name, (k, x1 * PX_TO_PT, y1 * PX_TO_PT))
            pdf = document.write_pdf(finisher=_drop_named_destinations, **self.pdf_options)
        finally:
            logger.removeHandler(handler)
        offset = paging.offset if paging.offset is not None else 0
        return Rendered(pdf, len(document.pages), offset + 1, anchors, handler.messages, list(self.fetcher.refused))
