"""Writing a whole folder of outputs (a site, a book with its offprints): into a folder
beside the target, then swapped in at once (io.fs.swap_in), so a reader never sees a
half-written edition and a failed build leaves the previous one as it was.

A rebuild that keeps most files (io/buildstate.py, render/html/site.py) hard-links them
from the previous folder. The site has tens of thousands of small files (its API, its
references to download), and on a busy file system linking each of them, then deleting
the old folder, cost seconds for a one-word edit. So a rebuild may recycle instead: the
folder the old site is moved to after a swap is kept beside the target (`.<name>.spare`),
and the next rebuild starts from it. A file there that is the very file the new site keeps
(the same inode as the live one: a hard link made by the last build) stays where it is;
every other file in it is deleted; only what changed is written or linked. The spare is
taken out of its place (renamed) before it is touched, so a build killed meanwhile leaves
no spare to be trusted, only a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from toolkit.io.fs import link_or_copy, swap_in

WRITERS = 4  # threads writing files: creating many small files waits on the file system, not the CPU
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def spare_of(out_dir: Path) -> Path:
    return Path(out_dir).parent / f".{Path(out_dir).name}.spare"


def write_folder(
    files: dict[str, bytes],
    out_dir: Path,
    *,
    reused: set[str] = frozenset(),
    previous_dir: Path | None = None,
    before_swap=None,
    linked=(),
    stats: dict | None = None,
    inodes: dict[str, int] | None = None,
) -> None:
    """Write {relative path: bytes} into a new folder beside `out_dir`, then swap it in
    whole. Paths in `reused` are hard-linked from `previous_dir` (the last build), not
    rewritten; so are the paths in `linked`, whose bytes are not even held. `before_swap
    (folder)` runs on the new folder once it is written (to index it, say). `stats`, if
    given, gets the `io.fs.stat_of` of each file written (not linked), taken from the open
    file. `inodes` ({path: inode of that file in `previous_dir`}, as last recorded) turns
    recycling on: the spare folder is the starting point, and the old folder becomes the
    next spare (see the module's docstring)."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    from_old = [*linked, *(name for name in files if name in reused)] if previous_dir is not None else []
    keep = {name: inodes[name] for name in from_old if name in inodes} if inodes is not None else {}
    tmp, kept, made = _start(out_dir, keep if inodes is not None else None)
    try:
        old, new = str(previous_dir or ""), str(tmp)
        for name in (*files, *from_old):
            _folder_for(os.path.join(new, name), made)
        fresh = [name for name in files if previous_dir is None or name not in reused]
        _in_threads(lambda name: _write_new(os.path.join(new, name), files[name], name, stats), fresh)
        relink = [name for name in from_old if name not in kept]
        _in_threads(lambda name: link_or_copy(os.path.join(old, name), os.path.join(new, name)), relink)
        if before_swap is not None:
            before_swap(tmp)
        os.chmod(tmp, 0o755)
        swap_in(tmp, out_dir, keep_old=spare_of(out_dir) if inodes is not None else None)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _start(out_dir: Path, keep: dict[str, int] | None) -> tuple[Path, set[str], set[str]]:
    """The folder to write the new site into, the paths in it that are already right, and
    its folders: the spare taken out of its place and cleared of every other file (with
    `keep`), else a new empty folder."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    spare = spare_of(out_dir)
    if keep is None or not spare.is_dir() or spare.is_symlink():
        if spare.exists() and keep is None:
            shutil.rmtree(spare, ignore_errors=True)  # a rebuild without the state cannot trust it
        return tmp, set(), {str(tmp)}
    try:
        os.rename(spare, tmp)  # onto the empty new folder: the spare is no longer where a build looks
    except OSError:
        return tmp, set(), {str(tmp)}
    folders = {str(tmp)}
    return tmp, _clear(tmp, keep, folders), folders


def _clear(folder: Path, keep: dict[str, int], folders: set[str]) -> set[str]:
    """Delete every file of `folder` but those in `keep` that still have the inode given
    (read from the directory, without a stat), and every folder left empty; the kept paths.
    `folders` gets the folders that remain."""
    kept: set[str] = set()

    def clear(path: str, rel: str) -> bool:  # whether the folder is left empty
        empty = True
        with os.scandir(path) as entries:
            for entry in entries:
                name = f"{rel}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if clear(entry.path, name + "/"):
                        os.rmdir(entry.path)
                    else:
                        folders.add(entry.path)
                        empty = False
                elif keep.get(name) == entry.inode() and entry.is_file(follow_symlinks=False):
                    kept.add(name)
                    empty = False
                else:
                    os.unlink(entry.path)
        return empty

    clear(str(folder), "")
    return kept


def _in_threads(fn, names: list[str]) -> None:
    """fn(name) for every name, in a few threads when there are many (each call is a few
    system calls, which release the GIL)."""
    if len(names) < 1000:
        for name in names:
            fn(name)
        return
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        for _ in pool.map(lambda part: [fn(name) for name in part], [names[k::WRITERS] for k in range(WRITERS)]):
            pass


def _write_new(target: str, data: bytes, name: str, stats: dict | None) -> None:
    """A new file, written with os.open (half the time of open() for the tens of thousands
    of small files of the API); its stat, from the open file, into `stats`."""
    fd = os.open(target, _FLAGS, 0o666)  # the umask applies, as with open()
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if stats is not None:
            st = os.fstat(fd)
            stats[name] = [st.st_size, st.st_mtime_ns, st.st_ino]  # one key each: safe from several threads
    finally:
        os.close(fd)


def _folder_for(target: str, made: set[str]) -> None:
    folder = os.path.dirname(target)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
