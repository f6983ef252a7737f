"""The book's plates (issue 16): the map, the timeline and the network as a part after the
indexes, with a contents row and an outline entry each; checked on the built book: the
plates' labels come out of the PDF as text (pypdf and pdftotext), the pictures are vector
(no image anywhere on their pages), every linked mark is a link to its entry's page in
the indexes, and nothing before the plates moved. Also the plates of 1,000 generated
documents, laid out alone: a long timeline goes over several pages at the page's width.
"""

# ruff: noqa: F811 (the tests take the fixtures imported from seeds_book.py as parameters)
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import load_corpus
from seeds_book import book, built, corpus_index, edition  # noqa: F401 (fixtures, asked for by name)

from toolkit.model.index import build_index
from toolkit.render.figures.map import map_svg
from toolkit.render.figures.network import cooccurrence, network_svg
from toolkit.render.figures.places import map_places
from toolkit.render.figures.timeline import timeline_svg
from toolkit.render.figures.timemarks import timeline_marks
from toolkit.render.pdf.check import norm, outline, page_texts, reader

pytestmark = pytest.mark.slow  # WeasyPrint lays out the book

ROOT = Path(__file__).resolve().parent.parent
TEI = ROOT / "tei"
TITLES = ("Карта мест, упомянутых в документах", "Хронология: линия времени", "Кто упоминается вместе с кем")


@pytest.fixture(scope="module")
def plate_pages(book) -> list[int]:
    """The physical page of each plate (from the outline), in order."""
    items = outline(book)
    top = [k for k, (depth, title, _) in enumerate(items) if depth == 0 and title == "Иллюстрации"]
    assert len(top) == 1
    return [page for depth, title, page in items[top[0] + 1 :] if depth == 1]


def svgs(corpus, index) -> list:
    def href(key: str) -> str:
        return "#" + key

    return [
        map_svg(map_places(corpus, index), href),
        timeline_svg(timeline_marks(corpus, index), href),
        network_svg(cooccurrence(corpus, index), href),
    ]


def test_the_plates_come_last_with_an_outline_entry_and_a_contents_row_each(built, book, plate_pages):
    items = outline(book)
    assert [title for depth, title, _ in items if depth == 0][-2:] == ["Указатели", "Иллюстрации"]
    plates = [title for depth, title, _ in items if depth == 1 and title.startswith("Иллюстрация")]
    assert plates == [f"Иллюстрация {k}. {t}" for k, t in enumerate(TITLES, 1)]
    last_index = max(page for depth, title, page in items if title == "Хронологический указатель")
    assert plate_pages == sorted(plate_pages) and plate_pages[0] > last_index
    assert plate_pages[-1] == len(reader(book).pages) - 1  # the book ends with the plates
    labels = reader(book).page_labels
    rows = dict(built.contents)
    texts = page_texts(book)
    for title, page in zip(plates, plate_pages):
        assert rows[title] == labels[page]  # the contents row gives the page the plate is on
        assert norm(title) in norm(texts[page])
    toc = " ".join(norm(t) for t in texts if "содержание" in norm(t))
    assert "иллюстрации" in toc and all(norm(t)[:30] in toc for t in plates)


