"""Editor-supplied metadata for a source: `seeds/<stem>.toml`.

Holds what is not in the text, or what the text states only in part, each fact with its
evidence (`internal`: stated in the text; `inferred`: derived from the text;
`external`: from outside the text; `conjecture`: an editor's guess) and certainty.

    genre = "statement"
    title = "…"                       # where the text has none
    [source]
    publisher = "Kapital.kz"
    url = "https://…"
    [[date]]                          # the first is the document's date
    notBefore = "2021-01-19"
    evidence = "inferred"
    cert = "high"
    note = "…"
    [[place]]
    name = "Душанбе"
    ref = "pla:dushanbe"
    evidence = "conjecture"
    cert = "low"
"""

from __future__ import annotations

import dataclasses
import tomllib

from toolkit.model.diagnostics import Diagnostic, error
from toolkit.model.tei import DATE_ATTRS

GENRES = ("appeal", "statement", "declaration", "decision", "official-document", "news-report")
EVIDENCE = ("internal", "inferred", "external", "conjecture")
CERT = ("high", "medium", "low")


@dataclasses.dataclass
class DateFact:
    attrs: dict[str, str]
    evidence: str = "internal"
    cert: str = "high"
    note: str = ""
    text: str = ""

    @property
    def sort_key(self) -> str:
        return (
            self.attrs.get("when")
            or self.attrs.get("from")
            or self.attrs.get("notBefore")
            or self.attrs.get("notAfter")
            or ""
        )


@dataclasses.dataclass
class PlaceFact:
    name: str
    ref: str | None = None
    evidence: str = "internal"
    cert: str = "high"
    note: str = ""


@dataclasses.dataclass
class SeedMeta:
    genre: str | None = None
    title: str | None = None
    id: str | None = None
    publisher: str | None = None
    url: str | None = None
    licence: str | None = None
    dates: list[DateFact] = dataclasses.field(default_factory=list)
    places: list[PlaceFact] = dataclasses.field(default_factory=list)
    note: str = ""


def parse_meta(data: bytes, path: str) -> tuple[SeedMeta | None, list[Diagnostic]]:
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [error(path, 1, 1, "metadata file is not UTF-8; save it as UTF-8", "meta.encoding")]
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 1) or 1
        col = getattr(exc, "colno", 1) or 1
        msg = str(exc).split(" (at line")[0]
        return None, [error(path, line, col, f"metadata is not valid TOML: {msg}", "meta.syntax")]
    problems: list[Diagnostic] = []

    def bad(message: str) -> None:
        problems.append(error(path, 1, 1, message, "meta.value"))

    meta = SeedMeta(
        genre=raw.get("genre"),
        title=raw.get("title"),
        id=raw.get("id"),
        note=raw.get("note", ""),
    )
    if meta.genre is not None and meta.genre not in GENRES:
        bad(f'genre "{meta.genre}" is not one of {", ".join(GENRES)}')
    source = raw.get("source", {})
    meta.publisher = source.get("publisher")
    meta.url = source.get("url") or None
    meta.licence = source.get("licence")
    if meta.url and not meta.url.startswith(("http://", "https://")):
        bad(f'source url "{meta.url}" is not an http(s) address')
        meta.url = None
    for d in raw.get("date", []):
        attrs = {k: str(d[k]) for k in DATE_ATTRS if k in d}
        if not attrs:
            bad("a [[date]] has none of when, from, to, notBefore, notAfter")
            continue
        fact = DateFact(
            attrs, d.get("evidence", "internal"), d.get("cert", "high"), d.get("note", ""), d.get("text", "")
        )
        if fact.evidence not in EVIDENCE:
            bad(f'date evidence "{fact.evidence}" is not one of {", ".join(EVIDENCE)}')
        if fact.cert not in CERT:
            bad(f'date cert "{fact.cert}" is not one of {", ".join(CERT)}')
        meta.dates.append(fact)
    for p in raw.get("place", []):
        if "name" not in p:
            bad("a [[place]] has no name")
            continue
        fact = PlaceFact(
            p["name"], p.get("ref"), p.get("evidence", "internal"), p.get("cert", "high"), p.get("note", "")
        )
        if fact.evidence not in EVIDENCE or fact.cert not in CERT:
            bad(f'place "{fact.name}": evidence or cert has an unknown value')
        meta.places.append(fact)
    return meta, problems
