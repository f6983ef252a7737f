"""Where the data points: absolute URLs when the edition's address is known (`base`), else
links relative to the file they are written in, like every link of the site."""

from __future__ import annotations

from toolkit.render.html import paths


class DataLinks:
    def __init__(self, base: str | None = None):
        """`base`: the address the site is published at ("https://example.org/odkb/"), or None."""
        self.base = base.rstrip("/") + "/" if base else None

    def url(self, from_path: str, target: str) -> str:
        """A link from one site path to another (absolute if the base is known)."""
        if self.base:
            return self.base + target
        return paths.relative(from_path, target)

    def absolute(self, target: str) -> str | None:
        """The absolute URL of a site path, or None when the base is not known."""
        return self.base + target if self.base else None

    def folder(self, from_path: str, folder: str) -> str:
        """A link to a folder ("api/dts/"), ending in "/" ("" for the folder of `from_path`)."""
        if self.base:
            return f"{self.base}{folder.rstrip('/')}/"
        anchor = paths.relative(from_path, f"{folder.rstrip('/')}/_")
        return anchor[:-1]

    def page(self, from_path: str, docid: str, anchor: str = "") -> str:
        """A document's reading page, or a permalink on it."""
        return self.url(from_path, paths.document(docid) + (f"#{anchor}" if anchor else ""))
