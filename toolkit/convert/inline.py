"""Inline text of one source line → TEI mixed content.

Markdown artefacts of web copies become markup: `**x**` → `<hi rend="bold">`,
`[x](target)` → `<ref>` (target kept only if it is an http(s) URL; the source's
empty "#" link is encoded without a target). A spaced hyphen used as a dash
(" - ") is regularised: `<choice><orig>-</orig><reg>—</reg></choice>`.
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit.model.tei import E

# Delimiters count as markdown only at word edges, so removing them never joins two words.
_TOKEN = re.compile(
    r"(?<!\w)\*\*(?P<bold>[^*\n]+?)\*\*(?!\w)"
    r"|(?<!\w)\[(?P<ltext>[^\[\]\n]+)\]\((?P<target>[^()\s]*)\)(?!\w)"
    r"|(?<=\s)(?P<dash>-)(?=\s)"
)

SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$")


def fill(el: etree._Element, text: str) -> etree._Element:
    """Append `text` to `el` as mixed content, turning markdown artefacts into markup."""
    last: etree._Element | None = None
    if len(el):
        last = el[-1]
    pos = 0

    def put_text(s: str) -> None:
        nonlocal last
        if not s:
            return
        if last is None:
            el.text = (el.text or "") + s
        else:
            last.tail = (last.tail or "") + s

    for m in _TOKEN.finditer(text):
        put_text(text[pos : m.start()])
        if m.group("bold") is not None:
            child = E("hi", text=m.group("bold"), rend="bold")
        elif m.group("ltext") is not None:
            target = m.group("target")
            child = E("ref", text=m.group("ltext"))
            if SAFE_URL.match(target or ""):
                child.set("target", target)
            else:
                child.set("type", "link-artefact")
        else:
            child = E("choice", E("orig", text="-"), E("reg", text="—"))
        el.append(child)
        last = child
        pos = m.end()
    put_text(text[pos:])
    return el
