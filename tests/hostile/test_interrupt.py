"""Interruption: `convert`, `format` and `build` killed with SIGKILL at random points
leave every file either old or complete, and a site folder whole."""

from __future__ import annotations

import hashlib
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # processes are killed at random points of long runs

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "toolkit.cli"]
KILLS = 10


def _run(args, cwd):
    return subprocess.run(CLI + args, cwd=cwd, capture_output=True, text=True)


def _kill_at_random(args, cwd, rng, max_delay):
    proc = subprocess.Popen(CLI + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.05, max_delay))
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def work(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "tei" / "registers", tmp_path / "out" / "registers")
    shutil.copytree(ROOT / "editions", tmp_path / "editions", ignore=shutil.ignore_patterns("odkb"))
    return tmp_path


def _variant(work: Path, which: str):
    """Two versions of the sources: B adds a sentence to every text, so every TEI changes."""
    for src in sorted((ROOT / "seeds").glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        if which == "B":
            text = text.rstrip("\n") + "\nСтороны договорились продолжить консультации.\n"
        (work / "seeds" / src.name).write_text(text, encoding="utf-8")


def test_convert_killed_mid_run(work):
    versions: dict[str, set[str]] = {}
    for which in ("A", "B"):
        _variant(work, which)
        assert (
            _run(
                ["convert", "--force", *sorted(f"seeds/{p.name}" for p in (work / "seeds").glob("*.txt")), "-o", "out"],
                work,
            ).returncode
            == 0
        )
        for name, digest in _snapshot(work / "out").items():
            versions.setdefault(name, set()).add(digest)
    rng = random.Random(1)
    for i in range(KILLS):
        _variant(work, "AB"[i % 2])
        _kill_at_random(
            ["convert", "--force", *sorted(f"seeds/{p.name}" for p in (work / "seeds").glob("*.txt")), "-o", "out"],
            work,
            rng,
            3.0,
        )
        for name, digest in _snapshot(work / "out").items():
            if name.endswith(".tmp") or "/." in f"/{name}":
                continue  # a temporary file of the killed run, never a target
            if name.endswith((".bak", ".bak2")) or ".bak" in name:
                continue
            assert digest in versions[name], f"{name} is neither the old nor the new version after kill {i}"


def test_format_killed_mid_run(work):
    (work / "tei").mkdir()
    for src in sorted((ROOT / "tei").glob("*.xml")):
        messy = src.read_bytes().replace(b"\n    ", b"\n")
        (work / "tei" / src.name).write_bytes(messy)
    old = _snapshot(work / "tei")
    rng = random.Random(2)
    for _ in range(KILLS):
        _kill_at_random(["format", "tei"], work, rng, 1.0)
        for name, digest in _snapshot(work / "tei").items():
            if name.startswith(".") or name.endswith(".tmp"):
                continue
            expected_new = _digest(ROOT / "tei" / name)
            assert digest in (old[name], expected_new), name


def test_build_killed_mid_run_leaves_a_whole_site(work):
    shutil.copytree(ROOT / "tei", work / "tei")
    site = work / "site"
    assert _run(["build", "--html", "--no-search", "--tei", "tei", "-o", "site"], work).returncode == 0
    complete = _snapshot(site)
    rng = random.Random(3)
    for i in range(KILLS):
        _kill_at_random(["build", "--html", "--no-search", "--tei", "tei", "-o", "site"], work, rng, 2.0)
        # the folder is exchanged atomically (renameat2): it is always there, old or new, whole
        assert site.exists(), f"site missing after kill {i}"
        assert _snapshot(site) == complete, f"site changed or half-written after kill {i}"
    assert _run(["build", "--html", "--no-search", "--tei", "tei", "-o", "site"], work).returncode == 0
    assert _snapshot(site) == complete
