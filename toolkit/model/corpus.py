"""The corpus of an edition, read once: every selected TEI document, its header facts,
and the registers. "Gather, then write": renderers (HTML, PDF) take a `Corpus` and an
`Index` (index.py) and never read files themselves. The edition's settings are in
`edition.py`, a document's header facts in `meta.py`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from toolkit.model.diagnostics import Diagnostic, error, warning
from toolkit.model.digest import Memo, key
from toolkit.model.position import position, source_lines
from toolkit.model.prefixes import Prefixes, read_prefixes
from toolkit.model.tei import NS, XML_ID, local

if TYPE_CHECKING:  # the header facts and the registers are loaded where used: validation needs neither
    from toolkit.model.meta import DocumentMeta
    from toolkit.model.registers import Registers

# ---------------------------------------------------------------- documents


class Document:
    """One TEI document: its file (`path`, and `shown`, the path as messages name it), its
    bytes and its tree. The tree is parsed on first use: a build that finds a document's
    facts (docid, header, ids) in the cache never parses an unchanged file. Validation makes
    one from a tree it has parsed already (`from_tree`)."""

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
        units: list[tuple[str, str, str | None, str]] | None = None,
    ):
        self.path, self.shown, self.data = path, shown, data
        self._tree, self._meta, self._docid, self._ids = tree, meta, docid, ids
        self._units = units
        self._prefixes: Prefixes | None = None
        self._data_digest: str | None = None

    @property
    def data_digest(self) -> str:
        """The SHA-256 of its bytes (hex), computed once: the keys of what is made from the
        document hold this rather than hashing the whole file again for each."""
        if self._data_digest is None:
            self._data_digest = hashlib.sha256(self.data).hexdigest()
        return self._data_digest

    @classmethod
    def from_tree(cls, shown: str, tree: etree._ElementTree, data: bytes = b"") -> Document:
        """A document parsed already. `data` (the bytes parsed) gives the columns of
        `position`; without it every column is 1."""
        return cls(Path(shown), shown, data, tree)

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
            from toolkit.model.meta import read_meta

            self._meta = read_meta(self.tree)
        return self._meta

    @property
    def prefixes(self) -> Prefixes:
        """How the document's pointers reach the registers: its own prefixDefs, or the
        project's standard ones if it declares none."""
        if self._prefixes is None:
            from toolkit.model.registers import STANDARD_PREFIXES

            self._prefixes = read_prefixes(self.tree.getroot(), STANDARD_PREFIXES)
        return self._prefixes

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

    @property
    def units(self) -> list[tuple[str, str, str | None, str]]:
        """Its citable units (model/citable.py) as (id, kind, n, element name), in document
        order: what the edition's data (API, citations, the permanence manifest) needs of
        them without the tree."""
        if self._units is None:
            from toolkit.model.citable import citable_units

            self._units = [(u.id, u.kind, u.n, u.name) for u in citable_units(self.tree)]
        return self._units

    def facts(self) -> dict:
        """What the cache keeps of the document (see `from_facts`)."""
        return {"docid": self.docid, "ids": self.ids, "meta": self.meta.to_json(), "units": self.units}

    @classmethod
    def from_facts(cls, path: Path, shown: str, data: bytes, facts: dict) -> Document:
        from toolkit.model.meta import DocumentMeta

        meta = DocumentMeta.from_json(facts["meta"])
        units = [tuple(u) for u in facts["units"]]
        return cls(path, shown, data, None, meta, docid=facts["docid"], ids=list(facts["ids"]), units=units)

    @property
    def text(self) -> etree._Element | None:
        return self.tree.getroot().find("tei:text", NS)

    @functools.cached_property
    def elements_by_id(self) -> dict[str, etree._Element]:
        """xml:id → the (first) element that has it."""
        found: dict[str, etree._Element] = {}
        for el in self.tree.iter():
            value = el.get(XML_ID) if isinstance(el.tag, str) else None
            if value is not None:
                found.setdefault(value, el)
        return found

    @functools.cached_property
    def lines(self) -> list[str]:
        """The bytes as source lines (model.position.source_lines); [] without bytes."""
        return source_lines(self.data.decode("utf-8", "replace")) if self.data else []

    def position(self, el) -> tuple[int, int]:
        """Line and column of an element's start tag (model.position), as every message
        reports them; the column is 1 without the bytes."""
        return position(el, self.lines) if self.lines else (el.sourceline or 1, 1)

    def positions(self, query: str, variables: dict[str, str]) -> list[tuple[int, int]]:
        """The positions of the elements an XPath query (with $variables) selects."""
        return [self.position(el) for el in self.tree.xpath(query, **variables)]


