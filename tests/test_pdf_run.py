"""The PDF edition's edge (commands/build.py). Writes editions/<name>/pdf/ whole or not at all; page
settings from the edition's [pdf] table; located errors, never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from toolkit.commands.build import output_dir
from toolkit.commands.build import run_pdf as run_build_pdf
from toolkit.render.pdf.check import reader

pytestmark = pytest.mark.slow  # WeasyPrint lays out whole books

ROOT = Path(__file__).resolve().parent.parent
MM = 72 / 25.4


@pytest.fixture
def one_doc(tmp_path) -> Path:
    """A TEI folder with one short document and the registers."""
    tei = tmp_path / "tei"
    tei.mkdir()
    shutil.copytree(ROOT / "tei" / "registers", tei / "registers")
    shutil.copy(ROOT / "tei" / "001_251d533d022432de.xml", tei)
    (tmp_path / "schema").symlink_to(ROOT / "schema")
    return tei


def edition(tmp_path: Path, pdf: str = "") -> Path:
    toml = tmp_path / "editions" / "test.toml"
    toml.parent.mkdir(exist_ok=True)
    toml.write_text('title = "Пробное издание"\neditors = ["Редактор"]\n' + pdf, "utf-8")
    return toml


def test_builds_into_the_default_folder(tmp_path, one_doc):
    toml = edition(tmp_path)
    lines = []
    assert run_build_pdf(one_doc, toml, None, lines.append) == 0
    out = output_dir(toml, "pdf")
    assert out == tmp_path / "editions" / "test" / "pdf"
    assert sorted(p.name for p in out.iterdir()) == ["statement-2021-01-19.pdf", "test.pdf"]
    assert re.match(
        r"^PDF edition built: test\.pdf \(\d+ pages\) and 1 document PDF\(s\) in .+ \(\d+\.\d\d s, \d+ warning\(s\)\)$",
        lines[-1],
    )
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary folder left


@pytest.mark.parametrize("page, size", [("B5", (176, 250)), ("A5", (148, 210)), ("170x240mm", (170, 240))])
def test_page_size_from_the_edition(tmp_path, one_doc, page, size):
    toml = edition(tmp_path, f'[pdf]\npage = "{page}"\n')
    assert run_build_pdf(one_doc, toml, tmp_path / "out", lambda s: None) == 0
    data = (tmp_path / "out" / "test.pdf").read_bytes()
    for p in reader(data).pages:
        assert float(p.trimbox.width) == pytest.approx(size[0] * MM, abs=0.05)
        assert float(p.trimbox.height) == pytest.approx(size[1] * MM, abs=0.05)


def test_bleed_option(tmp_path, one_doc):
    toml = edition(tmp_path)
    assert run_build_pdf(one_doc, toml, tmp_path / "out", lambda s: None, bleed="3mm") == 0
    page = reader((tmp_path / "out" / "test.pdf").read_bytes()).pages[0]
    assert float(page.mediabox.width) == pytest.approx(float(page.trimbox.width) + 6 * MM, abs=0.05)


def test_errors_leave_the_previous_edition(tmp_path, one_doc):
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"%PDF old")
    lines = []
    assert run_build_pdf(one_doc, edition(tmp_path, '[pdf]\npage = "Letter"\n'), out, lines.append) == 1
    assert [p.name for p in out.iterdir()] == ["old.pdf"]
    assert any(re.match(r"^.*editions/test\.toml:4:8: error: .*Letter.* \[edition\.pdf\]$", line) for line in lines), (
        lines
    )
    assert lines[-1].startswith("PDF edition not built: 1 error(s)")
    lines.clear()
    assert run_build_pdf(one_doc, edition(tmp_path), out, lines.append, bleed="lots") == 1
    assert [p.name for p in out.iterdir()] == ["old.pdf"]


def test_missing_tei_folder_is_an_error(tmp_path):
    lines = []
    assert run_build_pdf(tmp_path / "nowhere", edition(tmp_path), tmp_path / "out", lines.append) == 1
    assert "io.missing" in "\n".join(lines) and not (tmp_path / "out").exists()


def test_rebuild_replaces_the_folder_whole(tmp_path, one_doc):
    toml = edition(tmp_path)
    out = tmp_path / "out"
    assert run_build_pdf(one_doc, toml, out, lambda s: None) == 0
    (out / "stale.pdf").write_bytes(b"x")
    first = (out / "test.pdf").read_bytes()
    assert run_build_pdf(one_doc, toml, out, lambda s: None, pdfa=True) == 0
    assert not (out / "stale.pdf").exists()
    assert (out / "test.pdf").read_bytes() != first  # the PDF/A variant


def test_a_renderer_failure_is_reported_not_raised(tmp_path, one_doc, monkeypatch):
    import toolkit.render.pdf.render as render

    def broken(self, html, offset_for):
        raise RuntimeError("pango exploded")

    monkeypatch.setattr(render.Renderer, "render", broken)
    lines = []
    assert run_build_pdf(one_doc, edition(tmp_path), tmp_path / "out", lines.append, jobs=1) == 1
    assert any("pango exploded" in line and "[pdf.render-failed]" in line for line in lines)
    assert not (tmp_path / "out").exists()


def test_mention_links_on_request(tmp_path, one_doc):
    def internal_links(pdf: str) -> int:
        toml = edition(tmp_path, pdf)
        out = tmp_path / f"out{len(pdf)}"
        assert run_build_pdf(one_doc, toml, out, lambda s: None) == 0
        r = reader((out / "statement-2021-01-19.pdf").read_bytes())  # the offprint: its own pages only
        book = reader((out / "test.pdf").read_bytes())
        return sum("/Dest" in a.get_object() for p in book.pages for a in (p.get("/Annots") or [])), len(r.pages)

    plain, _ = internal_links("")
    linked, _ = internal_links("[pdf]\nmention_links = true\n")
    assert linked > plain + 10  # every person, place, organisation and date of the text links to the index
