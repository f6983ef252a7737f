"""`tei-edition convert`: plain-text sources to TEI, each validated before it is written;
names no register entry matches become candidate entries, in source order."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from pathlib import Path

from toolkit.model.diagnostics import Diagnostic, emit, error
from toolkit.parallel import Cost, pmap

# measured (make bench, 2 cores): about 35 ms a source once the models are loaded; a pool
# of workers costs about 0.7 s more than converting in this process (each worker loads
# natasha's models), so workers pay off from about 40 sources on
COST = Cost(per_item=0.035, start=0.7)


def run(
    sources: list[Path],
    out: Path,
    *,
    force: bool,
    missing_only: bool,
    echo,
    jobs: int = 1,
    cache_dir: Path | None = None,
    show_progress: bool = False,
    project_tei: Path = Path("tei"),
) -> int:
    from toolkit.io import fs, project
    from toolkit.io.cache import Cache
    from toolkit.model.registers import FILE_OF_KIND
    from toolkit.model.serialize import to_bytes

    diags: list[Diagnostic] = []
    reg_dir = out / "registers"
    source_regs = reg_dir if reg_dir.exists() else project_tei / "registers"  # the project's ([tool.toolkit] tei)
    registers, rdiags = project.load_registers(source_regs)
    diags.extend(rdiags)
    if registers is None:
        emit(diags, echo)
        return 1
    todo = [s for s in sources if not (missing_only and (out / f"{s.stem}.xml").exists())]
    results = convert_all(todo, out, source_regs, registers, Cache(cache_dir), jobs, show_progress)
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
        from toolkit.model.latin import with_latin_names

        for kind, filename in FILE_OF_KIND.items():  # a candidate gets its name in Latin script too
            fs.write_register(reg_dir / filename, to_bytes(with_latin_names(registers.trees[kind], kind)[0]))
    errors = emit(diags, echo)
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


def convert_all(
    sources: list[Path], out: Path, reg_dir: Path, registers, cache, jobs: int, show_progress: bool = False
) -> list[Converted]:
    """Each source converted against the registers as they are now (in `jobs` processes
    when there are many); results in source order, from the cache where nothing changed."""
    from toolkit.io import fs

    register_bytes = b"".join(fs.read_files(sorted(reg_dir.glob("*.xml"))).values()) if reg_dir.is_dir() else b""
    keys = [_cache_key(src, register_bytes, out) for src in sources]
    results = {i: hit for i, k in enumerate(keys) if k and (hit := _cached(cache, k)) is not None}
    todo = [i for i in range(len(sources)) if i not in results]
    # conversions only read the registers; the caller merges their candidates in order.
    # Serially they are the caller's; a worker reads its own copy from reg_dir.
    _WORKER["registers"], _WORKER["finder"] = registers, None
    fresh = pmap(
        _convert_in_worker,
        [(str(sources[i]), str(out)) for i in todo],
        jobs=jobs,
        cost=COST,
        label="convert",
        show=show_progress,
        init=_init_converter,
        initargs=(str(reg_dir),),
    )
    for i, result in zip(todo, fresh):
        results[i] = result
        if keys[i]:
            _keep(cache, keys[i], result)
    return [results[i] for i in range(len(sources))]


def _cache_key(src: Path, register_bytes: bytes, out: Path) -> str | None:
    """What a source's conversion depends on: its bytes, its metadata, the registers, its
    name and the output folder (None if the source cannot be read: no caching)."""
    from toolkit.io import fs
    from toolkit.model.digest import key

    data, _ = fs.read_bytes(src)
    if data is None:
        return None
    toml = src.with_suffix(".toml")
    meta, _ = fs.read_bytes(toml) if toml.exists() else (b"", [])
    return key(data, meta or b"", register_bytes, src.name, str(out))


def _cached(cache, k: str) -> Converted | None:
    import json

    xml, meta = cache.get("convert", k), cache.get("convert-meta", k)
    if meta is None:
        return None
    try:
        m = json.loads(meta)
        return Converted(
            xml if m["ok"] else None, [Diagnostic.from_row(d) for d in m["diags"]], [tuple(c) for c in m["candidates"]]
        )
    except (ValueError, KeyError, TypeError):
        return None


def _keep(cache, k: str, result: Converted) -> None:
    import json

    cache.put("convert", k, result.payload or b"")
    facts = {
        "ok": result.payload is not None,
        "diags": [d.to_row() for d in result.diagnostics],
        "candidates": result.candidates,
    }
    cache.put("convert-meta", k, json.dumps(facts, ensure_ascii=False).encode())


_WORKER: dict = {}


def _init_converter(reg_dir: str) -> None:
    """In a worker: the registers read again (serially, the caller's are used as they are)."""
    if multiprocessing.parent_process() is None:
        return
    from toolkit.io import project

    _WORKER["registers"], _ = project.load_registers(Path(reg_dir))
    _WORKER["finder"] = None


def _convert_in_worker(item: tuple[str, str]) -> Converted:
    from toolkit.convert import lossless
    from toolkit.convert.document import convert_text
    from toolkit.convert.header import conversion_when
    from toolkit.convert.names.entities import EntityFinder
    from toolkit.io import fs, project
    from toolkit.model.serialize import from_bytes, to_bytes
    from toolkit.validate.schema import validate_tree

    src, out = Path(item[0]), Path(item[1])
    registers = _WORKER["registers"]
    text, data, meta, diags = project.read_source(src)
    if text is None or any(d.severity == "error" for d in diags):
        return Converted(None, diags, [])
    if _WORKER.get("finder") is None:
        _WORKER["finder"] = EntityFinder(registers)
    when = conversion_when(os.environ.get("SOURCE_DATE_EPOCH"))
    result = convert_text(text, src.name, meta, registers, _WORKER["finder"], data, converted_on=when)
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
    invalid = validate_tree(from_bytes(payload), fs.rel(out / f"{src.stem}.xml"))
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
