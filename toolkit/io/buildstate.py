"""What the last HTML build made, kept so that the next one redoes only what changed.

The state of a built site lives in the cache folder (`.tei-edition-cache/site-state/`),
never in the published site. For every file of the site it holds the file's Record
(site.py: its key, the questions a document page asked and their answers, its
diagnostics), what the site check found in it (check.PageFacts), and the file's size,
modification time and inode when it was written. For the Pagefind bundles it holds the
key of the pages each bundle indexes and the bundle's files; for each group of data files
(render/html/site.py: a document's API responses and references, each export) its key and
its files.

A file of the previous build is offered for reuse only while it is still exactly the
file that build wrote (same size, mtime and inode): a site edited or replaced by hand,
or a state that cannot be read, simply means a full build. Reused files are hard-linked
into the new site, so they are not rewritten at all.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from toolkit.io.fs import stat_of
from toolkit.render.html.check import PageFacts
from toolkit.render.html.reuse import Previous, Record

VERSION = 3  # 2: a page's links kept grouped by target page; 3: groups of data files


class BuildState(Previous):
    def __init__(
        self, out_dir: Path, files: dict | None = None, shards: dict | None = None, groups: dict | None = None
    ):
        self.out_dir = Path(out_dir)
        self._root = str(self.out_dir)
        self.files: dict[str, dict] = files or {}
        self.shards: dict[str, dict] = shards or {}
        self.groups: dict[str, dict] = groups or {}  # name → {"key": …, "files": {path: stat}}
        self._checked: dict[str, bool] = {}  # path → intact (the old site is not touched during a build)

    # --- reading and writing the state --------------------------------------------------

    @staticmethod
    def _state_key(out_dir: Path) -> str:
        from toolkit.model.digest import key

        return key("site-state", str(Path(out_dir).resolve()))

    @classmethod
    def load(cls, cache, out_dir: Path) -> BuildState:
        """The state of the site at `out_dir`, or an empty one (a full build)."""
        empty = cls(out_dir)
        if cache is None or not cache.enabled or not Path(out_dir).is_dir():
            return empty
        raw = cache.get("site-state", cls._state_key(out_dir))
        if raw is None:
            return empty
        try:
            data = json.loads(raw)
            if data.get("version") != VERSION or data.get("out") != str(Path(out_dir).resolve()):
                return empty
            if not all(isinstance(data[part], dict) for part in ("files", "shards", "groups")):
                return empty
            return cls(out_dir, data["files"], data["shards"], data["groups"])
        except (ValueError, TypeError, KeyError, AttributeError):
            return empty

    def save(self, cache) -> None:
        if cache is None or not cache.enabled:
            return
        data = {
            "version": VERSION,
            "out": str(self.out_dir.resolve()),
            "files": self.files,
            "shards": self.shards,
            "groups": self.groups,
        }
        cache.put("site-state", self._state_key(self.out_dir), json.dumps(data, ensure_ascii=False).encode())

    # --- what render_site and the check may reuse ----------------------------------------

    # A state is only a cache: any entry that is not as written (edited, truncated, from
    # another version) makes that file count as not reusable, never an error.

    def _intact(self, path: str) -> bool:
        found = self._checked.get(path)
        if found is None:
            try:
                entry = self.files.get(path)
                found = entry is not None and stat_of(os.path.join(self._root, path)) == entry["stat"]
            except (TypeError, KeyError, AttributeError):
                found = False
            self._checked[path] = found
        return found

    def record(self, path: str) -> Record | None:
        if not self._intact(path):
            return None
        try:
            return Record.from_json(self.files[path]["record"])
        except (ValueError, TypeError, KeyError, IndexError):
            return None

    def data(self, path: str) -> bytes | None:
        try:
            return (self.out_dir / path).read_bytes() if self._intact(path) else None
        except OSError:
            return None

    def facts(self, path: str) -> PageFacts | None:
        if not self._intact(path):
            return None
        try:
            return PageFacts.from_compact(self.files[path]["facts"])
        except (TypeError, ValueError, KeyError, AttributeError):
            return None

    def inodes(self) -> dict[str, int]:
        """The inode of every file of the previous site as recorded when it was written (for
        recycling: io/folder.py keeps a file of the spare folder that is the same file)."""
        found: dict[str, int] = {}
        try:
            for rel, entry in self.files.items():
                if entry.get("stat"):
                    found[rel] = entry["stat"][2]
            for group in (*self.groups.values(), *self.shards.values()):
                for rel, stat in group["files"].items():
                    if stat:
                        found[rel] = stat[2]
        except (TypeError, KeyError, AttributeError, IndexError):
            return {}
        return found

    def group(self, name: str, key: str) -> list[str] | None:
        return self._kept(self.groups, name, key)

    def group_stats(self, name: str) -> dict:
        """The files of a kept group with their stats as recorded (a hard link has its
        file's stat, so the new state need not look at them again)."""
        return dict(self.groups[name]["files"])

    def shard(self, name: str, key: str) -> dict | None:
        """The files of a previous Pagefind bundle made from the same pages, with their stats
        as recorded (as group_stats), if all are intact; else None."""
        return dict(self.shards[name]["files"]) if self._kept(self.shards, name, key) is not None else None

    def _kept(self, table: dict, name: str, key: str) -> list[str] | None:
        try:
            entry = table.get(name)
            if entry is None or entry.get("key") != key:
                return None
            for rel, stat in entry["files"].items():
                inside = isinstance(rel, str) and not os.path.isabs(rel) and ".." not in rel.split(os.sep)
                if not inside or stat_of(os.path.join(self._root, rel)) != stat:  # never a file outside the site
                    return None
            return list(entry["files"])
        except (TypeError, KeyError, AttributeError):
            return None
