"""A content-addressed cache: results keyed by the hash of everything they depend on
(file bytes, schema, the toolkit's own code), so an unchanged document is not redone.

Entries live in `.tei-edition-cache/<namespace>/<key>` and are written atomically; a
corrupt or unreadable entry is a miss. `Cache(None)` is the disabled cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from toolkit.model.digest import Memo

DEFAULT_DIR = Path(".tei-edition-cache")


class Cache:
    def __init__(self, folder: Path | None):
        self.folder = folder

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _path(self, namespace: str, k: str) -> Path:
        return self.folder / namespace / k[:2] / k

    def get(self, namespace: str, k: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return self._path(namespace, k).read_bytes()
        except OSError:
            return None

    def put(self, namespace: str, k: str, value: bytes) -> None:
        if self.folder is None:
            return
        path = self._path(namespace, k)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(value)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written is only slower

    def memo(self) -> Memo:
        """A memo over this cache for a pure stage (model/digest.py); `save` keeps what it made."""
        return Memo(self.get if self.enabled else None)

    def save(self, memo: Memo | None) -> None:
        """Keep what a stage made through `memo`."""
        if memo is None or not self.enabled:
            return
        for (namespace, k), value in memo.new.items():
            self.put(namespace, k, value)
