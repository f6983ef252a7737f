"""`tei-edition convert`: determinism, no hand edit lost, atomic writes, bad sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli

SEED = "seeds/000_5d5ba4abf0d3ebed.txt"
OUT = "tei/000_5d5ba4abf0d3ebed.xml"


def test_convert_twice_is_byte_identical(project):
    assert run_cli("convert", SEED, "-o", "a").exit_code == 0
    assert run_cli("convert", SEED, "-o", "b").exit_code == 0
    a = (project / "a" / "000_5d5ba4abf0d3ebed.xml").read_bytes()
    assert a == (project / "b" / "000_5d5ba4abf0d3ebed.xml").read_bytes()
    again = run_cli("convert", SEED, "-o", "a")
    assert again.exit_code == 0 and "0 file(s) written" in again.output
    assert (project / "a" / "000_5d5ba4abf0d3ebed.xml").read_bytes() == a


@pytest.mark.slow  # worker processes / subprocesses / many random cases
def test_source_date_epoch_dates_the_conversion(project, monkeypatch):
    """Without SOURCE_DATE_EPOCH the <change> has no date (the output must not depend on
    the clock); with it, the command passes its day to the converter, and so does `new`."""
    assert run_cli("convert", SEED, "-o", "plain").exit_code == 0
    assert b"<change when=" not in next(Path("plain").glob("*.xml")).read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13 UTC
    assert run_cli("convert", SEED, "-o", "dated").exit_code == 0
    assert b'<change when="2023-11-14">' in next(Path("dated").glob("*.xml")).read_bytes()
    assert run_cli("new", "--id", "draft", "--genre", "statement", "--title", "Черновик", "-o", "dated").exit_code == 0
    assert b'<change when="2023-11-14">' in Path("dated/draft.xml").read_bytes()


def test_output_does_not_depend_on_hash_seed_or_timezone(project, monkeypatch):
    import subprocess
    import sys

    outs = []
    for i, (seed, tz) in enumerate((("1", "UTC"), ("4242", "Asia/Almaty"))):
        env = dict(os.environ, PYTHONHASHSEED=seed, TZ=tz, LC_ALL="C")
        subprocess.run(
            [sys.executable, "-m", "toolkit.cli", "convert", SEED, "-o", f"o{i}"],
            check=True,
            env=env,
            capture_output=True,
        )
        outs.append((project / f"o{i}" / "000_5d5ba4abf0d3ebed.xml").read_bytes())
    assert outs[0] == outs[1]


def test_hand_edit_is_never_overwritten(project):
    target = project / OUT
    edited = target.read_bytes().replace("Бишкек".encode(), "Бишкек ".encode(), 1)
    target.write_bytes(edited)
    result = run_cli("convert", SEED, "-o", "tei")
    assert result.exit_code == 1
    assert "tei/000_5d5ba4abf0d3ebed.xml:1:1: error:" in result.output
    assert "[convert.clobber]" in result.output and "--force" in result.output
    assert target.read_bytes() == edited


def test_force_overwrites_and_keeps_a_backup(project):
    target = project / OUT
    edited = target.read_bytes() + b"<!-- hand edit -->\n"
    target.write_bytes(edited)
    result = run_cli("convert", SEED, "-o", "tei", "--force")
    assert result.exit_code == 0, result.output
    assert (project / (OUT + ".bak")).read_bytes() == edited
    assert b"hand edit" not in target.read_bytes()
    assert "[convert.backup]" in result.output


def test_unchanged_toolkit_output_is_reconverted(project):
    """A file exactly as the toolkit wrote it may be regenerated without --force."""
    result = run_cli("convert", SEED, "-o", "tei")
    assert result.exit_code == 0, result.output


def test_missing_only_converts_only_new_sources(project):
    (project / OUT).unlink()
    result = run_cli(
        "convert",
        "--missing-only",
        *sorted(str(p.relative_to(project)) for p in (project / "seeds").glob("*.txt")),
        "-o",
        "tei",
    )
    assert result.exit_code == 0, result.output
    assert "1 source(s) converted" in result.output
    assert (project / OUT).exists()


def test_interrupted_write_leaves_old_file(project, monkeypatch):
    from toolkit.io import fs

    target = project / "tei" / "x.xml"
    target.write_bytes(b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(fs.os, "replace", boom)
    with pytest.raises(OSError):
        fs.write_atomic(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".x.xml.")] == []


@pytest.mark.parametrize(
    "content, code, where",
    [
        (b"", "source.empty", ":1:1:"),
        (b"\x00\x01\x02binary", "source.binary", ":1:1:"),
        ("Заголовок\nтекст ".encode() + b"\x00", "source.binary", ":2:12:"),
        (
            "ЗАЯВЛЕНИЕ\nпервая строка\n".encode() + b"caf\xe9 \x81\x81\x81 r\xe9sum\xe9\n",
            "source.encoding",
            ":3:4:",
        ),
    ],
    ids=["empty", "binary", "nul", "not-utf8"],
)
def test_bad_sources_are_reported_with_location(project, content, code, where):
    src = project / "seeds" / "bad.txt"
    src.write_bytes(content)
    result = run_cli("convert", "seeds/bad.txt", "-o", "out")
    assert result.exit_code == 1
    assert f"seeds/bad.txt{where}" in result.output and f"[{code}]" in result.output
    assert not (project / "out" / "bad.xml").exists()


def test_cp1251_source_is_decoded_with_a_warning(project):
    text = "Главы МИД провели встречу в Минске\n\nВ Минске 5 мая 2022 года прошло заседание.\n"
    (project / "seeds" / "win.txt").write_bytes(text.encode("cp1251"))
    result = run_cli("convert", "seeds/win.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "[source.encoding]" in result.output and "Windows-1251" in result.output
    assert "Минске" in (project / "out" / "win.xml").read_text(encoding="utf-8")


def test_missing_and_directory_sources(project):
    result = run_cli("convert", "seeds/nope.txt", "seeds", "-o", "out")
    assert result.exit_code == 1
    assert "seeds/nope.txt:0:0: error:" in result.output and "[io.missing]" in result.output
    assert "seeds:0:0: error:" in result.output and "[io.directory]" in result.output


def test_new_document_without_metadata_converts(project):
    text = (
        "Министры обороны стран ОДКБ встретились в Минске\n"
        "15-05-2023, 10:00.\n"
        "Обсуждены вопросы военного сотрудничества.\n"
        "В Минске 15 мая 2023 года прошло заседание Совета министров обороны ОДКБ.\n"
        "1. «О плане учений на 2024 год»;\n"
        "2. «О бюджете».\n"
    )
    (project / "seeds" / "new.txt").write_text(text, encoding="utf-8")
    result = run_cli("convert", "seeds/new.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    xml = (project / "out" / "new.xml").read_text(encoding="utf-8")
    assert 'xml:id="news-report-2023-05-15"' in xml
    assert '<date when="2023-05-15">15-05-2023</date>' in xml
    assert '<item n="2" xml:id="news-report-2023-05-15-item2">' in xml
