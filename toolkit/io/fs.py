"""The file system: every read and write of a project file goes through here (bytes in,
bytes out), atomically and never clobbering a hand edit. What the bytes are (sources,
TEI folders, registers, edition files) is io/project.py's business, which reads through
this module.

A file written by `convert` carries a stamp, `<?tei-edition generated="sha256:…"?>`,
the hash of the file's bytes without that line. If the hash no longer matches, an editor
has changed the file and `convert` refuses to overwrite it (`--force` overwrites and keeps
a numbered backup).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from toolkit.model.diagnostics import Diagnostic, error, warning

STAMP_RE = re.compile(rb'<\?tei-edition generated="sha256:([0-9a-f]{64})"\?>\n')


# ---------------------------------------------------------------- writing


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, fsync, rename: the file is old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def swap_in(new: Path, target: Path, keep_old: Path | None = None) -> None:
    """Put the finished folder `new` where `target` is, in one step; the old folder is
    deleted, or moved to `keep_old` (a free path beside it) to be recycled by the next build.

    On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders atomically: a reader sees
    the old site or the new one, never none. Elsewhere (or on file systems without it) two
    renames, with an instant in which `target` is missing but never half-written."""
    if target.exists() and _exchange(new, target):
        _done_with(new, keep_old)  # `new` now holds the old folder
        return
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}-{time.monotonic_ns()}"
        os.rename(target, old)
    os.rename(new, target)
    if old is not None:
        _done_with(old, keep_old)


def _done_with(old: Path, keep: Path | None) -> None:
    if keep is not None:
        with contextlib.suppress(OSError):
            os.rename(old, keep)
            return
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    return renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def stamp(data: bytes) -> bytes:
    """Insert the generated-stamp after the XML declaration and prolog PIs."""
    digest = hashlib.sha256(data).hexdigest()
    line = f'<?tei-edition generated="sha256:{digest}"?>\n'.encode()
    decl_end = data.index(b"\n") + 1 if data.startswith(b"<?xml ") else 0
    return data[:decl_end] + line + data[decl_end:]


def hand_edited(data: bytes) -> bool:
    """True if the file is not exactly what the toolkit wrote (no stamp, or stamp mismatch)."""
    m = STAMP_RE.search(data)
    if not m:
        return True
    rest = data[: m.start()] + data[m.end() :]
    return hashlib.sha256(rest).hexdigest() != m.group(1).decode()


def backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    k = 1
    while candidate.exists():
        k += 1
        candidate = path.with_name(f"{path.name}.bak{k}")
    return candidate


@dataclasses.dataclass
class WriteResult:
    path: Path
    status: str  # "written" | "unchanged" | "refused" | "backed-up"
    backup: Path | None = None


def write_generated(path: Path, data: bytes, force: bool) -> WriteResult:
    stamped = stamp(data)
    if path.exists():
        old = path.read_bytes()
        if old == stamped:
            return WriteResult(path, "unchanged")
        if hand_edited(old):
            if not force:
                return WriteResult(path, "refused")
            backup = backup_path(path)
            write_atomic(backup, old)
            write_atomic(path, stamped)
            return WriteResult(path, "backed-up", backup)
    write_atomic(path, stamped)
    return WriteResult(path, "written")


def write_edited(path: Path, old: bytes, new: bytes) -> None:
    """A TEI file the toolkit itself edits (`entities merge`), written atomically. One that
    was exactly what convert wrote is stamped anew, so convert may still replace it; one
    edited by hand keeps its stamp as it was, and so stays protected as hand-edited."""
    if not hand_edited(old):
        new = stamp(STAMP_RE.sub(b"", new, count=1))
    write_atomic(path, new)


def write_register(path: Path, data: bytes) -> None:
    """Registers are edited by hand and extended by convert: written whole, atomically,
    from a tree that was read from the current file (so hand edits are kept)."""
    write_atomic(path, data)


# ---------------------------------------------------------------- reading


def escapes(path: Path, root: Path) -> bool:
    """True if `path` is (or goes through) a symbolic link to somewhere outside `root`:
    such a file is never read, so a link in tei/ cannot publish /etc/passwd."""
    try:
        real_root = _real(os.path.abspath(root))
        if os.path.islink(path):
            target = os.path.realpath(path)
        else:  # not a link itself: where its folder really is decides
            target = os.path.join(_real(os.path.dirname(os.path.abspath(path))), os.path.basename(path))
        return not (target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep))
    except (OSError, RuntimeError, ValueError):  # a link loop
        return True


@functools.lru_cache(maxsize=4096)
def _real(folder: str) -> str:
    return os.path.realpath(folder)


def outside_message(path: Path) -> Diagnostic:
    return error(
        rel(path),
        0,
        0,
        "is a link to a file outside the project; not read. Copy the file into the project instead",
        "io.outside",
    )


def rel(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def read_bytes(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """A file's bytes, or a located error saying why they cannot be read."""
    try:
        return Path(path).read_bytes(), []
    except OSError as exc:
        return None, [error(rel(path), 0, 0, f"cannot be read ({exc.strerror}); check permissions", "io.read")]


def read_document(path: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """read_bytes, with the error located at the path as the caller shows it."""
    data, problems = read_bytes(path)
    return data, [dataclasses.replace(d, path=shown) for d in problems]


def refused_message(path: Path) -> Diagnostic:
    return error(
        rel(path),
        1,
        1,
        "changed since tei-edition wrote it (a hand edit?); not overwritten. "
        "Compare with `tei-edition convert SOURCE -o OTHER_DIR`, or use --force to overwrite (a backup is kept)",
        "convert.clobber",
    )


def backup_message(result: WriteResult) -> Diagnostic:
    return warning(
        rel(result.path),
        1,
        1,
        f"hand-edited file overwritten; the old version is in {rel(result.backup)}",
        "convert.backup",
    )


def read_files(paths: list[Path]) -> dict[str, bytes]:
    """{file name: bytes} of those of `paths` that exist."""
    out = {}
    for path in paths:
        with contextlib.suppress(OSError):
            out[path.name] = path.read_bytes()
    return out


# ---------------------------------------------------------------- a built edition


def link_or_copy(source, target) -> None:
    """Put a file of the previous build into the new one without rewriting it."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def stat_of(path) -> list[int] | None:
    """Size, modification time and inode: a file is still the one a build wrote while these hold."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]
