"""The corpus of an edition, read once: every selected TEI document, its header facts,
and the registers. "Gather, then write": renderers (HTML, PDF) take a `Corpus` and an
`Index` (index.py) and never read files themselves.

An edition is described by `editions/<name>.toml`:

    title = "…"
    editors = ["…"]
    introduction = \"\"\"…\"\"\"       # paragraphs separated by blank lines
    documents = "all"               # or a list of TEI file stems: ["000_5d5b…", …]
    [pdf]
    page_size = "A4"
    [html]
    search_shard_size = 128         # documents per Pagefind bundle (a large index is split)
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import tomllib
from pathlib import Path

from lxml import etree

from toolkit.convert.header import GENRE_RU
from toolkit.model.diagnostics import Diagnostic, error, warning
from toolkit.model.registers import Registers
from toolkit.model.tei import DATE_ATTRS, NS, XML_ID, local

# ---------------------------------------------------------------- edition config


@dataclasses.dataclass(frozen=True)
class EditionConfig:
    name: str  # the file stem: editions/<name>.toml → editions/<name>/html
    title: str
    editors: tuple[str, ...] = ()
    introduction: str = ""
    documents: tuple[str, ...] | None = None  # None: all documents in the TEI folder
    page_size: str = "A4"
    search_shard_size: int = 128  # [html] search_shard_size: documents per Pagefind bundle, about

    @property
    def paragraphs(self) -> list[str]:
        """The introduction split at blank lines, whitespace normalised."""
        return [_norm(p) for p in re.split(r"\n\s*\n", self.introduction) if p.strip()]


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
    page_size = raw.get("pdf", {}).get("page_size", "A4") if isinstance(raw.get("pdf", {}), dict) else "A4"
    html = raw.get("html", {}) if isinstance(raw.get("html", {}), dict) else {}
    shard_size = html.get("search_shard_size", 128)
    if not isinstance(shard_size, int) or isinstance(shard_size, bool) or shard_size < 1:
        bad("[html] search_shard_size must be a whole number of documents, 1 or more", "search_shard_size", "html")
        shard_size = 128
    if problems:
        return None, problems
    return EditionConfig(name, title.strip(), tuple(editors), intro, selection, str(page_size), shard_size), []


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


def load_edition(path: Path, shown: str | None = None) -> tuple[EditionConfig | None, list[Diagnostic]]:
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error(shown, 0, 0, f"edition file cannot be read ({exc.strerror}); check the path", "io.read")]
    return parse_edition(data, shown, path.stem)


# ---------------------------------------------------------------- header facts


@dataclasses.dataclass(frozen=True)
class HeaderDate:
    attrs: dict[str, str]
    evidence: str  # internal | inferred | external | conjecture
    cert: str  # high | medium | low
    text: str
    line: int = 0


@dataclasses.dataclass(frozen=True)
class HeaderName:
    """A named entity in the header (issuer, place of the document)."""

    name: str
    ref: str | None
    evidence: str | None = None
    cert: str | None = None
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Licence:
    text: str
    target: str | None


@dataclasses.dataclass
class DocumentMeta:
    title: str
    genre: str
    genre_label: str
    issuer: HeaderName | None
    publisher: str | None  # the source's publisher (sourceDesc/bibl/publisher)
    source_url: str | None
    source_file: str | None
    edition_publisher: str | None
    licences: list[Licence]
    rights: list[str]
    dates: list[HeaderDate]
    places: list[HeaderName]
    language: str | None

    @property
    def date(self) -> HeaderDate | None:
        return self.dates[0] if self.dates else None

    @property
    def sort_value(self) -> str:
        """The first ISO value of the document's date ("" if undated)."""
        d = self.date
        if d is None:
            return ""
        return next((d.attrs[k] for k in ("when", "from", "notBefore", "notAfter", "to") if k in d.attrs), "")

    @property
    def year(self) -> str | None:
        m = re.match(r"\d{4}", self.sort_value)
        return m.group(0) if m else None


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _text(el) -> str:
    return _norm("".join(el.itertext())) if el is not None else ""


