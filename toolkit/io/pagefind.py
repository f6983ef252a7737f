"""Pagefind (https://pagefind.app), the static full-text search: its binary comes with the
PyPI package `pagefind[bin]` (module `pagefind_bin`); it indexes a built site folder in
place (`<site>/pagefind/`), stemming Russian because every page says lang="ru"."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from toolkit.render.html import paths


def executable() -> str | None:
    try:
        import pagefind_bin  # type: ignore[import-not-found]

        return str(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        return shutil.which("pagefind")


def index_site(
    site: Path, pages: list[str] | None = None, bundle: str = paths.PAGEFIND_DIR, timeout: float = 120
) -> tuple[bool, str]:
    """Run Pagefind over the `pages` of `site` (default: every page), writing the bundle
    to `site/bundle`. Only the given pages are shown to Pagefind: they are hard-linked
    into a staging folder at their site paths, so result URLs are the site's own."""
    binary = executable()
    if binary is None:
        return False, "Pagefind is not installed (pip install 'pagefind[bin]'); the site keeps its offline search only"
    import tempfile

    stage = Path(tempfile.mkdtemp(prefix=".pagefind-stage-", dir=site.parent))
    try:
        chosen = pages if pages is not None else [str(p.relative_to(site)) for p in site.rglob("*.html")]
        for rel in chosen:
            target = stage / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, target)
            except OSError:
                shutil.copy2(site / rel, target)
        cmd = [
            binary,
            "--site",
            str(stage),
            "--output-path",
            str((site / bundle).resolve()),
            "--force-language",
            "ru",
            "--quiet",
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"Pagefind could not run ({exc})"
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        return False, f"Pagefind failed ({detail[-1] if detail else f'exit {proc.returncode}'})"
    return True, "search index written"
