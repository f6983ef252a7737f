"""The PDF renderer's small parts: page settings, page ranges, the page ledger, the
fetcher that lets WeasyPrint read only the book font, the HTML sanitiser."""

from __future__ import annotations

import multiprocessing
import tomllib
from concurrent.futures import ProcessPoolExecutor

import pytest
from lxml import html as lhtml

from toolkit.render.fonts import FACES, font_dir
from toolkit.render.pdf.config import PageSettings, parse_pdf_table
from toolkit.render.pdf.fetch import AssetFetcher, RefusedFetch
from toolkit.render.pdf.pages import LocalLedger, SharedLedger, slot
from toolkit.render.pdf.parts import page_ranges, sanitize
from toolkit.render.pdf.reading import INTERNAL


@pytest.mark.parametrize(
    "page, size",
    [("A4", (210, 297)), ("a5", (148, 210)), ("B5", (176, 250)), ("170x240mm", (170, 240)), ("170×240 mm", (170, 240))],
)
def test_page_sizes(page, size):
    settings, problems = parse_pdf_table({"page": page}, "e.toml")
    assert not problems
    assert (settings.width_mm, settings.height_mm) == size
    assert settings.size_css == f"{size[0]}mm {size[1]}mm"


def test_defaults_and_overrides():
    settings, _ = parse_pdf_table(None, "e.toml")
    assert settings == PageSettings()
    small, _ = parse_pdf_table({"page_size": "A5"}, "e.toml")
    assert small.font_size == "10pt" and small.margin_inner == "19mm"
    custom, problems = parse_pdf_table(
        {
            "page": "A4",
            "margin_inner": "30mm",
            "font_size": "10.5pt",
            "running_title": "ОДКБ",
            "date": "2026",
            "bleed": "3mm",
        },
        "e.toml",
    )
    assert not problems
    assert (custom.margin_inner, custom.font_size, custom.running_title, custom.date, custom.bleed) == (
        "30mm",
        "10.5pt",
        "ОДКБ",
        "2026",
        "3mm",
    )


@pytest.mark.parametrize(
    "setting, fragment",
    [
        ('page = "Letter"', "is not a page size"),
        ('page_size = "20x20"', "is not a page size"),
        ('margin_top = "2 furlongs"', "margin_top"),
        ('margin_top = "200mm"', "margin_top"),
        ('font_size = "40pt"', "font_size"),
        ('colour = "red"', 'unknown setting "colour"'),
        ("date = 2025", "date must be text"),
    ],
)
def test_bad_settings_are_located_errors(setting, fragment):
    # located at the setting's value inside [pdf], not at a same-named key elsewhere
    text = f'title = "x"\n[html]\n{setting}\n\n[pdf]\n{setting}\n'
    settings, problems = parse_pdf_table(tomllib.loads(text)["pdf"], "editions/x.toml", text.splitlines())
    assert settings is None
    column = setting.index("=") + 3
    assert problems and all(
        str(p).startswith(f"editions/x.toml:6:{column}: error:") and p.code == "edition.pdf" for p in problems
    ), [str(p) for p in problems]
    assert any(fragment in p.message for p in problems)
    # without the file's lines (a table built in code) the position falls back to 1:1
    _, problems = parse_pdf_table(tomllib.loads(text)["pdf"], "editions/x.toml")
    assert all((p.line, p.col) == (1, 1) for p in problems)


def test_page_ranges_merge_consecutive_pages():
    pages = {12: "a", 13: "b", 14: "c", 17: "d", 19: "e", 20: "f", 3: "g"}
    assert page_ranges(pages) == [("3", "g"), ("12–14", "a"), ("17", "d"), ("19–20", "e")]
    assert page_ranges({}) == []
    assert page_ranges({5: "x"}) == [("5", "x")]


def test_local_ledger_documents_start_on_right_hand_pages():
    ledger = LocalLedger(4)
    assert ledger.offset(0, 3) == 0  # pages 1–3, blank 4
    assert ledger.offset(1, 2) == 4  # pages 5–6
    assert ledger.offset(2, 1) == 6  # page 7, blank 8
    assert ledger.offset(3, 5) == 8
    assert [slot(n) for n in (0, 1, 2, 3)] == [0, 2, 2, 4]


def _report(args):
    from toolkit.render.pdf import pages

    k, n = args
    return k, pages._test_ledger.offset(k, n)


def _init_ledger(ledger):
    from toolkit.render.pdf import pages

    pages._test_ledger = ledger


def test_shared_ledger_across_processes():
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    counts = [3, 2, 1, 5, 4, 1, 2, 7]
    ledger = SharedLedger(ctx, len(counts))
    with ProcessPoolExecutor(3, mp_context=ctx, initializer=_init_ledger, initargs=(ledger,)) as pool:
        offsets = dict(pool.map(_report, list(enumerate(counts))))
    expected, start = [], 0
    for n in counts:
        expected.append(start)
        start += slot(n)
    assert [offsets[k] for k in range(len(counts))] == expected


def test_shared_ledger_fail_releases_the_waiters():
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    ledger = SharedLedger(ctx, 2)
    ledger.fail(0)  # document 0 could not be rendered
    assert ledger.offset(1, 3) == 0


def test_fetcher_serves_only_the_book_font(tmp_path):
    fetcher = AssetFetcher([font_dir()])
    font = (font_dir() / FACES[0][0]).as_uri()
    assert fetcher.fetch(font).read()[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO")
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    for url in (
        "https://evil.example/x.png",
        "http://127.0.0.1/",
        secret.as_uri(),
        "file:///etc/passwd",
        "data:image/png;base64,AAAA",
        "ftp://example.org/x",
        (font_dir() / ".." / ".." / "__init__.py").as_uri(),
        font + "?x=1",
        "file://evil.example" + font_dir().as_posix() + "/" + FACES[0][0],
    ):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 9


def test_sanitize_keeps_only_our_vocabulary():
    root = lhtml.fromstring(
        '<div><a href="javascript:alert(1)" onclick="x()">js</a><a href="#p1">here</a>'
        '<a href="https://example.org/" rel="attachment">web</a><img src="https://evil.example/x.png">'
        '<link rel="attachment" href="file:///etc/passwd"><span style="background:url(x)">s</span>'
        '<script>alert(1)</script><p data-x="1" title="t">p</p></div>'
    )
    sanitize(root)
    out = lhtml.tostring(root, encoding="unicode")
    assert "javascript" not in out and "onclick" not in out and "<img" not in out and "<link" not in out
    assert "style=" not in out and "<script" not in out and "rel=" not in out and "data-x" not in out
    assert f'href="{INTERNAL}p1"' in out and 'href="https://example.org/"' in out
    assert "js" in out and "alert(1)" in out  # text is kept, as text
