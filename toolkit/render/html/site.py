"""The HTML edition as a whole: every page and file of the site, as {relative path: bytes}.

Pure: takes the corpus, its index, the edition's config and the files it publishes as
they are (the schema), returns the files and the diagnostics; writing them (and running
Pagefind over them) is the build command's job (commands/build.py).

Every output has a key: the hash of everything it is made from. A rebuild given the
previous build's records (io/buildstate.py) reuses an output whose key is unchanged
instead of rendering it again. A document page is made from its own document, the
registers, its neighbours and the edition's title and citation settings, and from what it
asked the rest of the corpus while it was rendered (is this entity indexed, does this date
have a chronology entry, which document holds this #id): those questions are recorded with
their answers, and the page is reused only if every answer is still the same
(site_documents.py).

The edition's data (data_files.py: the DTS API, the references to download, the exports,
the RDF, CITATION.cff, the manifest of citable ids) comes in groups of files with one key
each: a document's group, and one group for each corpus-wide export. A group whose key is
unchanged is not read at all: its files are hard-linked from the previous site (`linked`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from importlib import resources

from toolkit.model.corpus import Corpus
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.digest import Memo, data_key
from toolkit.model.digest import key as digest
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index
from toolkit.model.registers import TITLE_OF_KIND, kind_of_ref
from toolkit.render.figures import geo
from toolkit.render.figures.network import cooccurrence
from toolkit.render.html import paths
from toolkit.render.html.data_files import corpus_groups, links_of
from toolkit.render.html.figure_pages import NETWORK_TITLE, chronology_figure, network_page, places_figure
from toolkit.render.html.home_page import home_page
from toolkit.render.html.index_pages import chronology_page, entity_index_page
from toolkit.render.html.links import SiteLinks
from toolkit.render.html.page import CSP_SEARCH, render_page
from toolkit.render.html.reference_page import TITLE, reference_page
from toolkit.render.html.reuse import Previous, Record
from toolkit.render.html.search_data import entries_data, search_data
from toolkit.render.html.search_page import search_page
from toolkit.render.html.site_documents import document_outputs

ASSETS = ("edition.css", "edition.js", "search.js")


@dataclasses.dataclass
class Site:
    files: dict[str, bytes]
    diagnostics: list[Diagnostic]
    records: dict[str, Record] = dataclasses.field(default_factory=dict)
    reused: set[str] = dataclasses.field(default_factory=set)  # outputs taken from the previous build
    groups: dict[str, tuple[str, list[str]]] = dataclasses.field(default_factory=dict)  # name → (key, files)
    linked: set[str] = dataclasses.field(default_factory=set)  # files of unchanged groups: linked, never read


def assets() -> dict[str, bytes]:
    """The site's own scripts and stylesheet, {site path: bytes}: package data, which the
    build command reads and passes to render_site with the other published files."""
    return {f"assets/{name}": resources.files(__package__).joinpath("assets", name).read_bytes() for name in ASSETS}


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
    reference: list | None = None,
) -> Site:
    """Every file of the site. `previous` offers the outputs of the last build for reuse;
    `memo` offers what the documents' pages were made from before (search records,
    references) and keeps the new ones; `search_shards` names the extra Pagefind bundles
    the search page merges (build.py decides them); `published` are files copied into the
    site as they are ({site path: bytes}: the schema the TEI's <?xml-model?> lines point
    at, the assets); `reference` the encoding reference (model.encoding entries) for the
    page «О разметке»."""
    make = _Making(corpus, index, edition, previous or Previous(), memo)
    make.output(
        paths.HOME,
        data_key("home", make.skeleton, dataclasses.asdict(edition), sorted(corpus.register_files)),
        lambda: (
            render_page(paths.HOME, make.title, make.title, home_page(corpus, edition, make.links(paths.HOME))),
            [],
        ),
    )
    records = document_outputs(make, jobs, progress)
    for name, data in corpus.register_files.items():
        make.static(f"tei/registers/{name}", data)
    for path, data in sorted(corpus.media.items()):  # the images the documents show (model.media)
        make.static(paths.media(path), data)
    for path, data in (published or {}).items():
        if not path.startswith("assets/"):
            make.static(path, data)
    make.index_pages()
    make.output(
        paths.ENCODING,
        data_key("encoding", make.title, [e.to_json() for e in reference or []]),
        lambda: (render_page(paths.ENCODING, TITLE, make.title, reference_page(list(reference or []))), []),
    )
    make.search_pages(list(search_shards or []), records)
    for name, key, files in corpus_groups(corpus, index, edition, memo):
        if not make.keep_group(name, key):
            make.add_group(name, key, files())
    for path, data in (published or {}).items():
        if path.startswith("assets/"):
            make.static(path, data)
    return make.site


class _Making:
    """One build of the site: the outputs made so far, and what their keys are made from."""

    def __init__(self, corpus: Corpus, index: Index, edition: EditionConfig, previous: Previous, memo: Memo | None):
        self.corpus, self.index, self.edition, self.previous, self.memo = corpus, index, edition, previous, memo
        self.title = edition.title
        self.site = Site({}, list(index.diagnostics))
        self.registers = corpus.registers_digest
        self.skeleton = data_key([[d.docid, d.stem, d.shown, d.meta] for d in corpus.documents])
        # what the indexes and the chronology show of each document beside its occurrences: a
        # place or issuer corrected in a header remakes the index of that kind, not all four
        self.listing = data_key([[d.docid, d.meta.title, d.meta.date] for d in corpus.documents])
        self.answers: dict[str, dict] = {}  # a folder's pages → the answers to their questions

    def links(self, page: str) -> SiteLinks:
        return SiteLinks(self.corpus, self.index, page)

    def output(
        self, path: str, key: str, make: Callable[[], tuple[bytes, list[Diagnostic]]], known: bytes | None = None
    ) -> None:
        """The file at `path`: the previous build's if its key is the same, else made now.
        `known`: its bytes, if they are at hand (a file copied in): a reused one is then
        linked from the last build without being read."""
        site, rec = self.site, self.previous.record(path)
        if rec is not None and rec.key == key and not rec.queries:
            data = known if known is not None else self.previous.data(path)
            if data is not None:
                site.files[path], site.records[path] = data, rec
                site.diagnostics.extend(rec.diagnostics)
                site.reused.add(path)
                return
        data, diags = make()
        site.files[path], site.records[path] = data, Record(key, [], diags)
        site.diagnostics.extend(diags)

    def static(self, path: str, data: bytes, data_digest: str | None = None) -> None:
        """A file copied in as it is (`data_digest`: its bytes' digest, if known already)."""
        self.output(path, digest(path, data_digest or data), lambda: (data, []), known=data)

    def keep_group(self, name: str, key: str) -> bool:
        """Whether the group's files of the previous build are still right (same key, every
        file as it was written): then they are linked into the new site, unread."""
        kept = self.previous.group(name, key)
        if kept is None:
            return False
        self.site.groups[name] = (key, kept)
        self.site.linked.update(kept)
        return True

    def add_group(self, name: str, key: str, files: dict[str, bytes]) -> None:
        self.site.groups[name] = (key, sorted(files))
        self.site.files.update(files)

    def index_pages(self) -> None:
        """The indexes of persons, places and organisations (the places with their map), the
        chronology (with its timeline), and who appears with whom. Each page's key holds
        what its picture is drawn from: the places' mentions and the registers (their
        coordinates), the chronology, the persons and organisations of every document."""
        corpus, index, title = self.corpus, self.index, self.title
        for kind, page in paths.INDEX_PAGES.items():
            occurrences = [entry for entry in index.rows if kind_of_ref(entry[0]) == kind]
            drawn = geo.basemap_digest() if kind == "place" else None  # the map's basemap
            self.output(
                page,
                data_key(
                    "entities", kind, title, self.edition.base_url, self.registers, self.listing, occurrences, drawn
                ),
                lambda kind=kind, page=page: (
                    render_page(page, TITLE_OF_KIND[kind], title, self._index(kind, page)),
                    [],
                ),
            )
        chronology = [[c.key, c.attrs, [o.row() for o in c.occurrences]] for c in index.chronology]
        self.output(
            paths.CHRONOLOGY,
            data_key("chronology", title, self.registers, self.listing, chronology),
            lambda: (render_page(paths.CHRONOLOGY, "Хронология", title, self._chronology()), []),
        )
        network = cooccurrence(corpus, index)
        self.output(
            paths.NETWORK,
            data_key("network", title, self.registers, network),
            lambda: (
                render_page(
                    paths.NETWORK, NETWORK_TITLE, title, network_page(corpus, index, self.links(paths.NETWORK), network)
                ),
                [],
            ),
        )

    def _index(self, kind: str, page: str) -> list:
        links = self.links(page)
        figure = places_figure(self.corpus, self.index, links) if kind == "place" else None
        return entity_index_page(kind, self.corpus, self.index, links, links_of(self.edition), figure)

    def _chronology(self) -> list:
        links = self.links(paths.CHRONOLOGY)
        return chronology_page(self.corpus, self.index, links, chronology_figure(self.corpus, self.index, links))

    def search_pages(self, shards: list[str], records: list[tuple[str, bytes]]) -> None:
        """The search page and the offline search's data."""
        self.output(
            paths.SEARCH,
            data_key("search", self.title, shards),
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
        indexed = sorted(self.index.occurrences)
        self.output(
            paths.SEARCH_DATA,
            data_key("search-data", [r[0] for r in records], self.registers, indexed),
            lambda: (search_data([r[1] for r in records], entries_data(self.corpus, self.index)), []),
        )
