"""The figures (toolkit/render/figures): the map, the timeline, the network, checked on
their SVG's structure, on the seeds' TEI and on 1,000 synthetic documents; their labels
never overlap; the same input gives the same bytes (also under another hash seed); the
book's plates carry the same drawing as text WeasyPrint wrote.

Timings are printed (pytest -s), never asserted.

Longer than the house's 400 lines on purpose: one topic's cases beside the module-scoped
fixtures they share (built once per module); split it when the topic splits."""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from toolkit.io.project import load_corpus
from toolkit.model.index import build_index
from toolkit.model.registers import Entry
from toolkit.render.figures import geo
from toolkit.render.figures.labels import Box, Placer, boxes_of, text_box, text_width
from toolkit.render.figures.map import map_svg
from toolkit.render.figures.network import cooccurrence, network_of, network_svg
from toolkit.render.figures.places import MapPlace, map_places
from toolkit.render.figures.svg import standalone, to_bytes
from toolkit.render.figures.timeline import timeline_parts, timeline_svg
from toolkit.render.figures.timemarks import TimeMark, timeline_marks

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeds():
    corpus, _ = load_corpus(ROOT / "tei")
    return corpus, build_index(corpus)


def href(key: str) -> str:
    return "#" + key.replace(":", "-")


def texts_do_not_overlap(svg) -> None:
    _, _, w, h = (float(v) for v in svg.get("viewBox").split())
    frame = Box(0, 0, w, h)
    boxes = boxes_of(svg)
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), f"labels «{ta}» {a} and «{tb}» {b} overlap"
    for content, box in boxes:
        assert box.inside(frame), f"label «{content}» {box} leaves the picture"


def no_style(svg) -> None:
    """The site's CSP forbids inline styles and scripts: presentation attributes only."""
    for node in svg.iter():
        assert "style" not in node.attrib, node.tag
        assert node.tag not in ("style", "script", "foreignObject"), node.tag
        assert not any(k.startswith("on") for k in node.attrib), node.attrib


# ---------------------------------------------------------------- synthetic data

CITIES = {  # name: (lat, lon)
    "Москва": (55.76, 37.62),
    "Минск": (53.9, 27.57),
    "Ереван": (40.18, 44.51),
    "Астана": (51.17, 71.45),
    "Алматы": (43.25, 76.92),
    "Бишкек": (42.87, 74.59),
    "Чолпон-Ата": (42.65, 77.08),
    "Душанбе": (38.54, 68.78),
    "Ташкент": (41.3, 69.24),
    "Баку": (40.41, 49.87),
    "Тбилиси": (41.72, 44.79),
    "Санкт-Петербург": (59.94, 30.31),
    "Сочи": (43.6, 39.73),
    "Гродно": (53.68, 23.83),
    "Кабул": (34.53, 69.17),
    "Нью-Йорк": (40.71, -74.01),
    "Тяньцзинь": (39.13, 117.2),
    "Женева": (46.2, 6.14),
}
DISTANT = {"Нью-Йорк", "Тяньцзинь", "Женева"}


def synthetic_places(n_docs: int = 1000) -> list[MapPlace]:
    rng = random.Random(16)
    counts = {name: 0 for name in CITIES}
    for _ in range(n_docs):
        for name in rng.sample(sorted(CITIES), 3):
            counts[name] += 1
    out = [MapPlace(f"pla:c{k}", name, counts[name], *CITIES[name]) for k, name in enumerate(sorted(CITIES))]
    out += [
        MapPlace("pla:kazakhstan", "Казахстан", 400, area="Kazakhstan"),
        MapPlace("pla:armenia", "Армения", 120, area="Armenia"),
        MapPlace("pla:russia", "Россия", 300, area="Russia"),
        MapPlace("pla:europe", "Европа", 80),  # no point, no area: not drawn
    ]
    return out


