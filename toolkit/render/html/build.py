"""The HTML edition from a corpus (pure): every file of the site (`build_html`) and the
site checked as a reader's browser would meet it (`self_check`). Writing the site,
indexing it with Pagefind and keeping the build state is the build command's job
(commands/build.py)."""

from __future__ import annotations

from toolkit import parallel
from toolkit.model.corpus import Corpus
from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.model.digest import Memo
from toolkit.model.edition import EditionConfig
from toolkit.model.index import build_index
from toolkit.render.html import paths


class SiteFiles(dict):
    """{relative path: bytes} of the site, with the diagnostics of building it, and (for an
    incremental build) what came unchanged from the previous build."""

    diagnostics: list[Diagnostic]

    def __init__(
        self,
        files: dict[str, bytes] | None = None,
        diagnostics: list[Diagnostic] | None = None,
        records: dict | None = None,
        reused: set[str] | None = None,
        shards: list[list[str]] | None = None,
        groups: dict | None = None,
        linked: set[str] | None = None,
    ):
        super().__init__(files or {})
        self.diagnostics = list(diagnostics or [])
        self.records = dict(records or {})
        self.reused = set(reused or ())
        self.shards = list(shards or [])  # the document pages of each Pagefind bundle (see search_shards)
        self.groups = dict(groups or {})  # data files by group: name → (key, paths) (site.py)
        self.linked = set(linked or ())  # files of unchanged groups: linked from the last build, not held here

    def paths(self) -> set[str]:
        """Every file of the site: those held here and those linked from the last build."""
        return set(self) | self.linked

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def search_shards(document_pages: list[str], size: int = 128) -> list[list[str]]:
    """The document pages split into Pagefind bundles of about `size` pages: one for a
    small edition; for a large one 2, 4, 8 … bundles (a power of two, so the split rarely
    changes), each page placed by a hash of its path, so that a rebuild after one document
    changed re-indexes only that document's bundle. The search page merges them into one
    search. Empty bundles are left out."""
    import hashlib

    count = 1
    while count * size < len(document_pages):
        count *= 2
    shards: list[list[str]] = [[] for _ in range(count)]
    for page in sorted(document_pages):
        shards[int(hashlib.sha1(page.encode()).hexdigest(), 16) % count].append(page)
    return [shard for shard in shards if shard]


def shard_dir(k: int) -> str:
    """The site folder of bundle k: pagefind/ for the first, then pagefind-2/ …"""
    return paths.PAGEFIND_DIR if k == 0 else f"{paths.PAGEFIND_DIR}-{k + 1}"


def build_html(
    corpus: Corpus,
    edition: EditionConfig,
    previous=None,
    memo: Memo | None = None,
    jobs: int = 1,
    published: dict[str, bytes] | None = None,
    progress: bool = False,
    reference: list | None = None,
) -> SiteFiles:
    """The whole site for the corpus. With `previous` (io.buildstate.BuildState) unchanged
    outputs are taken from the last build; `memo` offers and keeps per-document index
    entries and search records; `published`: files copied in as they are, `reference` the
    encoding reference's entries (site.render_site)."""
    from toolkit.render.html.site import render_site

    index = build_index(corpus, memo)
    shards = search_shards([paths.document(d.docid) for d in corpus.documents], edition.search_shard_size)
    extra = [shard_dir(k) for k in range(1, len(shards))]
    site = render_site(corpus, index, edition, previous, memo, extra, jobs, published, progress, reference)
    return SiteFiles(site.files, site.diagnostics, site.records, site.reused, shards, site.groups, site.linked)


# measured (2 cores): about 5 ms a page; forking the workers, which read the pages from
# the parent's memory, costs about 0.16 s: workers pay off from about 64 pages on
CHECK_COST = parallel.Cost(per_item=0.005, start=0.16)
_CHECK: dict = {}


def _page_facts(path: str):
    from toolkit.render.html.check import page_facts

    return page_facts(path, _CHECK["files"][path])


def self_check(
    files: dict[str, bytes], shown: str, known: dict | None = None, jobs: int = 1
) -> tuple[list[Diagnostic], dict]:
    """The built site checked as a reader's browser would meet it (links, anchors, page
    basics); a problem here is a bug in the renderer, reported (at `shown`, the site's
    folder) so it is never silent. `known`: check.PageFacts of pages that did not change.
    Returns the problems and the facts of every page."""
    from toolkit.render.html.check import check_site

    facts = dict(known or {})
    todo = unchecked(files, facts)
    _CHECK["files"] = files  # forked workers read the pages from memory
    try:
        facts.update(zip(todo, parallel.pmap(_page_facts, todo, jobs=jobs, cost=CHECK_COST, chunks_per_worker=8)))
    finally:
        _CHECK.clear()
    problems = check_site(files, facts, getattr(files, "linked", ()))
    return [warning(shown, 0, 0, problem, "html.check") for problem in problems], facts


def unchecked(files: dict[str, bytes], known: dict) -> list[str]:
    """The pages whose check facts are not known yet."""
    return [path for path in files if path.endswith(".html") and path not in known]


def check_forks(todo: list[str], jobs: int) -> bool:
    """Whether self_check forks worker processes for these pages (then nothing else may run beside it)."""
    return parallel.worth_forking(len(todo), jobs, CHECK_COST)
