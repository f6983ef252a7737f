"""An edition's settings, parsed once: `editions/<name>.toml`.

title = "…"
editors = ["…"]
introduction = \"\"\"…\"\"\"       # paragraphs separated by blank lines
documents = "all"               # or a list of TEI file stems: ["000_5d5b…", …]
[pdf]
page_size = "A4"
[html]
search_shard_size = 128         # documents per Pagefind bundle (a large index is split)
base_url = "https://example.org/odkb/"   # where the site is published: absolute citation URLs
"""

from __future__ import annotations

import dataclasses
import re
import tomllib

from toolkit.model.diagnostics import Diagnostic, error
from toolkit.model.tei import squash


@dataclasses.dataclass(frozen=True)
class EditionConfig:
    name: str  # the file stem: editions/<name>.toml → editions/<name>/html
    title: str
    editors: tuple[str, ...] = ()
    introduction: str = ""
    documents: tuple[str, ...] | None = None  # None: all documents in the TEI folder
    search_shard_size: int = 128  # [html] search_shard_size: documents per Pagefind bundle, about
    base_url: str | None = None  # [html] base_url: the site's public address ("https://…/", ending in /)

    @property
    def paragraphs(self) -> list[str]:
        """The introduction split at blank lines, whitespace normalised."""
        return [squash(p) for p in re.split(r"\n\s*\n", self.introduction) if p.strip()]


def parse_edition(data: bytes, path: str, name: str) -> tuple[EditionConfig | None, list[Diagnostic]]:
    """An edition's TOML → EditionConfig, or located errors (config is None)."""
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [error(path, 1, 1, "edition file is not UTF-8; save it as UTF-8", "edition.encoding")]
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc).split(" (at line")[0]
        return None, [
            error(
                path,
                getattr(exc, "lineno", 1) or 1,
                getattr(exc, "colno", 1) or 1,
                f"edition file is not valid TOML: {msg}",
                "edition.syntax",
            )
        ]
    problems: list[Diagnostic] = []
    lines = data.decode("utf-8").splitlines()

    def bad(message: str, key: str, table: str | None = None) -> None:
        line, col = key_position(lines, key, table)
        problems.append(error(path, line, col, message, "edition.value"))

    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        bad('the edition has no title; add title = "…"', "title")
        title = ""
    editors = raw.get("editors", [])
    if isinstance(editors, str):
        editors = [editors]
    if not isinstance(editors, list) or not all(isinstance(e, str) for e in editors):
        bad("editors must be a list of names", "editors")
        editors = []
    intro = raw.get("introduction", "")
    if not isinstance(intro, str):
        bad("introduction must be text", "introduction")
        intro = ""
    docs = raw.get("documents", "all")
    selection: tuple[str, ...] | None
    if docs == "all":
        selection = None
    elif isinstance(docs, list) and all(isinstance(d, str) for d in docs):
        selection = tuple(d.removesuffix(".xml") for d in docs)
    else:
        bad('documents must be "all" or a list of TEI file stems', "documents")
        selection = None
    shard_size, base_url = _html_settings(raw.get("html", {}), bad)
    if problems:
        return None, problems
    return EditionConfig(name, title.strip(), tuple(editors), intro, selection, shard_size, base_url), []


def _html_settings(html, bad) -> tuple[int, str | None]:
    """[html] search_shard_size and base_url (each problem through `bad`, then its default)."""
    html = html if isinstance(html, dict) else {}
    shard_size = html.get("search_shard_size", 128)
    if not isinstance(shard_size, int) or isinstance(shard_size, bool) or shard_size < 1:
        bad("[html] search_shard_size must be a whole number of documents, 1 or more", "search_shard_size", "html")
        shard_size = 128
    base_url = html.get("base_url")
    if base_url is not None:
        base_url = _base_url(base_url)
        if base_url is None:
            message = (
                '[html] base_url must be the http(s) address the site is published at, e.g. "https://example.org/odkb/"'
            )
            bad(message, "base_url", "html")
    return shard_size, base_url


def _base_url(value) -> str | None:
    """An absolute http(s) URL without query or fragment, ending in "/" (added if missing); None if not one."""
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value.strip()):
        return None
    value = value.strip()
    return value if value.endswith("/") else value + "/"


def key_position(lines: list[str], key: str, table: str | None) -> tuple[int, int]:
    """Where `key = …` stands in the edition file (line, column of its value): top-level keys
    before the first table header, others inside `[table]`. A key that is missing points at 1:1."""
    current: str | None = None
    for number, text in enumerate(lines, 1):
        header = re.match(r"\s*\[\s*([^\]\s]+)\s*\]", text)
        if header:
            current = header.group(1)
            continue
        found = re.match(rf"\s*{re.escape(key)}\s*=\s*", text)
        if found and current == table:
            return number, found.end() + 1
    return 1, 1