@dataclasses.dataclass
class Corpus:
    documents: list[Document]  # in date order (then file name)
    registers: Registers
    tei_dir: Path
    register_files: dict[str, bytes] = dataclasses.field(default_factory=dict)  # file name → bytes as read
    shown: str = ""  # the folder as messages name it
    # the images the documents name (model.media), read by io.project.read_media: project
    # path → bytes, and project path → why it could not be published
    media: dict[str, bytes] = dataclasses.field(default_factory=dict)
    media_problems: dict[str, str] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def by_docid(self) -> dict[str, Document]:
        """docid → document."""
        return {d.docid: d for d in self.documents}

    @functools.cached_property
    def by_stem(self) -> dict[str, Document]:
        """file name without .xml → document (a link may name another document's file)."""
        return {d.stem: d for d in self.documents}

    def linked_file(self, stem: str, ident: str | None) -> Document | None:
        """The document a link to its file names ("004_….xml#id"), if it exists and holds
        the id (when one is given)."""
        doc = self.by_stem.get(stem)
        return None if doc is None or (ident and ident not in doc.ids) else doc

    def media_problem(self, path: str) -> str | None:
        """Why an image a document names cannot be shown (None: it was read and is published)."""
        if path in self.media:
            return None
        return self.media_problems.get(path, "is not among the files the build read")

    @functools.cached_property
    def position(self) -> dict[str, int]:
        """docid → the document's place in the corpus's order."""
        return {d.docid: k for k, d in enumerate(self.documents)}

    @functools.cached_property
    def registers_digest(self) -> str:
        """A digest of the register files as read: what every rendered output that names an
        entry depends on."""
        return key(*[f"{name}\0".encode() + data for name, data in sorted(self.register_files.items())])

    @functools.cached_property
    def id_owner(self) -> dict[str, str]:
        """xml:id → the docid of the document that holds it (the first, if two do)."""
        owner: dict[str, str] = {}
        for doc in self.documents:
            for ident in doc.ids:
                owner.setdefault(ident, doc.docid)
        return owner


@dataclasses.dataclass
class CorpusFiles:
    """The bytes of a corpus folder as read (io.project.read_corpus): the selected documents as
    (path, path as shown, bytes), in file-name order, and the register files by name."""

    tei_dir: Path
    shown: str  # the folder as messages name it
    documents: list[tuple[Path, str, bytes]]
    register_files: dict[str, bytes] = dataclasses.field(default_factory=dict)


def _cached_document(memo, facts_key: str, path: Path, shown: str, data: bytes) -> Document | None:
    """The document from cached facts (only documents that parsed, were TEI and had no
    parse errors are cached), or None."""
    if memo is None:
        return None
    hit = memo.get("corpus-facts", facts_key)
    if hit is None:
        return None
    try:
        return Document.from_facts(path, shown, data, json.loads(hit))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _parsed_document(path: Path, shown: str, data: bytes, diags: list[Diagnostic], parsed=None) -> Document | None:
    """The document parsed (or as `parsed`, (tree, problems), already was), or None (with
    the reason in `diags`) if it is not TEI."""
    from toolkit.model.meta import read_meta
    from toolkit.model.xmlparse import parse_xml

    tree, problems = parsed or parse_xml(data, shown)
    diags.extend(p for p in problems if p.severity == "error")
    if tree is None:
        return None
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
        return None
    return Document(path, shown, data, tree, read_meta(tree))


def build_corpus(
    files: CorpusFiles, registers: Registers, memo: Memo | None = None, parsed: dict | None = None
) -> tuple[Corpus, list[Diagnostic]]:
    """The corpus of the documents read. A file that cannot be parsed or is not TEI is an
    error and is left out. With a `memo` (model.digest.Memo), the facts of a document whose
    bytes were seen before come from it, unparsed; `parsed` (path as shown → (tree, parse
    problems)) holds documents parsed already, by the schema gate."""
    diags: list[Diagnostic] = []
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path, shown, data in files.documents:
        facts_key = key(shown, data) if memo is not None else ""
        doc = _cached_document(memo, facts_key, path, shown, data)
        if doc is None:
            doc = _parsed_document(path, shown, data, diags, (parsed or {}).get(shown))
            if doc is None:
                continue
            if memo is not None:
                memo.put("corpus-facts", facts_key, json.dumps(doc.facts(), ensure_ascii=False).encode())
        if doc.docid in seen:
            diags.append(
                error(
                    shown,
                    doc.tree.getroot().sourceline or 1,
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
                files.shown,
                0,
                0,
                "no TEI documents to publish (no *.xml beside registers/); convert sources first",
                "corpus.empty",
            )
        )
    documents.sort(key=lambda d: (d.meta.sort_value or "9999", d.stem))
    return Corpus(documents, registers, files.tei_dir, dict(files.register_files), files.shown), diags