def read_meta(tree: etree._ElementTree) -> DocumentMeta:
    root = tree.getroot()
    header = root.find("tei:teiHeader", NS)

    def find(path: str):
        return header.find(path, NS) if header is not None else None

    def findall(path: str):
        return header.findall(path, NS) if header is not None else []

    titles = findall("tei:fileDesc/tei:titleStmt/tei:title")
    main = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
    term = find("tei:profileDesc/tei:textClass/tei:keywords/tei:term[@type='genre']")
    genre = term.get("key", "") if term is not None else ""
    issuer_el = find("tei:fileDesc/tei:titleStmt/tei:author/tei:orgName")
    issuer = None
    if issuer_el is None:
        issuer_el = find("tei:fileDesc/tei:titleStmt/tei:author/tei:persName")
    if issuer_el is not None:
        issuer = HeaderName(_text(issuer_el), issuer_el.get("ref"), line=issuer_el.sourceline or 0)
    bibl = find("tei:fileDesc/tei:sourceDesc/tei:bibl")
    ptr = bibl.find("tei:ptr", NS) if bibl is not None else None
    src_idno = bibl.find("tei:idno", NS) if bibl is not None else None
    creation = find("tei:profileDesc/tei:creation")
    dates: list[HeaderDate] = []
    places: list[HeaderName] = []
    if creation is not None:
        for el in creation:
            if local(el) == "date":
                dates.append(
                    HeaderDate(
                        {k: el.get(k) for k in DATE_ATTRS if el.get(k)},
                        el.get("evidence", "internal"),
                        el.get("cert", "high"),
                        _text(el),
                        el.sourceline or 0,
                    )
                )
            elif local(el) == "placeName":
                places.append(
                    HeaderName(
                        _text(el),
                        el.get("ref"),
                        el.get("evidence", "internal"),
                        el.get("cert", "high"),
                        el.sourceline or 0,
                    )
                )
    language = find("tei:profileDesc/tei:langUsage/tei:language")
    return DocumentMeta(
        title=_text(main) or "Без названия",
        genre=genre,
        genre_label=_text(term) or GENRE_RU.get(genre, genre),
        issuer=issuer,
        publisher=_text(bibl.find("tei:publisher", NS)) or None if bibl is not None else None,
        source_url=ptr.get("target") if ptr is not None else None,
        source_file=_text(src_idno) or None,
        edition_publisher=_text(find("tei:fileDesc/tei:publicationStmt/tei:publisher")) or None,
        licences=[
            Licence(_text(lic), lic.get("target"))
            for lic in findall("tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence")
        ],
        rights=[_text(p) for p in findall("tei:fileDesc/tei:publicationStmt/tei:availability/tei:p")],
        dates=dates,
        places=places,
        language=language.get("ident") if language is not None else None,
    )


# ---------------------------------------------------------------- documents


class Document:
    """One TEI document of the corpus. The tree is parsed on first use: a build that finds
    a document's facts (docid, header, ids) in the cache never parses an unchanged file."""

    def __init__(
        self,
        path: Path,
        shown: str,
        data: bytes,
        tree: etree._ElementTree | None = None,
        meta: DocumentMeta | None = None,
        *,
        docid: str | None = None,
        ids: list[str] | None = None,
    ):
        self.path, self.shown, self.data = path, shown, data
        self._tree, self._meta, self._docid, self._ids = tree, meta, docid, ids

    @property
    def tree(self) -> etree._ElementTree:
        if self._tree is None:
            from toolkit.model.xmlparse import parse_xml

            tree, _ = parse_xml(self.data, self.shown)
            if tree is None:  # the bytes parsed when the facts were cached; they are the same bytes
                raise ValueError(f"{self.shown} no longer parses")
            self._tree = tree
        return self._tree

    @property
    def meta(self) -> DocumentMeta:
        if self._meta is None:
            self._meta = read_meta(self.tree)
        return self._meta

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def docid(self) -> str:
        """The document's xml:id ("appeal-2019-05-22"), else the file stem."""
        if self._docid is None:
            self._docid = self.tree.getroot().get(XML_ID) or self.stem
        return self._docid

    @property
    def ids(self) -> list[str]:
        """Every xml:id in the document, in document order."""
        if self._ids is None:
            self._ids = [str(v) for v in self.tree.xpath("//@xml:id")]
        return self._ids

    def facts(self) -> dict:
        """What the cache keeps of the document (see `from_facts`)."""
        return {"docid": self.docid, "ids": self.ids, "meta": dataclasses.asdict(self.meta)}

    @classmethod
    def from_facts(cls, path: Path, shown: str, data: bytes, facts: dict) -> Document:
        m = dict(facts["meta"])
        m["issuer"] = HeaderName(**m["issuer"]) if m["issuer"] else None
        m["licences"] = [Licence(**x) for x in m["licences"]]
        m["dates"] = [HeaderDate(**x) for x in m["dates"]]
        m["places"] = [HeaderName(**x) for x in m["places"]]
        return cls(path, shown, data, None, DocumentMeta(**m), docid=facts["docid"], ids=list(facts["ids"]))

    @property
    def text(self) -> etree._Element | None:
        return self.tree.getroot().find("tei:text", NS)

    def locate(self, el: etree._Element) -> tuple[int, int]:
        """Line and column of an element's start tag in the file (column 1 if unsure)."""
        line = el.sourceline or 0
        if not line:
            return 0, 0
        lines = self._lines()
        if line > len(lines):
            return line, 1
        name = local(el) if isinstance(el.tag, str) else ""
        same = [e for e in self.tree.getroot().iter(el.tag) if e.sourceline == line] if name else []
        k = next((i for i, e in enumerate(same) if e is el), 0)
        starts = [m.start() for m in re.finditer(rf"<(?:\w+:)?{re.escape(name)}(?=[\s/>])", lines[line - 1])]
        if k < len(starts):
            return line, starts[k] + 1
        return line, 1

    def _lines(self) -> list[str]:
        cached = getattr(self, "_line_cache", None)
        if cached is None:
            cached = self.data.decode("utf-8", "replace").split("\n")
            self._line_cache = cached
        return cached


