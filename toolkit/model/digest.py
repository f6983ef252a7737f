"""Content digests and the memo a stage reuses results through.

`key(*parts)`: the hash of everything a result depends on, seeded with the fingerprint
of the toolkit's own code, so that results made by other code are never reused.

`Memo`: what a pure stage may reuse. The edge (commands/) builds one over the cache
folder (io.cache.Cache.memo); the stage reads with `get`, records what it made with
`put`, and never writes anything itself: the edge saves `memo.new` afterwards. `None`
stands for no memo at all (tests, --no-cache)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from toolkit import __version__


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


def data_key(*parts) -> str:
    """The key of plain data (str, int, None, lists, tuples, dicts in a fixed order, and
    dataclass instances, whose repr shows every field): repr is exact for these, and fast."""
    return key(repr(parts))


class Memo:
    """Results made before (`lookup(namespace, key) -> bytes | None`) and the ones made
    now (`new`, for the edge to keep)."""

    def __init__(self, lookup: Callable[[str, str], bytes | None] | None = None):
        self._lookup = lookup
        self.new: dict[tuple[str, str], bytes] = {}

    def get(self, namespace: str, k: str) -> bytes | None:
        value = self.new.get((namespace, k))
        if value is None and self._lookup is not None:
            value = self._lookup(namespace, k)
        return value

    def put(self, namespace: str, k: str, value: bytes) -> None:
        self.new[(namespace, k)] = value
