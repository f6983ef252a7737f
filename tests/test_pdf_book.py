"""The PDF edition of the project's corpus, checked on structure (pages, outline, fonts,
metadata, page numbers against the extracted text), never on bytes.

Longer than the house's 400 lines on purpose: one topic's cases beside the module-scoped
fixtures they share (built once per module); split it when the topic splits."""

# ruff: noqa: F811 (the tests take the fixtures imported from seeds_book.py as parameters)
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import book_of
from seeds_book import book, built, corpus_index, edition  # noqa: F401 (fixtures, asked for by name)

from toolkit.render.pdf.check import (
    annotation_subtypes,
    embedded_files,
    fonts,
    mentions,
    norm,
    outline,
    page_texts,
    reader,
    uris,
)
from toolkit.render.pdf.parts import page_ranges
from toolkit.render.wording import describe_date

pytestmark = pytest.mark.slow  # WeasyPrint lays out whole books

ROOT = Path(__file__).resolve().parent.parent
TEI = ROOT / "tei"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def texts(book):
    return page_texts(book)


@pytest.fixture(scope="module")
def labels(book):
    return reader(book).page_labels


@pytest.fixture(scope="module")
def archival(edition):
    """PDF/A-3b with 3 mm bleed, rendered by two processes."""
    mp = pytest.MonkeyPatch()
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)
    try:
        files = book_of(TEI, *edition, jobs=2, pdfa=True, bleed="3mm")
    finally:
        mp.undo()
    assert files.ok, [str(d) for d in files.diagnostics]
    return files


def physical(labels: list[str], label: str | int) -> int:
    return labels.index(str(label))


def test_no_warnings_of_the_pdf_stages(built):
    # pdf.harfbuzz-subset: only a hint that the system lacks libharfbuzz-subset0
    assert not [str(d) for d in built.diagnostics if d.code.startswith("pdf.") and d.code != "pdf.harfbuzz-subset"]


def test_page_count_and_numbering(book, built, labels, corpus_index):
    corpus, _ = corpus_index
    n = len(reader(book).pages)
    assert n == built.pages
    assert 15 <= n <= 80  # 5 documents of 1–4 pages, front matter, four indexes
    assert n % 2 == 0 or labels[-1].isdigit()
    front = [label for label in labels if not label.isdigit()]
    assert front == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][: len(front)]
    assert len(front) % 2 == 0  # page 1 is a right-hand page
    body = [int(label) for label in labels if label.isdigit()]
    assert body == list(range(1, len(body) + 1))


def test_documents_start_on_right_hand_pages_in_date_order(built, corpus_index, texts, labels):
    corpus, _ = corpus_index
    rows = dict(built.contents)
    starts = [int(rows[_title(d)]) for d in corpus.documents]
    assert starts == sorted(starts)
    for doc, page in zip(corpus.documents, starts):
        assert page % 2 == 1, doc.docid
        assert mentions(norm(doc.meta.title)[:50], texts[physical(labels, page)])


def _title(doc):
    from toolkit.render.wording import cut

    return cut(doc.meta.title, 200)


def test_contents_page_numbers_are_where_the_titles_are(built, texts, labels):
    toc = [norm(t) for t in texts if "содержание" in norm(t)]
    assert toc
    for title, page in built.contents:
        assert page, title
        assert f"{norm(title)[:30]}" in " ".join(toc) or mentions(norm(title)[:30], " ".join(texts[:8]))
        assert (
            mentions(norm(title)[:25], texts[physical(labels, page)])
            or title.startswith("Указатель")
            or title.startswith("Хронолог")
        )


def test_half_title_title_page_and_editors(texts, edition):
    config = edition[0]
    assert mentions(norm(config.title), texts[0])
    assert norm(texts[1]) == ""  # the half-title's verso is blank
    title_page = texts[2]
    assert mentions(norm(config.title), title_page)
    for editor in config.editors:
        assert mentions(norm(editor), title_page)
    assert re.search(r"\b20\d\d\b", title_page)


