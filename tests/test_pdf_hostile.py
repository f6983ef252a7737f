"""Hostile TEI makes a harmless PDF: no javascript: (or any non-http) link, no fetched
image or stylesheet, no attachment but the TEI; the text is printed as text.
tests/cases/pdf/hostile/hostile.xml is tests/cases/html/hostile/hostile.xml plus an
external image (<graphic>), a CSS background and an attachment link; it is invalid
against the schema on purpose (the renderer must be safe on its own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import book_of

import toolkit.render.pdf.fetch as fetch
from toolkit.commands.build import run_pdf as run_build_pdf
from toolkit.model.edition import EditionConfig
from toolkit.render.fonts import font_dir
from toolkit.render.pdf.check import annotation_subtypes, embedded_files, image_xobjects, norm, page_texts, reader, uris

pytestmark = pytest.mark.slow  # WeasyPrint lays out whole books

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "cases" / "pdf" / "hostile"


@pytest.fixture(scope="module")
def fetched():
    return []


@pytest.fixture(scope="module")
def built(fetched):
    mp = pytest.MonkeyPatch()
    original = fetch.AssetFetcher.fetch

    def recording(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    mp.setattr(fetch.AssetFetcher, "fetch", recording)
    try:
        files = book_of(HOSTILE, EditionConfig("hostile", "Издание <script>alert('edition')</script>"), pdfa=True)
    finally:
        mp.undo()
    return files


def test_builds_with_located_warnings(built):
    assert built.ok
    assert set(built) == {"hostile.pdf", "statement-2022-01-01.pdf"}
    codes = {d.code for d in built.diagnostics}
    assert "html.unsafe-link" in codes
    assert all(
        re.match(r"^tests/cases/pdf/hostile/hostile\.xml:\d+:\d+: warning: ", str(d))
        for d in built.diagnostics
        if d.code.startswith("html.")
    )
    assert not [d for d in built.diagnostics if d.code == "pdf.check"]


def test_nothing_is_fetched_but_the_book_font(fetched, built):
    assert fetched
    assert all(url.startswith(font_dir().as_uri() + "/") for url in fetched), fetched


@pytest.mark.parametrize("name", ["hostile.pdf", "statement-2022-01-01.pdf"])
def test_no_unsafe_link_no_image_no_foreign_attachment(built, name):
    data = built[name]
    links = uris(data)
    # a link with rel="attachment" stays a link: the file is not fetched nor attached
    assert links and set(links) <= {"https://example.org/ok", "https://example.org/attach.pdf"}
    assert not [u for u in links if re.match(r"\s*(javascript|vbscript|data|file):", u, re.I)]
    assert b"/uri (javascript" not in data.lower() and b"/javascript" not in data.lower()
    assert annotation_subtypes(data) <= {"/Link"}
    assert image_xobjects(data) == 0
    assert set(embedded_files(data)) <= {
        "hostile.xml",
        "registers-orgs.xml",
        "registers-persons.xml",
        "registers-places.xml",
    }
    root = reader(data).trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root and "/JavaScript" not in (root.get("/Names") or {})


def test_hostile_text_is_printed_as_text(built):
    text = norm(" ".join(page_texts(built["hostile.pdf"])))
    assert "текст <script>alert(1)</script> и ссылка-скрипт" in text
    assert "</dd><script>alert(2)</script>" in text
    assert "издание <script>alert('edition')</script>" in text


def test_the_schema_gate_refuses_hostile_tei(tmp_path):
    toml = tmp_path / "hostile.toml"
    toml.write_text('title = "Враждебное издание"\n', "utf-8")
    lines = []
    out = tmp_path / "pdf"
    assert run_build_pdf(HOSTILE, toml, out, lines.append) == 1
    assert not out.exists()
    assert lines[-1].startswith("PDF edition not built:")


def test_renderer_alone_attaches_and_fetches_nothing():
    """Even HTML that skipped the sanitiser cannot make the renderer attach or fetch."""
    from toolkit.render.pdf.assemble import Meta, Part, assemble
    from toolkit.render.pdf.config import PageSettings
    from toolkit.render.pdf.render import Renderer
    from toolkit.render.pdf.style import stylesheet

    renderer = Renderer(stylesheet(PageSettings(), None), {})
    html = (
        '<html><head><link rel="attachment" href="file:///etc/passwd"><link rel="stylesheet" href="https://evil.example/x.css">'
        '</head><body><p style="background: url(https://evil.example/bg.png)">текст '
        '<a rel="attachment" href="https://evil.example/file.bin">вложение</a> '
        '<a href="javascript:alert(1)">скрипт</a> <img src="https://evil.example/x.png"> '
        '<img src="file:///etc/hostname"></p></body></html>'
    )
    rendered = renderer.render(html, lambda n: 0)
    assert {
        "https://evil.example/x.css",
        "https://evil.example/bg.png",
        "https://evil.example/x.png",
        "file:///etc/hostname",
    } <= set(rendered.refused)
    assert image_xobjects(rendered.pdf) == 0 and embedded_files(rendered.pdf) == {}
    book = assemble(
        [Part(rendered.pdf, rendered.anchors)],
        meta=Meta("t", (), "", 0),
        outline=[],
        labels=[],
        attachments=[],
        pdfa=False,
    )
    assert annotation_subtypes(book) <= {"/Link"} and not [u for u in uris(book) if not u.startswith("https://")]
    assert embedded_files(book) == {}


def test_self_check_reports_what_should_never_be_there():
    import io

    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    from toolkit.render.pdf.check import check_pdf

    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/A"): DictionaryObject(
                {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("javascript:alert(1)")}
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    writer.add_attachment("evil.bin", b"x")
    out = io.BytesIO()
    writer.write(out)
    problems = check_pdf(out.getvalue(), {"a.xml"})
    assert any("javascript:alert(1)" in p for p in problems)
    assert any("evil.bin" in p for p in problems)
