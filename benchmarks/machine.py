"""The machine a `make bench` ran on, as the results say it: CPU, memory, OS, Python, Java,
the toolkit's version and commit, and the thread settings of the environment."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from pathlib import Path

from measure import BIN, CLI, NCPU, ROOT


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
