"""A document's header facts as both editions print them.

`header_facts(doc)` turns the header (model.meta.DocumentMeta) into rows: a label and its
values, each value with its certainty note (wording.certainty_note: the one rule for
stating how certain a fact is). The HTML document page prints the rows as a definition
list, the book as lines under the document's title. Each edition decides how a row looks
(links, separators, anchors; the book leaves out "Публикация", which its imprint says),
never what is said of a fact's certainty.
"""

from __future__ import annotations

import dataclasses

from toolkit.model.corpus import Document
from toolkit.model.meta import HeaderDate, HeaderName
from toolkit.model.registers import canonical_ref
from toolkit.render.linking import WEB_LINK
from toolkit.render.wording import certainty_note


@dataclasses.dataclass(frozen=True)
class Value:
    text: str  # as written in the header
    note: str = ""  # certainty_note of the value ("" when it goes without saying)
    date: dict[str, str] | None = None  # a date's ISO attributes (its place in the chronology)
    ref: str | None = None  # a name's register entry, as the index names it ("pla:bishkek")
    href: str | None = None  # an address given with the value (the source page, a licence)


@dataclasses.dataclass(frozen=True)
class Fact:
    key: str  # genre, date, place, issuer, source, publication, rights, tei
    label: str  # "Жанр", "Дата" …
    values: tuple[Value, ...]


def _date(d: HeaderDate) -> Value:
    return Value(d.text, certainty_note(d.evidence, d.cert), date=d.attrs)


def _name(n: HeaderName, doc: Document) -> Value:
    return Value(n.name, certainty_note(n.evidence, n.cert), ref=canonical_ref(n.ref, doc.prefixes) if n.ref else None)


def _source(doc: Document) -> tuple[Value, ...]:
    """The publisher, the page (an http(s) address only) and the file of the source."""
    meta = doc.meta
    values = []
    if meta.publisher:
        values.append(Value(meta.publisher))
    if meta.source_url and WEB_LINK.match(meta.source_url):
        values.append(Value(meta.source_url, href=meta.source_url))
    if meta.source_file:
        values.append(Value(f"файл {meta.source_file}"))
    return tuple(values)


def header_facts(doc: Document) -> list[Fact]:
    """The rows of the document's header facts, in the order both editions print them. A
    row may have no values (no date, no source): each edition says so in its own way."""
    meta = doc.meta
    facts = [
        Fact("genre", "Жанр", (Value(meta.genre_label),)),
        Fact("date", "Датировка" if len(meta.dates) > 1 else "Дата", tuple(_date(d) for d in meta.dates)),
    ]
    if meta.places:
        facts.append(Fact("place", "Место", tuple(_name(p, doc) for p in meta.places)))
    if meta.issuer:
        facts.append(Fact("issuer", "От имени", (_name(meta.issuer, doc),)))
    facts.append(Fact("source", "Источник", _source(doc)))
    if meta.edition_publisher:
        facts.append(Fact("publication", "Публикация", (Value(meta.edition_publisher),)))
    rights = [Value(lic.text, href=lic.target) for lic in meta.licences] + [Value(r) for r in meta.rights]
    facts.append(Fact("rights", "Права", tuple(rights)))
    facts.append(Fact("tei", "TEI", (Value(f"{doc.stem}.xml"),)))
    return facts
