"""The per-document part of the site (see site.py): each document's page, its search record
and its data files (the DTS responses, the references to download: data_files.py), made in
worker processes when it pays, reused from the previous build when their keys and the
page's answers hold.

A page and a document's data files are reused separately: a register edit remakes pages
(they name the entries) but not the API (it does not), a new edition title remakes both.
The references a page prints (cite.py) come from the memo when the document is unchanged,
so a page remade for another reason does not format them again.
"""

from __future__ import annotations

from toolkit import parallel
from toolkit.model.digest import data_key
from toolkit.render.figures import basemap
from toolkit.render.html import paths
from toolkit.render.html.cite import references
from toolkit.render.html.data_files import document_files, document_key
from toolkit.render.html.document_page import Citing, document_page, head
from toolkit.render.html.figure_pages import corpus_frame
from toolkit.render.html.page import render_page
from toolkit.render.html.reuse import Record, RecordingLinks, answers_hold
from toolkit.render.html.search_data import search_record

# measured (2 cores): about 15 ms a document (page 5 ms, references 9 ms when not in the
# memo, API 2 ms); forking the workers, which inherit the corpus and the index, costs about
# 0.16 s: workers pay off from about 22 documents on
COST = parallel.Cost(per_item=0.015, start=0.16)
_RENDER: dict = {}  # what _render_document works from (set before the workers fork)


def neighbours(docs: list, k: int) -> tuple:
    """The documents before and after document k (None at either end)."""
    return (docs[k - 1] if k else None, docs[k + 1] if k + 1 < len(docs) else None)


def _render_document(task: tuple[int, bool, bool]) -> tuple:
    """Document k of the corpus: (page bytes, its questions, its diagnostics) if asked, its
    data files if asked, its search record if its page was made, and what it added to the
    memo (a worker's memo is a copy: the parent keeps these)."""
    k, page_wanted, data_wanted = task
    corpus, index, edition, memo = _RENDER["corpus"], _RENDER["index"], _RENDER["edition"], _RENDER["memo"]
    doc = corpus.documents[k]
    before = len(memo.new) if memo is not None else 0
    page = record = files = None
    if page_wanted:
        path = paths.document(doc.docid)
        links = RecordingLinks(corpus, index, path)
        citing = Citing(edition, references(doc, edition, memo))
        main, transform = document_page(doc, corpus, index, links, neighbours(corpus.documents, k), citing)
        data = render_page(path, doc.meta.title, edition.title, main, head=head(doc, corpus, index, edition))
        page = (data, links.queries, list(transform.diagnostics))
        record = search_record(doc, corpus, index, memo, _RENDER["registers"])
    if data_wanted:
        files = document_files(doc, corpus, edition)
    added = list(memo.new.items())[before:] if memo is not None else []
    return page, files, record, added


def document_outputs(make, jobs: int, progress: bool) -> list[tuple[str, bytes]]:
    """Every document's page and data files into `make` (site._Making), and its TEI file;
    returns the documents' search records in corpus order."""
    corpus, edition = make.corpus, make.edition
    docs = corpus.documents
    keys = [_page_key(make, k) for k in range(len(docs))]
    data_keys = [document_key(doc, corpus, edition) for doc in docs]
    pages: dict[int, tuple] = {}
    records: dict[int, tuple[str, bytes]] = {}
    todo = []
    for k, doc in enumerate(docs):
        reused = _reused_page(make, k, keys[k])
        if reused is not None:
            pages[k], records[k] = reused[:3], reused[3]
        kept = make.keep_group(f"document:{doc.docid}", data_keys[k])
        if reused is None or not kept:
            todo.append((k, reused is None, not kept))
    for (k, _page, wanted), (page, files, record, added) in zip(todo, _made(make, todo, jobs, progress)):
        if page is not None:
            pages[k], records[k] = page, record
        if wanted:
            make.add_group(f"document:{docs[k].docid}", data_keys[k], files)
        for (namespace, key), value in added:
            make.memo.put(namespace, key, value)
    _keep_search_records(make.memo, [records[k] for k, page, _ in todo if page])
    for k, doc in enumerate(docs):
        path = paths.document(doc.docid)
        data, queries, diags = pages[k]
        make.site.files[path], make.site.records[path] = data, Record(keys[k], queries, list(diags))
        make.site.diagnostics.extend(diags)
        make.static(paths.tei_file(doc.stem), doc.data, doc.data_digest)
    return [records[k] for k in range(len(docs))]


def _made(make, todo: list[tuple[int, bool, bool]], jobs: int, progress: bool) -> list:
    """The documents' outputs, in worker processes when it pays (forked: they share the
    corpus and the index already in memory, and what every page may ask of them)."""
    _ = make.corpus.id_owner, make.index.date_keys
    if todo:  # the miniature maps' shared frame and its basemap, drawn once before the fork
        basemap.region_basemap(corpus_frame(make.corpus, make.index, True))
    _RENDER.update(corpus=make.corpus, index=make.index, edition=make.edition, registers=make.registers, memo=make.memo)
    try:
        return parallel.pmap(
            _render_document, todo, jobs=jobs, cost=COST, label="HTML pages", show=progress, chunks_per_worker=8
        )
    finally:
        _RENDER.clear()


def _page_key(make, k: int) -> str:
    doc, edition = make.corpus.documents[k], make.edition
    return data_key(
        "document",
        paths.document(doc.docid),
        edition.title,
        edition.editors,
        edition.base_url,
        make.registers,
        doc.shown,
        doc.data_digest,
        [[n.docid, n.meta.title] if n is not None else None for n in neighbours(make.corpus.documents, k)],
    )


def _reused_page(make, k: int, key: str):
    """Document page k as the previous build made it, if its key and every answer it was
    given still hold: (bytes, questions, diagnostics, search record); else None."""
    doc = make.corpus.documents[k]
    page = paths.document(doc.docid)
    rec = make.previous.record(page)
    if rec is None or rec.key != key:
        return None
    if not answers_hold(rec.queries, make.links(page), make.answers.setdefault(page.rpartition("/")[0], {})):
        return None
    data = make.previous.data(page)
    if data is None:
        return None
    make.site.reused.add(page)
    record = search_record(doc, make.corpus, make.index, make.memo, make.registers)
    return data, rec.queries, rec.diagnostics, record


def _keep_search_records(memo, records: list[tuple[str, bytes]]) -> None:
    """The search records made in this build, for the memo: a worker's memo is a copy, so
    the records come back with the pages and are kept here."""
    if memo is None:
        return
    for k, record in records:
        if memo.get("search-record", k) is None:
            memo.put("search-record", k, record)
