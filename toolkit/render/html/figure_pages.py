"""The figures in the HTML edition: the map on the places page and, in miniature, on each
document's page; the timeline on the chronology page; the network page. Each figure is a
<figure class="chart"> with the inline SVG (no script, no inline style: the site's CSP
holds) and a caption that names the index it pictures and links to it (its text
equivalent). ("chart", not "figure": that class is the reading text's <figure>, a photo.)

site.py puts them on their pages and keys each page on what its picture depends on; a
document's miniature also depends on the whole edition's places (the frame every
miniature shares), which it records as a question of its page (`frame_answer`).
"""

from __future__ import annotations

from lxml import etree

from toolkit.model.corpus import Corpus, Document
from toolkit.model.digest import key as digest
from toolkit.model.index import Index, initial_letter
from toolkit.model.registers import KIND_OF_PREFIX, TITLE_OF_KIND
from toolkit.render.dom import add, h
from toolkit.render.figures import geo
from toolkit.render.figures.map import map_frame, map_svg
from toolkit.render.figures.network import Network, cooccurrence, network_svg
from toolkit.render.figures.places import map_places
from toolkit.render.figures.timeline import timeline_svg
from toolkit.render.figures.timemarks import timeline_marks
from toolkit.render.html import paths
from toolkit.render.html.index_pages import letter_id
from toolkit.render.html.links import SiteLinks

NETWORK_TITLE = "Кто упоминается вместе с кем"


def _figure(svg: etree._Element, cls: str, caption: list, fid: str) -> etree._Element:
    """The <figure>: the picture and its caption (the search indexes neither: the caption's
    index is on its own page, and a document's text is its words, not its map's labels)."""
    return h(
        "figure",
        {"class": f"chart {cls}", "id": fid, "aria-labelledby": f"{fid}-caption", "data-pagefind-ignore": "all"},
        h("div", {"class": "chart-art"}, svg),
        h("figcaption", {"id": f"{fid}-caption"}, *caption),
    )


def _entity_href(links: SiteLinks):
    def href(ref: str) -> str | None:
        target = links.entity(ref)
        return target.href if target else None

    return href


def corpus_frame(corpus: Corpus, index: Index, mini: bool = False) -> geo.Frame:
    """The regional frame of the whole edition's places (so every miniature shows the same
    area and shares one drawing of the basemap), computed once per corpus."""
    cache = corpus.__dict__.setdefault("_figure_frames", {})
    if mini not in cache:
        cache[mini] = map_frame(map_places(corpus, index), mini)
    return cache[mini]


def frame_answer(corpus: Corpus, index: Index) -> str:
    """What a document's miniature asks of the rest of the edition: the frame it is drawn
    on, and the basemap (a digest of both), recorded with the page's other questions
    (reuse.py)."""
    return digest(repr(corpus_frame(corpus, index, True)), geo.basemap_digest())[:24]


def places_figure(corpus: Corpus, index: Index, links: SiteLinks) -> etree._Element | None:
    """The map for the top of the places page (None if no place mentioned has coordinates
    or is a country of the basemap: nothing to draw)."""
    places = map_places(corpus, index)
    if not any(p.point or p.area for p in places):
        return None
    svg = map_svg(places, _entity_href(links), prefix="fig-map")
    first = places[0]  # the index's first entry (map_places keeps the index's order)
    caption = [
        "Места, упомянутые в документах: точкой — с известными координатами (площадь кружка — число "
        "упоминаний), штриховкой — упомянутые страны. Каждая отметка ведёт к записи ",
        h("a", {"href": f"#{letter_id(initial_letter(first.name))}"}, "указателя ниже"),
        ", который служит и текстовым описанием карты. Основа: Natural Earth.",
    ]
    return _figure(svg, "chart-map", caption, "chart-map")


