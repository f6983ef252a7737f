"""What each CLI command does, over the pipeline: returns an exit code, prints via `echo`."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, error, summary


def _emit(diags: list[Diagnostic], echo) -> int:
    errors = 0
    for d in sorted(diags, key=lambda d: (d.path, d.line, d.col, d.code)):
        echo(str(d))
        errors += d.severity == "error"
    return errors


def run_convert(sources: list[Path], out: Path, *, force: bool, missing_only: bool, echo) -> int:
    from . import pipeline
    from .convert import convert_text
    from .entities import EntityFinder
    from .registers import FILE_OF_KIND
    from .schema import validate_tree
    from .serialize import to_bytes

    diags: list[Diagnostic] = []
    reg_dir = out / "registers"
    project_regs = Path("tei") / "registers"
    registers, rdiags = pipeline.load_registers(reg_dir if reg_dir.exists() else project_regs)
    diags.extend(rdiags)
    if registers is None:
        _emit(diags, echo)
        return 1
    todo = [s for s in sources if not (missing_only and (out / f"{s.stem}.xml").exists())]
    finder = EntityFinder(registers) if todo else None
    written = 0
    added: list[str] = []
    for src in todo:
        text, data, meta, sdiags = pipeline.read_source(src)
        diags.extend(sdiags)
        if text is None or any(d.severity == "error" for d in sdiags):
            continue
        result = convert_text(text, src.name, meta, registers, finder, data)
        diags.extend(result.diagnostics)
        target = out / f"{src.stem}.xml"
        payload = to_bytes(result.tree)
        invalid = validate_tree(_reparse(payload), pipeline.rel(target))
        if invalid:
            diags.extend(invalid)
            diags.append(error(pipeline.rel(src), 1, 1, "the converted TEI is not valid; nothing written (a converter bug: please report it with this source)", "convert.invalid"))
            continue
        outcome = pipeline.write_generated(target, payload, force)
        if outcome.status == "refused":
            diags.append(pipeline.refused_message(target))
            continue
        if outcome.status == "backed-up":
            diags.append(pipeline.backup_message(outcome))
        written += outcome.status != "unchanged"
        added.extend(result.candidates)
    if added or (todo and not reg_dir.exists()):
        for kind, filename in FILE_OF_KIND.items():
            pipeline.write_register(reg_dir / filename, to_bytes(registers.trees[kind]))
    errors = _emit(diags, echo)
    echo(f"{len(todo)} source(s) converted, {written} file(s) written, {len(added)} new candidate(s), {errors} error(s)")
    return 1 if errors else 0


def _reparse(payload: bytes):
    from lxml import etree

    return etree.ElementTree(etree.fromstring(payload, etree.XMLParser(resolve_entities=False, no_network=True)))


def run_validate(paths: list[Path], *, echo) -> int:
    from . import pipeline
    from .rules import Document, check_corpus
    from .schema import validate_tree
    from .xmlparse import parse_xml

    files, diags = pipeline.collect_xml(paths)
    requested = {f.resolve() for f in files}
    # registers next to the given documents are context for reference checks
    context: list[Path] = []
    for f in files:
        reg = f.parent / "registers"
        if reg.is_dir():
            for r in sorted(reg.glob("*.xml")):
                if r.resolve() not in requested and r not in context:
                    context.append(r)
    documents = []
    for f in files + context:
        shown = pipeline.rel(f)
        try:
            data = f.read_bytes()
        except OSError as exc:
            diags.append(error(shown, 0, 0, f"cannot be read ({exc.strerror}); check permissions", "io.read"))
            continue
        tree, problems = parse_xml(data, shown)
        if f in context:
            problems = []
        diags.extend(problems)
        if tree is None:
            continue
        if f not in context:
            diags.extend(validate_tree(tree, shown))
        documents.append(Document(shown, tree, data.decode("utf-8", "replace")))
    context_paths = {pipeline.rel(c) for c in context}
    diags.extend(d for d in check_corpus(documents) if d.path not in context_paths)
    _emit(diags, echo)
    echo(summary(diags, len(files)))
    return 1 if any(d.severity == "error" for d in diags) else 0