def test_outline_has_front_matter_each_document_and_each_index(book, corpus_index, texts):
    corpus, _ = corpus_index
    items = outline(book)
    top = [title for depth, title, _ in items if depth == 0]
    assert top[:1] == ["Титул"] and "Содержание" in top and "Документы" in top and "Указатели" in top
    docs = [
        (title, page)
        for depth, title, page in items
        if depth == 1 and "указатель" not in title.lower() and not title.startswith("Иллюстрация")
    ]
    assert len(docs) == len(corpus.documents)
    for (_title, page), doc in zip(docs, corpus.documents):
        assert mentions(norm(doc.meta.title)[:40], texts[page])
    indexes = [title for depth, title, _ in items if depth == 1 and "указатель" in title.lower()]
    assert indexes == [
        "Указатель лиц",
        "Указатель географических названий",
        "Указатель организаций",
        "Хронологический указатель",
    ]
    for _depth, title, page in items:
        if title in indexes:
            assert mentions(norm(title), texts[page])


def test_every_font_is_the_book_face_embedded_and_subset(book):
    found = fonts(book)
    assert found
    for font in found:
        assert font["embedded"], font
        assert re.match(r"^/[A-Z]{6}\+Edition-Serif", font["name"]), font  # subset tag + the package's face
    names = {re.sub(r"^/[A-Z]{6}\+", "", f["name"]) for f in found}
    assert {"Edition-Serif", "Edition-Serif-Bold", "Edition-Serif-Italic"} <= names


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_pdffonts_agrees(book, tmp_path):
    path = tmp_path / "book.pdf"
    path.write_bytes(book)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        cols = line.split()
        assert cols[-5:-3] == ["yes", "yes"], line  # emb, sub


def test_metadata(book, edition):
    config = edition[0]
    r = reader(book)
    info = r.metadata
    assert info.title == config.title
    assert info["/Author"] == ", ".join(config.editors)
    assert info["/CreationDate"] == "D:20250630000000Z"  # the latest document's date, SOURCE_DATE_EPOCH unset
    assert str(r.trailer["/Root"]["/Lang"]) == "ru"
    xmp = r.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert config.title in xmp and "<rdf:li>ru</rdf:li>" in xmp
    assert "pdfaid" not in xmp  # only the PDF/A variant claims conformance


def test_running_heads(texts, labels, edition, built, corpus_index):
    running = norm(edition[0].title.split(":")[0])
    body = [k for k, label in enumerate(labels) if label.isdigit()]
    left = [k for k in body if int(labels[k]) % 2 == 0 and norm(texts[k])]
    # margin boxes are drawn after the page body: the running head ends the page's text
    assert left and all(mentions(running, texts[k][-150:]) for k in left)
    corpus, _ = corpus_index
    firsts = {physical(labels, p) for _, p in built.contents}
    right = [k for k in body if int(labels[k]) % 2 == 1 and norm(texts[k]) and k not in firsts]
    titles = [norm(d.meta.title)[:30] for d in corpus.documents] + ["указатель", "иллюстрации"]
    assert right and all(any(mentions(t, texts[k][-150:]) for t in titles) for k in right)


def test_editorial_notes_are_footnotes_and_residue_is_not_printed(texts):
    text = norm(" ".join(texts), dehyphenate=True)
    assert "в источнике: «токаве»" in text  # <choice><sic>Токаве</sic><corr>Токаев</corr>
    assert "датировка издателя: май 2019 г." in text  # an inferred date
    assert "читайте нас в telegram" not in text and "twitterfacebook" not in text
    assert "разрешено использование лишь 30%" not in text


def test_clause_numbers_in_the_margin(book, texts):
    text = " ".join(texts)
    assert re.search(r"абз\.\s*1\b", text) and re.search(r"п\.\s*1\b", text)


