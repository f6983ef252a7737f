"""Building the HTML edition: the pure core (`build_html`) and the thin edge that writes
it (`run_build_html`): read, render, write into a folder beside the target, index it
with Pagefind, then swap it in whole — a reader never sees a half-written site."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from toolkit.model.corpus import load_corpus
from toolkit.model.diagnostics import Diagnostic, emit, error, warning
from toolkit.model.edition import EditionConfig, load_edition
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
    ):
        super().__init__(files or {})
        self.diagnostics = list(diagnostics or [])
        self.records = dict(records or {})
        self.reused = set(reused or ())
        self.shards = list(shards or [])  # the document pages of each Pagefind bundle (see search_shards)

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


def build_html(corpus_dir: Path, edition: EditionConfig, previous=None, cache=None, jobs: int = 1) -> SiteFiles:
    """The whole site for the edition's documents in `corpus_dir` (TEI files + registers/).
    With `previous` (incremental.BuildState) unchanged outputs are taken from the last
    build; `cache` (cache.Cache) keeps per-document facts, index entries and search records."""
    from toolkit.render.html.site import render_site

    corpus, diags = load_corpus(Path(corpus_dir), edition.documents, cache)
    if corpus is None:
        return SiteFiles({}, diags)
    index = build_index(corpus, cache)
    shards = search_shards([paths.document(d.docid) for d in corpus.documents], edition.search_shard_size)
    site = render_site(corpus, index, edition, previous, cache, [shard_dir(k) for k in range(1, len(shards))], jobs)
    return SiteFiles(site.files, diags + site.diagnostics, site.records, site.reused, shards)


_CHECK: dict = {}
CHECK_PARALLEL_MIN = 64  # pages to check before worker processes pay off


def _page_facts(path: str):
    from toolkit.render.html.check import page_facts

    return page_facts(path, _CHECK["files"][path])


def self_check(
    files: dict[str, bytes], out_dir: Path, known: dict | None = None, jobs: int = 1
) -> tuple[list[Diagnostic], dict]:
    """The built site checked as a reader's browser would meet it (links, anchors, page
    basics); a problem here is a bug in the renderer, reported so it is never silent.
    `known`: check.PageFacts of pages that did not change. Returns the problems and the
    facts of every page."""
    from toolkit.io.fs import rel
    from toolkit.render.html.check import check_site, page_facts

    facts = dict(known or {})
    todo = _unchecked(files, facts)
    if _check_forks(todo, jobs):
        import multiprocessing

        _CHECK["files"] = files  # forked workers read the pages from memory
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                facts.update(zip(todo, pool.imap(_page_facts, todo, chunksize=max(1, len(todo) // (jobs * 8)))))
        finally:
            _CHECK.clear()
    else:
        facts.update((path, page_facts(path, files[path])) for path in todo)
    problems = check_site(files, facts)
    return [warning(rel(out_dir), 0, 0, problem, "html.check") for problem in problems], facts


def default_output(edition_toml: Path) -> Path:
    """editions/<name>.toml → editions/<name>/html"""
    return edition_toml.parent / edition_toml.stem / "html"


def schema_problems(corpus_dir: Path, edition: EditionConfig, cache=None) -> list[Diagnostic]:
    """The gate: invalid TEI is never rendered (grammar errors of the selected documents).
    With a `cache`, a file whose bytes passed before is not parsed again."""
    import json

    from toolkit.io.cache import key
    from toolkit.io.fs import escapes, outside_message, rel
    from toolkit.model.xmlparse import parse_xml
    from toolkit.validate import prescreen
    from toolkit.validate.schema import XSD, validate_tree

    diags = []
    files = sorted(Path(corpus_dir).glob("*.xml"))
    if edition.documents is not None:
        files = [f for f in files if f.stem in edition.documents]
    schema = XSD.read_bytes() if cache is not None else b""
    for f in files:
        if escapes(f, Path(corpus_dir)):
            diags.append(outside_message(f))  # never read: it could publish a file from anywhere
            continue
        shown = rel(f)
        data = f.read_bytes()
        k = key("schema-gate", schema, shown, data) if cache is not None else None
        hit = cache.get("schema-gate", k) if k else None
        if hit is not None:
            try:
                diags.extend(Diagnostic.from_row(d) for d in json.loads(hit))
                continue
            except (ValueError, TypeError):
                pass
        found: list[Diagnostic] = []
        tree, problems = parse_xml(data, shown)
        if tree is not None and not prescreen.clean(tree):  # xmlschema only where needed
            found = validate_tree(tree, shown)
        diags.extend(found)
        if k and tree is not None:
            cache.put("schema-gate", k, json.dumps([d.to_row() for d in found], ensure_ascii=False).encode())
    return diags


def write_site(
    files: SiteFiles | dict[str, bytes], out_dir: Path, *, search: bool = True, previous=None, facts=None, jobs: int = 1
) -> tuple[list[Diagnostic], object]:
    """Write `files` into a new folder beside `out_dir`, index it, and swap it in. Files the
    previous build made (files.reused) are hard-linked from it, not rewritten; a Pagefind
    bundle whose pages are all unchanged is kept the same way. `facts`: the pages' check
    facts for the build state, or something with .result() giving (problems, facts), asked
    only once the site is written. Returns the diagnostics and the new build state."""
    from toolkit.io.cache import key
    from toolkit.render.html.incremental import BuildState, link_or_copy, stat_of
    from toolkit.render.html.pagefind import index_site

    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    diags: list[Diagnostic] = []
    reused = getattr(files, "reused", set())
    records = getattr(files, "records", {})
    state = BuildState(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        made_dirs: set[str] = set()
        old, new = (str(previous.out_dir) if previous is not None else ""), str(tmp)
        for rel, data in files.items():
            target = os.path.join(new, rel)
            folder = os.path.dirname(target)
            if folder not in made_dirs:
                os.makedirs(folder, exist_ok=True)
                made_dirs.add(folder)
            if rel in reused and previous is not None:
                link_or_copy(os.path.join(old, rel), target)
            else:
                with open(target, "wb") as fh:
                    fh.write(data)
        if search:
            shards = getattr(files, "shards", None) or [sorted(p for p in files if p.startswith("documents/"))]
            todo = []
            for k, pages in enumerate(shards):
                name = shard_dir(k)
                shard_key = key("pagefind", name, *[p + "\0" + key(files[p]) for p in pages])
                kept = previous.shard(name, shard_key) if previous is not None else None
                if kept is not None:
                    for rel in kept:
                        link_or_copy(os.path.join(old, rel), os.path.join(new, rel))
                    state.shards[name] = {
                        "key": shard_key,
                        "files": {rel: stat_of(os.path.join(new, rel)) for rel in kept},
                    }
                else:
                    todo.append((name, shard_key, pages))
            from concurrent.futures import ThreadPoolExecutor

            # each bundle is a Pagefind process of its own: run them side by side
            with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
                outcomes = list(pool.map(lambda item: index_site(tmp, item[2], item[0]), todo))
            for (name, shard_key, _pages), (ok, message) in zip(todo, outcomes):
                if not ok:
                    diags.append(warning(str(out_dir), 0, 0, message, "html.search-index"))
                    continue
                state.shards[name] = {
                    "key": shard_key,
                    "files": {rel: stat_of(os.path.join(new, rel)) for rel in _files_under(new, name)},
                }
        if hasattr(facts, "result"):
            facts = facts.result()[1]
        for rel in files:
            record = records.get(rel)
            page_facts = (facts or {}).get(rel)
            state.files[rel] = {
                "record": record.to_json() if record is not None else None,
                "facts": page_facts.compact() if page_facts is not None else None,
                "stat": stat_of(os.path.join(new, rel)),
            }
        os.chmod(tmp, 0o755)
        from toolkit.io.fs import swap_in

        swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return diags, state


def _files_under(root: str, folder: str) -> list[str]:
    out = []
    for dirpath, _dirs, names in os.walk(os.path.join(root, folder)):
        rel = os.path.relpath(dirpath, root)
        out.extend(os.path.join(rel, n) for n in names)
    return sorted(out)


def _unchecked(files: dict[str, bytes], known: dict) -> list[str]:
    """The pages whose check facts are not known yet."""
    return [path for path in files if path.endswith(".html") and path not in known]


def _check_forks(todo: list[str], jobs: int) -> bool:
    """Whether self_check forks worker processes for these pages (then nothing else may run beside it)."""
    return jobs > 1 and len(todo) >= CHECK_PARALLEL_MIN


def _write(files: SiteFiles, target: Path, search: bool, previous, checked, jobs: int, cache, diags: list) -> None:
    """write_site, its diagnostics into `diags`, and the new build state saved."""
    from toolkit.io.fs import rel

    try:
        written, state = write_site(files, target, search=search, previous=previous, facts=checked, jobs=jobs)
        diags.extend(written)
        state.save(cache)
    except OSError as exc:
        diags.append(
            error(
                rel(target), 0, 0, f"the site could not be written ({exc.strerror or exc}); nothing changed", "io.write"
            )
        )


def run_build_html(
    tei_dir: Path,
    edition_toml: Path,
    out_dir: Path | None = None,
    echo=print,
    *,
    search: bool = True,
    check_schema: bool = True,
    cache_dir: Path | None = None,
    jobs: int = 1,
) -> int:
    """Build editions/<name>/html from the TEI in `tei_dir`: 0 if built, 1 on errors
    (then nothing is written and the previous site stays). Diagnostics go to `echo`,
    one `path:line:col: severity: message [code]` line each, then a summary. With a
    `cache_dir`, only what changed since the last build is made again."""
    from toolkit.io.cache import Cache
    from toolkit.io.fs import rel
    from toolkit.render.html.incremental import BuildState

    started = time.perf_counter()
    cache = Cache(cache_dir) if cache_dir is not None else None
    edition, diags = load_edition(Path(edition_toml), rel(Path(edition_toml)))
    target = Path(out_dir) if out_dir is not None else default_output(Path(edition_toml))
    previous = BuildState.load(cache, target)
    files = SiteFiles()
    if edition is not None and check_schema:
        diags.extend(schema_problems(Path(tei_dir), edition, cache))
    if edition is not None and not any(d.severity == "error" for d in diags):
        files = build_html(Path(tei_dir), edition, previous, cache, jobs)
        diags.extend(files.diagnostics)
    known = {p: f for p in files.reused if (f := previous.facts(p)) is not None}

    def check() -> tuple[list[Diagnostic], dict]:
        problems, facts = self_check(files, target, known, jobs)
        if problems and known:  # say it as a full build would: from the pages themselves
            problems, facts = self_check(files, target, None, jobs)
        return problems, facts

    if not any(d.severity == "error" for d in diags):
        from concurrent.futures import Future, ThreadPoolExecutor

        # the check only reads the pages in memory and only warns: it runs in a thread while
        # the site is written and Pagefind indexes it (a process of its own), and the build
        # state takes its facts at the end; a check that forks workers runs first, alone
        with ThreadPoolExecutor(max_workers=1) as pool:
            if _check_forks(_unchecked(files, known), jobs):
                checked: Future = Future()
                checked.set_result(check())
            else:
                checked = pool.submit(check)
            _write(files, target, search, previous, checked, jobs, cache, diags)
            diags.extend(checked.result()[0])
    emit(diags, echo)
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        echo(f"HTML edition not built: {len(errors)} error(s); {rel(target)} left as it was")
        return 1
    pages = sum(1 for p in files if p.endswith(".html"))
    made = sum(1 for p in files if p.endswith(".html") and p not in files.reused)
    warnings = len({str(d) for d in diags if d.severity == "warning"})
    how = f"; {made} made, {pages - made} unchanged" if files.reused else ""
    echo(
        f"HTML edition built: {pages} pages in {rel(target)}{how} ({time.perf_counter() - started:.2f} s, {warnings} warning(s))"
    )
    return 0
