"""Safe parsing of untrusted XML bytes: every refusal is a located Diagnostic, never a traceback.

`parse_xml` is pure: it takes bytes, never opens a file and never touches the network.
It refuses, in this order (the first refusal ends the check):

- an empty file                                   [xml.empty]
- UTF-16/UTF-32 (with or without BOM), bytes that
  are not UTF-8, an XML declaration naming another
  encoding                                        [xml.encoding]
- NUL bytes (a binary file)                       [xml.binary]
- a DOCTYPE or any markup declaration (entities,
  external DTDs, parameter entities …), found
  before lxml sees the data                       [xml.doctype]
- XML that is not well-formed                     [xml.syntax]
- elements nested deeper than 256 levels          [xml.depth]
- a text node too large for libxml2 (> 10 MB)     [xml.size]
- XInclude elements (never processed)             [xml.xinclude]

and warns (the tree is still returned) about `<?xml-stylesheet?>` and `<?xml-model?>`
processing instructions whose href leaves the project            [xml.pi-href]

lxml is configured defensively as well: no entity resolution, no network, no DTD, no
huge trees, and nothing removed silently (comments, PIs, blank text and CDATA are kept).
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from toolkit.model.diagnostics import Diagnostic, error, warning
from toolkit.model.locate import Lines, position, qname, source_lines

MAX_DEPTH = 256
PARSER_MAX_DEPTH = 256  # libxml2's own limit without XML_PARSE_HUGE (tests/test_xmlparse.py pins it)
XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
LINKING_PIS = ("xml-stylesheet", "xml-model")

_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian byte-order mark)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian byte-order mark)"),
    (b"\xfe\xff", "UTF-16 (big-endian byte-order mark)"),
    (b"\xff\xfe", "UTF-16 (little-endian byte-order mark)"),
)
_DECLARED_ENCODING = re.compile(r"""<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_MARKUP_START = re.compile(r"<!|<\?")
_DECLARATION = re.compile(r"<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def parse_xml(data: bytes, path: str) -> tuple[etree._ElementTree | None, list[Diagnostic]]:
    """Parse untrusted bytes into a tree, or refuse with located diagnostics (tree is None)."""
    try:
        return _parse(data, path)
    except Exception as exc:  # the promise is "never a traceback"
        return None, [
            error(
                path,
                1,
                1,
                f"could not be parsed ({type(exc).__name__}: {exc}); check that it is a UTF-8 TEI XML file",
                "xml.syntax",
            )
        ]


def _parse(data: bytes, path: str) -> tuple[etree._ElementTree | None, list[Diagnostic]]:
    refusal, text = _check_bytes(data, path)
    if refusal:
        return None, [refusal]
    if text.startswith("\ufeff"):
        text = text[1:]
    refusal = _check_declarations(text, path)
    if refusal:
        return None, [refusal]

    parser = safe_parser()
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        return None, [_syntax_diagnostic(exc, parser.error_log, path, text)]

    lines = Lines(text)  # split only if a diagnostic needs a position
    # libxml2 itself refuses nesting deeper than PARSER_MAX_DEPTH (without huge_tree; the
    # "Excessive depth" syntax error above), so the tree walk is needed only for a lower limit
    depth = _check_depth(tree, path, lines) if MAX_DEPTH < PARSER_MAX_DEPTH else []
    diagnostics = depth + _check_xinclude(tree, path, lines)
    if diagnostics:
        return None, diagnostics
    return tree, _check_pis(tree, path, lines)


def safe_parser() -> etree.XMLParser:
    """A fresh lxml parser that expands no entity, loads no DTD, touches no network, refuses
    huge trees and removes nothing. Duplicate xml:ids are left to the corpus rules."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=False,
        collect_ids=False,
        recover=False,
    )


# --- before lxml: bytes and declarations ---------------------------------------------------


def _check_bytes(data: bytes, path: str) -> tuple[Diagnostic | None, str]:
    """Empty, UTF-16/32, binary and non-UTF-8 input, and a declared encoding other than UTF-8:
    (the refusal, "") or (None, the decoded text)."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not body.strip():
        return error(path, 1, 1, "file is empty; a TEI document needs at least a <TEI> root element", "xml.empty"), ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return error(
                path,
                1,
                1,
                f"file is encoded as {name}; the project stores UTF-8 only: save the file as UTF-8",
                "xml.encoding",
            ), ""
    if _looks_utf16(data):
        return error(
            path,
            1,
            1,
            "file is encoded as UTF-16 (no byte-order mark); the project stores UTF-8 only: save the file as UTF-8",
            "xml.encoding",
        ), ""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(data, nul)
        return error(
            path,
            line,
            col,
            "file contains NUL bytes and looks binary, not XML; replace it with the TEI text file",
            "xml.binary",
        ), ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        return error(
            path, line, col, f"byte 0x{data[exc.start]:02X} is not valid UTF-8; save the file as UTF-8", "xml.encoding"
        ), ""
    declared = _DECLARED_ENCODING.match(text.lstrip("\ufeff"))
    if declared and declared.group(1).strip().lower() not in ("utf-8", "utf8"):
        return error(
            path,
            1,
            declared.start(1) + 1,
            f'the XML declaration says encoding="{declared.group(1)}"; the project stores '
            'UTF-8 only: save the file as UTF-8 and declare encoding="UTF-8"',
            "xml.encoding",
        ), ""
    return None, text


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: NUL bytes on every other position of an ASCII-looking start."""
    head = data[:256]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    for zeros, chars in ((even, odd), (odd, even)):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) <= 0.1 * len(chars) and b"<" in chars:
            return True
    return False


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    if line == 1:
        prefix = prefix.lstrip("\ufeff")
    return line, len(prefix) + 1


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _check_declarations(text: str, path: str) -> Diagnostic | None:
    """A DOCTYPE or markup declaration anywhere outside comments, CDATA and PIs."""
    pos = 0
    while True:
        m = _MARKUP_START.search(text, pos)
        if not m:
            return None
        start = m.start()
        for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")):
            if text.startswith(opener, start):
                end = text.find(closer, start + len(opener))
                if end < 0:
                    return None  # unterminated: lxml reports it as a syntax error
                pos = end + len(closer)
                break
        else:
            if _DECLARATION.match(text, start):
                line, col = _text_position(text, start)
                return error(
                    path, line, col, "DOCTYPE declarations are not allowed in project TEI; remove it", "xml.doctype"
                )
            pos = start + 2


# --- lxml errors ---------------------------------------------------------------------------


def _syntax_diagnostic(exc: etree.XMLSyntaxError, log, path: str, text: str) -> Diagnostic:
    """lxml's first error from this parser's own log (the exception's log is shared)."""
    entries = [e for e in log if e.level >= etree.ErrorLevels.ERROR] or list(log)
    if entries:
        line, col, message = entries[0].line, entries[0].column, entries[0].message
    else:
        line, col = exc.position if exc.position else (1, 1)
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or str(exc))
    line, col = max(line or 1, 1), max(col or 1, 1)
    message = message.strip()
    if "Excessive depth" in message:
        return _too_deep(path, line, _tag_start_before(text, line, col))
    if "Text node too long" in message or "huge" in message.lower():
        return error(
            path, line, col, "a text node is larger than 10 MB; split the text into paragraphs or divisions", "xml.size"
        )
    return error(path, line, col, f"not well-formed XML: {message}; fix the markup at this point", "xml.syntax")


def _tag_start_before(text: str, line: int, col: int) -> int:
    lines = source_lines(text)
    if line > len(lines):
        return col
    found = lines[line - 1].rfind("<", 0, col)
    return found + 1 if found >= 0 else col


# --- after lxml: the tree ------------------------------------------------------------------


def _check_depth(tree: etree._ElementTree, path: str, lines: list[str]) -> list[Diagnostic]:
    """Nesting deeper than MAX_DEPTH elements, walked without recursion."""
    depth = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            return [_too_deep(path, *position(el, lines))]
    return []


def _too_deep(path: str, line: int, col: int) -> Diagnostic:
    """Nesting deeper than MAX_DEPTH, found by lxml's parser or by the walk after it."""
    return error(
        path,
        line,
        col,
        f"elements are nested deeper than {MAX_DEPTH} levels; flatten the structure (is this a generated or hostile file?)",
        "xml.depth",
    )


def _check_xinclude(tree: etree._ElementTree, path: str, lines: list[str]) -> list[Diagnostic]:
    """XInclude elements: refused, never processed."""
    found = []
    for ns in XINCLUDE_NAMESPACES:
        for el in tree.iter(f"{{{ns}}}*"):
            line, col = position(el, lines)
            found.append(
                error(
                    path,
                    line,
                    col,
                    f"XInclude <{qname(el)}> is not allowed in project "
                    "TEI and is never processed; paste the content in or remove the element",
                    "xml.xinclude",
                )
            )
    return found


def _check_pis(tree: etree._ElementTree, path: str, lines: list[str]) -> list[Diagnostic]:
    """`xml-stylesheet`/`xml-model` PIs whose href is not a relative path inside the project."""
    found = []
    for pi in tree.xpath("//processing-instruction()"):
        if pi.target not in LINKING_PIS:
            continue
        href = pi.get("href")
        if href is None or href_inside_project(href, path):
            continue
        line, col = position(pi, lines)
        found.append(
            warning(
                path,
                line,
                col,
                f'<?{pi.target}?> points outside the project ("{href}"); '
                "it is never followed: point it at a relative path inside the project "
                "or remove it",
                "xml.pi-href",
            )
        )
    return found


def href_inside_project(href: str, path: str) -> bool:
    """A relative path that, joined to the document's directory, stays inside the project.

    `path` is relative to the project root (the current directory), so "tei/000.xml" may
    point at "../schema/tei-edition.rng"; when `path` is absolute, no ".." is accepted."""
    href = href.strip().replace("\\", "/")
    if not href or _SCHEME.match(href) or href.startswith("/"):
        return False
    if path.replace("\\", "/").startswith("/") or re.match(r"^[A-Za-z]:", path):
        return ".." not in href.split("/")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(path.replace("\\", "/")), href))
    return not (joined == ".." or joined.startswith("../"))