@dataclasses.dataclass
class Corpus:
    documents: list[Document]  # in date order (then file name)
    registers: Registers
    tei_dir: Path
    register_files: dict[str, bytes] = dataclasses.field(default_factory=dict)  # file name → bytes as read

    def by_docid(self) -> dict[str, Document]:
        return {d.docid: d for d in self.documents}


def _rel(path: Path) -> str:
    from toolkit.io.fs import rel

    return rel(path)


def _facts_key(shown: str, data: bytes) -> str:
    from toolkit.io.cache import key

    return key(shown, data)


def _cached_document(cache, path: Path, shown: str, data: bytes) -> Document | None:
    """The document from cached facts (only documents that parsed, were TEI and had no
    parse errors are cached), or None."""
    if cache is None:
        return None
    hit = cache.get("corpus-facts", _facts_key(shown, data))
    if hit is None:
        return None
    try:
        return Document.from_facts(path, shown, data, json.loads(hit))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def load_corpus(
    tei_dir: Path, selection: tuple[str, ...] | None = None, cache=None
) -> tuple[Corpus | None, list[Diagnostic]]:
    """Read the registers and the TEI documents of `tei_dir` (all, or the selected stems).

    A file that cannot be parsed is an error and is left out; the corpus is None only if
    the folder or the registers cannot be read at all. With a `cache` (cache.Cache), the
    facts of a document whose bytes were read before come from it, unparsed."""
    from toolkit.io.fs import escapes, load_registers, outside_message
    from toolkit.model.xmlparse import parse_xml

    diags: list[Diagnostic] = []
    if not tei_dir.is_dir():
        return None, [error(_rel(tei_dir), 0, 0, "no such folder of TEI documents; check the path", "io.missing")]
    registers, rdiags = load_registers(tei_dir / "registers")
    diags.extend(rdiags)
    if registers is None:
        return None, diags
    files = []
    for p in sorted(tei_dir.glob("*.xml")):
        if escapes(p, tei_dir):
            diags.append(outside_message(p))
        elif p.is_file():
            files.append(p)
    if selection is not None:
        by_stem = {p.stem: p for p in files}
        chosen = []
        for stem in selection:
            if stem in by_stem:
                chosen.append(by_stem[stem])
            else:
                diags.append(
                    error(
                        _rel(tei_dir / f"{stem}.xml"),
                        0,
                        0,
                        "selected by the edition but not found; check the edition's documents list",
                        "edition.missing-document",
                    )
                )
        files = chosen
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in files:
        shown = _rel(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            diags.append(error(shown, 0, 0, f"cannot be read ({exc.strerror}); check permissions", "io.read"))
            continue
        doc = _cached_document(cache, path, shown, data)
        if doc is None:
            tree, problems = parse_xml(data, shown)
            diags.extend(p for p in problems if p.severity == "error")
            if tree is None:
                continue
            root = tree.getroot()
            if local(root) != "TEI" or root.find("tei:text", NS) is None:
                diags.append(
                    error(
                        shown,
                        root.sourceline or 1,
                        1,
                        "not a TEI document (no <TEI> root with a <text>); left out of the edition",
                        "corpus.not-tei",
                    )
                )
                continue
            doc = Document(path, shown, data, tree, read_meta(tree))
            if cache is not None:
                cache.put("corpus-facts", _facts_key(shown, data), json.dumps(doc.facts(), ensure_ascii=False).encode())
        if doc.docid in seen:
            diags.append(
                error(
                    shown,
                    root.sourceline or 1,
                    1,
                    f'document id "{doc.docid}" is also the id of {seen[doc.docid]}; give each document its own xml:id',
                    "corpus.duplicate-id",
                )
            )
            continue
        seen[doc.docid] = shown
        if not doc.meta.dates:
            diags.append(
                warning(
                    shown,
                    1,
                    1,
                    "the header gives no date of the document (profileDesc/creation/date); it is listed last",
                    "corpus.undated",
                )
            )
        documents.append(doc)
    if not documents and not any(d.severity == "error" for d in diags):
        diags.append(
            warning(
                _rel(tei_dir),
                0,
                0,
                "no TEI documents to publish (no *.xml beside registers/); convert sources first",
                "corpus.empty",
            )
        )
    documents.sort(key=lambda d: (d.meta.sort_value or "9999", d.stem))
    register_files = {}
    for path in sorted((tei_dir / "registers").glob("*.xml")):
        if escapes(path, tei_dir):
            continue
        with contextlib.suppress(OSError):
            register_files[path.name] = path.read_bytes()
    return Corpus(documents, registers, tei_dir, register_files), diags
