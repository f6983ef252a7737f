"""The benchmark corpus (benchmarks/synth.py) and the benchmark runner (benchmarks/run.py).

The generator must be deterministic, produce both genres in the shapes the converter
reads, and every source it writes must convert (exit 0) to TEI that validates. The
runner's --quick smoke run must finish well within a minute and print the table.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the quick benchmark runs the whole chain

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
# --quick takes ~25 s on the idle 2-core machine. The budget leaves room for a machine
# shared with other jobs; OPENBLAS_NUM_THREADS=1 keeps NumPy's BLAS threads from spin-waiting
# against that other load (which makes conversion several times slower). The report
# states the setting, and the figures of a smoke run are not the point of this test.
QUICK_BUDGET_S = 150


def _load_synth():
    spec = importlib.util.spec_from_file_location("bench_synth", BENCH / "synth.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


synth = _load_synth()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args],
        cwd=cwd,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = synth.generate(8, 7, tmp_path / "a")
    synth.generate(8, 7, tmp_path / "b")
    synth.generate(8, 8, tmp_path / "c")
    assert [p.name for p in a] == [f"{i:05d}_synth.txt" for i in range(8)]
    first, again, other = (_snapshot(tmp_path / d) for d in "abc")
    assert len(first) == 16  # .txt + .toml each
    assert first == again
    assert first.keys() == other.keys()
    assert first != other
    # the first k documents of a corpus of N are the corpus of k
    synth.generate(3, 7, tmp_path / "d")
    assert _snapshot(tmp_path / "d") == {k: v for k, v in first.items() if int(k[:5]) < 3}


def test_cli_writes_the_same_bytes(tmp_path):
    subprocess.run(
        [sys.executable, str(BENCH / "synth.py"), "4", str(tmp_path / "cli"), "--seed", "3"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    synth.generate(4, 3, tmp_path / "api")
    assert _snapshot(tmp_path / "cli") == _snapshot(tmp_path / "api")


def test_both_genres_in_their_shapes(tmp_path):
    paths = synth.generate(40, 0, tmp_path)
    genres = {}
    for txt in paths:
        meta = tomllib.loads(txt.with_suffix(".toml").read_text("utf-8"))
        assert meta["id"] == "synth-" + txt.name[:5]
        assert len(meta["date"]) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", meta["date"][0]["when"])
        assert meta["place"][0]["name"]
        genres.setdefault(meta["genre"] == "news-report", []).append(txt.read_text("utf-8"))
    assert set(genres) == {True, False}, "both official documents and news reports"
    for text in genres[False]:  # official: caps title, dateline, place line
        lines = [ln for ln in text.splitlines() if ln.strip()]
        assert lines[0].isupper()
        assert any(re.fullmatch(r"\d{1,2} [а-я]+ \d{4} года", ln) for ln in lines)
        assert any(ln.startswith("город ") for ln in lines)
    assert any(re.search(r"^1\. ", t, re.MULTILINE) for t in genres[False]), "numbered operative points"
    for text in genres[True]:  # news: timestamp and a list of adopted documents
        assert re.search(r"^\d\d-\d\d-\d{4}, \d\d:\d\d\.$", text, re.MULTILINE)
        assert re.search(r"^(?:1\. |- )", text, re.MULTILINE)


def test_generated_sources_convert_and_validate(tmp_path):
    work = tmp_path / "work"
    sources = synth.generate(6, 0, work / "src")
    genres = {tomllib.loads(p.with_suffix(".toml").read_text("utf-8"))["genre"] == "news-report" for p in sources}
    assert genres == {True, False}
    shutil.copytree(ROOT / "tei" / "registers", work / "out" / "registers")
    conv = _cli("convert", *[f"src/{p.name}" for p in sources], "-o", "out", cwd=work)
    assert conv.returncode == 0, conv.stdout + conv.stderr
    assert "6 source(s) converted, 6 file(s) written" in conv.stdout
    # names the registers do not know (persons or cities drawn from the built-in lists)
    added = int(re.search(r"(\d+) new candidate", conv.stdout).group(1))
    assert added > 0, conv.stdout
    assert sorted(p.name for p in (work / "out").glob("*.xml")) == [p.stem + ".xml" for p in sources]
    val = _cli("validate", "out", cwd=work)
    assert val.returncode == 0, val.stdout + val.stderr
    assert " 0 error(s)" in val.stdout or "no problems" in val.stdout, val.stdout
    assert "error:" not in val.stdout


@pytest.mark.skipif(
    not (ROOT / ".venv" / "bin" / "tei-edition").exists() or not (ROOT / ".venv" / "bin" / "pyjing").exists(),
    reason="the benchmark runs .venv/bin/tei-edition and .venv/bin/pyjing",
)
def test_quick_benchmark_prints_the_table(tmp_path):
    out = tmp_path / "results.md"
    t0 = time.perf_counter()
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=QUICK_BUDGET_S,
        check=False,
    )
    elapsed = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert elapsed < QUICK_BUDGET_S
    table = [ln for ln in proc.stdout.splitlines() if ln.startswith("|")]
    assert table[0].startswith("| Stage | N docs | Runs | Median wall (s) | Docs/s | Peak RSS")
    body = "\n".join(table)
    for row in (
        r"`tei-edition --help`.*\| < 0\.3 s \| (PASS|FAIL) \|",
        r"`tei-edition validate` tei/.*\| < 0\.5 s \| (PASS|FAIL) \|",
        r"convert 5 seeds.*\| < 3 s \| (PASS|FAIL) \|",
        r"convert synthetic sources \| 20 \|",
        r"`tei-edition validate` \(converted.*\| 20 \|.*\d× \((faster|slower)\)",
        r"`tei-edition validate` \(copies.*\| 100 \|.*\d× \((faster|slower)\)",
        r"jing `tei_all\.rng`, same files \| 20 \|",
        r"jing `tei_all\.rng`, same files \| 100 \|",
        r"HTML edition build, search index included \(5 seeds\) \| 5 \|.*\| < 2 s \| (PASS|FAIL) \|",
        r"HTML edition build, search index included \| 20 \|",
        r"HTML incremental rebuild after one document's text changed \(cache on\) \| 20 \|",
        r"HTML incremental rebuild after one mention moved to another index entry \(cache on\) \| 20 \|",
        r"PDF edition build: book \+ offprints \(5 seeds\) \| 5 \|.*\d× \((faster|slower)\) \| "
        r"< 10 s; ≤ 1\.3× WeasyPrint alone \| (PASS|FAIL) \|",
        r"WeasyPrint alone: the same HTML as one document \(5 seeds\) \| 5 \|",
        r"WeasyPrint's own target-counter\(\): the book as one document, page numbers by CSS \(5 seeds\) \| 5 \|",
        r"WeasyPrint's own target-counter\(\): the book as one document, page numbers by CSS \| 20 \|",
    ):
        assert re.search(row, body), f"no row matching {row!r} in\n{body}"
    # no stage failed to run. Whether a figure meets its target is the bench's verdict on the
    # machine it runs on (PASS/FAIL in the table), not the test's: a timed test does not
    # assert a speed target (CI's machine is slower than the one results.md was measured on)
    crashed = [row for row in table if "FAIL (exit" in row]
    assert crashed == [], body
    assert "not built yet" not in body
    assert re.search(r"PDF overhead against WeasyPrint alone .*: \d+\.\d\d× its wall time", proc.stdout)
    assert re.search(r"Layout hooks against WeasyPrint's own target-counter\(\): 5 documents: ours", proc.stdout)
    # every measured row has a time, a rate or dash, and a memory figure
    for ln in table[2:]:
        cells = [c.strip() for c in ln.strip("|").split("|")]
        if "not built yet" not in cells[0]:
            assert float(cells[3].rstrip(" †")) > 0 and float(cells[5].replace(",", "")) > 0, ln
    report = out.read_text("utf-8")
    assert "CPU:" in report and "Python:" in report and body in report
