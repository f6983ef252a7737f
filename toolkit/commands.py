"""What each CLI command does, over the pipeline: returns an exit code, prints via `echo`."""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path

from toolkit.model.diagnostics import Diagnostic, error, summary


def _emit(diags: list[Diagnostic], echo) -> int:
    from toolkit.model.diagnostics import emit

    return emit(diags, echo)


def run_convert(
    sources: list[Path],
    out: Path,
    *,
    force: bool,
    missing_only: bool,
    echo,
    jobs: int = 1,
    cache_dir: Path | None = None,
) -> int:
    from toolkit.io import fs
    from toolkit.io.cache import Cache
    from toolkit.model.registers import FILE_OF_KIND
    from toolkit.model.serialize import to_bytes

    diags: list[Diagnostic] = []
    reg_dir = out / "registers"
    source_regs = reg_dir if reg_dir.exists() else Path("tei") / "registers"
    registers, rdiags = fs.load_registers(source_regs)
    diags.extend(rdiags)
    if registers is None:
        _emit(diags, echo)
        return 1
    todo = [s for s in sources if not (missing_only and (out / f"{s.stem}.xml").exists())]
    results = convert_all(todo, out, source_regs, registers, Cache(cache_dir), jobs)
    written = 0
    added: list[str] = []
    for src, result in zip(todo, results):
        diags.extend(result.diagnostics)
        if result.payload is None:
            continue
        target = out / f"{src.stem}.xml"
        outcome = fs.write_generated(target, result.payload, force)
        if outcome.status == "refused":
            diags.append(fs.refused_message(target))
            continue
        if outcome.status == "backed-up":
            diags.append(fs.backup_message(outcome))
        written += outcome.status != "unchanged"
        for kind, key, name in result.candidates:  # in source order: as a serial run adds them
            if key not in registers.entries[kind]:
                registers.add_candidate(kind, key, name, src.name)
                added.append(key)
    if added or (todo and not reg_dir.exists()):
        for kind, filename in FILE_OF_KIND.items():
            fs.write_register(reg_dir / filename, to_bytes(registers.trees[kind]))
    errors = _emit(diags, echo)
    echo(
        f"{len(todo)} source(s) converted, {written} file(s) written, {len(added)} new candidate(s), {errors} error(s)"
    )
    return 1 if errors else 0


@dataclasses.dataclass
class Converted:
    """One source's conversion, picklable: TEI bytes (None if refused), diagnostics and the
    candidate entries it needs, as (kind, key, name)."""

    payload: bytes | None
    diagnostics: list[Diagnostic]
    candidates: list[tuple[str, str, str]]


