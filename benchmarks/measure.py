"""What `make bench` measures with (benchmarks/run.py drives it, benchmarks/stages.py says what
is measured): one run of a command as a child process, its wall time, the peak RSS of its
largest process and the peak PSS of its process tree, how busy the rest of the machine was
meanwhile; rows of the results table (the machine's description is machine.py)."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CLI = BIN / "tei-edition"
PYTHON = str(BIN / "python")
PYJING = BIN / "pyjing"
TEI_ALL = ROOT / "schema" / "tei_all.rng"

SLOW_S = 30.0  # a stage whose first run is slower than this runs only once
SAMPLE_S = 0.1  # memory sampling interval of the process tree
LOADED = 0.25  # share of the machine's CPU used by others above which a run is marked †
ARG_BUDGET = 100_000  # characters of file names per jing invocation (ARG_MAX is far larger)
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

    def measure(self, row: Row, make_cmds, cwd: Path, prepare=None, extra_env: dict[str, str] | None = None) -> Row:
        """Run the stage self.runs times (once if the first run exceeds SLOW_S); a stage
        with a time target at least three times, even in --quick, so that one run slowed
        by the machine does not decide it. `prepare()` is called before every run (e.g. a
        fresh output folder)."""
        for k in range(max(self.runs, 3 if row.limit_s is not None else 1)):
            if prepare:
                prepare()
            if not self._run(row, make_cmds, cwd, extra_env, k) or row.samples[-1].wall > SLOW_S:
                break
        return row

    def measure_in_turn(self, rows: list[tuple[Row, object]], cwd: Path, runs: int) -> None:
        """Rows whose ratio is a target, measured run by run in turn (A B A B …), so that a
        slow spell of the machine falls on both and not on one of them."""
        going = list(rows)
        for k in range(max(self.runs, runs)):
            going = [(row, make_cmds) for row, make_cmds in going if self._run(row, make_cmds, cwd, None, k)]

    def _run(self, row: Row, make_cmds, cwd: Path, extra_env, k: int) -> bool:
        """One run of the stage, its sample added to the row; False if it failed."""
        s = run_batches(make_cmds(), cwd, self.log, extra_env)
        row.samples.append(s)
        self.say(
            f"  {row.stage} [N={row.n or '—'}]: run {k + 1}: {s.wall:.3f} s, RSS {s.rss_kib / 1024:.0f} MiB, "
            f"PSS {s.pss_kib / 1024:.0f} MiB, others' CPU {s.other_cpu:.0%}, exit {s.rc}"
        )
        if s.rc != 0:
            self.say(f"  (exit {s.rc}; see {self.log})")
        return s.rc == 0


def code_snapshot() -> dict[str, int]:
    """mtimes of what the measured commands run: the toolkit, the schema, pyproject."""
    files = [*ROOT.glob("toolkit/**/*.py"), *ROOT.glob("schema/*"), ROOT / "pyproject.toml"]
    return {str(p.relative_to(ROOT)): p.stat().st_mtime_ns for p in files if p.is_file()}
