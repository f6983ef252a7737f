"""The print stylesheet: the page, the running heads, the book's typography.

One stylesheet for every part of the book (front matter, each document, the indexes);
the page number a part starts at is not in here: the renderer sets it (render.py)."""

from __future__ import annotations

from toolkit.render.pdf.config import PageSettings
from toolkit.render.pdf.fonts import FAMILY, font_face_css
from toolkit.render.signs import LETTERS

BASE = """
@page {
  size: %(size)s;
  margin: %(top)s %(outer)s %(bottom)s %(inner)s;
  %(bleed)s
  @footnote { border-top: 0.4pt solid #000; margin-top: 8pt; }  /* no padding: WeasyPrint 70 then puts every note on a page of its own */
}
@page :left {
  margin-left: %(outer)s; margin-right: %(inner)s;
  @top-left { content: counter(page); font-size: 8.5pt; vertical-align: bottom; padding-bottom: 5mm; }
  @top-center { content: string(edition); font-size: 8.5pt; font-style: italic; vertical-align: bottom; padding-bottom: 5mm; }
}
@page :right {
  @top-right { content: counter(page); font-size: 8.5pt; vertical-align: bottom; padding-bottom: 5mm; }
  @top-center { content: string(running); font-size: 8.5pt; font-style: italic; vertical-align: bottom; padding-bottom: 5mm; }
}
@page front { @top-left { content: none } @top-right { content: none } @top-center { content: none } }
@page front-numbered:left { @top-left { content: counter(page, lower-roman); } @top-center { content: none } }
@page front-numbered:right { @top-right { content: counter(page, lower-roman); } @top-center { content: none } }
@page :first { @top-center { content: none } }
@page :blank { @top-left { content: none } @top-right { content: none } @top-center { content: none } }

html { font-family: "%(family)s"; font-size: %(font_size)s; line-height: 1.38; hyphens: auto; hyphenate-character: "-";
       text-rendering: optimizeLegibility; color: #000; }
body { margin: 0; string-set: edition attr(data-running); }
p { margin: 0; text-align: justify; text-indent: 1.2em; orphans: 2; widows: 2; }
a { color: inherit; text-decoration: none; }
h1, h2, h3, h4, h5, h6 { bookmark-level: none; }  /* the outline is the assembly's */
h1, h2, h3 { font-weight: bold; hyphens: manual; text-align: left; break-after: avoid; line-height: 1.2; }

/* -------------------------------------------------------------- front matter */
.half-title, .title-page, .imprint, .preface, .legend, .toc, .blank-page { page: front; }
.half-title { break-after: right; padding-top: 30%%; text-align: center; font-size: 1.35em; }
.half-title p, .title-page p, .imprint p { text-indent: 0; text-align: center; }
.title-page { break-before: right; break-after: page; text-align: center; height: 100%%; }
.title-page .editors { font-size: 1.05em; margin-top: 8%%; }
.title-page .title { font-size: 1.7em; font-weight: bold; margin: 22%% 0 6%%; line-height: 1.25; hyphens: manual; }
.title-page .subtitle { font-style: italic; }
.title-page .date { margin-top: 35%%; }
.imprint { font-size: 0.85em; padding-top: 120%%; }
.imprint p { text-align: left; margin-bottom: 0.5em; }
.preface { break-before: right; page: front-numbered; }
.legend { break-before: right; page: front-numbered; }
.preface h2, .legend h2, .toc h2, .index h2 { font-size: 1.4em; margin: 0 0 1.2em; text-align: center; }
.legend dl { margin: 0 0 1em; }
.legend dt { float: left; clear: left; width: 22mm; text-align: right; padding-right: 4mm; }
.legend dd { margin: 0 0 0.4em 26mm; text-align: left; }
.legend-head { font-weight: bold; text-indent: 0; margin: 0.8em 0 0.3em; }
.preface p { margin-bottom: 0; }
.toc { break-before: right; page: front-numbered; }
.toc-entry { text-indent: 0; text-align: left; margin: 0 0 0.45em 0; padding-right: 3em; hyphens: manual; }
.toc-entry .toc-page { float: right; margin-right: -3em; width: 3em; text-align: right; text-indent: 0; }
.toc-entry .toc-date { font-style: italic; }
.toc-section { font-weight: bold; margin: 1em 0 0.5em; text-indent: 0; }

/* -------------------------------------------------------------- documents */
.document { break-before: right; }
.document h1 { font-size: 1.3em; margin: 0 0 0.8em; string-set: running attr(data-running); }
.doc-meta { font-size: 0.85em; margin: 0 0 1.6em; padding: 0.4em 0 0.5em; border-top: 0.4pt solid #000;
            border-bottom: 0.4pt solid #000; line-height: 1.3; }
.doc-meta p { text-indent: 0; text-align: left; margin: 0.12em 0; hyphens: auto; }
.doc-meta .term { font-style: italic; }
.front { margin-bottom: 1.2em; }
.doc-title { text-align: center; margin: 0 0 1em; }
.doc-title p, .dateline, .docdate { text-indent: 0; text-align: center; hyphens: manual; }
.title-main { font-weight: bold; }
.dateline, .docdate { margin: 0.5em 0; }
.argument p { font-style: italic; text-indent: 0; margin-bottom: 0.8em; }
.body > p, .div > p, .back p { margin-bottom: 0.15em; }
.clause { position: relative; margin: 0 0 0.35em; }
.clause-no { position: absolute; left: -%(gutter)s; width: %(gutter_inner)s; top: 0.1em; text-align: right;
             font-size: 0.75em; text-indent: 0; hyphens: manual; white-space: nowrap; }
h2.head, h3.head, h4.head, h5.head, h6.head { font-size: 1em; margin: 1em 0 0.4em; text-align: center; }
ol, ul { margin: 0.3em 0 0.6em; padding-left: 1.6em; }
li { margin: 0 0 0.2em; text-align: justify; }
ul.labelled, ol.labelled { list-style: none; padding-left: 0; }
.label { margin-right: 0.3em; }
figure { margin: 0.8em 1.5em; font-size: 0.9em; font-style: italic; }
figure p { text-indent: 0; }
b { font-weight: bold; }
i { font-style: italic; }
.ent.unidentified, .ref-dropped, .ref-artefact { }

/* quotations, marked words, the editor's signs (render/signs.py), lists, tables, letters */
q { quotes: "«" "»" "„" "“"; }
q.marked::before, q.marked::after { content: none; }
blockquote { margin: 0.5em 0 0.6em 1.6em; font-size: 0.95em; }
blockquote p { text-indent: 0; }
figure.cit { font-style: normal; margin: 0.5em 0 0.6em 1.6em; }
figure.cit blockquote { margin: 0; }
figure.cit figcaption, .cit-source { text-align: right; font-size: 0.9em; }
.foreign, .term, .mentioned, em { font-style: italic; }
.foreign .foreign, em em { font-style: normal; }
cite { font-style: normal; }
.sign, .gap { letter-spacing: 0; }
del { text-decoration: line-through; }
ins { text-decoration: none; }
.pb, .milestone { font-size: 0.8em; white-space: nowrap; }
.as-p, .as-div, .as-blockquote, .as-ul, .as-ol, .as-dl, .as-table, .as-tr, .as-figure, .as-figcaption { display: block; }
.as-li, .as-dd, .as-dt, .as-td, .as-th { display: block; margin-left: 1em; }
dl.list-gloss { margin: 0.3em 0 0.6em; }
dl.list-gloss dt { font-weight: bold; }
dl.list-gloss dd { margin: 0 0 0.2em 1.6em; }
.list-head { text-indent: 0; font-weight: bold; margin-top: 0.4em; }
table.table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; width: 100%%; }
table.table caption { font-weight: bold; margin-bottom: 0.3em; }
table.table th, table.table td { border: 0.4pt solid #000; padding: 0.15em 0.35em; vertical-align: top; text-align: left; }
table.table tr { break-inside: avoid; }
.opener, .closer, .postscript { margin: 0.6em 0; }
.opener p, .closer p, .address p, .postscript p { text-indent: 0; }
.closer { text-align: right; }
.closer p { text-align: right; }
.salute { margin: 0.4em 0; }
.signed { font-style: italic; }
.address { margin: 0.4em 0; }
figure img.graphic { display: block; max-width: 100%%; max-height: 150mm; margin: 0 auto 0.4em; }
.fig-desc { font-size: 0.85em; font-style: normal; text-indent: 0; }

.fn { float: footnote; font-size: 0.8em; line-height: 1.25; text-align: left; text-indent: 0; font-style: normal;
      font-weight: normal; hyphens: auto; }
.fn::footnote-call { content: counter(footnote); font-size: 0.7em; vertical-align: super; line-height: 0; }
.fn::footnote-marker { content: counter(footnote) ". "; }
/* textual notes are lettered а, б, в … (signs.LETTERS): their own counter; the footnote counter, which
   WeasyPrint adds one to for every footnote, is given that one back */
body { counter-reset: textual; }
.fn.fn-text { counter-increment: textual 1 footnote -1; }
.fn.fn-text::footnote-call { content: counter(textual, %(letters)s); }
.fn.fn-text::footnote-marker { content: counter(textual, %(letters)s) ". "; }
.fn .wit { font-style: italic; }
.fn .rdg-omitted { font-style: italic; }

/* -------------------------------------------------------------- indexes */
.index { break-before: right; }
.index h2 { string-set: running content(); }
.index .lead { font-size: 0.85em; text-indent: 0; margin-bottom: 1em; text-align: left; }
.index-body { columns: 2; column-gap: 7mm; column-fill: auto; font-size: 0.85em; line-height: 1.3; }
.index h3 { font-size: 1em; text-align: left; margin: 0.8em 0 0.3em; break-after: avoid; }
.entry { text-indent: -1.2em; padding-left: 1.2em; text-align: left; margin: 0 0 0.25em; hyphens: auto; }
.entry .name { font-weight: bold; }
.entry .role { font-style: italic; }
.entry .pages { hyphens: manual; }

/* -------------------------------------------------------------- plates (plates.py) */
.plate { break-before: right; margin: 0; }
.plate + .plate { break-before: page; }
.plate h2 { font-size: 1.1em; margin: 0 0 1em; string-set: running attr(data-running); }
.plate-art { position: relative; margin: 0 auto; }
.plate-art svg { display: block; width: 100%%; height: auto; }
.plate-link { position: absolute; display: block; }
.plate figcaption { font-size: 0.85em; font-style: italic; margin-top: 0.8em; text-align: left; hyphens: auto; }
"""


def stylesheet(settings: PageSettings, bleed: str | None) -> str:
    bleed_css = f"bleed: {bleed}; marks: crop;" if bleed else ""
    gutter = "15mm"
    return (
        font_face_css()
        + "\n"
        + BASE
        % {
            "size": settings.size_css,
            "top": settings.margin_top,
            "bottom": settings.margin_bottom,
            "inner": settings.margin_inner,
            "outer": settings.margin_outer,
            "bleed": bleed_css,
            "family": FAMILY,
            "font_size": settings.font_size,
            "gutter": gutter,
            "gutter_inner": "12mm",
            "letters": "symbols(alphabetic " + " ".join(f'"{c}"' for c in LETTERS) + ")",
        }
    )