def test_russian_hyphenation(texts):
    hyphenated = re.findall(r"[а-яё]{2,}-\n[а-яё]{2,}", "\n".join(texts))
    assert hyphenated  # hyphens: auto with lang="ru"


def test_index_pages_mention_each_entry(built, corpus_index, texts, labels):
    """Every page number an index prints is a page on which the entry is mentioned (by a
    name form of its register entry or as the text has it), and is printed in the index."""
    corpus, index = corpus_index
    checked = 0
    first_index_page = physical(labels, min(int(p) for t, p in built.contents if t == "Указатель лиц"))
    index_text = "\n".join(texts[first_index_page:])
    for ref, occs in index.occurrences.items():
        entry = corpus.registers.get(ref)
        forms = {norm(n) for n in entry.all_names} | {norm(o.text) for o in occs if o.text}
        pages = built.index_pages[ref]
        assert pages, ref
        printed = ", ".join(label for label, _ in page_ranges({p: "" for p in pages}))
        assert mentions(norm(entry.name), index_text) and mentions(printed, index_text), (ref, printed)
        for page in pages:
            text = texts[physical(labels, page)]
            assert any(mentions(form, text) for form in forms) or _first_words(forms, text), (ref, page, forms)
            checked += 1
    for entry in index.chronology:
        forms = {norm(describe_date(entry.attrs))} | {norm(o.text) for o in entry.occurrences if o.text}
        pages = built.index_pages[entry.key]
        assert pages, entry.key
        for page in pages:
            text = texts[physical(labels, page)]
            assert any(mentions(form, text) for form in forms) or _first_words(forms, text), (entry.key, page, forms)
            checked += 1
    assert checked > 50


def _first_words(forms, text) -> bool:
    """A mention broken by a page break: the page ends with its first word(s)."""
    end = norm(text)[-200:]
    return any(" " in f and len(f.split()[0]) >= 4 and f.split()[0] in end for f in forms)


def test_index_is_in_russian_alphabetical_order(corpus_index, built):
    corpus, index = corpus_index
    from toolkit.model.index import ru_sort_key

    names = [entry.name for entry, _ in index.entries(corpus, "person")]
    assert names == sorted(names, key=ru_sort_key)


def test_links_are_page_destinations_or_http(book):
    assert annotation_subtypes(book) <= {"/Link"}
    assert all(u.startswith(("https://", "http://")) and "anchor.invalid" not in u for u in uris(book))
    internal = 0
    for page in reader(book).pages:
        for ref in page.get("/Annots") or []:
            if "/Dest" in ref.get_object():
                internal += 1
    assert internal > 50  # index numbers, contents, mentions → index entries


def test_one_pdf_per_document_with_the_books_page_numbers(built, corpus_index, labels):
    corpus, _ = corpus_index
    rows = dict(built.contents)
    for doc in corpus.documents:
        data = built[f"{doc.docid}.pdf"]
        r = reader(data)
        first = int(rows[_title(doc)])
        assert r.page_labels[0] == str(first)
        assert mentions(norm(doc.meta.title)[:40], page_texts(data)[0])
        assert list(embedded_files(data)) == [f"{doc.stem}.xml"]
        assert embedded_files(data)[f"{doc.stem}.xml"] == doc.data
        assert all("anchor.invalid" not in u for u in uris(data))


