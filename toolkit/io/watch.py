"""`tei-edition watch`: on every save in tei/, validate the changed file (with the
registers as context) and rebuild the HTML edition, printing path:line:col diagnostics.

Polling (stat every 0.2 s) keeps it dependency-free and works on every file system,
including network mounts where inotify does not."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

Snapshot = dict[Path, tuple[int, int]]


def snapshot(folder: Path) -> Snapshot:
    out: Snapshot = {}
    for p in folder.rglob("*.xml"):
        try:
            st = p.stat()
        except OSError:
            continue
        out[p] = (st.st_mtime_ns, st.st_size)
    return out


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    return sorted(p for p in after.keys() | before.keys() if before.get(p) != after.get(p) and p in after)


def watch(
    tei_dir: Path,
    on_change: Callable[[list[Path]], None],
    *,
    interval: float = 0.2,
    stop: Callable[[], bool] = lambda: False,
    on_ready: Callable[[], None] = lambda: None,
) -> None:
    state = snapshot(tei_dir)
    on_ready()  # only now is every later save seen
    while not stop():
        time.sleep(interval)
        now = snapshot(tei_dir)
        paths = changed(state, now)
        state = now
        if paths:
            on_change(paths)
