"""`tei-edition new`: a new TEI document from the template, valid from the start."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.model.diagnostics import emit, error


def run(out: Path, *, docid: str, genre: str, title: str, when: str | None, echo) -> int:
    from toolkit.convert.header import conversion_when
    from toolkit.convert.template import ID_RE, new_document
    from toolkit.io import fs, project
    from toolkit.model.serialize import from_bytes, to_bytes
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
    files, _ = project.collect_xml([out]) if out.is_dir() else ([], [])
    if target in files or target.exists():
        echo(str(error(shown, 0, 0, "exists already; choose another --id (nothing was written)", "new.exists")))
        return 1
    for f in files:
        data, _ = fs.read_bytes(f)
        tree, _ = parse_xml(data, fs.rel(f)) if data is not None else (None, [])
        if tree is not None and docid in {v for v in tree.getroot().xpath("//@xml:id")}:
            echo(
                str(error(fs.rel(f), 0, 0, f'xml:id "{docid}" is used here already; choose another --id', "new.exists"))
            )
            return 1
    made_on = conversion_when(os.environ.get("SOURCE_DATE_EPOCH"))
    tree = new_document(docid=docid, genre=genre, title=title, when=when, file_name=target.name, converted_on=made_on)
    payload = to_bytes(tree)
    problems = validate_tree(from_bytes(payload), shown)
    if problems:
        emit(problems, echo)
        return 1
    fs.write_atomic(target, payload)
    echo(f"{shown}: new {genre}; fill in the header (source, date, place) and the text")
    return 0
