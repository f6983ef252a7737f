"""Where a link may lead, for the pointer rules (pointers.py): its scheme, as a browser reads
it, and whether a relative path climbs out of the project."""

from __future__ import annotations

import functools
import os
import re

UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")
WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):(.*)$", re.S)
_CONTROL = re.compile(r"[\x00-\x20]")


def scheme_of(token: str) -> str | None:
    """The URL scheme of a pointer, lower-cased, ignoring control characters and spaces a
    browser would also ignore ("java\\tscript:")."""
    m = _SCHEME.match(_CONTROL.sub("", token))
    return m.group(1).lower() if m else None


def climbs_out(shown: str, joined: str) -> bool:
    """True if `joined` (a relative pointer of the document `shown`, joined to its folder)
    lies outside the project: the current folder, or for a document outside it, the
    document's own folder (a register's: the folder above registers/)."""
    return _climbs(os.path.abspath(joined), _project_root(shown, os.getcwd()))


@functools.lru_cache(maxsize=1024)
def _project_root(shown: str, cwd: str) -> str:
    folder = os.path.dirname(os.path.abspath(shown))
    if not _climbs(folder, cwd):
        return cwd
    parts = shown.replace("\\", "/").split("/")
    return os.path.dirname(folder) if "registers" in parts[:-1] else folder


def _climbs(path: str, root: str) -> bool:
    return os.path.relpath(path, root).split(os.sep)[0] == ".."
