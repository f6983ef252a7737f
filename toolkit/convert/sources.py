"""Source texts as received: bytes → text, with a located error for what cannot be read.

UTF-8 (with or without BOM) is read as is; a UTF-16 text with a BOM is decoded; a text
that is not UTF-8 but decodes as Windows-1251 with mostly Cyrillic letters (the usual
encoding of Russian web pages saved on Windows) is decoded and reported as a warning.
Anything else is refused with the line and column of the first undecodable byte.
"""

from __future__ import annotations

import re

from toolkit.model.diagnostics import Diagnostic, error, warning


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def decode_source(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    if not data.strip():
        return None, [error(path, 1, 1, "the source text is empty; nothing to convert", "source.empty")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return None, [
                error(path, 1, 1, f"UTF-16 text cannot be decoded ({exc.reason}); save it as UTF-8", "source.encoding")
            ]
        return _clean(text, path), [
            warning(path, 1, 1, "source is UTF-16; decoded it (save sources as UTF-8)", "source.encoding")
        ]
    if b"\x00" in data:
        line, col = _line_col(data, data.index(b"\x00"))
        return None, [
            error(
                path,
                line,
                col,
                "source contains NUL bytes: a binary file or UTF-16 without BOM; give a UTF-8 text",
                "source.binary",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
        return _clean(text, path), []
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        letters = re.findall(r"[^\W\d_]", text)
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
        if letters and cyrillic / len(letters) > 0.6:
            line, col = _line_col(data, bad)
            return _clean(text, path), [
                warning(
                    path,
                    line,
                    col,
                    "source is not UTF-8; decoded it as Windows-1251 (Cyrillic); save sources as UTF-8",
                    "source.encoding",
                )
            ]
    line, col = _line_col(data, bad)
    return None, [
        error(
            path,
            line,
            col,
            f"byte 0x{data[bad]:02x} is not UTF-8 and the text is not Windows-1251 Cyrillic; save the file as UTF-8",
            "source.encoding",
        )
    ]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _clean(text: str, path: str) -> str:
    """Line ends normalised to \\n; characters XML cannot hold removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)
