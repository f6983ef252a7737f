"""Pagefind (https://pagefind.app), the static full-text search: its binary comes with the
PyPI package `pagefind[bin]` (module `pagefind_bin`); it indexes a built site folder in
place (`<site>/pagefind/`), stemming Russian because every page says lang="ru". A large
site is indexed in bundles (`bundles`, `index_bundles`): one Pagefind process each, and a
bundle whose pages did not change is kept from the last build."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from toolkit.io.fs import link_or_copy
from toolkit.model.diagnostics import Diagnostic, warning
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
            link_or_copy(site / rel, stage / rel)
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


def bundles(files, previous) -> dict[str, tuple[str, list[str], dict | None]]:
    """The Pagefind bundles of the new site: {name: (key, its pages, the files of the
    previous site's bundle with their recorded stats if it is kept, else None)}. A bundle
    whose pages are all unchanged is kept: its files are linked with the other reused files
    (so a recycled folder keeps them where they are)."""
    from toolkit.model.digest import key
    from toolkit.render.html.build import shard_dir

    shards = files.shards or [sorted(p for p in files if p.startswith("documents/"))]
    found = {}
    for k, pages in enumerate(shards):
        name = shard_dir(k)
        shard_key = key("pagefind", name, *[p + "\0" + key(files[p]) for p in pages])
        found[name] = (shard_key, pages, previous.shard(name, shard_key))
    return found


def index_bundles(bundles: dict, folder: Path, out_dir: Path, state, jobs: int) -> list[Diagnostic]:
    """The Pagefind bundles of the new site in `folder` (`bundles` as `bundles` gives them):
    the kept ones (already linked, with their stats as recorded) are recorded, the others
    are made (side by side, each a Pagefind process of its own)."""
    from concurrent.futures import ThreadPoolExecutor

    from toolkit.io.fs import stat_of

    diags: list[Diagnostic] = []
    new = str(folder)
    todo = []
    for name, (shard_key, pages, kept) in bundles.items():
        if kept is not None:
            state.shards[name] = {"key": shard_key, "files": kept}
        else:
            todo.append((name, shard_key, pages))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outcomes = list(pool.map(lambda item: index_site(folder, item[2], item[0]), todo))
    for (name, shard_key, _pages), (ok, message) in zip(todo, outcomes):
        if not ok:
            diags.append(warning(str(out_dir), 0, 0, message, "html.search-index"))
            continue
        state.shards[name] = {
            "key": shard_key,
            "files": {rel: stat_of(os.path.join(new, rel)) for rel in _files_under(new, name)},
        }
    return diags


def _files_under(root: str, folder: str) -> list[str]:
    out = []
    for dirpath, _dirs, names in os.walk(os.path.join(root, folder)):
        rel = os.path.relpath(dirpath, root)
        out.extend(os.path.join(rel, n) for n in names)
    return sorted(out)
