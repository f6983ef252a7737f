"""Where each page of the site lives, and links between pages (always relative, so the
site works from any folder, any web server, or straight from disk)."""

from __future__ import annotations

import functools
import posixpath
import re

HOME = "index.html"
SEARCH = "search.html"
CHRONOLOGY = "chronology.html"
NETWORK = "network.html"  # who appears with whom (render/html/figure_pages.py)
ENCODING = "encoding.html"  # «О разметке»: the encoding reference (render/html/reference_page.py)
INDEX_PAGES = {"person": "persons.html", "place": "places.html", "org": "orgs.html"}
CSS = "assets/edition.css"
JS = "assets/edition.js"
SEARCH_JS = "assets/search.js"
SEARCH_DATA = "assets/search-data.js"
PAGEFIND_DIR = "pagefind"
META_ANCHOR = "doc-meta"  # the document page's header facts (index occurrences in the header)
CITE_DIR = "cite"  # a document's and each clause's BibTeX, RIS and CSL-JSON (render/html/cite.py)
DATA_ANCHOR = "data"  # the home page's list of the edition's data (exports, API)
CITABLE_IDS = "api/citable-ids.json"  # the ids the site publishes (data_files.manifest; validate reads it)

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def document(docid: str) -> str:
    return f"documents/{_SAFE_NAME.sub('_', docid)}.html"


def tei_file(stem: str) -> str:
    return f"tei/{_SAFE_NAME.sub('_', stem)}.xml"


def media(path: str) -> str:
    """Where the site publishes an image of the project (model.media: a safe relative path)."""
    return f"media/{path}"


def cite_file(ident: str, ext: str) -> str:
    """The reference of a document or citable unit to download: cite/<id>.bib, .ris, .json."""
    return f"{CITE_DIR}/{_SAFE_NAME.sub('_', ident)}.{ext}"


def entity(kind: str, key: str) -> str:
    return f"{INDEX_PAGES[kind]}#{key}"


def date_anchor(key: str) -> str:
    return "date-" + re.sub(r"[^0-9A-Za-z-]", "_", key)


def chronology(key: str) -> str:
    return f"{CHRONOLOGY}#{date_anchor(key)}"


def relative(from_page: str, target: str) -> str:
    """A link from one site path to another: ("documents/x.html", "persons.html#a") → "../persons.html#a"."""
    path, _, frag = target.partition("#")
    rel = "" if path == from_page else _relpath(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{frag}" if frag else "") if (rel or frag) else posixpath.basename(path)


@functools.lru_cache(maxsize=65536)
def _relpath(path: str, base: str) -> str:
    return posixpath.relpath(path, base)  # the same few folders over and over: computed once
