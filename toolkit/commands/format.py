"""`tei-edition format`: TEI files rewritten in the converter's canonical layout."""

from __future__ import annotations

from pathlib import Path

from toolkit.model.diagnostics import emit


def run(paths: list[Path], *, check: bool, echo) -> int:
    """Rewrite TEI files in the canonical layout (the converter's); content never changes."""
    from toolkit.io import fs, project
    from toolkit.model.serialize import to_bytes
    from toolkit.model.xmlparse import parse_xml

    files, diags = project.collect_xml(paths)
    changed = []
    for f in files:
        shown = fs.rel(f)
        data, problems = fs.read_bytes(f)
        if data is None:
            diags.extend(problems)
            continue
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
    errors = emit(diags, echo)
    for shown in changed:
        echo(f"{'would reformat' if check else 'reformatted'} {shown}")
    echo(f"{len(files)} file(s), {len(changed)} {'to reformat' if check else 'reformatted'}, {errors} error(s)")
    if any(d.code == "io.missing" for d in diags):
        return 2
    return 1 if errors or (check and changed) else 0
