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
from toolkit.model.registers import PREFIX_OF_KIND, TITLE_OF_KIND
from toolkit.render.html import paths
from toolkit.render.html.document_page import document_page
from toolkit.render.html.home_page import home_page
from toolkit.render.html.index_pages import chronology_page, entity_index_page
from toolkit.render.html.links import SiteLinks
from toolkit.render.html.page import CSP_SEARCH, render_page
from toolkit.render.html.search_data import search_data, search_record
from toolkit.render.html.search_page import search_page

ASSETS = ("edition.css", "edition.js", "search.js")


@dataclasses.dataclass
class Record:
    """How an output was made: its key, the questions a document page asked (with their
    answers) and the diagnostics rendering it gave."""

    key: str
    queries: list = dataclasses.field(default_factory=list)
    diagnostics: list[Diagnostic] = dataclasses.field(default_factory=list)

    def to_json(self) -> list:
        return [
            self.key,
            self.queries,
            [d.to_row() for d in self.diagnostics],
        ]

    @classmethod
    def from_json(cls, data: list) -> Record:
        k, queries, diags = data
        return cls(k, queries, [Diagnostic.from_row(d) for d in diags])


@dataclasses.dataclass
class Site:
    files: dict[str, bytes]
    diagnostics: list[Diagnostic]
    records: dict[str, Record] = dataclasses.field(default_factory=dict)
    reused: set[str] = dataclasses.field(default_factory=set)  # outputs taken from the previous build


class Previous:
    """The previous build, as render_site may use it (see io.buildstate.BuildState)."""

    def record(self, path: str) -> Record | None:
        return None

    def data(self, path: str) -> bytes | None:
        return None


