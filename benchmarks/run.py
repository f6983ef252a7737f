"""`make bench`: how fast the real `tei-edition` CLI is, and how much memory it takes.

    .venv/bin/python benchmarks/run.py [--quick] [--sizes 100,1000,10000] [--convert-max 1000]
                                       [--runs 3] [--out benchmarks/results.md] [--keep]

Every stage runs the installed command (`.venv/bin/tei-edition …`) as a subprocess in a
scratch folder holding a copy of the project's tei/registers, so the checked-in tei/ and
the project's cache are never touched. For each stage:

* the median wall time over the runs (3 by default; a stage whose first run takes longer
  than SLOW_S runs once) and documents per second;
* peak memory, two ways: the peak RSS of the largest single process of the run
  (ru_maxrss from os.wait4: the child's own rusage, which covers its reaped children, not
  a cumulative RUSAGE_CHILDREN figure), and the peak of the summed PSS of the whole
  process tree (parallel workers included), sampled every SAMPLE_S from /proc;
* how much CPU other processes used meanwhile (/proc/stat minus the run's own CPU time):
  the machine may be shared, and a median marked † was measured under such load.

Convert and validate run as a user runs them (default worker count: all cores) but with
`--no-cache` for the cold figures; separate rows show the serial (`--jobs 1`) and the
warm-cache (unchanged files) cases, where the CLI has those options.

Corpora: the five seeds, and synthetic sources from benchmarks/synth.py (seed 0). Sizes up
to --convert-max are converted by the CLI (and that TEI is what validate reads); larger
validate corpora are copies of the largest converted set with xml:ids and file names
renamed, so they stay valid and ids stay unique. Beside each validate, jing checks the
same files against the official schema/tei_all.rng (`pyjing`, batched under the
argument-length limit).

Prints one markdown table and writes it, with the machine's description, to
benchmarks/results.md (with --quick only to --out, if given). Exit status 0 when every
stage ran with exit 0 — also when targets are missed (see the Result column) — 1 when a
stage failed, 2 when the tools are missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402 (beside this script, found through the path set above)

BIN = ROOT / ".venv" / "bin"
CLI = BIN / "tei-edition"
PYTHON = str(BIN / "python")
PYJING = BIN / "pyjing"
TEI_ALL = ROOT / "schema" / "tei_all.rng"
RESULTS = ROOT / "benchmarks" / "results.md"

SLOW_S = 30.0  # a stage whose first run is slower than this runs only once
SAMPLE_S = 0.1  # memory sampling interval of the process tree
LOADED = 0.25  # share of the machine's CPU used by others above which a run is marked †
ARG_BUDGET = 100_000  # characters of file names per jing invocation (ARG_MAX is far larger)
SEED = 0
NCPU = os.cpu_count() or 1


# ------------------------------------------------------------------ measuring one process


@dataclass
class Sample:
    wall: float  # seconds
    rss_kib: int  # peak RSS of the largest single process (wait4 ru_maxrss), KiB
    pss_kib: int  # peak summed PSS of the process tree (sampled; 0 if the run was too short)
    other_cpu: float  # share of the machine's CPU used by other processes during the run
    rc: int


def _busy_seconds() -> float | None:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """PID and its descendants (via /proc/PID/task/*/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process tree until stopped; PSS counts pages shared by
    forked workers once, so the sum is the tree's real footprint."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(SAMPLE_S):
            self.peak = max(self.peak, sum(_pss_kib(p) for p in _tree(self.pid)))


CHILD_ENV: dict[str, str] = {}


def child_env(work: Path) -> dict[str, str]:
    """The environment of the measured commands: no SOURCE_DATE_EPOCH, and bytecode
    cached in the scratch folder (PYTHONPYCACHEPREFIX), as on an ordinary installation
    where toolkit/__pycache__ exists, even if PYTHONDONTWRITEBYTECODE is set here; nothing
    is written into the project."""
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def run_once(cmd: list[str], cwd: Path, log: Path, extra_env: dict[str, str] | None = None) -> Sample:
    """Run CMD in CWD, output appended to LOG."""
    env = dict(CHILD_ENV or os.environ)
    env.update(extra_env or {})
    with open(log, "ab") as fh:
        fh.write(("$ " + " ".join(cmd[:6]) + (" …" if len(cmd) > 6 else "") + f"   (in {cwd})\n").encode())
        fh.flush()
        busy0 = _busy_seconds()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=fh, stderr=subprocess.STDOUT, env=env)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        busy1 = _busy_seconds()
        sampler.halt.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    other = 0.0
    if busy0 is not None and busy1 is not None and wall > 0:
        own = usage.ru_utime + usage.ru_stime
        other = max(0.0, (busy1 - busy0 - own) / (wall * NCPU))
    return Sample(wall, usage.ru_maxrss, sampler.peak, other, proc.returncode)


def run_batches(cmds: list[list[str]], cwd: Path, log: Path, extra_env: dict[str, str] | None = None) -> Sample:
    """Several invocations that together do one job: wall times add, memory is the max."""
    samples = [run_once(c, cwd, log, extra_env) for c in cmds]
    wall = sum(s.wall for s in samples)
    other = sum(s.other_cpu * s.wall for s in samples) / wall if wall else 0.0
    return Sample(
        wall,
        max(s.rss_kib for s in samples),
        max(s.pss_kib for s in samples),
        other,
        next((s.rc for s in samples if s.rc), 0),
    )


# ------------------------------------------------------------------ results


@dataclass
class Row:
    stage: str
    n: int | None = None
    samples: list[Sample] = field(default_factory=list)
    target: str = "—"
    limit_s: float | None = None  # PASS if median < limit_s
    ratio: float | None = None  # jing median / validate median
    min_ratio: float | None = None  # PASS if ratio >= min_ratio
    placeholder: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(s.wall for s in self.samples) if self.samples else None

    @property
    def rss_mib(self) -> float:
        return max(s.rss_kib for s in self.samples) / 1024

    @property
    def pss_mib(self) -> float:
        return max(s.pss_kib for s in self.samples) / 1024

    @property
    def loaded(self) -> bool:
        return any(s.other_cpu > LOADED for s in self.samples)

    @property
    def failed_rc(self) -> int | None:
        return next((s.rc for s in self.samples if s.rc != 0), None)

    def result(self) -> str:
        if self.placeholder:
            return "not built yet"
        if self.failed_rc is not None:
            return f"FAIL (exit {self.failed_rc})"
        verdicts = []
        if self.limit_s is not None:
            verdicts.append(self.median < self.limit_s)
        if self.min_ratio is not None:
            verdicts.append(self.ratio is not None and self.ratio >= self.min_ratio)
        if not verdicts:
            return "—"
        return "PASS" if all(verdicts) else "FAIL"

    def cells(self) -> list[str]:
        if self.placeholder:
            na = self.placeholder
            return [self.stage, "—", "—", na, na, na, na, "—", self.target, self.result()]
        med = self.median
        rate = f"{self.n / med:,.1f}" if self.n and med else "—"
        if self.ratio is None:
            ratio = "—"
        else:
            ratio = f"{self.ratio:.2f}× ({'faster' if self.ratio >= 1 else 'slower'})"
        pss = f"{self.pss_mib:,.0f}" if self.pss_mib else "(too short)"
        return [
            self.stage,
            f"{self.n:,}" if self.n else "—",
            str(len(self.samples)),
            f"{med:.3f}" + (" †" if self.loaded else ""),
            rate,
            f"{self.rss_mib:,.0f}",
            pss,
            ratio,
            self.target,
            self.result(),
        ]


HEADER = [
    "Stage",
    "N docs",
    "Runs",
    "Median wall (s)",
    "Docs/s",
    "Peak RSS, largest process (MiB)",
    "Peak PSS, all processes (MiB)",
    "Speed vs peer (jing; WeasyPrint alone)",
    "Target",
    "Result",
]


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


# ------------------------------------------------------------------ the machine


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
        return (out.stdout + out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unavailable"


def _commit() -> str:
    """The checked-out commit, read from .git (no git command is run); in a worktree .git is
    a file naming the worktree's folder, whose commondir holds the refs."""
    try:
        git = ROOT / ".git"
        if git.is_file():
            git = Path(git.read_text().strip().removeprefix("gitdir: "))
        common = git / (git / "commondir").read_text().strip() if (git / "commondir").is_file() else git
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        path = common / ref
        if path.exists():
            return f"{path.read_text().strip()[:12]} ({ref.rpartition('/')[2]})"
        packed = (common / "packed-refs").read_text()
        m = re.search(rf"^([0-9a-f]{{40}}) {re.escape(ref)}$", packed, re.MULTILINE)
        return f"{m.group(1)[:12]} ({ref.rpartition('/')[2]})" if m else "unknown"
    except OSError:
        return "unknown"


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        mem = f"{int(m.group(1)) / 1024 / 1024:.1f} GiB" if m else mem
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = NCPU
    return [
        f"- CPU: {cpu}; {NCPU} logical cores ({usable} usable)",
        f"- Memory: {mem}",
        f"- OS: {platform.system()} {platform.release()}",
        f"- Python: {_version([str(BIN / 'python'), '-V'])} ({BIN / 'python'})",
        f"- Java (for jing): {_version(['java', '-version'])}",
        f"- tei-edition: {_version([str(CLI), '--version'])}, commit {_commit()} (plus any uncommitted changes)",
        f"- Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        "- Thread settings in the environment: "
        + (", ".join(f"{k}={os.environ[k]}" for k in THREAD_VARS if k in os.environ) or "none (libraries' defaults)"),
    ]


THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


# ------------------------------------------------------------------ corpora


def fresh_output(parent: Path, name: str) -> Path:
    """An empty TEI folder with a copy of the project's registers (candidates stay there)."""
    out = parent / name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(ROOT / "tei" / "registers", out / "registers")
    return out


def replicate(src_dir: Path, n: int, dst: Path) -> Path:
    """N TEI documents made from the converted set in SRC_DIR: document i is a copy of
    document i mod M with its file name, seed name and xml:ids renamed (synth-NNNNN)."""
    base = sorted(src_dir.glob("*_synth.xml"))
    if not base:
        raise SystemExit(f"bench: no converted documents in {src_dir}")
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    shutil.copytree(src_dir / "registers", dst / "registers")
    for i in range(n):
        src = base[i % len(base)]
        j = int(src.name[:5])
        data = src.read_bytes()
        if i != j:
            data = data.replace(f"synth-{j:05d}".encode(), f"synth-{i:05d}".encode())
            data = data.replace(f"{j:05d}_synth".encode(), f"{i:05d}_synth".encode())
        (dst / f"{i:05d}_synth.xml").write_bytes(data)
    return dst


def jing_commands(corpus: Path) -> list[list[str]]:
    """pyjing over the corpus's files (documents and registers, the files validate reads),
    names relative to CORPUS, batched to stay far below the argument-length limit."""
    files = [str(p.relative_to(corpus)) for p in sorted(corpus.rglob("*.xml"))]
    cmds, batch, size = [], [], 0
    for f in files:
        if batch and size + len(f) + 1 > ARG_BUDGET:
            cmds.append(batch)
            batch, size = [], 0
        batch.append(f)
        size += len(f) + 1
    if batch:
        cmds.append(batch)
    return [[str(PYJING), str(TEI_ALL), *b] for b in cmds]


def supports(command: str, flag: str) -> bool:
    """Does `tei-edition COMMAND` take FLAG? (The CLI grows options; the bench uses what
    the installed version has.)"""
    try:
        out = subprocess.run(
            [str(CLI), command, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=CHILD_ENV or None,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return re.search(rf"(?<![\w-]){re.escape(flag)}\b", out.stdout) is not None


# ------------------------------------------------------------------ the benchmark


class Bench:
    def __init__(self, work: Path, runs: int, verbose: bool = True):
        self.work = work
        self.runs = runs
        self.log = work / "bench.log"
        self.verbose = verbose

    def say(self, msg: str) -> None:
        if self.verbose:
            print(msg, file=sys.stderr, flush=True)

    def measure(
        self, row: Row, make_cmds, cwd: Path, prepare=None, extra_env: dict[str, str] | None = None, runs: int = 0
    ) -> Row:
        """Run the stage up to self.runs times, or `runs` if more (once if the first run
        exceeds SLOW_S). `prepare()` is called before every run (e.g. a fresh output folder)."""
        for k in range(max(self.runs, runs)):
            if prepare:
                prepare()
            cmds = make_cmds()
            s = run_batches(cmds, cwd, self.log, extra_env)
            row.samples.append(s)
            self.say(
                f"  {row.stage} [N={row.n or '—'}]: run {k + 1}: {s.wall:.3f} s, RSS {s.rss_kib / 1024:.0f} MiB, "
                f"PSS {s.pss_kib / 1024:.0f} MiB, others' CPU {s.other_cpu:.0%}, exit {s.rc}"
            )
            if s.rc != 0:
                self.say(f"  (exit {s.rc}; see {self.log})")
                break
            if s.wall > SLOW_S:
                break
        return row


def code_snapshot() -> dict[str, int]:
    """mtimes of what the measured commands run: the toolkit, the schema, pyproject."""
    files = [*ROOT.glob("toolkit/**/*.py"), *ROOT.glob("schema/*"), ROOT / "pyproject.toml"]
    return {str(p.relative_to(ROOT)): p.stat().st_mtime_ns for p in files if p.is_file()}


def bench(sizes: list[int], convert_max: int, runs: int, work: Path) -> tuple[list[Row], list[str]]:
    b = Bench(work, runs)
    before = code_snapshot()
    rows: list[Row] = []
    notes: list[str] = []
    cli = str(CLI)
    project = work / "project"

    CHILD_ENV.clear()
    CHILD_ENV.update(child_env(work))
    shutil.copytree(ROOT / "tei", project / "tei")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    cold_v = ["--no-cache"] if supports("validate", "--no-cache") else []
    cold_c = ["--no-cache"] if supports("convert", "--no-cache") else []
    jobs_v = supports("validate", "--jobs")
    jobs_c = supports("convert", "--jobs")
    if cold_v or cold_c:
        notes.append("Cold figures use `--no-cache`; warm-cache rows re-run on unchanged files after one untimed run.")
    if jobs_v or jobs_c:
        notes.append(
            f"Convert and validate use their default worker count (all {NCPU} cores) unless a row says `--jobs 1`."
        )

    # warm-up, not timed: compiles the bytecode cache, warms the file cache
    b.say("warm-up")
    first_seed = min((project / "seeds").glob("*.txt")).name
    fresh_output(project, "out-warm")
    for cmd, cwd in (
        ([cli, "--help"], work),
        ([cli, "validate", *cold_v], project),
        ([cli, "convert", *cold_c, f"seeds/{first_seed}", "-o", "out-warm"], project),
    ):
        run_once(cmd, cwd, b.log)

    # --- start-up
    b.say("CLI start-up")
    rows.append(
        b.measure(
            Row("CLI start-up: `tei-edition --help`", None, target="< 0.3 s", limit_s=0.3),
            lambda: [[cli, "--help"]],
            work,
        )
    )
    rows.append(
        b.measure(
            Row("`tei-edition validate` tei/ (5 seeds + 3 registers)", 5, target="< 0.5 s", limit_s=0.5),
            lambda: [[cli, "validate", *cold_v]],
            project,
        )
    )

    # --- convert: seeds
    b.say("convert")
    seeds = sorted(p.name for p in (project / "seeds").glob("*.txt"))
    rows.append(
        b.measure(
            Row("convert 5 seeds (incl. model loading)", len(seeds), target="< 3 s", limit_s=3.0),
            lambda: [[cli, "convert", *cold_c, *[f"seeds/{s}" for s in seeds], "-o", "out-seeds"]],
            project,
            prepare=lambda: fresh_output(project, "out-seeds"),
        )
    )

    # --- convert: synthetic
    conv_sizes = sorted({n for n in sizes if n <= convert_max} | {min(convert_max, max(sizes))})
    t0 = time.perf_counter()
    synth.generate(max(conv_sizes), SEED, work / "src")
    notes.append(
        f"Synthetic sources: {max(conv_sizes):,} generated by benchmarks/synth.py (seed {SEED}) "
        f"in {time.perf_counter() - t0:.2f} s; the first N of them are the corpus of size N."
    )
    converted: dict[int, Path] = {}

    def convert_cmd(n: int, out: str, *extra: str):
        return lambda: [[cli, "convert", *extra, *[f"src/{i:05d}_synth.txt" for i in range(n)], "-o", out]]

    for n in conv_sizes:
        out = f"tei-{n}"
        rows.append(
            b.measure(
                Row("convert synthetic sources", n),
                convert_cmd(n, out, *cold_c),
                work,
                prepare=lambda out=out: fresh_output(work, out),
            )
        )
        converted[n] = work / out
    largest = max(converted)
    small = min(conv_sizes)
    if jobs_c:
        rows.append(
            b.measure(
                Row("convert synthetic sources, `--jobs 1`", small),
                convert_cmd(small, "tei-serial", *cold_c, "--jobs", "1"),
                work,
                prepare=lambda: fresh_output(work, "tei-serial"),
            )
        )
    # NumPy's OpenBLAS starts a thread per core for slovnet's NER; on a busy machine, or
    # beside parallel workers, its threads spin-wait: the same stage with one BLAS thread
    # shows what that costs (and what setting it in the toolkit would gain).
    rows.append(
        b.measure(
            Row("convert synthetic sources, `OPENBLAS_NUM_THREADS=1`", small),
            convert_cmd(small, "tei-blas1", *cold_c),
            work,
            prepare=lambda: fresh_output(work, "tei-blas1"),
            extra_env={"OPENBLAS_NUM_THREADS": "1"},
        )
    )
    if cold_c:
        # a re-run on unchanged sources into a fresh folder: the cache answers
        fresh_output(work, "tei-warm")
        run_once(convert_cmd(small, "tei-warm")()[0], work, b.log)  # fills the cache
        rows.append(
            b.measure(
                Row("convert synthetic sources, warm cache (unchanged sources)", small),
                convert_cmd(small, "tei-warm"),
                work,
                prepare=lambda: fresh_output(work, "tei-warm"),
            )
        )

    # --- validate and jing
    b.say("validate / jing")
    vrows: dict[int, Row] = {}
    ref_n = 1000 if 1000 in sizes else max(sizes)
    for n in sizes:
        if n in converted:
            corpus, origin = converted[n], "converted"
        else:
            corpus = replicate(converted[largest], n, work / f"tei-{n}-copies")
            origin = f"copies of the {largest:,} converted"
        regs = len(list((corpus / "registers").glob("*.xml")))
        rel = str(corpus.relative_to(work))
        target = n == 1000
        v = b.measure(
            Row(
                f"`tei-edition validate` ({origin}; + {regs} registers)",
                n,
                target="≥ 2× faster than jing" if target else "—",
                min_ratio=2.0 if target else None,
            ),
            lambda rel=rel: [[cli, "validate", *cold_v, rel]],
            work,
        )
        batches = len(jing_commands(corpus))
        j = b.measure(
            Row("jing `tei_all.rng`, same files" + (f" ({batches} batches)" if batches > 1 else ""), n),
            lambda corpus=corpus: jing_commands(corpus),
            corpus,
        )
        if v.median and j.median:
            v.ratio = j.median / v.median
        rows += [v, j]
        vrows[n] = v
        if n == ref_n and jobs_v:
            s = b.measure(
                Row("`tei-edition validate`, `--jobs 1`", n),
                lambda rel=rel: [[cli, "validate", *cold_v, "--jobs", "1", rel]],
                work,
            )
            s.ratio = j.median / s.median if s.median and j.median else None
            rows.append(s)
        if n == ref_n and cold_v:
            run_once([cli, "validate", rel], work, b.log)  # fills the cache
            w = b.measure(
                Row("`tei-edition validate`, warm cache (unchanged files)", n),
                lambda rel=rel: [[cli, "validate", rel]],
                work,
            )
            w.ratio = j.median / w.median if w.median and j.median else None
            rows.append(w)

    # --- the HTML edition (issue 4): the 5 seeds, then the largest converted corpus
    b.say("HTML edition")
    edition = ROOT / "editions" / "odkb.toml"
    cold_b = ["--no-cache"] if supports("build", "--no-cache") else []
    rows.append(
        b.measure(
            Row("HTML edition build, search index included (5 seeds)", 5, target="< 2 s", limit_s=2.0),
            lambda: [[cli, "build", "--html", *cold_b, "--edition", str(edition), "--tei", "tei", "-o", "site-5"]],
            project,
        )
    )
    big = str(converted[largest].relative_to(work))
    rows.append(
        b.measure(
            Row(
                "HTML edition build, search index included",
                largest,
                target="< 30 s" if largest == 1000 else "—",
                limit_s=30.0 if largest == 1000 else None,
            ),
            lambda: [[cli, "build", "--html", *cold_b, "--edition", str(edition), "--tei", big, "-o", "site-big"]],
            work,
        )
    )
    if (work / "site-big").is_dir():
        notes.append(site_note(work / "site-big", largest))
    if cold_b:
        # the incremental rebuild: a copy of the corpus, built once with the cache (untimed);
        # before each timed run one document gets a different word in its first paragraph
        inc = work / (big + "-edited")
        shutil.copytree(work / big, inc)
        inc_rel = str(inc.relative_to(work))
        run_once([cli, "build", "--html", "--edition", str(edition), "--tei", inc_rel, "-o", "site-inc"], work, b.log)
        victims = sorted(inc.glob("*.xml"))
        edits = iter(range(10_000))

        def edit_one() -> None:
            k = next(edits)
            path = victims[(k * 97) % len(victims)]
            text = path.read_text(encoding="utf-8")
            m = re.search(r'(<p [^>]*xml:id="[^"]*"[^>]*>)([^<]*? )', text)
            if not m:
                raise RuntimeError(f"{path}: no paragraph to edit")
            text = text[: m.end(2)] + f"правка{k} " + text[m.end(2) :]
            path.write_text(text, encoding="utf-8")

        rows.append(
            b.measure(
                Row(
                    "HTML incremental rebuild after one document's text changed (cache on)",
                    largest,
                    target="< 3 s" if largest == 1000 else "—",
                    limit_s=3.0 if largest == 1000 else None,
                ),
                lambda: [[cli, "build", "--html", "--edition", str(edition), "--tei", inc_rel, "-o", "site-inc"]],
                work,
                prepare=edit_one,
            )
        )

        def move_one_mention() -> None:
            # one mention now names another entry of its kind used in the same document, so
            # the document's page and that kind's index page (both entries) are made again
            k = next(edits)
            for step in range(len(victims)):
                path = victims[(k * 89 + 13 + step) % len(victims)]
                text = path.read_text(encoding="utf-8")
                mentions = list(re.finditer(r'<(persName|placeName|orgName) ref="([^"]+)"', text))
                for m in mentions:
                    other = next(
                        (o.group(2) for o in mentions if o.group(1) == m.group(1) and o.group(2) != m.group(2)), None
                    )
                    if other:
                        path.write_text(text[: m.start(2)] + other + text[m.end(2) :], encoding="utf-8")
                        return
            raise RuntimeError("no document has two entries of one kind to move a mention between")

        rows.append(
            b.measure(
                Row(
                    "HTML incremental rebuild after one mention moved to another index entry (cache on)",
                    largest,
                    target="< 3 s" if largest == 1000 else "—",
                    limit_s=3.0 if largest == 1000 else None,
                ),
                lambda: [[cli, "build", "--html", "--edition", str(edition), "--tei", inc_rel, "-o", "site-inc"]],
                work,
                prepare=move_one_mention,
            )
        )
        notes.append(
            "Incremental rebuild: the site was built once with the cache (untimed); before each timed run one "
            "document of the copy gets a new word in its first paragraph, and the build remakes that page, "
            "that document's data files (its DTS responses and references), the offline search data and one "
            "Pagefind bundle, and keeps every other file (the first timed run links them from the last build; "
            "later runs start from the site of the build before, kept beside the new one, and touch only what changed). "
            "In the second row one mention of a person, place or organisation is pointed at another entry of its "
            "register, so that index page is made again as well."
        )

    # --- the PDF edition (issue 5)
    b.say("PDF edition")
    # untimed: the first WeasyPrint run of a fresh environment fills font caches
    run_once([cli, "build", "--pdf", "--edition", str(edition), "--tei", "tei", "-o", "pdf-warm"], project, b.log)
    pdf5 = b.measure(
        Row(
            "PDF edition build: book + offprints (5 seeds)",
            5,
            target="< 10 s; ≤ 1.3× WeasyPrint alone",
            limit_s=10.0,
            min_ratio=1 / 1.3,
        ),
        lambda: [[cli, "build", "--pdf", "--edition", str(edition), "--tei", "tei", "-o", "pdf-5"]],
        project,
        runs=3,  # a ratio target: a median of three even in --quick
    )
    rows.append(pdf5)
    # the peer: WeasyPrint alone rendering the same HTML (the book's parts as one document)
    alone_py = str(ROOT / "benchmarks" / "weasyprint_alone.py")
    run_once([PYTHON, alone_py, "capture", "tei", str(edition), str(work / "book-5.html")], project, b.log)
    alone = b.measure(
        Row("WeasyPrint alone: the same HTML as one document (5 seeds)", 5),
        lambda: [[PYTHON, alone_py, "render", str(work / "book-5.html"), str(work / "alone-5.pdf")]],
        project,
        runs=3,
    )
    rows.append(alone)
    if pdf5.median and alone.median:
        pdf5.ratio = alone.median / pdf5.median
        overhead = pdf5.median / alone.median
        notes.append(
            f"PDF overhead against WeasyPrint alone (5 seeds; ours with its default worker count, WeasyPrint alone "
            f"in one process): {overhead:.2f}× its wall time "
            f"(target ≤ 1.3×: {'PASS' if overhead <= 1.3 else 'FAIL'}). Ours also lays out each part with known "
            "page numbers, assembles the book, writes the offprints and checks the result; the ratio is in "
            "the PDF row's peer column."
        )
    pdf_big = b.measure(
        Row(
            "PDF edition build: book + offprints",
            largest,
            target="< 180 s" if largest == 1000 else "—",
            limit_s=180.0 if largest == 1000 else None,
        ),
        lambda: [[cli, "build", "--pdf", "--edition", str(edition), "--tei", big, "-o", "pdf-big"]],
        work,
    )
    rows.append(pdf_big)

    # what the layout hooks (toolkit/render/pdf/render.py) save: the same books with every
    # page number left to WeasyPrint's own target-counter(), laid out as one document
    hooks = []
    for n, tei_rel, label in ((5, "tei", "5 seeds"), (small, str(converted[small].relative_to(work)), None)):
        where = project if n == 5 else work
        tag = "5" if n == 5 else f"{n}"
        ours = pdf5 if n == 5 else pdf_big
        if n not in (5, largest):
            ours = b.measure(
                Row("PDF edition build: book + offprints", n),
                lambda tei_rel=tei_rel, tag=tag: [
                    [cli, "build", "--pdf", "--edition", str(edition), "--tei", tei_rel, "-o", f"pdf-{tag}"]
                ],
                work,
            )
            rows.append(ours)
        run_once([PYTHON, alone_py, "capture", tei_rel, str(edition), str(work / f"book-tc-{tag}.html")], where, b.log)
        peer = b.measure(
            Row(
                "WeasyPrint's own target-counter(): the book as one document, page numbers by CSS"
                + (f" ({label})" if label else ""),
                n,
            ),
            lambda tag=tag: [
                [PYTHON, alone_py, "target-counter", str(work / f"book-tc-{tag}.html"), str(work / f"tc-{tag}.pdf")]
            ],
            where,
        )
        rows.append(peer)
        if ours.median and peer.median:
            hooks.append(
                f"{n} documents: ours {ours.median:.1f} s, target-counter() {peer.median:.1f} s "
                f"({peer.median / ours.median:.2f}×)"
            )
    if hooks:
        notes.append(
            "Layout hooks against WeasyPrint's own target-counter(): " + "; ".join(hooks) + ". Without the hooks "
            "the book is one WeasyPrint document: one process, and WeasyPrint lays out again the pages whose "
            "references change; with them each part is laid out once, in parallel, with its first page number "
            "known, and the indexes merge consecutive pages into ranges."
        )

    # --- memory growth
    def growth(kind: str, pairs: list[tuple[int, Row]]) -> None:
        pairs = [(n, r) for n, r in pairs if r.samples]
        if len(pairs) < 2:
            return
        chain = " → ".join(f"{r.rss_mib:,.0f} MiB (N={n:,})" for n, r in pairs)
        (n0, r0), (n1, r1) = pairs[0], pairs[-1]
        per_doc = (r1.rss_mib - r0.rss_mib) * 1024 / (n1 - n0)
        notes.append(f"Peak RSS of the largest process, {kind}: {chain}; ≈ {per_doc:,.0f} KiB per extra document.")

    growth("convert", [(r.n, r) for r in rows if r.stage == "convert synthetic sources"])
    growth("validate", sorted(vrows.items()))
    measured = [s for r in rows for s in r.samples]
    if measured:
        worst = max(rows, key=lambda r: max((s.other_cpu for s in r.samples), default=0))
        notes.append(
            f"CPU used by other processes during the runs: median {statistics.median(s.other_cpu for s in measured):.0%}, "
            f"max {max(s.other_cpu for s in measured):.0%} of the machine ({worst.stage}, N={worst.n or '—'}); "
            f"† marks a median with a run above {LOADED:.0%}, inflated by that load."
        )
    after = code_snapshot()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if changed:
        notes.insert(
            0,
            f"**Warning: the code changed while the benchmark ran** ({', '.join(changed)}): "
            "rows measured before and after the change mix two versions; run again.",
        )
    notes.append(
        f"Runs: median of up to {runs}; a stage whose first run takes over {SLOW_S:.0f} s runs once. "
        "Jing's time is the sum over its batches (one JVM and schema load per batch). "
        "Bytecode is cached (PYTHONPYCACHEPREFIX in the scratch folder) after untimed warm-up runs. "
        f"PSS is sampled every {SAMPLE_S} s, so runs shorter than that show none."
    )
    return rows, notes


def render(rows: list[Row], notes: list[str], quick: bool) -> str:
    title = "# `make bench` results" + (" (--quick smoke run)" if quick else "")
    parts = [title, "", "Machine:", "", *machine(), "", table(rows), ""]
    parts += [f"- {n}" for n in notes]
    return "\n".join(parts) + "\n"


def site_note(folder: Path, n: int) -> str:
    """What the HTML edition of n documents is made of: files and megabytes in all, and in its
    data (the DTS API, the references to download, the exports)."""

    def count(sub: str) -> tuple[int, float]:
        files = [p for p in (folder / sub).rglob("*") if p.is_file()] if (folder / sub).exists() else []
        return len(files), sum(p.stat().st_size for p in files) / 1e6

    parts = [("", "in all"), ("api", "the DTS API and the published ids"), ("cite", "references to download")]
    parts += [("exports", "exports"), ("documents", "document pages")]
    said = [f"{c[0]:,} files, {c[1]:.0f} MB {label}" for sub, label in parts for c in [count(sub)]]
    return f"The HTML edition of {n:,} documents: " + "; ".join(said) + "."


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(x.replace("_", "")) for x in text.split(",") if x.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}") from None
    if not sizes or sizes[0] < 1 or sizes[-1] > 99_999:
        raise argparse.ArgumentTypeError("sizes must be between 1 and 99,999")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark the tei-edition CLI (make bench).")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: N=20/100, one run per stage, 20 converted (100 = copies); results.md untouched",
    )
    ap.add_argument(
        "--sizes",
        type=parse_sizes,
        default=None,
        help="validate corpus sizes, comma-separated (default 100,1000,10000)",
    )
    ap.add_argument(
        "--convert-max",
        type=int,
        default=None,
        help="largest size converted by the CLI; larger corpora are renamed copies (default 1000)",
    )
    ap.add_argument("--runs", type=int, default=None, help="runs per stage, median reported (default 3)")
    ap.add_argument("--out", type=Path, default=None, help="markdown file to write (default benchmarks/results.md)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    args = ap.parse_args(argv)

    sizes = args.sizes or ([20, 100] if args.quick else [100, 1000, 10000])
    convert_max = args.convert_max or (20 if args.quick else 1000)
    runs = args.runs or (1 if args.quick else 3)
    out = args.out if args.out is not None else (None if args.quick else RESULTS)
    for tool in (CLI, PYJING):
        if not tool.exists():
            print(f"bench: {tool} is missing; run `make setup` (pip install -e '.[test]')", file=sys.stderr)
            return 2

    work = Path(tempfile.mkdtemp(prefix="tei-bench-"))
    try:
        t0 = time.perf_counter()
        rows, notes = bench(sizes, convert_max, runs, work)
        notes.append(f"Whole benchmark: {time.perf_counter() - t0:.0f} s.")
        report = render(rows, notes, args.quick)
    finally:
        if args.keep:
            print(f"bench: scratch folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report, end="")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
        print(f"\n(written to {os.path.relpath(out)})", file=sys.stderr)
    return 1 if any(r.failed_rc is not None for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
