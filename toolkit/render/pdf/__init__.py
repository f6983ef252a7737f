"""The PDF edition: the book (`<name>.pdf`) and one PDF per document (issue 5).

The PDF is the HTML reading text (html/transform.py) with a print stylesheet, rendered
by WeasyPrint; the indexes give real page numbers, read from the laid-out pages.

    build_pdf(corpus_dir, edition, settings, jobs=, bleed=, pdfa=) -> {file name: bytes}
    run_build_pdf(tei_dir, edition_toml, out_dir, echo, jobs=, bleed=, pdfa=) -> int
"""

from __future__ import annotations

from toolkit.render.pdf.build import PdfFiles, build_pdf, default_output, run_build_pdf

__all__ = ["PdfFiles", "build_pdf", "default_output", "run_build_pdf"]