class RecordingLinks(SiteLinks):
    """SiteLinks that note each question about the rest of the corpus, and its answer
    (each question once: a page names the same entity many times)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.queries: list = []
        self._asked: set = set()

    def _note(self, kind: str, question, answer) -> None:
        asked = (kind, repr(question))
        if asked not in self._asked:
            self._asked.add(asked)
            self.queries.append([kind, question, answer])

    def entity(self, ref: str):
        target = super().entity(ref)
        self._note("entity", ref, _entity_answer(target))
        return target

    def date(self, attrs: dict[str, str]):
        href = super().date(attrs)
        self._note("date", sorted(attrs.items()), href)
        return href

    def pointer(self, target_id: str):
        href = super().pointer(target_id)
        self._note("pointer", target_id, href)
        return href


def _entity_answer(target) -> list | None:
    return [target.href, target.tooltip, target.candidate] if target is not None else None


def _answers_hold(queries: list, links: SiteLinks, memo: dict) -> bool:
    for kind, question, answer in queries:
        k = (kind, repr(question))
        if k not in memo:
            if kind == "entity":
                memo[k] = _entity_answer(SiteLinks.entity(links, question))
            elif kind == "date":
                memo[k] = SiteLinks.date(links, dict(question))
            elif kind == "pointer":
                memo[k] = SiteLinks.pointer(links, question)
            else:
                return False
        if memo[k] != answer:
            return False
    return True


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
    neighbours = (docs[k - 1] if k else None, docs[k + 1] if k + 1 < len(docs) else None)
    links = RecordingLinks(corpus, index, page, _RENDER["id_owner"])
    main, transform = document_page(doc, corpus, index, links, neighbours)
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
    `memo` offers per-document search records made before and keeps the new ones;
    `search_shards` names the extra Pagefind bundles the search page merges (build.py
    decides them); `published` are files copied into the site as they are ({site path:
    bytes}: the schema the TEI's <?xml-model?> lines point at, the assets)."""
    previous = previous or Previous()
    site = Site({}, list(index.diagnostics))
    id_owner = corpus.id_owner
    site_title = edition.title
    registers = corpus.registers_digest
    skeleton = _json_digest([[d.docid, d.stem, d.shown, d.meta] for d in corpus.documents])
    memo: dict[tuple[str, str], dict] = {}

    def links_for(page: str, cls=SiteLinks) -> SiteLinks:
        return cls(corpus, index, page, id_owner)

    def output(path: str, key: str, make: Callable[[], tuple[bytes, list[Diagnostic]]]) -> None:
        """The file at `path`: the previous build's if its key is the same, else made now."""
        rec = previous.record(path)
        if rec is not None and rec.key == key and not rec.queries:
            data = previous.data(path)
            if data is not None:
                site.files[path], site.records[path] = data, rec
                site.diagnostics.extend(rec.diagnostics)
                site.reused.add(path)
                return
        data, diags = make()
        site.files[path], site.records[path] = data, Record(key, [], diags)
        site.diagnostics.extend(diags)

    def static(path: str, data: bytes) -> None:
        output(path, digest(path, data), lambda: (data, []))

    output(
        paths.HOME,
        _json_digest("home", skeleton, dataclasses.asdict(edition), sorted(corpus.register_files)),
        lambda: (
            render_page(paths.HOME, site_title, site_title, home_page(corpus, edition, links_for(paths.HOME))),
            [],
        ),
    )
    docs = corpus.documents
    made: dict[int, tuple[bytes, list, list[Diagnostic]]] = {}
    keys, todo = [], []
    for k, doc in enumerate(docs):
        page = paths.document(doc.docid)
        neighbours = (docs[k - 1] if k else None, docs[k + 1] if k + 1 < len(docs) else None)
        key = _json_digest(
            "document",
            page,
            site_title,
            registers,
            doc.shown,
            digest(doc.data),
            [[n.docid, n.meta.title] if n is not None else None for n in neighbours],
        )
        keys.append(key)
        rec = previous.record(page)
        if rec is not None and rec.key == key:
            if _answers_hold(rec.queries, links_for(page), memo.setdefault(page.rpartition("/")[0], {})):
                data = previous.data(page)
                if data is not None:
                    made[k] = (data, rec.queries, rec.diagnostics, search_record(doc, corpus, index, memo, registers))
                    site.reused.add(page)
                    continue
        todo.append(k)
    # the workers are forked: they share the corpus and the index already in memory
    _RENDER.update(corpus=corpus, index=index, id_owner=id_owner, site_title=site_title, memo=None, registers=registers)
    try:
        for k, result in zip(
            todo,
            parallel.pmap(
                _render_document, todo, jobs=jobs, cost=COST, label="HTML pages", show=progress, chunks_per_worker=8
            ),
        ):
            made[k] = result
    finally:
        _RENDER.clear()
    _keep_search_records(memo, [made[k][3] for k in todo])
    for k, doc in enumerate(docs):
        page = paths.document(doc.docid)
        data, queries, diags, _record = made[k]
        site.files[page], site.records[page] = data, Record(keys[k], queries, list(diags))
        site.diagnostics.extend(diags)
        static(paths.tei_file(doc.stem), doc.data)
    for name, data in corpus.register_files.items():
        static(f"tei/registers/{name}", data)
    for path, data in (published or {}).items():
        if not path.startswith("assets/"):
            static(path, data)
    for kind, page in paths.INDEX_PAGES.items():
        occurrences = [
            [ref, [o.row() for o in occs]]
            for ref, occs in sorted(index.occurrences.items())
            if ref.partition(":")[0] == PREFIX_OF_KIND[kind]
        ]
        output(
            page,
            _json_digest("entities", kind, site_title, registers, skeleton, occurrences),
            lambda kind=kind, page=page: (
                render_page(
                    page, TITLE_OF_KIND[kind], site_title, entity_index_page(kind, corpus, index, links_for(page))
                ),
                [],
            ),
        )
    chronology = [[c.key, c.attrs, [o.row() for o in c.occurrences]] for c in index.chronology]
    output(
        paths.CHRONOLOGY,
        _json_digest("chronology", site_title, registers, skeleton, chronology),
        lambda: (
            render_page(
                paths.CHRONOLOGY, "Хронология", site_title, chronology_page(corpus, index, links_for(paths.CHRONOLOGY))
            ),
            [],
        ),
    )
    shards = list(search_shards or [])
    output(
        paths.SEARCH,
        _json_digest("search", site_title, shards),
        lambda: (
            render_page(
                paths.SEARCH,
                "Поиск",
                site_title,
                search_page(links_for(paths.SEARCH), shards),
                scripts=(paths.JS, paths.SEARCH_DATA, paths.SEARCH_JS),
                csp=CSP_SEARCH,
            ),
            [],
        ),
    )
    records = [made[k][3] for k in range(len(docs))]
    output(
        paths.SEARCH_DATA,
        _json_digest("search-data", [r[0] for r in records]),
        lambda: (search_data([r[1] for r in records]), []),
    )
    for path, data in (published or {}).items():
        if path.startswith("assets/"):
            static(path, data)
    return site


def _keep_search_records(memo: Memo | None, records: list[tuple[str, dict]]) -> None:
    """The search records made in this build, for the memo (workers return them; the
    memo of this process keeps them)."""
    import json

    if memo is None:
        return
    for k, record in records:
        if memo.get("search-record", k) is None:
            memo.put("search-record", k, json.dumps(record, ensure_ascii=False).encode())
