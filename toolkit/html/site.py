"""The HTML edition as a whole: every page and file of the site, as {relative path: bytes}.

Pure: takes the corpus, its index and the edition's config, returns the files and the
diagnostics; writing them (and running Pagefind over them) is build.py's job.
"""

from __future__ import annotations

import dataclasses
from importlib import resources

from ..corpus import Corpus, EditionConfig
from ..diagnostics import Diagnostic
from ..index import Index
from ..registers import TITLE_OF_KIND
from ..tei import XML_ID
from . import paths
from .document_page import document_page
from .home_page import home_page
from .index_pages import chronology_page, entity_index_page
from .links import SiteLinks
from .page import CSP_SEARCH, render_page
from .search_data import search_data
from .search_page import search_page

ASSETS = ("edition.css", "edition.js", "search.js")


@dataclasses.dataclass
class Site:
    files: dict[str, bytes]
    diagnostics: list[Diagnostic]


def _asset(name: str) -> bytes:
    return resources.files(__package__).joinpath("assets", name).read_bytes()


def render_site(corpus: Corpus, index: Index, edition: EditionConfig) -> Site:
    files: dict[str, bytes] = {}
    diags: list[Diagnostic] = list(index.diagnostics)
    id_owner = {}
    for doc in corpus.documents:
        for el in doc.tree.iter():
            if isinstance(el.tag, str) and el.get(XML_ID):
                id_owner[el.get(XML_ID)] = doc.docid
    site_title = edition.title

    def links_for(page: str) -> SiteLinks:
        return SiteLinks(corpus, index, page, id_owner)

    files[paths.HOME] = render_page(paths.HOME, site_title, site_title, home_page(corpus, edition, links_for(paths.HOME)))
    docs = corpus.documents
    for k, doc in enumerate(docs):
        page = paths.document(doc.docid)
        neighbours = (docs[k - 1] if k else None, docs[k + 1] if k + 1 < len(docs) else None)
        main, transform = document_page(doc, corpus, index, links_for(page), neighbours)
        diags.extend(transform.diagnostics)
        files[page] = render_page(page, doc.meta.title, site_title, main)
        files[paths.tei_file(doc.stem)] = doc.data
    for name, data in corpus.register_files.items():
        files[f"tei/registers/{name}"] = data
    from ..schema import RNG, SCH, XSD

    for schema_file in (XSD, RNG, SCH):  # the TEI's <?xml-model?> lines point here
        if schema_file.exists():
            files[f"schema/{schema_file.name}"] = schema_file.read_bytes()
    for kind, page in paths.INDEX_PAGES.items():
        files[page] = render_page(page, TITLE_OF_KIND[kind], site_title, entity_index_page(kind, corpus, index, links_for(page)))
    files[paths.CHRONOLOGY] = render_page(paths.CHRONOLOGY, "Хронология", site_title, chronology_page(corpus, index, links_for(paths.CHRONOLOGY)))
    files[paths.SEARCH] = render_page(paths.SEARCH, "Поиск", site_title, search_page(links_for(paths.SEARCH)),
                                      scripts=(paths.JS, paths.SEARCH_DATA, paths.SEARCH_JS), csp=CSP_SEARCH)
    files[paths.SEARCH_DATA] = search_data(corpus, index)
    for name in ASSETS:
        files[f"assets/{name}"] = _asset(name)
    return Site(files, diags)
