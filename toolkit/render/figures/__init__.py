"""The edition's pictures, drawn as SVG at build time: a map of places, a timeline of the
chronology, and who appears with whom.

Each picture has a function that derives plain data from the model (`places.map_places`,
`timemarks.timeline_marks`, `network.cooccurrence`: Corpus + Index in, frozen dataclasses
out) and a pure function that draws it (`map.map_svg` over `basemap` and `geo`,
`timeline.timeline_svg`, `network.network_svg`: data + `href` in, an lxml <svg> element
out); `labels` measures and places the labels, `svg` builds the elements. `href` is the
caller's: the HTML edition links to its pages, the book to its own anchors. The same data
gives the same bytes (sorted inputs, a fixed layout seed, rounded coordinates). This
package imports neither edition; the editions' wrappers are render/html/figure_pages.py
and render/pdf/plates.py; docs/figures.md describes the pictures, where they are, the
basemap's source and licence, and how labels are placed.
"""
