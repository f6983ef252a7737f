"""The edition's face: PT Serif (ParaType, OFL), installed as the PyPI package
`fontpkg-pt-serif`: four static faces (regular, italic, bold, bold italic) with full
Cyrillic, so bold and italic are real designs, not synthesised.

Where the font files are, for both editions: the book embeds them (pdf/fonts.py gives
WeasyPrint their @font-face rules), and the figures measure their labels with them
(figures/labels.py), so a label's box is the same in the site and in the book.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FACES = (  # (file, weight, style)
    ("PT_Serif-Web-Regular.ttf", 400, "normal"),
    ("PT_Serif-Web-Italic.ttf", 400, "italic"),
    ("PT_Serif-Web-Bold.ttf", 700, "normal"),
    ("PT_Serif-Web-BoldItalic.ttf", 700, "italic"),
)


class FontMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def font_dir() -> Path:
    try:
        import fontpkg_pt_serif
    except ImportError as exc:  # pragma: no cover - an installation problem
        raise FontMissing("the book font is not installed; pip install fontpkg-pt-serif") from exc
    folder = Path(fontpkg_pt_serif.ROOT) / "files"
    missing = [name for name, _, _ in FACES if not (folder / name).is_file()]
    if missing:  # pragma: no cover
        raise FontMissing(f"the book font is incomplete (missing {', '.join(missing)}); reinstall fontpkg-pt-serif")
    return folder.resolve()


def font_files() -> list[bytes]:
    """The four faces' files, as installed."""
    return [(font_dir() / name).read_bytes() for name, _, _ in FACES]
