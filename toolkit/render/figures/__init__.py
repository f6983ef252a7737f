"""The edition's pictures, drawn as SVG at build time: a map of places (map.py), a
timeline of the chronology (timeline.py), and who appears with whom (network.py).

Each module has a function that derives plain data from the model (`map_places`,
`timeline_marks`, `cooccurrence`: Corpus + Index in, frozen dataclasses out) and a pure
function that draws it (`map_svg`, `timeline_svg`, `network_svg`: data + `href` in, an
lxml <svg> element out). `href` is the caller's: the HTML edition links to its pages, the
book to its own anchors. The same data gives the same bytes (sorted inputs, a fixed
layout seed, rounded coordinates). The edition-specific wrappers are
render/html/figure_pages.py and render/pdf/plates.py; docs/figures.md describes the
pictures, the basemap's source and licence, and how labels are placed.
"""
