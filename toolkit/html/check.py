"""A checker for a built site ({relative path: bytes}): every page is a well-formed HTML5
page of the edition's kind, and every link inside the site resolves — the file exists
and so does the #anchor. Returns problems as text; the tests require none, and the build
reports any as warnings [html.check]."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from lxml import etree, html

EXTERNAL = re.compile(r"^https?://", re.IGNORECASE)


def parse_page(data: bytes) -> etree._Element:
    return html.document_fromstring(data, parser=html.HTMLParser(encoding="utf-8"))


def page_problems(path: str, data: bytes, tree: etree._Element | None = None) -> list[str]:
    """What is wrong with one page on its own (structure, security, accessibility basics)."""
    out: list[str] = []
    if not data.lstrip().lower().startswith(b"<!doctype html>"):
        out.append(f"{path}: does not start with <!DOCTYPE html>")
    root = tree if tree is not None else parse_page(data)
    if root.get("lang") != "ru":
        out.append(f"{path}: <html> has no lang=\"ru\"")
    head = root.find("head")
    first = head[0] if head is not None and len(head) else None
    if first is None or first.tag != "meta" or (first.get("charset") or "").lower() != "utf-8":
        out.append(f"{path}: <meta charset=\"utf-8\"> is not the first element of <head>")
    if not root.xpath("//head/meta[@name='viewport'][contains(@content, 'width=device-width')]"):
        out.append(f"{path}: no viewport meta")
    csp = root.xpath("//head/meta[@http-equiv='Content-Security-Policy']/@content")
    if not csp or "script-src 'self'" not in csp[0] or "unsafe-inline" in csp[0]:
        out.append(f"{path}: no Content-Security-Policy with script-src 'self'")
    if len(root.xpath("//h1")) != 1:
        out.append(f"{path}: has {len(root.xpath('//h1'))} <h1> elements, not one")
    ids = root.xpath("//@id")
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        out.append(f"{path}: duplicate ids {dupes[:5]}")
    for script in root.iter("script"):
        if not script.get("src") or (script.text or "").strip():
            out.append(f"{path}: inline script")
    if root.xpath("//style | //*[@style]"):
        out.append(f"{path}: inline style")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                out.append(f"{path}: event-handler attribute {name} on <{el.tag}>")
            if name in ("href", "src", "action") and re.match(r"^\s*(javascript|vbscript|data|file):", value, re.I) \
                    and not (el.tag == "link" and value == "data:,"):
                out.append(f"{path}: unsafe {name}={value[:40]!r} on <{el.tag}>")
            if name in ("href", "src") and value.strip().startswith("//"):
                out.append(f"{path}: protocol-relative {name}={value[:40]!r}")
    for a in root.iter("a"):
        if a.get("href") is None:
            out.append(f"{path}: <a> without href (not focusable)")
        elif not "".join(a.itertext()).strip():
            out.append(f"{path}: link {a.get('href')!r} has no text")
    return out


def resolve(page: str, href: str) -> tuple[str, str]:
    """("documents/a.html", "../persons.html#x") → ("persons.html", "x")."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return target, unquote(parts.fragment)


def check_site(files: dict[str, bytes]) -> list[str]:
    """Every page's own problems, and every internal href/src that does not resolve."""
    problems: list[str] = []
    trees = {p: parse_page(d) for p, d in files.items() if p.endswith(".html")}
    ids = {p: set(t.xpath("//@id")) for p, t in trees.items()}
    for path, tree in trees.items():
        problems.extend(page_problems(path, files[path], tree))
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is None or EXTERNAL.match(value) or value == "data:,":
                    continue
                target, frag = resolve(path, value)
                if target.startswith("../") or target not in files:
                    problems.append(f"{path}: {attr}={value!r} → {target} does not exist")
                    continue
                if frag and target in ids and frag not in ids[target]:
                    problems.append(f"{path}: {attr}={value!r} → no id {frag!r} in {target}")
    return problems
