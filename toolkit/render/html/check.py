"""A checker for a built site ({relative path: bytes}): every page is a well-formed HTML5
page of the edition's kind, and every link inside the site resolves — the file exists
and so does the #anchor. Returns problems as text; the tests require none, and the build
reports any as warnings [html.check]."""

from __future__ import annotations

import collections
import dataclasses
import functools
import posixpath
import re
from urllib.parse import unquote, urlsplit

from lxml import etree, html

EXTERNAL = re.compile(r"^https?://", re.IGNORECASE)
JSON_LD = "application/ld+json"


def parse_page(data: bytes) -> etree._Element:
    return html.document_fromstring(data, parser=html.HTMLParser(encoding="utf-8"))


@dataclasses.dataclass
class _Attributes:
    """The attributes the checks look at, gathered in one pass over the page."""

    ids: list
    links: list  # href, src and action values (lxml smart strings: .attrname, .getparent())
    handlers: list  # on* attributes (the HTML parser lower-cases names: "onClick" is "onclick")
    styles: list


def _attributes(root: etree._Element) -> _Attributes:
    found = _Attributes([], [], [], [])
    for attr in root.xpath("//@*"):  # selected in C; one cheap test per attribute in Python
        name = attr.attrname
        if name == "id":
            found.ids.append(attr)
        elif name in _LINK_ATTRS:
            found.links.append(attr)
        elif name == "style":
            found.styles.append(attr)
        elif name[:2] == "on":
            found.handlers.append(attr)
    return found


_LINK_ATTRS = frozenset(("href", "src", "action"))


def page_problems(
    path: str, data: bytes, tree: etree._Element | None = None, attributes: _Attributes | None = None
) -> list[str]:
    """What is wrong with one page on its own (structure, security, accessibility basics)."""
    out: list[str] = []
    if not data.lstrip().lower().startswith(b"<!doctype html>"):
        out.append(f"{path}: does not start with <!DOCTYPE html>")
    root = tree if tree is not None else parse_page(data)
    found = attributes or _attributes(root)
    if root.get("lang") != "ru":
        out.append(f'{path}: <html> has no lang="ru"')
    head = root.find("head")
    first = head[0] if head is not None and len(head) else None
    if first is None or first.tag != "meta" or (first.get("charset") or "").lower() != "utf-8":
        out.append(f'{path}: <meta charset="utf-8"> is not the first element of <head>')
    if not root.xpath("//head/meta[@name='viewport'][contains(@content, 'width=device-width')]"):
        out.append(f"{path}: no viewport meta")
    csp = root.xpath("//head/meta[@http-equiv='Content-Security-Policy']/@content")
    if not csp or "script-src 'self'" not in csp[0] or "unsafe-inline" in csp[0]:
        out.append(f"{path}: no Content-Security-Policy with script-src 'self'")
    # the elements the checks need, in one pass
    h1s: list = []
    for el in root.xpath("//h1 | //style | //script | //a[not(@href) or string-length(normalize-space(.)) < 2]"):
        if el.tag == "h1":
            h1s.append(el)
        elif el.tag == "style":
            out.append(f"{path}: inline style")
        elif el.tag == "script":
            if el.get("type") == JSON_LD and not el.get("src"):
                continue  # a data block: never run (JSON-LD)
            if not el.get("src") or (el.text or "").strip():
                out.append(f"{path}: inline script")
        elif el.get("href") is None:
            out.append(f"{path}: <a> without href (not focusable)")
        elif not "".join(el.itertext()).strip():
            out.append(f"{path}: link {el.get('href')!r} has no text")
    if len(h1s) != 1:
        out.append(f"{path}: has {len(h1s)} <h1> elements, not one")
    counts = collections.Counter(found.ids)
    dupes = sorted(i for i, n in counts.items() if n > 1)
    if dupes:
        out.append(f"{path}: duplicate ids {dupes[:5]}")
    if found.styles:
        out.append(f"{path}: style attribute on <{found.styles[0].getparent().tag}>")
    for attr in found.handlers:
        out.append(f"{path}: event-handler attribute {attr.attrname} on <{attr.getparent().tag}>")
    for attr in found.links:
        value = str(attr)
        if not _SUSPECT.match(value):
            continue
        el, name = attr.getparent(), attr.attrname
        if _UNSAFE.match(value) and not (el.tag == "link" and value == "data:,"):
            out.append(f"{path}: unsafe {name}={value[:40]!r} on <{el.tag}>")
        if name in ("href", "src") and value.strip().startswith("//"):
            out.append(f"{path}: protocol-relative {name}={value[:40]!r}")
    return out


