"""What WeasyPrint may read: the book font's files, nothing else. No network, no other
file, no data: URL; anything else raises (WeasyPrint then leaves the resource out with a
warning), so a TEI that names an image, a stylesheet or an attachment cannot make the
build fetch it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedFetch(ValueError):
    pass


class AssetFetcher(URLFetcher):
    """Serves file: URLs inside `allowed` folders; refuses every other URL."""

    def __init__(self, allowed: list[Path]):
        super().__init__(fail_on_errors=False, allowed_protocols=("file",))
        self.allowed = [Path(p).resolve() for p in allowed]
        self.refused: list[str] = []

    def permitted(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost") or parts.query:
            return None
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            return None
        return path if path.is_file() else None

    def fetch(self, url, headers=None):
        path = self.permitted(url)
        if path is None:
            self.refused.append(url)
            raise RefusedFetch(f"refused to fetch {url[:80]!r}: the PDF uses only the toolkit's own assets")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": _mime(path)})


def _mime(path: Path) -> str:
    return {".ttf": "font/ttf", ".otf": "font/otf", ".woff2": "font/woff2", ".css": "text/css"}.get(
        path.suffix, "application/octet-stream"
    )
