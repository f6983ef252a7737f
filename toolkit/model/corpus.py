"""The corpus of an edition, read once: every selected TEI document, its header facts,
and the registers. "Gather, then write": renderers (HTML, PDF) take a `Corpus` and an
`Index` (index.py) and never read files themselves. The edition's settings are in
`edition.py`, a document's header facts in `meta.py`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
from pathlib import Path

from lxml import etree

from toolkit.model.diagnostics import Diagnostic, error, warning
from toolkit.model.meta import DocumentMeta, read_meta
from toolkit.model.registers import Registers
from toolkit.model.tei import NS, XML_ID, local

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
        return {"docid": self.docid, "ids": self.ids, "meta": self.meta.to_json()}

    @classmethod
    def from_facts(cls, path: Path, shown: str, data: bytes, facts: dict) -> Document:
        meta = DocumentMeta.from_json(facts["meta"])
        return cls(path, shown, data, None, meta, docid=facts["docid"], ids=list(facts["ids"]))

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
