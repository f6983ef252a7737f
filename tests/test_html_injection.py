"""Hostile TEI never reaches a page as markup: text is escaped, only #ids, register
references and http(s) links leave the TEI, everything else is dropped with a located
warning. tests/cases/html/hostile/hostile.xml is deliberately invalid against the schema:
the renderer must be safe on its own, and the build's schema gate refuses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import site_of

from toolkit.commands.build import run_html as run_build_html
from toolkit.model.edition import EditionConfig
from toolkit.render.html.check import check_site, parse_page

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "cases" / "html" / "hostile"
PAGE = "documents/statement-2022-01-01.html"
LOCATED = re.compile(r"^tests/cases/html/hostile/hostile\.xml:(\d+):(\d+): warning: .+ \[(html\.[a-z-]+)\]$")


@pytest.fixture(scope="module")
def site():
    return site_of(HOSTILE, EditionConfig("hostile", "Издание <script>alert('edition')</script>"))


def test_text_is_escaped(site):
    for path, data in site.items():
        if not path.endswith(".html"):
            continue
        page = data.decode()
        # the only <script> elements are the site's own, with a src, and JSON-LD data blocks
        # (never run), in which no "<" of the text is left as it is
        tags = re.findall(r"<script\b[^>]*>", page)
        assert all('src="' in m or m == '<script type="application/ld+json">' for m in tags), tags
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
            assert "<" not in block
        assert "<script>" not in page and "<img" not in page and "<b onmouseover" not in page
    page = site[PAGE].decode()
    assert "Текст &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/dd&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    tree = parse_page(site[PAGE])
    assert tree.xpath("//script[not(@type='application/ld+json')]/@src") == ["../assets/edition.js"]
    assert len(tree.xpath("//script")) == 2  # and the page's JSON-LD
    assert "<script>alert(1)</script>" in tree.xpath("//div[@id='statement-2022-01-01-p1']/p")[0].text_content()


def test_only_safe_links_leave_the_tei(site):
    tree = parse_page(site[PAGE])
    hrefs = tree.xpath("//@href")
    assert not [h for h in hrefs if re.match(r"^\s*(javascript|vbscript|data|file):", h, re.I) and h != "data:,"]
    assert not [h for h in hrefs if h.startswith("//")]
    assert not tree.xpath("//@*[starts-with(name(), 'on')] | //@style")
    reading = tree.xpath("//div[@class='reading']")[0]
    assert reading.xpath(".//a[@href='https://example.org/ok']")
    assert reading.xpath(".//a[@href='#statement-2022-01-01-p1']")
    dropped = [e.text_content() for e in reading.xpath(".//span[contains(@class, 'ref-dropped')]")]
    assert dropped == ["ссылка-скрипт", "данные", "файл", "без схемы", "регистр", "кавычка", "vb", "ничто"]
    assert not tree.xpath("//dl[@class='meta']//a[contains(@href, 'javascript')]")
    assert "Лицензия <img src=x onerror=alert(1)>" in tree.xpath("//dl[@class='meta']")[0].text_content()


def test_unsafe_links_are_located_warnings(site):
    lines = [str(d) for d in site.diagnostics]
    assert all(LOCATED.match(line) for line in lines), lines
    unsafe = [line for line in lines if line.endswith("[html.unsafe-link]")]
    assert len(unsafe) == 9  # 7 refs in the text, the licence and the source pointer
    assert any(':31:58: warning: ref/@target "javascript:alert(1)"' in line for line in unsafe)
    assert any("licence/@target" in line for line in unsafe) and any("ptr/@target" in line for line in unsafe)
    assert any(line.endswith("[html.broken-link]") and '"#nowhere"' in line for line in lines)
    assert any(line.endswith("[html.unresolved-ref]") and "per:nobody" in line for line in lines)


def test_unknown_elements_warn_and_keep_their_text(site):
    unknown = [str(d) for d in site.diagnostics if d.code == "html.unknown-element"]
    assert len(unknown) == 2
    assert "<sp> has no HTML rendering" in unknown[0] and "<x:script>" in unknown[1]
    tree = parse_page(site[PAGE])
    p3 = tree.xpath("//div[@id='statement-2022-01-01-p3']/p")[0].text_content()
    assert "дополнено" in p3 and "чужое пространство имён" in p3


def test_the_site_is_still_whole(site):
    assert check_site(site) == []


def test_build_gate_refuses_invalid_tei(tmp_path):
    out = tmp_path / "html"
    out.mkdir()
    (out / "old.html").write_text("old site")
    lines: list[str] = []
    code = run_build_html(HOSTILE, ROOT / "editions" / "odkb.toml", out, lines.append)
    assert code == 1
    assert any(line.endswith("[schema]") and line.startswith("tests/cases/html/hostile/hostile.xml:") for line in lines)
    assert lines[-1].startswith("HTML edition not built")
    assert sorted(p.name for p in out.iterdir()) == ["old.html"]  # the previous site is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["html"]  # no temporary folder left


def test_without_the_gate_the_renderer_is_still_safe(tmp_path, monkeypatch):
    from toolkit.validate import gate

    monkeypatch.setattr(gate, "schema_problems", lambda *args, **kwargs: [])  # the gate let everything through
    lines: list[str] = []
    code = run_build_html(HOSTILE, ROOT / "editions" / "odkb.toml", tmp_path / "html", lines.append, search=False)
    assert code == 0, lines
    assert sum(line.endswith("[html.unsafe-link]") for line in lines) == 9
    page = (tmp_path / "html" / PAGE).read_text()
    assert "javascript:" not in page.lower()
