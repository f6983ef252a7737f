"""The figures in the HTML edition (issue 16): the map on the places page and, in
miniature, on every document page with places to draw; the timeline on the chronology
page; the network on a page of its own, in the navigation. Checked on the pages as a
browser parses them (html5lib): a marker for every place with coordinates, a link for
every marker and node to an entry that exists, no overlapping labels, a caption linking
to the index the figure pictures, the very SVG the figure functions draw, and the same
bytes from another process. The browser test (test_html_browser.py) screenshots them and
runs axe-core; test_pdf_plates.py checks the book's plates; the 1,000-document edition is
checked at the end (slow).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from conftest import site_of

from toolkit.io.project import load_corpus, load_edition
from toolkit.model.index import build_index
from toolkit.render.figures.labels import Box, boxes_of
from toolkit.render.figures.network import cooccurrence
from toolkit.render.figures.places import map_places
from toolkit.render.html import paths
from toolkit.render.html.check import resolve

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
FIGURE_PAGES = ("places.html", "chronology.html", "network.html")


@pytest.fixture(scope="module")
def edition():
    config, diags = load_edition(ROOT / "editions" / "odkb.toml")
    assert not diags
    return config


@pytest.fixture(scope="module")
def seeds(edition):
    corpus, _ = load_corpus(ROOT / "tei", edition.documents)
    return corpus, build_index(corpus)


@pytest.fixture(scope="module")
def site(edition):
    built = site_of(ROOT / "tei", edition)
    assert built.ok and not [str(d) for d in built.diagnostics]
    return built


def parse(data: bytes):
    """A page as a browser's HTML5 parser builds it: SVG in the SVG namespace, its
    attributes in their SVG spelling (viewBox, textLength)."""
    return html5lib.parse(data, treebuilder="lxml", namespaceHTMLElements=False)


def plain(svg):
    """An SVG from a parsed page, without its namespace (as the figure functions make it)."""
    from lxml import etree

    copy = etree.fromstring(etree.tostring(svg))
    for el in copy.iter():
        if isinstance(el.tag, str) and el.tag.startswith(SVG):
            el.tag = el.tag[len(SVG) :]
    etree.cleanup_namespaces(copy)
    return copy


def shape(el) -> tuple:
    """An element as plain data: tag, attributes, text, children."""
    return (el.tag, tuple(sorted(el.attrib.items())), (el.text or "").strip(), tuple(shape(c) for c in el))


def ids_of(site, page: str) -> set[str]:
    return set(parse(site[page]).xpath("//@id"))


def no_overlaps(svg) -> None:
    _, _, w, h = (float(v) for v in svg.get("viewBox").split())
    boxes = boxes_of(svg)
    assert boxes
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), f"labels «{ta}» and «{tb}» overlap"
    assert all(box.inside(Box(0, 0, w, h)) for _, box in boxes)


def figure(site, page: str, fid: str):
    """(the <figure>, its SVG without namespace) of a page."""
    found = parse(site[page]).xpath(f"//figure[@id='{fid}']")
    assert len(found) == 1, (page, fid)
    (svg,) = found[0].iter(f"{SVG}svg")
    return found[0], plain(svg)


def links_resolve(site, page: str, hrefs: list[str]) -> None:
    for href in hrefs:
        target, anchor = resolve(page, href)
        assert target in site, (page, href)
        assert anchor in ids_of(site, target), (page, href)


# ---------------------------------------------------------------- the places page


def test_the_places_page_carries_the_map_with_a_linked_marker_for_every_place_with_coordinates(site, seeds):
    corpus, index = seeds
    fig, svg = figure(site, "places.html", "chart-map")
    with_geo = [p for p in map_places(corpus, index) if p.point]
    markers = svg.xpath("//a[contains(@class, 'place')]")
    assert len(markers) == len(with_geo) == 4
    by_href = {a.get("href"): a for a in markers}
    for place in with_geo:
        entry = corpus.registers.get(place.ref)
        a = by_href[f"#{entry.key}"]  # the entry on this very page
        assert a.get("aria-label").startswith(entry.name + " — ")
    links_resolve(site, "places.html", [a.get("href") for a in svg.iter("a")])
    no_overlaps(svg)
    # the text equivalent: the index below, linked from the caption
    (caption,) = fig.xpath("figcaption")
    assert [a.get("href") for a in caption.iter("a")] == ["#letter-a"]
    assert fig.get("aria-labelledby") == caption.get("id")


def test_the_site_carries_the_very_svg_the_figure_functions_draw(site, seeds):
    """No step of the page's making (typography, serialisation, the HTML5 parse) changes
    the drawing: the same elements, attributes and text."""
    from toolkit.render.html.figure_pages import chronology_figure, network_page, places_figure
    from toolkit.render.html.links import SiteLinks

    corpus, index = seeds

    def svg_of(el):
        return next(el.iter("svg"))

    made = {
        ("places.html", "chart-map"): svg_of(places_figure(corpus, index, SiteLinks(corpus, index, "places.html"))),
        ("chronology.html", "chart-timeline"): svg_of(
            chronology_figure(corpus, index, SiteLinks(corpus, index, paths.CHRONOLOGY))
        ),
        ("network.html", "chart-network"): svg_of(
            network_page(corpus, index, SiteLinks(corpus, index, paths.NETWORK))[2]
        ),
    }
    for (page, fid), svg in made.items():
        assert shape(figure(site, page, fid)[1]) == shape(svg), page


# ---------------------------------------------------------------- document pages


def test_each_document_page_has_a_miniature_exactly_when_it_has_places_to_draw(site, seeds):
    corpus, index = seeds
    drawn = 0
    for doc in corpus.documents:
        page = paths.document(doc.docid)
        places = [p for p in map_places(corpus, index, doc.docid) if p.point or p.area]
        tree = parse(site[page])
        figures = tree.xpath("//figure[@id='chart-docmap']")
        assert len(figures) == (1 if places else 0), page
        if not places:
            continue
        drawn += 1
        _, svg = figure(site, page, "chart-docmap")
        markers = svg.xpath("//a[contains(@class, 'place')]")
        assert len(markers) == sum(1 for p in places if p.point), page
        links_resolve(site, page, [a.get("href") for a in svg.iter("a")])
        no_overlaps(svg)
        assert tree.xpath("//figure[@id='chart-docmap']/@data-pagefind-ignore") == ["all"]  # not the text's words
        caption = tree.xpath("//figure[@id='chart-docmap']/figcaption//a/@href")
        assert "#mentions-h" in caption and "../places.html" in caption  # the lists it pictures
        # before the list of what the document mentions, which it pictures
        section = tree.xpath("//figure[@id='chart-docmap']/following-sibling::section[1]/@class")
        assert section == ["mentions"]
    assert drawn >= 4


def test_every_miniature_is_drawn_on_the_editions_frame(site, seeds):
    """The miniatures compare: each shows the same area (the same basemap bytes)."""
    corpus, _ = seeds
    basemaps = set()
    for doc in corpus.documents:
        page = paths.document(doc.docid)
        if b'id="chart-docmap"' in site[page]:
            _, svg = figure(site, page, "chart-docmap")
            basemaps.add(json.dumps(shape(svg.xpath("//g[@class='basemap']")[0])))
    assert len(basemaps) == 1


def test_no_map_where_there_is_nothing_to_draw(tmp_path, edition):
    """Places without coordinates and not countries of the basemap: no map on the places
    page, no miniature, no map plate in the book (the indexes still list them)."""
    import re as regex
    import shutil

    from toolkit.render.pdf.config import PageSettings
    from toolkit.render.pdf.plates import plates_part

    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tests" / "cases" / "html" / "corpus", tei)
    places = tei / "registers" / "places.xml"
    places.write_text(regex.sub(r"\s*<geo>[^<]*</geo>", "", places.read_text("utf-8")), "utf-8")
    built = site_of(tei, edition)
    assert built.ok
    assert not [p for p in built if p.endswith(".html") and b'class="chart chart-map' in built[p]]
    assert b'id="chart-timeline"' in built["chronology.html"]
    corpus, _ = load_corpus(tei, edition.documents)
    index = build_index(corpus)
    assert [t for _, t in plates_part(corpus, index, edition, PageSettings()).items] == [
        "Иллюстрация 1. Хронология: линия времени",
        "Иллюстрация 2. Кто упоминается вместе с кем",
    ]


# ---------------------------------------------------------------- the chronology page


def test_the_chronology_page_carries_the_timeline_linked_to_its_entries(site, seeds):
    _, index = seeds
    fig, svg = figure(site, "chronology.html", "chart-timeline")
    marks = svg.xpath("//a[contains(@class, 'mark')]")
    assert {a.get("href") for a in marks} == {f"#{paths.date_anchor(c.key)}" for c in index.chronology}
    links_resolve(site, "chronology.html", [a.get("href") for a in marks])
    legend = " ".join(t.text for t in svg.xpath("//g[@class='legend']//text"))
    assert "предположительно" in legend and "период" in legend
    no_overlaps(svg)
    assert fig.xpath("figcaption/a/@href") == ["#year-1941"]


# ---------------------------------------------------------------- the network page


def test_the_network_page_is_in_the_navigation_of_every_page(site):
    for page in [p for p in site if p.endswith(".html")]:
        nav = parse(site[page]).xpath("//nav[@class='site-nav']//a")
        targets = [resolve(page, a.get("href"))[0] for a in nav]
        assert paths.NETWORK in targets, page
    assert parse(site["index.html"]).xpath("//ul[@class='tools']//a[@href='network.html']")


def test_the_network_page_links_every_node_and_lists_every_pair(site, seeds):
    corpus, index = seeds
    fig, svg = figure(site, "network.html", "chart-network")
    nodes = svg.xpath("//a[contains(@class, 'node')]")
    refs = {r for r in index.occurrences if r.startswith(("per:", "org:")) and corpus.registers.get(r)}
    assert len(nodes) == len(refs)
    links_resolve(site, "network.html", [a.get("href") for a in nodes])
    assert {resolve("network.html", a.get("href"))[0] for a in nodes} == {"persons.html", "orgs.html"}
    no_overlaps(svg)
    tree = parse(site["network.html"])
    # the text equivalent: every node in the list of pairs, and the indexes, linked
    listed = tree.xpath("//dl[@class='network-pairs']/dt/a/@href")
    assert sorted(listed) == sorted(a.get("href") for a in nodes)
    assert fig.xpath("figcaption/a/@href") == ["persons.html", "orgs.html"]
    assert len(tree.xpath("//h1")) == 1


def test_the_figures_print_in_greyscale(site):
    """No meaning rests on colour: every fill and stroke of every figure is a grey, its
    channels at most 8 apart (or none, or the map's hatch pattern); kinds differ by shape,
    certainty by fill and dash."""
    hex6 = re.compile(r"^#[0-9a-f]{6}$")
    pages = [*FIGURE_PAGES, *(p for p in site if p.startswith("documents/"))]
    checked = 0
    for page in pages:
        for svg in parse(site[page]).iter(f"{SVG}svg"):
            for el in svg.iter():
                for name in ("fill", "stroke"):
                    value = el.get(name)
                    if value is None or value in ("none", "#fff", "#ffffff") or value.startswith("url(#"):
                        continue
                    assert hex6.match(value.lower()), (page, el.tag, name, value)
                    channels = [int(value[k : k + 2], 16) for k in (1, 3, 5)]
                    assert max(channels) - min(channels) <= 8, (page, el.tag, name, value)
                    checked += 1
    assert checked > 100


# ---------------------------------------------------------------- determinism


def test_the_figure_pages_are_the_same_bytes_from_another_process(site):
    """Another process, another hash seed: the same pages (the site's own determinism
    test compares two builds in one process)."""
    pages = [*FIGURE_PAGES, *sorted(p for p in site if p.startswith("documents/"))]
    code = (
        "import hashlib, json, sys; sys.path.insert(0, 'tests'); from pathlib import Path;"
        "from conftest import site_of; from toolkit.io.project import load_edition;"
        "e, _ = load_edition(Path('editions/odkb.toml')); s = site_of(Path('tei'), e);"
        f"print(json.dumps({{p: hashlib.sha256(s[p]).hexdigest() for p in {pages!r}}}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    there = json.loads(out.stdout.strip().splitlines()[-1])
    assert there == {p: hashlib.sha256(site[p]).hexdigest() for p in pages}


# ---------------------------------------------------------------- 1,000 documents


@pytest.mark.slow
def test_a_thousand_documents_carry_the_figures_in_the_html_edition(thousand, edition):
    corpus, _ = load_corpus(thousand, edition.documents)
    index = build_index(corpus)
    assert len(corpus.documents) == 1000
    built = site_of(thousand, edition)
    assert built.ok
    _, svg = figure(built, "places.html", "chart-map")
    with_geo = [p for p in map_places(corpus, index) if p.point]
    assert len(svg.xpath("//a[contains(@class, 'place')][@href]")) == len(with_geo) >= 4  # the registers' <geo>s
    no_overlaps(svg)
    _, svg = figure(built, "chronology.html", "chart-timeline")
    assert {a.get("href") for a in svg.iter("a")} == {f"#{paths.date_anchor(c.key)}" for c in index.chronology}
    no_overlaps(svg)
    _, svg = figure(built, "network.html", "chart-network")
    network = cooccurrence(corpus, index)
    assert len(svg.xpath("//a[contains(@class, 'node')][@href]")) == len(network.nodes) > 20
    # every node keeps its label: the layout spreads a large corpus's network out
    assert len(svg.xpath("//g[@class='nodes']//text")) == len(network.nodes)
    no_overlaps(svg)
    with_maps = [p for p in built if p.startswith("documents/") and b'id="chart-docmap"' in built[p]]
    drawable = [
        paths.document(d.docid)
        for d in corpus.documents
        if any(p.point or p.area for p in map_places(corpus, index, d.docid))
    ]
    assert sorted(with_maps) == sorted(drawable) and len(with_maps) > 500
    for page in with_maps[::97]:
        _, svg = figure(built, page, "chart-docmap")
        assert svg.xpath("//a[@href]") and all(a.get("href").startswith("../places.html#") for a in svg.iter("a"))
        no_overlaps(svg)
