"""Pagefind (https://pagefind.app), the static full-text search: its binary comes with the
PyPI package `pagefind[bin]` (module `pagefind_bin`); it indexes a built site folder in
place (`<site>/pagefind/`), stemming Russian because every page says lang="ru"."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from . import paths


def executable() -> str | None:
    try:
        import pagefind_bin  # type: ignore[import-not-found]

        return str(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        return shutil.which("pagefind")


def index_site(site: Path, timeout: float = 120) -> tuple[bool, str]:
    """Run Pagefind over `site`. Returns (ok, message)."""
    binary = executable()
    if binary is None:
        return False, "Pagefind is not installed (pip install 'pagefind[bin]'); the site keeps its offline search only"
    cmd = [binary, "--site", str(site), "--output-subdir", paths.PAGEFIND_DIR, "--force-language", "ru", "--quiet"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"Pagefind could not run ({exc})"
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        return False, f"Pagefind failed ({detail[-1] if detail else f'exit {proc.returncode}'})"
    return True, "search index written"
