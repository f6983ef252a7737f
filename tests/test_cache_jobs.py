"""--jobs and the content-hash cache give the same output as a serial clean run."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from toolkit.io.cache import Cache
from toolkit.model.digest import key


def _corpus(tmp_path: Path, copies: int) -> Path:
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei" / "registers", tei / "registers")
    for i in range(copies):
        for f in sorted((ROOT / "tei").glob("*.xml")):
            text = f.read_text(encoding="utf-8")
            text = re.sub(r'xml:id="([^"]+)"', lambda m, i=i: f'xml:id="{m.group(1)}-c{i}"', text)
            if i == 3 and f.name.startswith("002"):
                text = text.replace('when="2018-06-11">11 июня', 'when="2018-06-31">11 июня', 1)  # an error to report
                text = text.replace('<hi rend="bold">', '<hi rend="blink">', 1)  # one only the schema reports
            if i == 5 and f.name.startswith("002"):  # corpus-wide errors, located only when found
                text = text.replace('ref="org:csto"', 'ref="org:no-such-entry"', 1)
                text = text.replace('xml:id="news-report-2018-06-11-c5"', 'xml:id="news-report-2018-06-11-c4"', 1)
            (tei / f"{f.stem}-c{i}.xml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    work = _corpus(tmp_path, 10)  # 50 documents: above the parallel threshold
    monkeypatch.chdir(work)
    return work


def test_parallel_and_cached_validate_equal_serial(corpus):
    serial = run_cli("validate", "--no-cache", "-j", "1")
    assert serial.exit_code == 1 and "[schema]" in serial.output and "[date.invalid]" in serial.output
    assert "[ref.unresolved]" in serial.output and "[id.duplicate]" in serial.output
    located = re.search(r"-c5\.xml:65:(\d+): error: .*\[ref.unresolved\]", serial.output)
    assert located and int(located.group(1)) > 1  # the column of the <orgName>, found after the fact
    parallel = run_cli("validate", "--no-cache", "-j", "2")
    assert parallel.output == serial.output and parallel.exit_code == serial.exit_code
    cold = run_cli("validate", "-j", "2")
    warm = run_cli("validate", "-j", "1")
    assert cold.output == serial.output == warm.output
    assert any((corpus / ".tei-edition-cache" / "validate").rglob("*"))


def test_cache_notices_a_changed_file(corpus):
    before = run_cli("validate").output
    assert "-c3.xml:" in before and "[id.duplicate]" in before
    bad = corpus / "tei" / "002_d3c9c977ef1730be-c3.xml"
    fixed = bad.read_text(encoding="utf-8").replace('when="2018-06-31"', 'when="2018-06-11"')
    bad.write_text(fixed.replace('<hi rend="blink">', '<hi rend="bold">'), encoding="utf-8")
    assert "-c3.xml" not in run_cli("validate").output
    # a corpus-wide rule: the duplicate id's other holder changes, the cached file does not
    other = corpus / "tei" / "002_d3c9c977ef1730be-c4.xml"
    other.write_text(
        other.read_text(encoding="utf-8").replace('xml:id="news-report-2018-06-11-c4"', 'xml:id="renamed"', 1),
        encoding="utf-8",
    )
    after = run_cli("validate").output
    assert "[id.duplicate]" not in after and "[ref.unresolved]" in after, after


def test_no_cache_writes_nothing(corpus):
    run_cli("validate", "--no-cache")
    assert not (corpus / ".tei-edition-cache").exists()


def test_config_in_pyproject(corpus):
    (corpus / "pyproject.toml").write_text("[tool.toolkit]\ncache = false\njobs = 1\n", encoding="utf-8")
    run_cli("validate")
    assert not (corpus / ".tei-edition-cache").exists()
    run_cli("validate", "--cache")  # the flag wins over the configuration
    assert (corpus / ".tei-edition-cache").exists()


def test_cache_key_changes_with_the_code(monkeypatch):
    from toolkit.model import digest

    before = key(b"same bytes")
    monkeypatch.setattr(digest, "code_fingerprint", lambda: b"other code")
    assert key(b"same bytes") != before


def test_corrupt_cache_entry_is_a_miss(tmp_path):
    cache = Cache(tmp_path)
    k = key(b"a", b"b")
    cache.put("schema", k, b"not json [")
    assert cache.get("schema", k) == b"not json ["
    assert key(b"a", b"b") != key(b"ab", b"")  # parts are length-prefixed
    assert Cache(None).get("schema", k) is None


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow  # worker processes / subprocesses / many random cases
def test_parallel_and_cached_convert_equal_serial(tmp_path, monkeypatch):
    """40 sources (the parallel threshold), new names among them: serial, parallel (filling
    the cache) and cached runs write byte-identical TEI and registers."""
    src = tmp_path / "src"
    src.mkdir()
    texts = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "generalisation").glob("*.txt"))
    for i in range(40):
        t = texts[i % len(texts)]
        shutil.copy(t, src / f"{i:03d}_{t.stem}.txt")
        if t.with_suffix(".toml").exists():
            shutil.copy(t.with_suffix(".toml"), src / f"{i:03d}_{t.stem}.toml")
    shutil.copytree(ROOT / "tei" / "registers", tmp_path / "tei" / "registers")
    monkeypatch.chdir(tmp_path)
    files = sorted(str(p.relative_to(tmp_path)) for p in src.glob("*.txt"))
    outputs = {}
    for name, out, args in (
        ("serial", "a", ["-j", "1", "--no-cache"]),
        ("parallel", "b", ["-j", "2"]),
        ("warm", "b", ["-j", "1"]),
    ):
        result = run_cli("convert", *files, "-o", out, *args)
        assert result.exit_code == 0, result.output
        outputs[name] = _snapshot(tmp_path / out)
        if name == "warm":
            assert "0 file(s) written" in result.output
    assert outputs["serial"] == outputs["parallel"] == outputs["warm"]
    assert any('cert="low"' in v.decode() for k, v in outputs["serial"].items() if k.startswith("registers/"))


def test_the_tei_and_edition_settings_are_honoured_by_every_command(project):
    """[tool.toolkit] tei and edition: every command that reads TEI or an edition takes
    them when no flag says otherwise."""
    import shutil

    shutil.move(project / "tei", project / "corpus")
    (project / "editions").mkdir()
    (project / "editions" / "mine.toml").write_text('title = "Моё издание"\n', encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[tool.toolkit]\ntei = "corpus"\nedition = "editions/mine.toml"\njobs = 1\ncache = false\n', encoding="utf-8"
    )
    validated = run_cli("validate")
    assert "corpus/registers/persons.xml" in validated.output or "8 files checked" in validated.output, validated.output
    assert run_cli("format", "--check").exit_code == 0
    assert "Candidates" in run_cli("entities").output
    built = run_cli("build", "--html", "--no-search")
    assert built.exit_code == 0, built.output
    assert (project / "editions" / "mine" / "html" / "index.html").is_file()
    assert "Моё издание" in (project / "editions" / "mine" / "html" / "index.html").read_text(encoding="utf-8")
    created = run_cli("new", "--id", "statement-2024-05-01", "--genre", "statement", "--title", "Заявление")
    assert created.exit_code == 0, created.output
    assert (project / "corpus" / "statement-2024-05-01.xml").is_file()
    converted = run_cli("convert", "seeds/000_5d5ba4abf0d3ebed.txt", "--force")
    assert converted.exit_code == 0, converted.output
    assert not (project / "tei").exists()  # convert wrote into the configured folder


def test_build_output_with_neither_flag_puts_the_pdf_beside_the_html(project, monkeypatch):
    """build -o DIR with neither --html nor --pdf: the HTML in DIR, the PDF in DIR/../pdf."""
    from toolkit.commands import build

    seen = []
    monkeypatch.setattr(build, "run", lambda request, echo: seen.append(request) or 0)
    (project / "editions").mkdir()
    (project / "editions" / "odkb.toml").write_text('title = "Издание"\n', encoding="utf-8")
    run_cli("build", "-o", "out/site")
    (request,) = seen
    assert request.html and request.pdf
    assert request.html_out == Path("out/site") and request.pdf_out == Path("out/pdf")


def test_build_without_its_edition_file_says_where_and_writes_nothing(project):
    result = run_cli("build", "--html", "--edition", "editions/nowhere.toml")
    assert result.exit_code == 2
    assert (
        "editions/nowhere.toml:0:0: error: no such edition file; give --edition editions/<name>.toml" in result.output
    )
    assert not (project / "editions" / "nowhere").exists()


def test_a_cold_build_parses_each_document_once():
    """The schema gate hands the trees it parsed to the corpus (io.project.load_corpus)."""
    from toolkit.io.project import read_corpus
    from toolkit.model.corpus import build_corpus
    from toolkit.validate.gate import schema_problems

    registers, files, _ = read_corpus(ROOT / "tei")
    parsed: dict = {}
    assert schema_problems(files.documents, None, parsed) == []
    assert sorted(parsed) == sorted(shown for _, shown, _ in files.documents)
    corpus, _ = build_corpus(files, registers, None, parsed)
    assert [d.tree for d in corpus.documents] and all(d.tree is parsed[d.shown][0] for d in corpus.documents)
