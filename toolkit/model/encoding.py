"""The encoding reference as data: what each element and attribute the project schema
admits means in this edition, where it may stand, and an example. Made from the XSD by
validate.reference; written as docs/encoding-reference.md there, and as the HTML edition's
page "О разметке" by render.html.reference_page."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class AttributeEntry:
    name: str  # as written: "type", "xml:id"
    meaning: str
    required: bool
    values: tuple[str, ...]  # a closed list; () for any value of `takes`
    takes: str  # what an open value must be, in words


@dataclasses.dataclass(frozen=True)
class ElementEntry:
    name: str
    meaning: str
    parents: tuple[str, ...]  # where it may stand (element names); () for the root
    children: tuple[str, ...]  # what it may contain
    text: bool  # whether it may contain text
    attributes: tuple[AttributeEntry, ...]
    example: str  # TEI as written, "" if none
    source: str  # where the example is from ("tei/003_….xml"), "" if none

    def to_json(self) -> list:
        return [
            *dataclasses.astuple(self)[:5],
            [dataclasses.astuple(a) for a in self.attributes],
            self.example,
            self.source,
        ]

    @classmethod
    def from_json(cls, row: list) -> ElementEntry:
        name, meaning, parents, children, text, attributes, example, source = row
        return cls(
            name,
            meaning,
            tuple(parents),
            tuple(children),
            text,
            tuple(AttributeEntry(n, m, r, tuple(v), t) for n, m, r, v, t in attributes),
            example,
            source,
        )
