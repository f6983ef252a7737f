"""The book face in the PDF: PT Serif (render/fonts.py: where its files are), given to
WeasyPrint with @font-face rules under a family name of its own, from the package's
installed folder; the fetcher (fetch.py) lets WeasyPrint read that folder and nothing
else."""

from __future__ import annotations

from toolkit.render.fonts import FACES, font_dir

FAMILY = "Edition Serif"  # the CSS family name; never a system font's name
PDF_FONT_NAME = "PTSerif"  # what the embedded fonts are called in the PDF


def font_face_css() -> str:
    folder = font_dir()
    rules = []
    for name, weight, style in FACES:
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; src: url("{(folder / name).as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)