def document_map_figure(doc: Document, corpus: Corpus, index: Index, links: SiteLinks) -> etree._Element | None:
    """The miniature map of one document's places (None if none of them can be drawn)."""
    places = [p for p in map_places(corpus, index, doc.docid) if p.point or p.area]
    if not places:
        return None
    links.note("map-frame", None, frame_answer(corpus, index))
    svg = map_svg(places, _entity_href(links), frame=corpus_frame(corpus, index, True), mini=True, prefix="fig-docmap")
    caption = [
        "Места документа на карте. Перечень — в разделе ",
        h("a", {"href": "#mentions-h"}, "«Упоминаются в документе»"),
        "; все места издания — в ",
        h("a", {"href": links.to(paths.INDEX_PAGES["place"])}, "указателе географических названий"),
        ".",
    ]
    return _figure(svg, "chart-map chart-mini", caption, "chart-docmap")


def chronology_figure(corpus: Corpus, index: Index, links: SiteLinks) -> etree._Element | None:
    """The timeline for the top of the chronology page (None if there are no dates)."""
    marks = timeline_marks(corpus, index)
    if not marks:
        return None
    svg = timeline_svg(marks, lambda key: links.to(paths.chronology(key)), prefix="fig-timeline")
    first = index.chronology[0].year or "none"
    caption = [
        "Даты документов и даты, названные в их текстах, по годам. Каждая отметка ведёт к записи ",
        h("a", {"href": f"#year-{first}"}, "хронологии ниже"),
        ", которая служит и текстовым описанием линии времени.",
    ]
    return _figure(svg, "chart-timeline", caption, "chart-timeline")


def network_page(corpus: Corpus, index: Index, links: SiteLinks, network: Network | None = None) -> list:
    """The children of <main> for the network page (paths.NETWORK): the picture and its
    text equivalent, a list of each entry with the entries named in the same documents."""
    network = network or cooccurrence(corpus, index)
    href = _entity_href(links)
    main = [
        h("h1", None, NETWORK_TITLE),
        h(
            "p",
            {"class": "lead"},
            "Лица и организации, названные в одних и тех же документах издания. Связь — упоминание в одном "
            "документе; чем толще линия, тем в большем числе документов они названы вместе. Каждый узел ведёт к "
            "записи указателя; перечень связей — ",
            h("a", {"href": "#network-list"}, "ниже"),
            ".",
        ),
    ]
    if not network.nodes:
        main.append(h("p", None, "В документах издания не упомянуто ни одно лицо и ни одна организация."))
        return main
    svg = network_svg(network, href, prefix="fig-network")
    caption = [
        "Сеть совместных упоминаний. Полные перечни — в ",
        h("a", {"href": links.to(paths.INDEX_PAGES["person"])}, TITLE_OF_KIND["person"].lower()),
        " и ",
        h("a", {"href": links.to(paths.INDEX_PAGES["org"])}, TITLE_OF_KIND["org"].lower()),
        ".",
    ]
    main.append(_figure(svg, "chart-network", caption, "chart-network"))
    main.append(_network_list(network, href))
    return main


def _network_list(network: Network, href) -> etree._Element:
    names = {n.ref: n.name for n in network.nodes}
    partners: dict[str, list[tuple[str, int]]] = {n.ref: [] for n in network.nodes}
    for a, b, k in network.edges:
        partners[a].append((b, k))
        partners[b].append((a, k))
    order = {n.ref: i for i, n in enumerate(network.nodes)}
    section = h(
        "section",
        {"class": "network-list", "aria-labelledby": "network-list"},
        h("h2", {"id": "network-list"}, "Перечень связей"),
    )
    dl = h("dl", {"class": "network-pairs"})
    for n in network.nodes:
        kind = "лицо" if KIND_OF_PREFIX[n.ref.partition(":")[0]] == "person" else "организация"
        target = href(n.ref)
        dl.append(h("dt", None, h("a", {"href": target}, n.name) if target else n.name, f" ({kind})"))
        others = sorted(partners[n.ref], key=lambda p: (-p[1], order[p[0]]))
        dd = h("dd")
        if not others:
            add(dd, "ни с кем в одном документе")
        for i, (ref, k) in enumerate(others):
            if i:
                dd.append(h("span", None, ", "))
            link = href(ref)
            dd.append(h("a", {"href": link}, names[ref]) if link else h("span", None, names[ref]))
            if k > 1:
                dd.append(h("span", {"class": "occ-count"}, f" ×{k}"))
        dl.append(dd)
    section.append(dl)
    return section
