"""What WeasyPrint may read: the book font's files, and the images of the project the
build read for the book (model.media; the reading text names them as MEDIA + their path),
served from memory. No network, no other file, no data: URL; anything else raises
(WeasyPrint then leaves the resource out with a warning), so a TEI that names an image, a
stylesheet or an attachment cannot make the build fetch it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from toolkit.model.media import is_image, mime_type

MEDIA = "https://media.invalid/"  # an image of the project in the book's HTML; never leaves the build


class RefusedFetch(ValueError):
    pass


class AssetFetcher(URLFetcher):
    """Serves file: URLs inside `allowed` folders and the `media` images (their project
    path after MEDIA); refuses every other URL."""

    def __init__(self, allowed: list[Path], media: dict[str, bytes] | None = None):
        super().__init__(fail_on_errors=False, allowed_protocols=("file",))
        self.allowed = [Path(p).resolve() for p in allowed]
        self.media = dict(media or {})
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
        name = unquote(url[len(MEDIA) :]) if url.startswith(MEDIA) else None
        if name in self.media and is_image(self.media[name], name):
            return URLFetcherResponse(url, self.media[name], {"Content-Type": mime_type(name)})
        path = self.permitted(url)
        if path is None:
            self.refused.append(url)
            raise RefusedFetch(f"refused to fetch {url[:80]!r}: the PDF uses only the toolkit's own assets")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": _mime(path)})


def _mime(path: Path) -> str:
    return {".ttf": "font/ttf", ".otf": "font/otf", ".woff2": "font/woff2", ".css": "text/css"}.get(
        path.suffix, "application/octet-stream"
    )