def test_pdfa_identification_and_tei_attachments(archival, edition, corpus_index):
    corpus, _ = corpus_index
    data = archival[f"{edition[0].name}.pdf"]
    r = reader(data)
    root = r.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"<pdfaid:part>3</pdfaid:part>", xmp) and re.search(
        r"<pdfaid:conformance>B</pdfaid:conformance>", xmp
    )
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    files = embedded_files(data)
    for doc in corpus.documents:
        assert files[f"{doc.stem}.xml"] == doc.data
    assert {name for name in files if name.startswith("registers-")} == {
        "registers-orgs.xml",
        "registers-persons.xml",
        "registers-places.xml",
    }
    af = [ref.get_object() for ref in root["/AF"]]
    assert len(af) == len(files) and all(spec["/AFRelationship"] == "/Source" for spec in af)
    assert "/ID" in r.trailer
    for page in r.pages:
        for ref in page.get("/Annots") or []:
            assert ref.get_object()["/F"] == 4  # printable, as PDF/A wants
    for doc in corpus.documents:
        offprint = reader(archival[f"{doc.docid}.pdf"])
        assert "<pdfaid:part>3</pdfaid:part>" in offprint.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_bleed_adds_bleed_and_crop_marks(archival, book, edition):
    bled = reader(archival[f"{edition[0].name}.pdf"]).pages[10]
    media, trim = bled.mediabox, bled.trimbox
    assert media.width > trim.width and media.height > trim.height
    assert media.width - trim.width == pytest.approx(6 * MM, abs=0.05)
    assert trim.width == pytest.approx(210 * MM, abs=0.05) and trim.height == pytest.approx(297 * MM, abs=0.05)
    plain = reader(book).pages[10]
    assert plain.mediabox.width == pytest.approx(plain.trimbox.width)
    # the crop marks are drawn: the bled page has more drawing operators than the plain one
    assert len(bled.get_contents().get_data()) != len(plain.get_contents().get_data())


def test_blank_versos_have_crop_marks_too(archival, book, edition, texts):
    """With bleed, the blank pages the assembly puts before right-hand starts are WeasyPrint
    pages of the book: the same boxes and the same crop marks as the printed pages."""
    bled, plain = reader(archival[f"{edition[0].name}.pdf"]), reader(book)
    blanks = [k for k, text in enumerate(texts) if norm(text) == ""]
    assert blanks, "the book has blank versos"
    for k in blanks:
        page = bled.pages[k]
        assert page.mediabox.width > page.trimbox.width  # bleed
        marks = page.get_contents()
        assert marks is not None and len(marks.get_data()) > 50, k  # the crop marks are drawn
        assert page.extract_text().strip() == ""
        plain_page = plain.pages[k]
        assert plain_page.get_contents() is None or b" l" not in plain_page.get_contents().get_data()


def test_same_input_same_bytes(book, edition, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = book_of(TEI, *edition, jobs=1)
    assert again[f"{edition[0].name}.pdf"] == book


def test_parallel_build_equals_sequential(archival, edition, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sequential = book_of(TEI, *edition, jobs=1, pdfa=True, bleed="3mm")
    assert sequential.keys() == archival.keys()
    for name in sequential:
        assert sequential[name] == archival[name], name


def test_source_date_epoch_is_honoured(edition, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    corpus_dir = TEI
    config = edition[0]
    import dataclasses

    one = dataclasses.replace(config, documents=(sorted(p.stem for p in corpus_dir.glob("*.xml"))[0],))
    files = book_of(corpus_dir, one, edition[1])
    assert reader(files[f"{config.name}.pdf"]).metadata["/CreationDate"] == "D:20231114221320Z"


def test_same_bytes_when_fonttools_subsets_the_fonts(edition, monkeypatch):
    """Without libharfbuzz-subset0 WeasyPrint subsets with fontTools, which writes the
    time into the font unless SOURCE_DATE_EPOCH is set: the build sets it."""
    import dataclasses

    import weasyprint.pdf.fonts as wfonts

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(wfonts, "harfbuzz_subset", None)
    config = dataclasses.replace(edition[0], documents=tuple(sorted(p.stem for p in TEI.glob("*.xml"))[:2]))
    first = book_of(TEI, config, edition[1], jobs=1)
    second = book_of(TEI, config, edition[1], jobs=1)
    assert "pdf.harfbuzz-subset" in {d.code for d in first.diagnostics}
    assert [d for d in first.diagnostics if d.code == "pdf.harfbuzz-subset"][0].severity == "warning"
    for name in first:
        assert first[name] == second[name], name
    assert all(f["embedded"] for f in fonts(first[f"{config.name}.pdf"]))
