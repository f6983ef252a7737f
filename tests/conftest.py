"""Shared fixtures. `pytest --accept` rewrites expected outputs (golden files) from the
current code; review the change with `git diff tests/cases` before committing."""

from __future__ import annotations

import os
import shutil
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
