"""Hostile and broken input through `convert`, `validate` and `build`: located errors,
non-zero exit, no traceback, nothing read outside the project, nothing published."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    from click.testing import CliRunner

    from toolkit.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "editions", tmp_path / "editions", ignore=shutil.ignore_patterns("odkb"))
    secret = tmp_path.parent / f"{tmp_path.name}-secret.xml"
    secret.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>SECRET-CONTENT</p></body></text></TEI>')
    monkeypatch.chdir(tmp_path)
    return tmp_path, secret


def test_symlink_out_of_the_project_is_not_read_by_validate(project):
    root, secret = project
    os.symlink(secret, root / "tei" / "evil.xml")
    result = run("validate")
    assert result.exit_code == 1
    assert "tei/evil.xml:0:0: error:" in result.output and "[io.outside]" in result.output
    assert "SECRET" not in result.output


def test_symlink_out_of_the_project_is_never_published(project):
    root, secret = project
    os.symlink(secret, root / "tei" / "evil.xml")
    result = run("build", "--html", "--no-search", "-o", "site")
    assert "[io.outside]" in result.output
    for f in (root / "site").rglob("*") if (root / "site").exists() else []:
        if f.is_file():
            assert b"SECRET-CONTENT" not in f.read_bytes(), f


def test_symlinked_source_out_of_the_project_is_not_converted(project):
    root, secret = project
    os.symlink(secret, root / "seeds" / "evil.txt")
    result = run("convert", "seeds/evil.txt", "-o", "out")
    assert result.exit_code == 1 and "[io.outside]" in result.output
    assert not (root / "out" / "evil.xml").exists()


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("utf16-bom.txt", "\ufeffЗаголовок\nТекст сообщения.\n".encode("utf-16"), "source.encoding"),
        ("utf16-nobom.txt", "Заголовок\nТекст.\n".encode("utf-16-le"), "source.binary"),
        ("empty.txt", b"   \n", "source.empty"),
        ("binary.txt", bytes(range(256)), "source.binary"),
    ],
)
def test_hostile_sources(project, name, data, code):
    root, _ = project
    (root / "seeds" / name).write_bytes(data)
    result = run("convert", f"seeds/{name}", "-o", "out")
    assert f"seeds/{name}:" in result.output and f"[{code}]" in result.output


def test_utf16_with_bom_is_converted_correctly(project):
    root, _ = project
    (root / "seeds" / "u16.txt").write_bytes(
        "Министры встретились в Минске\nВ Минске 5 мая 2022 года прошло заседание.\n".encode("utf-16")
    )
    result = run("convert", "seeds/u16.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "Минске" in (root / "out" / "u16.xml").read_text(encoding="utf-8")


def test_markup_in_source_text_is_text(project):
    root, _ = project
    (root / "seeds" / "html.txt").write_text(
        "Новость <b>жирным</b> и <script>alert(1)</script>\n"
        "Текст со стилем <style>body{display:none}</style> и &amp; &lt;p&gt; ]]> <?pi?> <!-- c -->.\n",
        encoding="utf-8",
    )
    result = run("convert", "seeds/html.txt", "-o", "tei")
    assert result.exit_code == 0, result.output
    xml = (root / "tei" / "html.xml").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml and "<script>" not in xml
    assert run("validate").exit_code == 0
    result = run("build", "--html", "--no-search", "-o", "site")
    assert result.exit_code == 0, result.output
    pages = [p.read_text(encoding="utf-8") for p in (root / "site" / "documents").glob("*.html")]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in p for p in pages)
    assert not any("<script>alert" in p or "<style>" in p for p in pages)


def test_unsafe_links_in_tei_are_reported_and_not_built(project):
    root, _ = project
    doc = root / "tei" / "002_d3c9c977ef1730be.xml"
    text = doc.read_text(encoding="utf-8")
    for i, url in enumerate(["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//evil.example/x"]):
        text = (
            text.replace('<ref type="link-artefact">заявление</ref>', f'<ref target="{url}">заявление</ref>', 1)
            if i == 0
            else text.replace("</p>\n        <p xml:id", f' <ref target="{url}">x{i}</ref></p>\n        <p xml:id', 1)
        )
    doc.write_text(text, encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 1
    for url in ("javascript:", "data:", "file:", "//evil"):
        assert (
            any(url in line and ("[link.unsafe]" in line or "[schema]" in line) for line in result.output.splitlines())
            or url in result.output
        )
    assert result.output.count("[link.unsafe]") >= 4
    result = run("build", "--html", "--no-search", "-o", "site")
    assert result.exit_code == 1  # invalid TEI is never rendered
    assert not (root / "site").exists()


CASES = ROOT / "tests" / "cases" / "validate"
HOSTILE_XML = [
    "billion-laughs.xml",
    "quadratic-blowup.xml",
    "external-entity.xml",
    "external-dtd.xml",
    "internal-entity.xml",
    "parameter-entity.xml",
    "xinclude.xml",
    "binary.xml",
    "empty.xml",
    "invalid-utf8.xml",
    "utf16-bom.xml",
    "utf16-nobom.xml",
    "not-well-formed.xml",
    "javascript-target.xml",
]


@pytest.mark.parametrize("name", HOSTILE_XML + ["deep.xml", "huge-text.xml"])
def test_build_refuses_hostile_tei_with_a_location(project, name):
    root, _ = project
    target = root / "tei" / name
    if name == "deep.xml":
        target.write_bytes(
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0">' + b"<p>" * 10_000 + b"</p>" * 10_000 + b"</TEI>"
        )
    elif name == "huge-text.xml":
        target.write_bytes(
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>'
            + b"a" * 50_000_000
            + b"</p></body></text></TEI>"
        )
    else:
        shutil.copy(CASES / name, target)
    result = run("build", "--html", "--no-search", "-o", "site")
    assert result.exit_code == 1
    assert f"tei/{name}:" in result.output
    line = next(line for line in result.output.splitlines() if line.startswith(f"tei/{name}:"))
    _, ln, col, rest = line.split(":", 3)
    assert ln.isdigit() and col.isdigit() and rest.startswith(" error: ")
    assert not (root / "site").exists()  # nothing built from a corpus with a bad file
    assert "root:" not in result.output


def test_read_only_commands_never_write_into_tei(project):
    """Only convert, format, new (and `entities accept`, which edits a register on request)
    write into tei/: validate, build, entities, evaluate and format --check leave it as it was."""
    root, _ = project
    before = {p: p.read_bytes() for p in sorted((root / "tei").rglob("*")) if p.is_file()}
    run("validate")
    run("build", "--html", "--no-search", "-o", "site")
    run("entities")
    run("evaluate", str(ROOT / "tests" / "gold"))
    run("format", "--check")
    after = {p: p.read_bytes() for p in sorted((root / "tei").rglob("*")) if p.is_file()}
    assert after == before


# the elements that link (issue 13, point 6), with the links an attacker or a slip would write
UNSAFE_LINKS = {
    "javascript": "javascript:alert(1)",
    "data": "data:text/html,x",
    "outside": "../../../../etc/passwd",
    "file": "file:///etc/passwd",
    "absolute": "/etc/passwd",
    "protocol-relative": "//evil.example/x",
}
LINKING = {
    "ref": '<ref target="{}">x</ref>',
    "ptr": '<ptr target="{}"/>',
    "note": '<note target="{}">n</note>',
    "graphic": '<figure type="photo"><graphic url="{}"/></figure>',
}


def _with_links(root: Path) -> dict[tuple[str, str], int]:
    """Every linking element with every unsafe link, one per line of 002 (a news report):
    the line of each."""
    doc = root / "tei" / "002_d3c9c977ef1730be.xml"
    lines = doc.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if '<div type="news">' in line) + 1
    added, where = [], {}
    for element, markup in LINKING.items():
        for kind, url in UNSAFE_LINKS.items():
            if element == "graphic":
                url = url.replace("passwd", "passwd.png").replace("/x", "/x.png").replace(",x", ",x.png")
            block = markup.format(url) if element == "graphic" else f"<p>{markup.format(url)}</p>"
            where[(element, kind)] = at + len(added) + 1
            added.append("        " + block)
    lines[at:at] = added
    doc.write_text("\n".join(lines), encoding="utf-8")
    return where


def test_unsafe_links_of_every_linking_element_are_one_error_each_and_never_built(project):
    root, _ = project
    where = _with_links(root)
    result = run("validate")
    assert result.exit_code == 1
    for (element, kind), line in where.items():
        found = [out for out in result.output.splitlines() if out.startswith(f"tei/002_d3c9c977ef1730be.xml:{line}:")]
        assert len(found) == 1, (element, kind, found)  # one message per problem
        assert found[0].endswith("[link.unsafe]") and ": error: " in found[0], (element, kind, found)
    result = run("build", "--html", "--no-search", "-o", "site")
    assert result.exit_code == 1 and not (root / "site").exists()  # invalid TEI is never rendered


def test_an_image_on_another_host_is_refused(project):
    root, _ = project
    doc = root / "tei" / "002_d3c9c977ef1730be.xml"
    text = doc.read_text(encoding="utf-8")
    figure = '<figure type="photo"><graphic url="https://evil.example/tracker.png"/></figure>'
    doc.write_text(text.replace('<div type="news">', f'<div type="news">\n        {figure}', 1), encoding="utf-8")
    result = run("validate")
    [line] = [out for out in result.output.splitlines() if "tracker.png" in out]
    assert line.endswith("[link.unsafe]") and "another host" in line
