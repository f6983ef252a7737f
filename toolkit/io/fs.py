"""All file I/O of the toolkit: reading sources and TEI, writing atomically, never
clobbering a hand edit.

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

from lxml import etree

from toolkit.convert.seedmeta import SeedMeta, parse_meta
from toolkit.convert.sources import decode_source
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


def swap_in(new: Path, target: Path) -> None:
    """Put the finished folder `new` where `target` is, in one step.

    On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders atomically: a reader sees
    the old site or the new one, never none. Elsewhere (or on file systems without it) two
    renames, with an instant in which `target` is missing but never half-written."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old folder
        return
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}-{time.monotonic_ns()}"
        os.rename(target, old)
    os.rename(new, target)
    if old is not None:
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


def read_source(path: Path) -> tuple[str | None, bytes, SeedMeta | None, list[Diagnostic]]:
    shown = rel(path)
    if path.is_symlink() and escapes(path, Path.cwd()):
        return None, b"", None, [outside_message(path)]
    if not path.exists():
        return None, b"", None, [error(shown, 0, 0, "no such file; check the path", "io.missing")]
    if path.is_dir():
        return (
            None,
            b"",
            None,
            [error(shown, 0, 0, "is a directory, not a source text; give the .txt files in it", "io.directory")],
        )
    data = path.read_bytes()
    text, diags = decode_source(data, shown)
    meta = None
    toml = path.with_suffix(".toml")
    if toml.exists():
        meta, mdiags = parse_meta(toml.read_bytes(), rel(toml))
        diags.extend(mdiags)
    return text, data, meta, diags


def read_document(path: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a file to check or publish, or (None, [the located io.read error])."""
    try:
        return path.read_bytes(), []
    except OSError as exc:
        return None, [error(shown, 0, 0, f"cannot be read ({exc.strerror}); check permissions", "io.read")]


def load_registers(folder: Path):
    """The registers in `folder`, or empty ones where a file does not exist yet."""
    from toolkit.model.registers import FILE_OF_KIND, KINDS, Registers, new_register
    from toolkit.model.xmlparse import parse_xml

    trees = {}
    diags: list[Diagnostic] = []
    for kind in KINDS:
        path = folder / FILE_OF_KIND[kind]
        if path.is_symlink() and escapes(path, folder):
            return None, diags + [outside_message(path)]
        if path.exists():
            tree, problems = parse_xml(path.read_bytes(), rel(path))
            diags.extend(problems)
            if tree is None:
                return None, diags
            trees[kind] = tree
        else:
            trees[kind] = etree.ElementTree(new_register(kind))
    return Registers(trees), diags


def collect_xml(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files to validate: the given files, and *.xml under given folders (registers too)."""
    files: list[Path] = []
    diags: list[Diagnostic] = []
    for p in paths:
        if p.is_dir():
            for x in sorted(p.rglob("*.xml")):
                if escapes(x, p):
                    diags.append(outside_message(x))
                elif x.is_file():
                    files.append(x)
        elif p.is_symlink() and escapes(p, Path.cwd()):
            diags.append(outside_message(p))
        elif p.exists():
            files.append(p)
        else:
            diags.append(error(rel(p), 0, 0, "no such file or directory; check the path", "io.missing"))
    return files, diags


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


# ---------------------------------------------------------------- a corpus folder


def read_corpus(tei_dir: Path, selection: tuple[str, ...] | None = None):
    """The registers and the bytes of the TEI documents of `tei_dir` (all, or the selected
    stems): (registers, model.corpus.CorpusFiles), or (None, None) if the folder or the
    registers cannot be read at all, and the diagnostics."""
    from toolkit.model.corpus import CorpusFiles

    tei_dir = Path(tei_dir)
    if not tei_dir.is_dir():
        return None, None, [error(rel(tei_dir), 0, 0, "no such folder of TEI documents; check the path", "io.missing")]
    registers, diags = load_registers(tei_dir / "registers")
    if registers is None:
        return None, None, diags
    files = []
    for p in sorted(tei_dir.glob("*.xml")):
        if escapes(p, tei_dir):
            diags.append(outside_message(p))  # never read: it could publish a file from anywhere
        elif p.is_file():
            files.append(p)
    if selection is not None:
        by_stem = {p.stem: p for p in files}
        files = [by_stem[stem] for stem in selection if stem in by_stem]
        diags.extend(
            error(
                rel(tei_dir / f"{stem}.xml"),
                0,
                0,
                "selected by the edition but not found; check the edition's documents list",
                "edition.missing-document",
            )
            for stem in selection
            if stem not in by_stem
        )
    documents = []
    for path in files:
        shown = rel(path)
        data, problems = read_document(path, shown)
        diags.extend(problems)
        if data is not None:
            documents.append((path, shown, data))
    register_files = {}
    for path in sorted((tei_dir / "registers").glob("*.xml")):
        if escapes(path, tei_dir):
            continue
        with contextlib.suppress(OSError):
            register_files[path.name] = path.read_bytes()
    return registers, CorpusFiles(tei_dir, rel(tei_dir), documents, register_files), diags


def load_corpus(tei_dir: Path, selection: tuple[str, ...] | None = None, memo=None):
    """read_corpus, then model.corpus.build_corpus: (Corpus or None, diagnostics)."""
    from toolkit.model.corpus import build_corpus

    registers, files, diags = read_corpus(tei_dir, selection)
    if files is None:
        return None, diags
    corpus, more = build_corpus(files, registers, memo)
    return corpus, diags + more


def read_edition(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of an edition file (editions/<name>.toml), or a located error."""
    try:
        return Path(path).read_bytes(), []
    except OSError as exc:
        return None, [
            error(rel(path), 0, 0, f"edition file cannot be read ({exc.strerror}); check the path", "io.read")
        ]


def load_edition(path: Path):
    """read_edition, then model.edition.parse_edition: (EditionConfig or None, diagnostics)."""
    from toolkit.model.edition import parse_edition

    data, diags = read_edition(path)
    if data is None:
        return None, diags
    return parse_edition(data, rel(path), Path(path).stem)


def read_files(paths: list[Path]) -> dict[str, bytes]:
    """{file name: bytes} of those of `paths` that exist."""
    out = {}
    for path in paths:
        with contextlib.suppress(OSError):
            out[path.name] = path.read_bytes()
    return out


# ---------------------------------------------------------------- a built edition


def write_folder(
    files: dict[str, bytes],
    out_dir: Path,
    *,
    reused: set[str] = frozenset(),
    previous_dir: Path | None = None,
    before_swap=None,
) -> None:
    """Write {relative path: bytes} into a new folder beside `out_dir`, then swap it in
    whole: a reader never sees a half-written edition. Paths in `reused` are hard-linked
    from `previous_dir` (the last build), not rewritten. `before_swap(folder)` runs on
    the new folder once it is written (to index it, say)."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        made_dirs: set[str] = set()
        old, new = str(previous_dir or ""), str(tmp)
        for name, data in files.items():
            target = os.path.join(new, name)
            folder = os.path.dirname(target)
            if folder not in made_dirs:
                os.makedirs(folder, exist_ok=True)
                made_dirs.add(folder)
            if name in reused and previous_dir is not None:
                link_or_copy(os.path.join(old, name), target)
            else:
                with open(target, "wb") as fh:
                    fh.write(data)
        if before_swap is not None:
            before_swap(tmp)
        os.chmod(tmp, 0o755)
        swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


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
