"""A content-addressed cache: results keyed by the hash of everything they depend on
(file bytes, schema, the toolkit's own code), so an unchanged document is not redone.

Entries live in `.tei-edition-cache/<namespace>/<key>` and are written atomically; a
corrupt or unreadable entry is a miss. `Cache(None)` is the disabled cache."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from pathlib import Path

from toolkit import __version__

DEFAULT_DIR = Path(".tei-edition-cache")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """The toolkit's version and the hash of its source files: an edited checkout (or a new
    release) never reuses results computed by other code."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode() + b"\0")
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    return h.digest()


def key(*parts: bytes | str) -> str:
    h = hashlib.sha256(code_fingerprint())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


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
