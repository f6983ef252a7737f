"""The book's page: size, margins, type size, running title, read from the edition's
`[pdf]` table (EditionConfig does not keep them: the book's page is read here only).

    [pdf]
    page = "A4"            # A4 (default), A5, B5, or "170x240mm" / "170×240 mm"
    margin_top = "20mm"    # each margin optional; defaults scale with the page
    margin_bottom = "24mm"
    margin_inner = "22mm"  # the binding side
    margin_outer = "26mm"
    font_size = "10.5pt"
    running_title = "…"    # left-hand running head (default: the title up to its colon)
    date = "2025"          # the date on the title page (default: the year of the build date)
    bleed = "3mm"          # default bleed (the --bleed option wins)
    mention_links = false  # link each mention in the text to its index entry (slower on big books)
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Sequence

from toolkit.model.diagnostics import Diagnostic, error
from toolkit.model.edition import key_position

PAGE_SIZES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0)}
_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×х*]\s*(\d+(?:\.\d+)?)\s*(mm)?\s*$", re.IGNORECASE)
LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|pt|in)\s*$")
TO_MM = {"mm": 1.0, "cm": 10.0, "pt": 25.4 / 72, "in": 25.4}
KEYS = {
    "page",
    "page_size",
    "margin_top",
    "margin_bottom",
    "margin_inner",
    "margin_outer",
    "font_size",
    "running_title",
    "date",
    "bleed",
    "mention_links",
}


@dataclasses.dataclass(frozen=True)
class PageSettings:
    width_mm: float = 210.0
    height_mm: float = 297.0
    margin_top: str = "20mm"
    margin_bottom: str = "24mm"
    margin_inner: str = "24mm"
    margin_outer: str = "26mm"
    font_size: str = "11pt"
    running_title: str | None = None
    date: str | None = None
    bleed: str | None = None
    mention_links: bool = False

    @property
    def size_css(self) -> str:
        return f"{_num(self.width_mm)}mm {_num(self.height_mm)}mm"

    @property
    def width_pt(self) -> float:
        return self.width_mm * 72 / 25.4

    @property
    def height_pt(self) -> float:
        return self.height_mm * 72 / 25.4


def _num(x: float) -> str:
    return f"{x:g}"


def defaults_for(width_mm: float, height_mm: float) -> dict[str, str]:
    """Margins and type size that suit the page: a smaller page, narrower margins."""
    if width_mm >= 200:  # A4
        return dict(margin_top="20mm", margin_bottom="24mm", margin_inner="24mm", margin_outer="26mm", font_size="11pt")
    if width_mm >= 165:  # B5, 170×240
        return dict(
            margin_top="18mm", margin_bottom="22mm", margin_inner="21mm", margin_outer="22mm", font_size="10.5pt"
        )
    return dict(margin_top="15mm", margin_bottom="19mm", margin_inner="19mm", margin_outer="19mm", font_size="10pt")


def length_mm(value: str) -> float | None:
    m = LENGTH.match(value or "")
    return float(m.group(1)) * TO_MM[m.group(2)] if m else None


def parse_page(value: str) -> tuple[float, float] | None:
    key = value.strip().upper()
    if key in PAGE_SIZES:
        return PAGE_SIZES[key]
    m = _CUSTOM.match(value)
    if m:
        w, h = float(m.group(1)), float(m.group(2))
        if 50 <= w <= 1000 and 50 <= h <= 1000:
            return w, h
    return None


def parse_pdf_table(
    table: object, path: str, lines: Sequence[str] = ()
) -> tuple[PageSettings | None, list[Diagnostic]]:
    """The `[pdf]` table of an edition → PageSettings, or located errors (at the setting's
    value when the file's `lines` are given)."""
    problems: list[Diagnostic] = []

    def bad(message: str, key: str) -> None:
        line, col = key_position(list(lines), key, "pdf")
        problems.append(error(path, line, col, message, "edition.pdf"))

    if table is None:
        table = {}
    if not isinstance(table, dict):
        return None, [error(path, 1, 1, "[pdf] must be a table of settings", "edition.pdf")]
    for key in sorted(set(table) - KEYS):
        bad(f'[pdf] has an unknown setting "{key}"; known: {", ".join(sorted(KEYS))}', key)
    page = table.get("page", table.get("page_size", "A4"))
    size = parse_page(page) if isinstance(page, str) else None
    if size is None:
        bad(
            f'[pdf] page "{page}" is not a page size; use A4, A5, B5 or a size such as "170x240mm"',
            "page" if "page" in table else "page_size",
        )
        size = PAGE_SIZES["A4"]
    values = defaults_for(*size)
    for key in ("margin_top", "margin_bottom", "margin_inner", "margin_outer", "font_size", "bleed"):
        if key not in table:
            continue
        value = table[key]
        mm = length_mm(value) if isinstance(value, str) else None
        limit = 10 if key == "font_size" else (25 if key == "bleed" else min(size) / 3)
        if mm is None or mm > limit or (key == "font_size" and mm < 2):
            bad(f'[pdf] {key} = "{value}" is not a usable length; write it like "20mm" or "10.5pt"', key)
            continue
        values[key] = value.strip()
    for key in ("running_title", "date"):
        if key in table:
            if isinstance(table[key], str) and table[key].strip():
                values[key] = table[key].strip()
            else:
                bad(f"[pdf] {key} must be text", key)
    if "mention_links" in table:
        if isinstance(table["mention_links"], bool):
            values["mention_links"] = table["mention_links"]
        else:
            bad("[pdf] mention_links must be true or false", "mention_links")
    if problems:
        return None, problems
    return PageSettings(size[0], size[1], **values), []


def parse_page_settings(data: bytes, shown: str) -> tuple[PageSettings | None, list[Diagnostic]]:
    """`[pdf]` of the edition file's bytes (its syntax errors are reported by
    model.edition.parse_edition, so a file that does not parse gives the defaults here)."""
    try:
        text = data.decode("utf-8")
        raw = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return PageSettings(), []
    return parse_pdf_table(raw.get("pdf"), shown, text.splitlines())
