"""The PDF edition's peer in `make bench`: WeasyPrint alone, rendering the same HTML.

python benchmarks/weasyprint_alone.py capture TEI EDITION OUT.html
    builds the book once (one process) and writes the HTML of all its parts (front
    matter, documents, indexes) as one document, with the book's stylesheet inlined
python benchmarks/weasyprint_alone.py render IN.html OUT.pdf
    renders that document with plain WeasyPrint: no page-number ledger, no assembly,
    no offprints, no checks. The bench times this against `tei-edition build --pdf`.
python benchmarks/weasyprint_alone.py target-counter IN.html OUT.pdf
    what the book would cost without the toolkit's layout hooks (toolkit/render/pdf/
    render.py): the same document, but every page number of the contents and the indexes
    left to WeasyPrint's own CSS `target-counter(attr(href url), page)`, so the whole book
    is laid out as one document in one process and WeasyPrint resolves the references
    itself. The bench times it against `tei-edition build --pdf` on the same corpus.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def capture(tei: Path, edition_toml: Path, out: Path) -> None:
    import toolkit.render.pdf.render as render
    from toolkit.io.project import load_corpus, load_edition, read_edition
    from toolkit.render.pdf.build import build_pdf, source_epoch
    from toolkit.render.pdf.config import parse_page_settings
    from toolkit.render.pdf.style import stylesheet

    edition, _ = load_edition(edition_toml)
    settings, _ = parse_page_settings(read_edition(edition_toml)[0], str(edition_toml))
    corpus, _ = load_corpus(tei, edition.documents)
    htmls: list[str] = []
    original = render.Renderer.render

    def keep(self, html, offset_for):
        htmls.append(html)
        return original(self, html, offset_for)

    render.Renderer.render = keep
    try:
        files = build_pdf(corpus, edition, settings, epoch=source_epoch(corpus), jobs=1)
    finally:
        render.Renderer.render = original
    assert files.ok, [str(d) for d in files.diagnostics]
    # the book's order: the front matter (rendered last, once its page numbers are known) first
    parts = [htmls[-1]] + htmls[:-1]
    bodies = [re.search(r"<body[^>]*>(.*)</body>", h, re.S).group(1) for h in parts]
    head = re.sub(r"<body[^>]*>.*", "", parts[0], flags=re.S)
    css = stylesheet(settings, None)
    out.write_text(
        head + '<body data-running="">' + "".join(bodies) + "</body></html>\n<!--CSS\n" + css + "\nCSS-->\n",
        encoding="utf-8",
    )


def render_alone(source: Path, out: Path) -> None:
    import weasyprint.layout as layout
    from weasyprint import CSS, HTML

    import toolkit.render.pdf.render as render  # imported by the package: undo its layout hooks
    from toolkit.render.fonts import font_dir
    from toolkit.render.pdf.fetch import AssetFetcher

    layout.make_all_pages = render._original_make_all_pages
    layout.make_margin_boxes = render._original_make_margin_boxes
    text = source.read_text(encoding="utf-8")
    css = re.search(r"<!--CSS\n(.*)\nCSS-->", text, re.S).group(1)
    fetcher = AssetFetcher([font_dir()])
    document = HTML(string=text, url_fetcher=fetcher).render(stylesheets=[CSS(string=css, url_fetcher=fetcher)])
    out.write_bytes(document.write_pdf())
    print(f"{len(document.pages)} pages")


TARGET_COUNTER_CSS = """
a.tc::after { content: target-counter(attr(href url), page); }
"""


def by_target_counter(html: str) -> str:
    """The captured book with its printed page numbers replaced by target-counter() links:
    each index number/range link keeps its target and loses its text; each contents row's
    number becomes a link to the row's own target. Links across the book's parts (resolved
    by the toolkit when it assembles the parts) become plain fragment links."""
    html = html.replace('href="https://anchor.invalid/', 'href="#')
    html = re.sub(
        r'<span class="pages">(.*?)</span>',
        lambda m: (
            '<span class="pages">'
            + re.sub(r'<a href="(#[^"]+)">[^<]*</a>', r'<a class="tc" href="\1"></a>', m.group(1))
            + "</span>"
        ),
        html,
        flags=re.S,
    )
    return re.sub(
        r'<span class="toc-page">[^<]*</span>(<a href="(#[^"]+)">)',
        r'<span class="toc-page"><a class="tc" href="\2"></a></span>\1',
        html,
    )


def render_target_counter(source: Path, out: Path) -> None:
    text = source.read_text(encoding="utf-8")
    body, _, css = text.partition("\n<!--CSS\n")
    patched = source.with_suffix(".target-counter.html")
    patched.write_text(by_target_counter(body) + "\n<!--CSS\n" + css.replace("\nCSS-->", TARGET_COUNTER_CSS + "CSS-->"))
    render_alone(patched, out)


if __name__ == "__main__":
    if sys.argv[1:2] == ["capture"] and len(sys.argv) == 5:
        capture(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    elif sys.argv[1:2] == ["render"] and len(sys.argv) == 4:
        render_alone(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1:2] == ["target-counter"] and len(sys.argv) == 4:
        render_target_counter(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        sys.exit(__doc__)