def convert_all(sources: list[Path], out: Path, reg_dir: Path, registers, cache, jobs: int) -> list[Converted]:
    """Each source converted against the registers as they are now (in `jobs` processes
    when there are many); results in source order, from the cache where nothing changed."""
    import json

    from toolkit.io.cache import key as cache_key

    reg_bytes = b"".join(p.read_bytes() for p in sorted(reg_dir.glob("*.xml"))) if reg_dir.is_dir() else b""
    keys, results, todo = [], {}, []
    for i, src in enumerate(sources):
        k = None
        try:
            toml = src.with_suffix(".toml")
            k = cache_key(src.read_bytes(), toml.read_bytes() if toml.exists() else b"", reg_bytes, src.name, str(out))
        except OSError:
            pass
        keys.append(k)
        xml, meta = (cache.get("convert", k), cache.get("convert-meta", k)) if k else (None, None)
        if meta is not None:
            try:
                m = json.loads(meta)
                results[i] = Converted(
                    xml if m["ok"] else None,
                    [Diagnostic.from_row(d) for d in m["diags"]],
                    [tuple(c) for c in m["candidates"]],
                )
                continue
            except (ValueError, KeyError, TypeError):
                pass
        todo.append(i)
    if jobs > 1 and len(todo) >= PARALLEL_MIN:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_converter, initargs=(str(reg_dir),)) as pool:
            fresh = list(
                pool.map(
                    _convert_in_worker,
                    [(str(sources[i]), str(out)) for i in todo],
                    chunksize=max(1, len(todo) // (jobs * 4)),
                )
            )
    else:
        # conversions only read the registers; the caller merges their candidates in order
        _WORKER["registers"] = registers
        _WORKER["finder"] = None
        fresh = [_convert_in_worker((str(sources[i]), str(out))) for i in todo]
    for i, result in zip(todo, fresh):
        results[i] = result
        if keys[i]:
            cache.put("convert", keys[i], result.payload or b"")
            cache.put(
                "convert-meta",
                keys[i],
                json.dumps(
                    {
                        "ok": result.payload is not None,
                        "diags": [d.to_row() for d in result.diagnostics],
                        "candidates": result.candidates,
                    },
                    ensure_ascii=False,
                ).encode(),
            )
    return [results[i] for i in range(len(sources))]


_WORKER: dict = {}


def _init_converter(reg_dir: str) -> None:
    from toolkit.io import fs

    _WORKER["registers"], _ = fs.load_registers(Path(reg_dir))
    _WORKER["finder"] = None


def _convert_in_worker(item: tuple[str, str]) -> Converted:
    from toolkit.convert import lossless
    from toolkit.convert.document import convert_text
    from toolkit.convert.names.entities import EntityFinder
    from toolkit.io import fs
    from toolkit.model.serialize import to_bytes
    from toolkit.validate.schema import validate_tree

    src, out = Path(item[0]), Path(item[1])
    registers = _WORKER["registers"]
    text, data, meta, diags = fs.read_source(src)
    if text is None or any(d.severity == "error" for d in diags):
        return Converted(None, diags, [])
    if _WORKER.get("finder") is None:
        _WORKER["finder"] = EntityFinder(registers)
    result = convert_text(text, src.name, meta, registers, _WORKER["finder"], data)
    diags = diags + result.diagnostics
    candidates = result.candidates
    lost = lossless.check(text, result.tree)
    if lost:
        diags.append(
            error(
                fs.rel(src),
                1,
                1,
                f"conversion would lose text ({lost[0]}); nothing written (a converter bug: please report it with this source)",
                "convert.lossless",
            )
        )
        return Converted(None, diags, [])
    payload = to_bytes(result.tree)
    invalid = validate_tree(etree_from(payload), fs.rel(out / f"{src.stem}.xml"))
    if invalid:
        diags.extend(invalid)
        diags.append(
            error(
                fs.rel(src),
                1,
                1,
                "the converted TEI is not valid; nothing written (a converter bug: please report it with this source)",
                "convert.invalid",
            )
        )
        return Converted(None, diags, [])
    return Converted(payload, diags, candidates)


def run_validate(paths: list[Path], *, echo, jobs: int = 1, cache_dir: Path | None = None) -> int:
    from toolkit.io import fs
    from toolkit.io.cache import Cache
    from toolkit.validate.rules import combine

    files, diags = fs.collect_xml(paths)
    requested = {os.path.abspath(f) for f in files}
    # registers next to the given documents are context for reference checks
    context: list[Path] = []
    for f in files:
        reg = f.parent / "registers"
        if reg.is_dir():
            for r in sorted(reg.glob("*.xml")):
                if os.path.abspath(r) not in requested and r not in context and not fs.escapes(r, f.parent):
                    context.append(r)
    items = [(str(f), fs.rel(f)) for f in files + context]
    checked = check_files(items, Cache(cache_dir), jobs)
    context_paths = {fs.rel(c) for c in context}
    reports = []
    for (_path, shown), (file_diags, report) in zip(items, checked):
        if shown not in context_paths:
            diags.extend(file_diags)
        if report is not None:
            reports.append(report)
    diags.extend(
        d
        for d in combine(reports, _Locator(dict((shown, path) for path, shown in items)))
        if d.path not in context_paths
    )
    _emit(diags, echo)
    echo(summary(diags, len(files)))
    if any(d.code == "io.missing" for d in diags):
        return 2  # a path given on the command line does not exist: a usage error
    return 1 if any(d.severity == "error" for d in diags) else 0


class _Locator:
    """Element positions for the corpus-wide diagnostics (rare): the file is parsed again
    in this process, once."""

    def __init__(self, paths: dict[str, str]):
        self.paths = paths
        self.documents: dict[str, object] = {}

    def __call__(self, shown: str, query: str, variables: dict) -> list[tuple[int, int]]:
        from toolkit.model.xmlparse import parse_xml
        from toolkit.validate.rules import Document

        if shown not in self.documents:
            try:
                data = Path(self.paths[shown]).read_bytes()
            except (OSError, KeyError):
                data = b""
            tree, _ = parse_xml(data, shown) if data else (None, [])
            self.documents[shown] = Document(shown, tree, data.decode("utf-8", "replace")) if tree is not None else None
        doc = self.documents[shown]
        return doc.locate(query, variables) if doc is not None else []


PARALLEL_MIN = 40  # below this many files, worker start-up costs more than it saves


def check_files(items: list[tuple[str, str]], cache, jobs: int) -> list[tuple[list[Diagnostic], object]]:
    """Each (path, path as shown) read, parsed, checked against the schema and by the
    per-document rules: ([diagnostics], rules.Report or None if unreadable), in order.

    The work per file is independent, so it runs in `jobs` processes; a file whose bytes,
    path, schema and toolkit code were checked before comes from the cache unparsed."""
    if jobs > 1 and len(items) >= PARALLEL_MIN:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from toolkit.model import xmlparse  # noqa: F401 (imported once, before the fork)
        from toolkit.validate import (
            prescreen,
            rules,  # noqa: F401 (imported once, before the fork)
        )

        prescreen.warm_up()  # the compiled schema is inherited by the workers, not rebuilt in each
        # fork: the workers start with the parent's imports (lxml, the toolkit) in place
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_checker,
            initargs=(cache.folder,),
        ) as pool:
            return list(pool.map(_check_file, items, chunksize=max(1, len(items) // (jobs * 4))))
    _init_checker(cache.folder)
    return [_check_file(item) for item in items]


def _init_checker(cache_folder) -> None:
    from toolkit.io.cache import Cache

    _WORKER["cache"] = Cache(cache_folder)


def _check_file(item: tuple[str, str]) -> tuple[list[Diagnostic], object]:
    """Worker: one file's parse, schema and per-document rule diagnostics, and its report."""
    import json

    from toolkit.io.cache import key
    from toolkit.model.xmlparse import parse_xml
    from toolkit.validate import prescreen
    from toolkit.validate.rules import Document, Report, report
    from toolkit.validate.schema import XSD, validate_tree

    path, shown = item
    cache = _WORKER["cache"]
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return [error(shown, 0, 0, f"cannot be read ({exc.strerror}); check permissions", "io.read")], None
    k = key(_schema_bytes(XSD), data, shown, os.path.abspath(path)) if cache.enabled else None
    hit = cache.get("validate", k) if k else None
    if hit is not None:
        try:
            diags, rep = json.loads(hit)
            return [Diagnostic.from_row(d) for d in diags], Report.from_json(rep) if rep is not None else None
        except (ValueError, TypeError):
            pass
    tree, diags = parse_xml(data, shown)
    rep = None
    if tree is not None:
        if not prescreen.clean(tree):
            diags = diags + validate_tree(tree, shown)
        rep = report(Document(shown, tree, data))
    if k:
        cache.put(
            "validate",
            k,
            json.dumps(
                [[d.to_row() for d in diags], rep.to_json() if rep is not None else None],
                ensure_ascii=False,
            ).encode(),
        )
    return diags, rep


_SCHEMA_BYTES: dict[Path, bytes] = {}


def _schema_bytes(path: Path) -> bytes:
    if path not in _SCHEMA_BYTES:
        _SCHEMA_BYTES[path] = path.read_bytes()
    return _SCHEMA_BYTES[path]


def _corpus_mentions(tei_dir: Path):
    """(document path, element) for every persName/placeName/orgName in the reading text."""
    from toolkit.io import fs
    from toolkit.model.tei import t
    from toolkit.model.xmlparse import parse_xml

    out = []
    diags = []
    for f in sorted(tei_dir.glob("*.xml")):
        tree, problems = parse_xml(f.read_bytes(), fs.rel(f))
        diags.extend(problems)
        if tree is None:
            continue
        text_el = tree.getroot().find(t("text"))
        if text_el is None:
            continue
        for el in text_el.iter(t("persName"), t("placeName"), t("orgName")):
            out.append((fs.rel(f), el))
    return out, diags


def run_entities(tei_dir: Path, *, echo) -> int:
    """List candidate entries (unreviewed) and mentions with no register link."""
    from collections import defaultdict

    from toolkit.io import fs
    from toolkit.model.tei import text_of

    registers, diags = fs.load_registers(tei_dir / "registers")
    if registers is None:
        _emit(diags, echo)
        return 1
    mentions, mdiags = _corpus_mentions(tei_dir)
    diags.extend(mdiags)
    uses: dict[str, list[str]] = defaultdict(list)
    unlinked: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, el in mentions:
        ref = el.get("ref")
        text = text_of(el)
        if ref and registers.get(ref):
            uses[ref].append(path)
        else:
            unlinked[(el.tag.rpartition("}")[2], text)].append(f"{path}:{el.sourceline}")
    candidates = [e for kind in ("person", "place", "org") for e in registers.all(kind) if e.candidate]
    echo(f"Candidates (unreviewed register entries): {len(candidates)}")
    for e in sorted(candidates, key=lambda e: (e.kind, e.key)):
        docs = sorted(set(uses.get(e.ref, [])))
        echo(
            f"  {e.key:24} {e.kind:6} {e.name}  — {len(uses.get(e.ref, []))} mention(s) in {', '.join(docs) or 'no document'}"
        )
    echo(f"Unlinked mentions (no @ref, or @ref without entry): {sum(len(v) for v in unlinked.values())}")
    for (kind, text), where in sorted(unlinked.items()):
        echo(f"  {kind:9} {text}  — {', '.join(where)}")
    if candidates:
        echo("Review each candidate in tei/registers/, then: tei-edition entities accept KEY")
    return 1 if any(d.severity == "error" for d in diags) else 0


def run_accept(tei_dir: Path, keys: list[str], *, echo) -> int:
    from toolkit.io import fs
    from toolkit.model.registers import FILE_OF_KIND
    from toolkit.model.serialize import to_bytes

    reg_dir = tei_dir / "registers"
    registers, diags = fs.load_registers(reg_dir)
    if registers is None:
        _emit(diags, echo)
        return 1
    status = 0
    for key in keys:
        entry = next((e for kind in FILE_OF_KIND for e in registers.all(kind) if e.key == key), None)
        if entry is None:
            echo(
                str(
                    error(
                        fs.rel(reg_dir),
                        0,
                        0,
                        f'no register entry "{key}"; see `tei-edition entities` for the candidates',
                        "entities.unknown",
                    )
                )
            )
            status = 1
            continue
        if not entry.candidate:
            echo(f"{key}: already reviewed, nothing to do")
            continue
        registers.accept(key)
        path = reg_dir / FILE_OF_KIND[entry.kind]
        fs.write_register(path, to_bytes(registers.trees[entry.kind]))
        echo(
            f'{key}: accepted in {fs.rel(path)} (candidate note and cert="low" removed; add variants, role and a checked Wikidata id by hand)'
        )
    return status


def run_evaluate(gold_dir: Path, tei_dir: Path, sources: Path, minimum: float | None, *, echo) -> int:
    from toolkit.evaluate.score import TYPES, evaluate_dir, report

    if not gold_dir.is_dir():
        echo(
            str(
                error(
                    str(gold_dir),
                    0,
                    0,
                    "no such directory; give the folder with the reference *.json files",
                    "io.missing",
                )
            )
        )
        return 2
    results = evaluate_dir(gold_dir, tei_dir, sources)
    echo(report(results))
    overall = results["overall"]
    if minimum is None:
        return 0
    low = [
        k
        for k in TYPES
        if k in overall
        and (overall[k].precision < minimum or overall[k].recall < minimum or overall[k].key_accuracy < minimum)
    ]
    for k in low:
        echo(f"below {minimum}: {k}")
        for miss in overall[k].misses[:20]:
            echo(f"  {miss}")
    return 1 if low else 0


def run_format(paths: list[Path], *, check: bool, echo) -> int:
    """Rewrite TEI files in the canonical layout (the converter's); content never changes."""
    from toolkit.io import fs
    from toolkit.model.serialize import to_bytes
    from toolkit.model.xmlparse import parse_xml

    files, diags = fs.collect_xml(paths)
    changed = []
    for f in files:
        shown = fs.rel(f)
        data = f.read_bytes()
        tree, problems = parse_xml(data, shown)
        if tree is None:
            diags.extend(problems)
            continue
        formatted = to_bytes(tree)
        if formatted == data:
            continue
        changed.append(shown)
        if not check:
            fs.write_atomic(f, formatted)
    errors = _emit(diags, echo)
    for shown in changed:
        echo(f"{'would reformat' if check else 'reformatted'} {shown}")
    echo(f"{len(files)} file(s), {len(changed)} {'to reformat' if check else 'reformatted'}, {errors} error(s)")
    if any(d.code == "io.missing" for d in diags):
        return 2
    return 1 if errors or (check and changed) else 0


def run_new(out: Path, *, docid: str, genre: str, title: str, when: str | None, echo) -> int:
    from toolkit.convert.template import ID_RE, new_document
    from toolkit.io import fs
    from toolkit.model.serialize import to_bytes
    from toolkit.model.xmlparse import parse_xml
    from toolkit.validate.schema import validate_tree

    target = out / f"{docid}.xml"
    shown = fs.rel(target)
    if not ID_RE.match(docid):
        echo(
            str(
                error(
                    shown,
                    0,
                    0,
                    f'id "{docid}" must be lower-case letters, digits and hyphens, starting with a letter',
                    "new.id",
                )
            )
        )
        return 2
    if target.exists():
        echo(str(error(shown, 0, 0, "exists already; choose another --id (nothing was written)", "new.exists")))
        return 1
    for f in sorted(out.rglob("*.xml")) if out.is_dir() else []:
        tree, _ = parse_xml(f.read_bytes(), fs.rel(f))
        if tree is not None and docid in {v for v in tree.getroot().xpath("//@xml:id")}:
            echo(
                str(error(fs.rel(f), 0, 0, f'xml:id "{docid}" is used here already; choose another --id', "new.exists"))
            )
            return 1
    tree = new_document(docid=docid, genre=genre, title=title, when=when, file_name=target.name)
    payload = to_bytes(tree)
    problems = validate_tree(etree_from(payload), shown)
    if problems:
        _emit(problems, echo)
        return 1
    fs.write_atomic(target, payload)
    echo(f"{shown}: new {genre}; fill in the header (source, date, place) and the text")
    return 0


def etree_from(payload: bytes):
    from lxml import etree

    return etree.ElementTree(etree.fromstring(payload))


def run_watch(
    tei_dir: Path, edition_toml: Path | None, *, echo, serve_port: int | None = None, stop=lambda: False
) -> int:
    """Validate each changed file at once; rebuild the HTML edition after it."""
    import time

    from toolkit.io.watch import watch

    build = None
    site = None
    if serve_port is not None and edition_toml is not None:
        from toolkit.io.serve import Build, start
        from toolkit.render.html.build import default_output

        site = default_output(edition_toml)
        build = Build()
        server = start(site, build, serve_port)
        echo(f"serving {site} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")

    def on_change(paths: list[Path]) -> None:
        started = time.monotonic()
        xml = [p for p in paths if p.exists()]
        echo(f"changed: {', '.join(str(p) for p in xml)}")
        status = run_validate(xml, echo=echo, jobs=1, cache_dir=None)
        if edition_toml is not None and status == 0:
            from toolkit.io import config
            from toolkit.render.html import run_build_html

            # with the cache, the rebuild remakes only the pages that depend on the saved file
            run_build_html(tei_dir, edition_toml, None, echo=echo, cache_dir=config.cache_dir(None, config.load()))
            if build is not None:
                build.bump()
        echo(f"done in {time.monotonic() - started:.2f} s; watching {tei_dir}")

    with contextlib.suppress(KeyboardInterrupt):
        watch(tei_dir, on_change, stop=stop, on_ready=lambda: echo(f"watching {tei_dir} (Ctrl+C to stop)"))
    return 0
