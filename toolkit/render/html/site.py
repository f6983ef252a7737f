"""The HTML edition as a whole: every page and file of the site, as {relative path: bytes}.

Pure: takes the corpus, its index, the edition's config and the files it publishes as
they are (the schema), returns the files and the diagnostics; writing them (and running
Pagefind over them) is the build command's job (commands/build.py).

Every output has a key: the hash of everything it is made from. A rebuild given the
previous build's records (io/buildstate.py) reuses an output whose key is unchanged
instead of rendering it again. A document page is made from its own document, the
registers, its neighbours and the edition's title, and from what it asked the rest of
the corpus while it was rendered (is this entity indexed, does this date have a
chronology entry, which document holds this #id): those questions are recorded with
their answers, and the page is reused only if every answer is still the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from importlib import resources

from toolkit import parallel
from toolkit.model.corpus import Corpus
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.digest import Memo
from toolkit.model.digest import key as digest
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index
from toolkit.model.registers import TITLE_OF_KIND, kind_of_ref
from toolkit.render.html import paths
from toolkit.render.html.document_page import document_page
from toolkit.render.html.home_page import home_page
from toolkit.render.html.index_pages import chronology_page, entity_index_page
from toolkit.render.html.links import SiteLinks
from toolkit.render.html.page import CSP_SEARCH, render_page
from toolkit.render.html.reuse import Previous, Record, RecordingLinks, answers_hold
from toolkit.render.html.search_data import search_data, search_record
from toolkit.render.html.search_page import search_page

ASSETS = ("edition.css", "edition.js", "search.js")


@dataclasses.dataclass
class Site:
    files: dict[str, bytes]
    diagnostics: list[Diagnostic]
    records: dict[str, Record] = dataclasses.field(default_factory=dict)
    reused: set[str] = dataclasses.field(default_factory=set)  # outputs taken from the previous build


# measured (2 cores): about 5 ms a document page; forking the workers, which inherit the
# corpus and the index, costs about 0.16 s: workers pay off from about 64 pages on
COST = parallel.Cost(per_item=0.005, start=0.16)
_RENDER: dict = {}  # what _render_document works from (set before the workers fork)


def _render_document(k: int) -> tuple[bytes, list, list[Diagnostic], tuple[str, dict]]:
    """Document page k of the corpus: its bytes, the questions it asked, its diagnostics,
    and the document's search record."""
    corpus, index = _RENDER["corpus"], _RENDER["index"]
    docs = corpus.documents
    doc = docs[k]
    page = paths.document(doc.docid)
    links = RecordingLinks(corpus, index, page)
    main, transform = document_page(doc, corpus, index, links, _neighbours(docs, k))
    record = search_record(doc, corpus, index, _RENDER["memo"], _RENDER["registers"])
    return (
        render_page(page, doc.meta.title, _RENDER["site_title"], main),
        links.queries,
        list(transform.diagnostics),
        record,
    )


def assets() -> dict[str, bytes]:
    """The site's own scripts and stylesheet, {site path: bytes}: package data, which the
    build command reads and passes to render_site with the other published files."""
    return {f"assets/{name}": resources.files(__package__).joinpath("assets", name).read_bytes() for name in ASSETS}


def _json_digest(*parts) -> str:
    """A digest of plain data (str, int, None, lists, tuples, dicts in a fixed order, and
    dataclass instances, whose repr shows every field): repr is exact for these, and fast."""
    return digest(repr(parts))


def render_site(
    corpus: Corpus,
    index: Index,
    edition: EditionConfig,
    previous: Previous | None = None,
    memo: Memo | None = None,
    search_shards: list[str] | None = None,
    jobs: int = 1,
    published: dict[str, bytes] | None = None,
    progress: bool = False,
) -> Site:
    """Every file of the site. `previous` offers the outputs of the last build for reuse;
    `memo` offers the documents' search records made before and keeps the new ones;
    `search_shards` names the extra Pagefind bundles the search page merges (build.py
    decides them); `published` are files copied into the site as they are ({site path:
    bytes}: the schema the TEI's <?xml-model?> lines point at, the assets)."""
    make = _Making(corpus, index, edition.title, previous or Previous(), memo)
    make.output(
        paths.HOME,
        _json_digest("home", make.skeleton, dataclasses.asdict(edition), sorted(corpus.register_files)),
        lambda: (
            render_page(paths.HOME, make.title, make.title, home_page(corpus, edition, make.links(paths.HOME))),
            [],
        ),
    )
    records = make.document_pages(jobs, progress)
    for name, data in corpus.register_files.items():
        make.static(f"tei/registers/{name}", data)
    for path, data in (published or {}).items():
        if not path.startswith("assets/"):
            make.static(path, data)
    make.index_pages()
    make.search_pages(list(search_shards or []), records)
    for path, data in (published or {}).items():
        if path.startswith("assets/"):
            make.static(path, data)
    return make.site


def _neighbours(docs: list, k: int) -> tuple:
    """The documents before and after document k (None at either end)."""
    return (docs[k - 1] if k else None, docs[k + 1] if k + 1 < len(docs) else None)