_UNSAFE = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)
_SUSPECT = re.compile(r"^\s*(?:[a-z]+:|//)", re.I)  # a scheme or a protocol-relative start


def resolve(page: str, href: str) -> tuple[str, str]:
    """("documents/a.html", "../persons.html#x") → ("persons.html", "x")."""
    if not any(c in href for c in "%?:\\"):  # the usual plain relative link: no URL parsing
        path, _, frag = href.partition("#")
        return (_join(posixpath.dirname(page), path) if path else page), frag
    parts = urlsplit(href)
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return target, unquote(parts.fragment)


@functools.lru_cache(maxsize=65536)
def _join(folder: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(folder, path))


@dataclasses.dataclass
class PageFacts:
    """What the site check needs of one page, computed from its path and bytes alone (so it
    can be kept for a page that did not change): its own problems, its ids, and its
    internal links resolved to (attribute, value, target path, fragment)."""

    problems: list[str]
    ids: list[str]
    links: list[tuple[str, str, str, str]]
    stored: list | None = dataclasses.field(
        default=None, compare=False, repr=False
    )  # the compact form it was read from

    def compact(self) -> list:
        """What a later check needs to know the links still resolve (not how they were
        written: a problem found with compact facts is looked at again in the page)."""
        if self.stored is not None:
            return self.stored
        targets: dict[str, set[str]] = {}
        for _a, _v, target, frag in self.links:
            targets.setdefault(target, set()).add(frag)
        return [self.problems, self.ids, {target: sorted(frags) for target, frags in sorted(targets.items())}]

    @classmethod
    def from_compact(cls, data: list) -> PageFacts:
        """The facts as a build state kept them: the links stay in their compact form
        (`stored`), which check_site reads as it is."""
        problems, ids, _targets = data
        return cls(problems, ids, [], stored=data)


def page_facts(path: str, data: bytes) -> PageFacts:
    # plain lxml elements: lxml.html's element classes cost more than the checks themselves
    tree = etree.fromstring(data, etree.HTMLParser(encoding="utf-8")).getroottree().getroot()
    found = _attributes(tree)
    links = []
    for attr in found.links:
        value = str(attr)
        if attr.attrname == "action" or EXTERNAL.match(value) or value == "data:,":
            continue
        links.append((attr.attrname, value, *resolve(path, value)))
    return PageFacts(page_problems(path, data, tree, found), sorted(set(map(str, found.ids))), links)


def check_site(files: dict[str, bytes], facts: dict[str, PageFacts] | None = None, linked=()) -> list[str]:
    """Every page's own problems, and every internal href/src that does not resolve.
    `facts` may hold PageFacts already known for some pages (the same path and bytes);
    `linked` are more files of the site, not held in `files` (never pages)."""
    problems: list[str] = []
    known = dict(facts or {})
    present = set(files)
    present.update(linked)
    for path, data in files.items():
        if path.endswith(".html") and path not in known:
            known[path] = page_facts(path, data)
    ids: dict[str, set[str]] = {}

    def ids_of(target: str) -> set[str] | None:  # None: not a page (any fragment will do)
        if target not in ids and target in known:
            ids[target] = set(known[target].ids)
        return ids.get(target)

    for path in files:
        if not path.endswith(".html"):
            continue
        page = known[path]
        problems.extend(page.problems)
        if page.stored is not None:  # a page that did not change: its links by target
            for target, frags in page.stored[2].items():
                problems.extend(_target_problems(path, target, frags, present, ids_of))
            continue
        for attr, value, target, frag in page.links:
            if target.startswith("../") or target not in present:
                problems.append(f"{path}: {attr}={value!r} → {target} does not exist")
                continue
            found = ids_of(target) if frag else None
            if found is not None and frag not in found:
                problems.append(f"{path}: {attr}={value!r} → no id {frag!r} in {target}")
    return problems


def _target_problems(path: str, target: str, frags: list[str], present: set[str], ids_of) -> list[str]:
    """The links of an unchanged page to one target (its fragments), checked at once."""
    if target.startswith("../") or target not in present:
        return [f"{path}: href={target!r} → {target} does not exist"]
    found = ids_of(target)
    if found is None:
        return []
    return [f"{path}: href={target + '#' + f!r} → no id {f!r} in {target}" for f in frags if f and f not in found]