def synthetic_marks(n_docs: int = 1000) -> list[TimeMark]:
    rng = random.Random(16)
    out = []
    for k in range(n_docs):
        y, m, d = rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28)
        when = f"{y}-{m:02d}-{d:02d}"
        status = rng.choice(("stated", "stated", "stated", "inferred", "uncertain"))
        out.append(TimeMark(when, "document", (("when", when),), status, f"Документ {k} — {when}", f"doc-{k:05d}"))
    out.append(TimeMark("1941--1945", "named", (("from", "1941"), ("to", "1945")), "stated", "1941–1945 гг."))
    named = set()
    for _ in range(n_docs):
        y = rng.randint(1990, 2025)
        kind = rng.choice(("day", "month", "year", "span", "nb", "na", "noyear"))
        if kind == "day":
            attrs = (("when", f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),)
        elif kind == "month":
            attrs = (("when", f"{y}-{rng.randint(1, 12):02d}"),)
        elif kind == "year":
            attrs = (("when", str(y)),)
        elif kind == "span":
            attrs = (("from", str(y)), ("to", str(min(2025, y + rng.randint(1, 3)))))
        elif kind == "nb":
            attrs = (("notBefore", f"{y}-{rng.randint(1, 12):02d}-01"),)
        elif kind == "na":
            attrs = (("notAfter", f"{y}-{rng.randint(1, 12):02d}-15"),)
        else:
            attrs = (("when", f"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),)
        key = "_".join(f"{k}={v}" for k, v in attrs)
        if key in named:
            continue
        named.add(key)
        out.append(TimeMark(key, "named", attrs, rng.choice(("stated", "inferred", "uncertain")), f"дата {key}"))
    return out


def synthetic_network(n_docs: int = 1000):
    rng = random.Random(16)
    people = [f"Фамилия{k:02d}, Имя Отчество" for k in range(30)]
    orgs = [f"Организация номер {k}" for k in range(25)]
    entries = {}
    for k, name in enumerate(people):
        entries[f"per:p{k}"] = Entry(f"p{k}", "person", name, [], [], candidate=k % 7 == 0)
    for k, name in enumerate(orgs):
        entries[f"org:o{k}"] = Entry(f"o{k}", "org", name, [], [f"ОРГ{k}"] if k % 2 else [], candidate=False)
    refs = sorted(entries)
    per_doc = {f"doc-{d:05d}": set(rng.sample(refs, rng.randint(2, 6))) for d in range(n_docs)}
    return network_of(per_doc, entries)


# ---------------------------------------------------------------- the map


def test_map_has_a_linked_named_marker_for_every_place_with_coordinates(seeds):
    corpus, index = seeds
    places = map_places(corpus, index)
    svg = map_svg(places, href)
    with_geo = [p for p in places if p.point]
    assert {p.name for p in with_geo} == {"Алматы", "Бишкек", "Душанбе", "Чолпон-Ата"}
    markers = svg.xpath("//a[contains(@class, 'place')]")
    assert len(markers) == len(with_geo)
    for p in with_geo:
        (a,) = [m for m in markers if m.get("href") == href(p.ref)]
        assert a.get("aria-label").startswith(p.name + " — ")
        assert a.findtext("title") == a.get("aria-label")
        assert a.find("circle") is not None
    # the mentioned countries are hatched and linked too
    countries = svg.xpath("//a[contains(@class, 'country')]")
    assert {a.get("href") for a in countries} >= {href("pla:kazakhstan"), href("pla:kyrgyzstan")}
    assert all(a.find("path").get("fill").startswith("url(#") for a in countries)
    texts_do_not_overlap(svg)
    no_style(svg)


def test_marker_area_follows_mentions():
    places = [MapPlace("pla:a", "Алматы", 1, 43.25, 76.92), MapPlace("pla:b", "Бишкек", 16, 42.87, 74.59)]
    svg = map_svg(places, href)
    r = {a.get("href"): float(a.find("circle").get("r")) for a in svg.iter("a")}
    assert r[href("pla:b")] == pytest.approx(4 * r[href("pla:a")], abs=0.2)  # 16× the area: 4× the radius


def test_distant_places_go_on_the_world_panel():
    places = synthetic_places()
    svg = map_svg(places, href)
    assert svg.xpath("//g[contains(@class, 'world')]"), "no world panel"
    world_rect = svg.xpath("//g[contains(@class, 'world')]/rect")[0]
    wy0 = float(world_rect.get("y"))
    for p in places:
        if not p.point:
            continue
        (a,) = [a for a in svg.iter("a") if a.get("href") == href(p.ref)]
        cy = float(a.find("circle").get("cy"))
        assert (cy >= wy0) == (p.name in DISTANT), p.name
    # every place with coordinates has its marker, every marker its link
    assert len(svg.xpath("//a[contains(@class, 'place')]")) == sum(1 for p in places if p.point)
    texts_do_not_overlap(svg)


def test_no_world_panel_without_distant_places(seeds):
    corpus, index = seeds
    svg = map_svg(map_places(corpus, index), href)
    assert not svg.xpath("//g[contains(@class, 'world')]")


def test_regional_frame_zooms_to_the_places():
    central_asia = [MapPlace("pla:a", "Алматы", 1, 43.25, 76.92), MapPlace("pla:d", "Душанбе", 1, 38.54, 68.78)]
    wide = [*central_asia, MapPlace("pla:m", "Минск", 1, 53.9, 27.57)]
    small, large = (geo.region_frame(tuple(p.point for p in x), 0, 0, 800, 500) for x in (central_asia, wide))
    assert small.scale > large.scale
    for frame, places in ((small, central_asia), (large, wide)):
        for p in places:
            assert frame.contains(*frame.point(p.lon, p.lat))


def test_miniature_uses_the_frame_it_is_given(seeds):
    corpus, index = seeds
    from toolkit.render.figures.map import map_frame

    frame = map_frame(map_places(corpus, index), mini=True)
    doc = corpus.documents[0]
    svg = map_svg(map_places(corpus, index, doc.docid), href, frame=frame, mini=True, prefix="m")
    assert svg.get("viewBox").startswith("0 0 360 ")
    assert len(svg.xpath("//a[contains(@class, 'place')]")) == 1  # Almaty
    texts_do_not_overlap(svg)


# ---------------------------------------------------------------- the timeline


def test_timeline_every_chronology_entry_has_a_linked_mark(seeds):
    corpus, index = seeds
    svg = timeline_svg(timeline_marks(corpus, index), href)
    linked = {a.get("href") for a in svg.xpath("//a[contains(@class, 'mark')]")}
    assert linked == {href(c.key) for c in index.chronology}
    for a in svg.iter("a"):
        assert a.get("aria-label") and a.findtext("title") == a.get("aria-label")
    # one diamond per document date: 5 documents, one of them dated twice
    assert len(svg.xpath("//a[contains(@class, 'document')]")) == 6
    texts_do_not_overlap(svg)
    no_style(svg)


def test_a_span_is_drawn_as_a_span_across_its_years(seeds):
    corpus, index = seeds
    svg = timeline_svg(timeline_marks(corpus, index), href)
    pieces = [a for a in svg.iter("a") if a.get("href") == href("2018--2020")]
    assert len(pieces) == 3  # one bar in each of 2018, 2019, 2020
    for a in pieces:
        bar = a.find("rect")
        assert bar is not None and float(bar.get("width")) > 600  # the whole year
    # a day is a mark, not a bar
    (day,) = [a for a in svg.iter("a") if a.get("href") == href("2021-01-19")]
    assert day.find("rect") is None and day.find("circle") is not None


def test_uncertain_and_inferred_dates_are_drawn_differently_and_explained(seeds):
    corpus, index = seeds
    svg = timeline_svg(timeline_marks(corpus, index), href)

    def shape(key: str, kind: str):
        (a,) = [a for a in svg.iter("a") if a.get("href") == href(key) and kind in a.get("class")]
        return a.get("class").split()[-1], a[1]  # status, the first shape after <title>

    status, s = shape("2019-05-22", "document")
    assert status == "stated" and s.get("fill") != "#ffffff" and s.get("stroke-dasharray") is None
    status, s = shape("2019-11-28", "document")  # from an external source
    assert status == "inferred" and s.get("fill") == "#ffffff" and s.get("stroke-dasharray") is None
    status, s = shape("2021-05-19", "document")  # the editor's conjecture, low certainty
    assert status == "uncertain" and s.get("fill") == "#ffffff" and s.get("stroke-dasharray")
    # "не ранее": a mark with an arrow pointing on
    (bound,) = [a for a in svg.iter("a") if a.get("href") == href("nb-2021-01-19")]
    assert bound.find("line") is not None
    legend = " ".join(t.text for t in svg.xpath("//g[@class='legend']//text"))
    for words in ("дата документа", "период", "указана в тексте", "выведена", "предположительно", "не ранее"):
        assert words in legend


def test_timeline_of_many_years_and_dates_without_a_year():
    marks = synthetic_marks()
    svg = timeline_svg(marks, href)
    years = [t.text for t in svg.xpath("//g[@class='year']/text")]
    assert years[-1] == "без года"
    assert years[:-1] == sorted(years[:-1], key=int)
    assert svg.xpath("//g[@class='gap']"), "the empty years are not marked as a gap"
    assert len(svg.xpath("//a[contains(@class, 'document')]")) == 1000
    texts_do_not_overlap(svg)


def test_a_long_timeline_is_drawn_in_parts_of_whole_years():
    """The book draws a long timeline over several plates, each at the page's width: the
    parts take the years in order, each part fits the height asked for, and every mark of
    the whole timeline is in some part."""
    marks = synthetic_marks()
    whole = timeline_svg(marks, href)
    years = [t.text for t in whole.xpath("//g[@class='year']/text")]
    parts = timeline_parts(marks, 1000.0)
    assert len(parts) > 1 and [y for part in parts for y in part] == years
    seen = set()
    for part in parts:
        svg = timeline_svg(marks, href, rows=part, prefix="p")
        assert [t.text for t in svg.xpath("//g[@class='year']/text")] == list(part)
        assert float(svg.get("height")) <= 1000.0
        seen |= {(a.get("href"), a.get("class")) for a in svg.iter("a")}
        texts_do_not_overlap(svg)
    assert seen == {(a.get("href"), a.get("class")) for a in whole.iter("a")}
    assert timeline_parts(marks, 10**6) == [tuple(years)]


# ---------------------------------------------------------------- the network


def test_every_network_node_is_linked_and_named(seeds):
    corpus, index = seeds
    network = cooccurrence(corpus, index)
    svg = network_svg(network, href)
    nodes = svg.xpath("//a[contains(@class, 'node')]")
    assert [a.get("href") for a in nodes] == [href(n.ref) for n in network.nodes]
    assert {n.ref for n in network.nodes} == {
        r for r in index.occurrences if r.startswith(("per:", "org:")) and corpus.registers.get(r)
    }
    for a, n in zip(nodes, network.nodes):
        assert a.get("aria-label").startswith(n.name)
        assert (a.find("circle") if n.kind == "person" else a.find("rect")) is not None  # shape tells the kind
    # the CSTO is named with the UN in four documents
    assert ("org:csto", "org:un", 4) in network.edges
    texts_do_not_overlap(svg)
    no_style(svg)


def test_network_keeps_the_most_named_and_says_how_many_are_left_out():
    network = synthetic_network()
    assert len(network.nodes) == 40 and network.left_out == 15
    svg = network_svg(network, href)
    assert "Не показаны реже упомянутые: 15" in svg.findtext("desc")
    assert len(svg.xpath("//a[contains(@class, 'node')]")) == 40
    texts_do_not_overlap(svg)


def test_a_network_with_a_few_heavy_pairs_stays_spread_out():
    """Six entries named together in almost every one of 1,000 documents, and one entry
    named once: the layout keeps the nodes apart (the springs pull with the log of the
    documents shared, not the count) and every node keeps its label."""
    import math

    from toolkit.render.figures.network import layout

    rng = random.Random(3)
    entries = {f"per:p{k}": Entry(f"p{k}", "person", f"Фамилия{k}, Имя", [], [], False) for k in range(24)}
    entries["org:once"] = Entry("once", "org", "Организация, названная однажды", [], [], False)
    refs = sorted(r for r in entries if r != "org:once")
    per_doc = {f"d{d:04d}": set(refs[:6]) | set(rng.sample(refs[6:], 2)) for d in range(1000)}
    per_doc["d-once"] = {"org:once", refs[10], refs[15], refs[20]}
    network = network_of(per_doc, entries)
    pos = layout(network)
    nearest = [min(math.dist(pos[a], pos[b]) for b in pos if b != a) for a in pos]
    assert min(nearest) > 30, sorted(nearest)[:3]  # with the raw counts: 14
    svg = network_svg(network, href)
    assert len(svg.xpath("//g[@class='nodes']//text")) == len(network.nodes) == 25
    texts_do_not_overlap(svg)


# ---------------------------------------------------------------- labels


def test_label_widths_are_the_fonts():
    assert text_width("Ш", 10) > text_width("і", 10) > 0
    assert text_width("Алматы", 20) == pytest.approx(2 * text_width("Алматы", 10), abs=0.15)
    box = text_box("Душанбе", 100, 50, 12)
    assert box.y0 < 50 < box.y1 and box.x0 == 100


def test_placer_never_overlaps_and_drops_what_does_not_fit():
    placer = Placer(Box(0, 0, 300, 200))
    rng = random.Random(1)
    points = [(rng.uniform(20, 280), rng.uniform(20, 180)) for _ in range(80)]
    for x, y in points:
        placer.obstacles.append(Box(x - 3, y - 3, x + 3, y + 3))
    placed = [placer.place(f"Город {k}", x, y, 3, 11) for k, (x, y) in enumerate(points)]
    kept = [p for p in placed if p]
    assert 0 < len(kept) < len(points)  # crowded: some labels dropped
    assert any(p.leader for p in kept)  # and some moved out on a leader line
    for a, b in itertools.combinations(kept, 2):
        assert not a.box.overlaps(b.box)
    for p in kept:
        assert p.box.inside(placer.frame)
        assert not any(p.box.overlaps(o) for o in placer.obstacles)


def test_labels_are_drawn_at_their_measured_length(seeds):
    corpus, index = seeds
    svg = map_svg(map_places(corpus, index), href)
    for t in svg.iter("text"):
        assert t.get("lengthAdjust") == "spacingAndGlyphs"
        size = float(t.get("font-size"))
        assert float(t.get("textLength")) == pytest.approx(text_width(t.text, size, t.get("font-weight") == "bold"))


# ---------------------------------------------------------------- determinism and speed


def _figures(corpus, index) -> dict[str, bytes]:
    return {
        "map": standalone(map_svg(map_places(corpus, index), href)),
        "timeline": standalone(timeline_svg(timeline_marks(corpus, index), href)),
        "network": standalone(network_svg(cooccurrence(corpus, index), href)),
    }


def test_same_input_same_bytes(seeds):
    corpus, index = seeds
    first = _figures(corpus, index)
    assert first == _figures(corpus, index)
    for data in first.values():
        etree.fromstring(data)  # a well-formed SVG file
    assert to_bytes(network_svg(synthetic_network(), href)) == to_bytes(network_svg(synthetic_network(), href))


def test_same_bytes_in_another_process_with_another_hash_seed(seeds):
    corpus, index = seeds
    here = {k: hashlib.sha256(v).hexdigest() for k, v in _figures(corpus, index).items()}
    code = (
        "import hashlib, json, sys; from pathlib import Path; sys.path.insert(0, 'tests');"
        "from test_figures import _figures; from toolkit.io.project import load_corpus;"
        "from toolkit.model.index import build_index; c, _ = load_corpus(Path('tei'));"
        "print(json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in _figures(c, build_index(c)).items()}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    import json

    assert json.loads(out.stdout.strip().splitlines()[-1]) == here


def test_a_thousand_documents(capsys):
    """Each picture of a 1,000-document corpus; the times are printed, not asserted."""
    data = {"map": synthetic_places(), "timeline": synthetic_marks(), "network": None}
    times = {}
    t = time.perf_counter()
    data["network"] = synthetic_network()
    times["network data"] = time.perf_counter() - t
    for name, draw in (("map", map_svg), ("timeline", timeline_svg), ("network", network_svg)):
        t = time.perf_counter()
        svg = draw(data[name], href)
        times[name] = time.perf_counter() - t
        assert len(to_bytes(svg)) > 1000
    with capsys.disabled():
        print("\n1,000 documents: " + ", ".join(f"{k} {v:.3f} s" for k, v in times.items()))


# ---------------------------------------------------------------- the editions' wrappers


def test_html_figures_fit_the_pages_policy(seeds):
    corpus, index = seeds
    from toolkit.render.html import paths
    from toolkit.render.html.figure_pages import (
        chronology_figure,
        document_map_figure,
        network_page,
        places_figure,
    )
    from toolkit.render.html.links import SiteLinks
    from toolkit.render.html.page import render_page

    links = SiteLinks(corpus, index, paths.INDEX_PAGES["place"])
    fig = places_figure(corpus, index, links)
    assert fig.xpath("figcaption/a/@href")[0].startswith("#letter-")
    markers = fig.xpath(".//a[contains(@class, 'place')]/@href")
    assert markers and all(h.startswith("places.html#") or h.startswith("#") for h in markers)
    doc_links = SiteLinks(corpus, index, paths.document(corpus.documents[0].docid))
    mini = document_map_figure(corpus.documents[0], corpus, index, doc_links)
    assert mini.xpath(".//a[contains(@class, 'place')]/@href") == ["../places.html#almaty"]
    chron = chronology_figure(corpus, index, SiteLinks(corpus, index, paths.CHRONOLOGY))
    assert all(h.startswith("#date-") for h in chron.xpath(".//a[contains(@class, 'mark')]/@href"))
    net = network_page(corpus, index, SiteLinks(corpus, index, paths.NETWORK))
    page = render_page(paths.NETWORK, "Сеть", "Издание", net)
    import html5lib

    tree = html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)
    for el in tree.iter():
        if isinstance(el.tag, str):
            assert "style" not in el.attrib and el.tag not in ("script", "style") or el.get("src")
    assert tree.xpath("//dl[@class='network-pairs']/dt/a/@href")[0].startswith(("persons.html#", "orgs.html#"))
    for figure in (fig, mini, chron):
        no_style(figure.find(".//svg"))


def test_plates_in_the_book_carry_the_same_drawing(seeds):
    """The plates part rendered by WeasyPrint: the labels come out as text, each marked
    mark has a link, the links point into the book."""
    import pypdf

    from toolkit.model.edition import EditionConfig
    from toolkit.render.pdf.config import PageSettings
    from toolkit.render.pdf.plates import plates_part
    from toolkit.render.pdf.reading import INTERNAL
    from toolkit.render.pdf.render import Renderer
    from toolkit.render.pdf.style import stylesheet

    corpus, index = seeds
    html = plates_part(corpus, index, EditionConfig("odkb", "Документы ОДКБ"), PageSettings()).html
    rendered = Renderer(stylesheet(PageSettings(), None), {}).render(html, lambda n: 0)
    assert rendered.pages == 3 and not rendered.refused
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    pages = [p.extract_text() for p in reader.pages]
    svgs = [
        map_svg(map_places(corpus, index), href),
        timeline_svg(timeline_marks(corpus, index), href),
        network_svg(cooccurrence(corpus, index), href),
    ]
    for text, svg in zip(pages, svgs):
        flat = " ".join(text.split())
        for t in svg.iter("text"):
            assert " ".join(t.text.split()) in flat, t.text
    for page, svg in zip(reader.pages, svgs):
        uris = [a.get_object()["/A"].get("/URI", "") for a in page.get("/Annots") or []]
        assert len(uris) == len(svg.xpath("//a[@href]"))
        assert all(u.startswith(INTERNAL) for u in uris)


def test_the_basemap_is_shipped_small_with_its_licence():
    data = ROOT / "toolkit" / "render" / "figures" / "data"
    assert (data / "basemap.json").stat().st_size < 300_000
    readme = (data / "README.md").read_text("utf-8")
    assert "Natural Earth" in readme and "public domain" in readme
    assert "ISC" in readme and (data / "LICENSE-world-atlas").is_file()
    base = geo.basemap()
    assert {"Kazakhstan", "Kyrgyzstan", "Russia", "Armenia", "Belarus", "Tajikistan"} <= set(base.countries)
