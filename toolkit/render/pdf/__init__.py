"""The PDF edition: the book (`<name>.pdf`) and one PDF per document.

The PDF is the HTML reading text (render/transform.py) with a print stylesheet, rendered
by WeasyPrint; the indexes give real page numbers, read from the laid-out pages.

    build_pdf(corpus, edition, settings, epoch=, jobs=, bleed=, pdfa=) -> PdfFiles ({file name: bytes})

Writing it is the build command's (commands/build.py).
"""

from __future__ import annotations

from toolkit.render.pdf.build import PdfFiles, build_pdf, source_epoch

__all__ = ["PdfFiles", "build_pdf", "source_epoch"]