class _Making:
    """One build of the site: the outputs made so far, and what their keys are made from."""

    def __init__(self, corpus: Corpus, index: Index, title: str, previous: Previous, memo: Memo | None = None):
        self.corpus, self.index, self.title, self.previous, self.memo = corpus, index, title, previous, memo
        self.site = Site({}, list(index.diagnostics))
        self.registers = corpus.registers_digest
        self.skeleton = _json_digest([[d.docid, d.stem, d.shown, d.meta] for d in corpus.documents])
        self.answers: dict[str, dict] = {}  # a folder's pages → the answers to their questions

    def links(self, page: str) -> SiteLinks:
        return SiteLinks(self.corpus, self.index, page)

    def output(self, path: str, key: str, make: Callable[[], tuple[bytes, list[Diagnostic]]]) -> None:
        """The file at `path`: the previous build's if its key is the same, else made now."""
        site, rec = self.site, self.previous.record(path)
        if rec is not None and rec.key == key and not rec.queries:
            data = self.previous.data(path)
            if data is not None:
                site.files[path], site.records[path] = data, rec
                site.diagnostics.extend(rec.diagnostics)
                site.reused.add(path)
                return
        data, diags = make()
        site.files[path], site.records[path] = data, Record(key, [], diags)
        site.diagnostics.extend(diags)

    def static(self, path: str, data: bytes) -> None:
        self.output(path, digest(path, data), lambda: (data, []))

    def document_pages(self, jobs: int, progress: bool) -> list[tuple[str, dict]]:
        """Every document's page (reused where every answer still holds, else rendered, in
        worker processes when it pays) and its TEI file; returns the search records."""
        docs = self.corpus.documents
        made: dict[int, tuple[bytes, list, list[Diagnostic], tuple[str, dict]]] = {}
        keys = [self._document_key(k) for k in range(len(docs))]
        todo = []
        for k in range(len(docs)):
            reused = self._reused_document(k, keys[k])
            if reused is None:
                todo.append(k)
            else:
                made[k] = reused
        # the workers are forked: they share the corpus and the index already in memory, and
        # what every page may ask of them, computed here once
        _ = self.corpus.id_owner, self.index.date_keys
        _RENDER.update(
            corpus=self.corpus, index=self.index, site_title=self.title, registers=self.registers, memo=self.memo
        )
        try:
            results = parallel.pmap(
                _render_document, todo, jobs=jobs, cost=COST, label="HTML pages", show=progress, chunks_per_worker=8
            )
            made.update(zip(todo, results))
        finally:
            _RENDER.clear()
        _keep_search_records(self.memo, [made[k][3] for k in todo])
        for k, doc in enumerate(docs):
            page = paths.document(doc.docid)
            data, queries, diags, _record = made[k]
            self.site.files[page], self.site.records[page] = data, Record(keys[k], queries, list(diags))
            self.site.diagnostics.extend(diags)
            self.static(paths.tei_file(doc.stem), doc.data)
        return [made[k][3] for k in range(len(docs))]

    def _document_key(self, k: int) -> str:
        doc = self.corpus.documents[k]
        return _json_digest(
            "document",
            paths.document(doc.docid),
            self.title,
            self.registers,
            doc.shown,
            digest(doc.data),
            [[n.docid, n.meta.title] if n is not None else None for n in _neighbours(self.corpus.documents, k)],
        )

    def _reused_document(self, k: int, key: str):
        """Document page k as the previous build made it, if its key and every answer it
        was given still hold; else None."""
        doc = self.corpus.documents[k]
        page = paths.document(doc.docid)
        rec = self.previous.record(page)
        if rec is None or rec.key != key:
            return None
        if not answers_hold(rec.queries, self.links(page), self.answers.setdefault(page.rpartition("/")[0], {})):
            return None
        data = self.previous.data(page)
        if data is None:
            return None
        self.site.reused.add(page)
        return (
            data,
            rec.queries,
            rec.diagnostics,
            search_record(doc, self.corpus, self.index, self.memo, self.registers),
        )

    def index_pages(self) -> None:
        """The indexes of persons, places and organisations, and the chronology."""
        corpus, index, title = self.corpus, self.index, self.title
        for kind, page in paths.INDEX_PAGES.items():
            occurrences = [
                [ref, [o.row() for o in occs]]
                for ref, occs in sorted(index.occurrences.items())
                if kind_of_ref(ref) == kind
            ]
            self.output(
                page,
                _json_digest("entities", kind, title, self.registers, self.skeleton, occurrences),
                lambda kind=kind, page=page: (
                    render_page(
                        page, TITLE_OF_KIND[kind], title, entity_index_page(kind, corpus, index, self.links(page))
                    ),
                    [],
                ),
            )
        chronology = [[c.key, c.attrs, [o.row() for o in c.occurrences]] for c in index.chronology]
        self.output(
            paths.CHRONOLOGY,
            _json_digest("chronology", title, self.registers, self.skeleton, chronology),
            lambda: (
                render_page(
                    paths.CHRONOLOGY, "Хронология", title, chronology_page(corpus, index, self.links(paths.CHRONOLOGY))
                ),
                [],
            ),
        )

    def search_pages(self, shards: list[str], records: list[tuple[str, dict]]) -> None:
        """The search page and the offline search's data."""
        self.output(
            paths.SEARCH,
            _json_digest("search", self.title, shards),
            lambda: (
                render_page(
                    paths.SEARCH,
                    "Поиск",
                    self.title,
                    search_page(self.links(paths.SEARCH), shards),
                    scripts=(paths.JS, paths.SEARCH_DATA, paths.SEARCH_JS),
                    csp=CSP_SEARCH,
                ),
                [],
            ),
        )
        self.output(
            paths.SEARCH_DATA,
            _json_digest("search-data", [r[0] for r in records]),
            lambda: (search_data([r[1] for r in records]), []),
        )


def _keep_search_records(memo: Memo | None, records: list[tuple[str, dict]]) -> None:
    """The search records made in this build, for the memo: a worker's memo is a copy, so
    the records come back with the pages and are kept here."""
    import json

    if memo is None:
        return
    for k, record in records:
        if memo.get("search-record", k) is None:
            memo.put("search-record", k, json.dumps(record, ensure_ascii=False).encode())
