"""How a rule words and places what it finds: a diagnostic at an element of a document, the
element's name as messages give it, a value cut short for a message."""

from __future__ import annotations

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic, error, warning


def error_at(doc: Document, el, message: str, code: str) -> Diagnostic:
    return error(doc.shown, *doc.position(el), message, code)


def warning_at(doc: Document, el, message: str, code: str) -> Diagnostic:
    return warning(doc.shown, *doc.position(el), message, code)


def name_of(el) -> str:
    """The local name of an element ("persName"), memoised per tag."""
    tag = el.tag
    name = _NAMES.get(tag)
    if name is None:
        name = _NAMES[tag] = tag.rpartition("}")[2]
    return name


_NAMES: dict[str, str] = {}


def short(token: str) -> str:
    return token if len(token) <= 80 else token[:77] + "..."
