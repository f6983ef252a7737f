"""The gate before rendering: invalid TEI is never rendered. Both editions pass the
documents they are about to render through `schema_problems` first."""

from __future__ import annotations

import json

from toolkit.model.diagnostics import Diagnostic
from toolkit.model.digest import Memo, key


def schema_problems(
    documents: list[tuple[object, str, bytes]], memo: Memo | None = None, parsed: dict | None = None
) -> list[Diagnostic]:
    """Grammar errors of the documents, given as (path, path as shown, bytes). With a
    `memo`, a document whose bytes passed before (under the same schema) is not parsed
    again. `parsed`, if given, receives what was parsed (path as shown → (tree, its
    parse problems)), so that the corpus need not parse it a second time."""
    from toolkit.model.xmlparse import parse_xml
    from toolkit.validate import prescreen
    from toolkit.validate.schema import schema_bytes, validate_tree

    diags: list[Diagnostic] = []
    schema = schema_bytes() if memo is not None else b""
    for _path, shown, data in documents:
        k = key("schema-gate", schema, shown, data) if memo is not None else None
        hit = memo.get("schema-gate", k) if k else None
        if hit is not None:
            try:
                diags.extend(Diagnostic.from_row(d) for d in json.loads(hit))
                continue
            except (ValueError, TypeError):
                pass
        found: list[Diagnostic] = []
        tree, problems = parse_xml(data, shown)
        if parsed is not None and tree is not None:
            parsed[shown] = (tree, problems)
        if tree is not None and not prescreen.clean(tree):  # xmlschema only where needed
            found = validate_tree(tree, shown, data)
        diags.extend(found)
        if k and tree is not None:
            memo.put("schema-gate", k, json.dumps([d.to_row() for d in found], ensure_ascii=False).encode())
    return diags