def test_the_plates_text_is_the_figures_labels(book, plate_pages, corpus_index):
    """pypdf's text of each plate page holds every label of its picture: the SVG went in
    as drawing and text, not as an image."""
    texts = page_texts(book)
    for page, svg in zip(plate_pages, svgs(*corpus_index)):
        flat = " ".join(texts[page].split())
        labels = [" ".join(t.text.split()) for t in svg.iter("text")]
        assert labels
        missing = [label for label in labels if label not in flat]
        assert not missing, (page, missing)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdftotext_reads_the_plates_labels(book, plate_pages, corpus_index, tmp_path):
    path = tmp_path / "book.pdf"
    path.write_bytes(book)
    for page, svg in zip(plate_pages, svgs(*corpus_index)):
        out = subprocess.run(
            ["pdftotext", "-f", str(page + 1), "-l", str(page + 1), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        flat = " ".join(out.split())
        for name in ("Алматы", "Душанбе", "КАЗАХСТАН", "2019", "ОДКБ", "Число упоминаний"):
            if any(t.text == name or (t.text or "").startswith(name) for t in svg.iter("text")):
                assert name in flat, (page, name)


def _images(obj, seen=None) -> int:
    """Image XObjects in a resource dictionary, through Form XObjects and patterns."""
    seen = seen if seen is not None else set()
    count = 0
    for group in ("/XObject", "/Pattern"):
        for ref in (obj.get(group) or {}).values():
            x = ref.get_object()
            if id(x) in seen:
                continue
            seen.add(id(x))
            if x.get("/Subtype") == "/Image":
                count += 1
            res = x.get("/Resources")
            if res is not None:
                count += _images(res.get_object(), seen)
    return count


def test_the_plates_are_vector(book, plate_pages):
    r = reader(book)
    for page in plate_pages:
        p = r.pages[page]
        assert _images(p["/Resources"].get_object()) == 0, page
        drawing = p.get_contents().get_data()
        assert len(re.findall(rb"\b(?:l|c|re)\b", drawing)) > 50, page  # paths: drawn, not pasted


def test_every_linked_mark_links_to_its_entry_in_the_indexes(book, plate_pages, corpus_index):
    r = reader(book)
    items = outline(book)
    first_index = min(page for depth, title, page in items if title == "Указатель лиц")
    refs = {p.indirect_reference.idnum: k for k, p in enumerate(r.pages)}
    for page, svg in zip(plate_pages, svgs(*corpus_index)):
        annots = [a.get_object() for a in r.pages[page].get("/Annots") or []]
        assert len(annots) == len(svg.xpath("//a[@href]")), page
        for annot in annots:
            target = refs[annot["/Dest"][0].idnum]
            assert first_index <= target < plate_pages[0], (page, target)


SMALLEST_PT = 6.0  # no label printed smaller


def printed_sizes(plates_html: str, settings) -> dict[str, float]:
    """Each plate's smallest label as printed (pt): its font size in the picture's units,
    scaled by the width the plate is printed at (its share of the text block)."""
    from lxml import html as lhtml

    from toolkit.render.pdf.plates import _room

    text_w, _ = _room(settings)
    out = {}
    for fig in lhtml.fromstring(plates_html).iter("figure"):
        art = fig.find(".//div[@class='plate-art']")
        svg = next(fig.iter("svg"))
        width_mm = text_w * float(re.match(r"width:([\d.]+)%", art.get("style")).group(1)) / 100
        units = float(svg.get("viewbox").split()[2])
        smallest = min(float(t.get("font-size")) for t in svg.iter("text"))
        out[fig.get("id")] = smallest * width_mm / units * 72 / 25.4
    return out


def test_the_plates_stay_legible_at_a4(corpus_index, edition, thousand):
    """Every label of every plate, the seeds' and 1,000 documents', prints at 6 pt or more
    on A4 (a long timeline goes over several pages rather than shrink)."""
    from toolkit.render.pdf.plates import plates_part

    config, settings = edition
    assert (settings.width_mm, settings.height_mm) == (210.0, 297.0)
    big, _ = load_corpus(thousand, config.documents)
    for corpus, index in (corpus_index, (big, build_index(big))):
        sizes = printed_sizes(plates_part(corpus, index, config, settings).html, settings)
        assert len(sizes) >= 3
        small = {k: round(v, 2) for k, v in sizes.items() if v < SMALLEST_PT}
        assert not small, small


def test_the_plates_of_a_thousand_documents(thousand, edition):
    """The 1,000-document corpus's plates part laid out alone: every picture is there, the
    timeline over more than one page, each page at the text block's width, labels as text."""
    from toolkit.render.pdf.plates import plates_part
    from toolkit.render.pdf.render import Renderer
    from toolkit.render.pdf.style import stylesheet

    config, settings = edition
    corpus, _ = load_corpus(thousand, config.documents)
    index = build_index(corpus)
    plates = plates_part(corpus, index, config, settings)
    assert [t for _, t in plates.items] == [f"Иллюстрация {k}. {t}" for k, t in enumerate(TITLES, 1)]
    assert len(re.findall(r'<figure class="plate" id="plate-timeline', plates.html)) > 1
    assert "width:20.0%" not in plates.html and re.findall(r"width:100\.0%", plates.html)
    rendered = Renderer(stylesheet(settings, None), {}).render(plates.html, lambda n: 0)
    import pypdf

    pdf = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    assert len(pdf.pages) == plates.html.count('class="plate"') and not rendered.refused
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for label in ("Алматы", "Бишкек", "ОДКБ", "Число упоминаний", "дата документа", "(продолжение)"):
        assert label in text, label
    assert all(_images(p["/Resources"].get_object()) == 0 for p in pdf.pages)
