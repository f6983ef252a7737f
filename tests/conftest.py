"""Shared fixtures. `pytest --accept` rewrites expected outputs (golden files) from the
current code; review the change with `git diff tests/cases` before committing."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def pytest_addoption(parser):
    parser.addoption("--accept", action="store_true", help="rewrite golden expected files from current output")


@pytest.fixture(scope="session")
def accept(request) -> bool:
    return request.config.getoption("--accept")


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch):
    # output must not depend on the clock: SOURCE_DATE_EPOCH would add a date to <change>
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A scratch copy of the project's data (seeds, tei, schema link) as the cwd."""
    work = tmp_path / "project"
    work.mkdir()
    shutil.copytree(ROOT / "seeds", work / "seeds")
    shutil.copytree(ROOT / "tei", work / "tei")
    monkeypatch.chdir(work)
    return work


def run_cli(*args: str):
    from click.testing import CliRunner

    from toolkit.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[str, bytes]:
    """The five seeds converted once (registers copied, so candidates stay in tmp)."""
    out = tmp_path_factory.mktemp("converted")
    shutil.copytree(ROOT / "tei" / "registers", out / "registers")
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        env = os.environ.pop("SOURCE_DATE_EPOCH", None)
        result = run_cli("convert", *[str(s.relative_to(ROOT)) for s in SEEDS], "-o", str(out))
        if env is not None:
            os.environ["SOURCE_DATE_EPOCH"] = env
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return {s.stem: (out / f"{s.stem}.xml").read_bytes() for s in SEEDS}


# ---------------------------------------------------------------- the editions' cores on a folder


def load_corpus(tei_dir: Path, documents=None):
    """The corpus of a TEI folder as the build command reads it: (Corpus or None, diagnostics)."""
    from toolkit.io.project import load_corpus as load

    return load(Path(tei_dir), documents)


def site_of(tei_dir: Path, edition, **options):
    """render.html.build_html over the corpus of `tei_dir` (read as the build command
    reads it), with the reading's diagnostics in front of the site's."""
    from toolkit.commands.build import _published
    from toolkit.render.html import SiteFiles, build_html

    corpus, diags = load_corpus(tei_dir, edition.documents)
    if corpus is None:
        return SiteFiles({}, diags)
    options.setdefault("published", _published())
    site = build_html(corpus, edition, **options)
    site.diagnostics[:0] = diags
    return site


def book_of(tei_dir: Path, edition, settings=None, **options):
    """render.pdf.build_pdf over the corpus of `tei_dir`, with SOURCE_DATE_EPOCH set as the
    build command sets it, and the reading's diagnostics in front of the book's."""
    from toolkit.commands.build import _source_date_epoch
    from toolkit.render.pdf import PdfFiles, build_pdf, source_epoch

    corpus, diags = load_corpus(tei_dir, edition.documents)
    if corpus is None or any(d.severity == "error" for d in diags):
        return PdfFiles({}, diags)
    epoch = source_epoch(corpus, os.environ.get("SOURCE_DATE_EPOCH"))
    with _source_date_epoch(epoch):
        book = build_pdf(corpus, edition, settings, epoch=epoch, **options)
    book.diagnostics[:0] = diags
    return book


def edition_of(path: Path):
    """(EditionConfig, PageSettings) of an edition file."""
    from toolkit.io.project import load_edition, read_edition
    from toolkit.render.pdf.config import parse_page_settings

    edition, diags = load_edition(path)
    settings, more = parse_page_settings(read_edition(path)[0], path.name)
    return edition, settings, diags + more


@pytest.fixture(scope="session")
def seeds_edition():
    """(EditionConfig, PageSettings) of the project's edition (editions/odkb.toml)."""
    edition, settings, problems = edition_of(ROOT / "editions" / "odkb.toml")
    assert not problems
    return edition, settings


@pytest.fixture(scope="session")
def seeds_book(seeds_edition):
    """The PDF edition of the project's tei/ (book and offprints), laid out once for every
    test module that reads it (WeasyPrint takes seconds), without SOURCE_DATE_EPOCH."""
    mp = pytest.MonkeyPatch()
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)
    try:
        files = book_of(ROOT / "tei", *seeds_edition, jobs=2)
    finally:
        mp.undo()
    assert files.ok, [str(d) for d in files.diagnostics]
    return files


# ---------------------------------------------------------------- a large corpus


def _load_bench(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def thousand(tmp_path_factory) -> Path:
    """1,000 generated documents: 24 sources of benchmarks/synth.py converted, then copied
    with their ids renamed (benchmarks/measure.py's `replicate`, as `make bench` does)."""
    synth, run = _load_bench("synth"), _load_bench("measure")
    work = tmp_path_factory.mktemp("thousand")
    synth.generate(24, 16, work / "src")
    converted = run.fresh_output(work, "converted")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    sources = sorted(str(p) for p in (work / "src").glob("*.txt"))
    cmd = [sys.executable, "-m", "toolkit.cli", "convert", "--no-cache", *sources, "-o", str(converted)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return run.replicate(converted, 1000, work / "tei")
