"""The encoding reference for the HTML edition's page «О разметке» (part of `build`): made
from the XSD (validate.reference) with examples from the edition's first documents
(SAMPLE_DOCUMENTS of them, in the edition's order), its registers, then the every-element
document; kept in the build memo while none of these changes, so an incremental build does
not parse the documents again for it."""

from __future__ import annotations

import json


def reference_entries(corpus, memo) -> list:
    """model.encoding.ElementEntry for every element the schema admits ([] if the schema
    cannot be read)."""
    from lxml import etree

    from toolkit.io import fs
    from toolkit.model.digest import key
    from toolkit.model.encoding import ElementEntry
    from toolkit.model.xmlparse import safe_parser
    from toolkit.validate.reference import SAMPLE_DOCUMENTS, reference
    from toolkit.validate.schema import EVERY_ELEMENT, XSD

    files = fs.read_files([XSD, EVERY_ELEMENT])
    if XSD.name not in files:
        return []
    documents = corpus.documents[:SAMPLE_DOCUMENTS]
    registers = sorted(corpus.register_files.items())
    every = files.get(EVERY_ELEMENT.name, b"")
    k = key("encoding-reference", files[XSD.name], every, *[d.data for d in documents], *[d for _, d in registers])
    hit = memo.get("encoding-reference", k) if memo is not None else None
    if hit is not None:
        return [ElementEntry.from_json(row) for row in json.loads(hit)]
    parser = safe_parser()
    samples = [(d.shown, d.tree) for d in documents]
    samples += [
        (f"tei/registers/{name}", etree.ElementTree(etree.fromstring(data, parser))) for name, data in registers
    ]
    if every:
        samples.append((fs.rel(EVERY_ELEMENT), etree.ElementTree(etree.fromstring(every, parser))))
    entries = reference(etree.fromstring(files[XSD.name], parser), samples)
    if memo is not None:
        memo.put("encoding-reference", k, json.dumps([e.to_json() for e in entries], ensure_ascii=False).encode())
    return entries
