"""The facts of a TEI document's header, read once: title, genre, issuer, source, dates
and places with their evidence and certainty, licences. Both editions render these."""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from toolkit.model.tei import DATE_ATTRS, NS, local, text_of
from toolkit.model.vocab import GENRE_RU


@dataclasses.dataclass(frozen=True)
class HeaderDate:
    attrs: dict[str, str]
    evidence: str  # internal | inferred | external | conjecture
    cert: str  # high | medium | low
    text: str
    line: int = 0


@dataclasses.dataclass(frozen=True)
class HeaderName:
    """A named entity in the header (issuer, place of the document)."""

    name: str
    ref: str | None
    evidence: str | None = None
    cert: str | None = None
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Licence:
    text: str
    target: str | None


@dataclasses.dataclass
class DocumentMeta:
    title: str
    genre: str
    genre_label: str
    issuer: HeaderName | None
    publisher: str | None  # the source's publisher (sourceDesc/bibl/publisher)
    source_url: str | None
    source_file: str | None
    edition_publisher: str | None
    licences: list[Licence]
    rights: list[str]
    dates: list[HeaderDate]
    places: list[HeaderName]
    language: str | None

    def to_json(self) -> dict:
        """The facts as JSON-ready data (the corpus cache keeps them)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> DocumentMeta:
        m = dict(data)
        m["issuer"] = HeaderName(**m["issuer"]) if m["issuer"] else None
        m["licences"] = [Licence(**x) for x in m["licences"]]
        m["dates"] = [HeaderDate(**x) for x in m["dates"]]
        m["places"] = [HeaderName(**x) for x in m["places"]]
        return cls(**m)

    @property
    def date(self) -> HeaderDate | None:
        return self.dates[0] if self.dates else None

    @property
    def sort_value(self) -> str:
        """The first ISO value of the document's date ("" if undated)."""
        d = self.date
        if d is None:
            return ""
        return next((d.attrs[k] for k in ("when", "from", "notBefore", "notAfter", "to") if k in d.attrs), "")

    @property
    def year(self) -> str | None:
        m = re.match(r"\d{4}", self.sort_value)
        return m.group(0) if m else None


def read_meta(tree: etree._ElementTree) -> DocumentMeta:
    root = tree.getroot()
    header = root.find("tei:teiHeader", NS)

    def find(path: str):
        return header.find(path, NS) if header is not None else None

    def findall(path: str):
        return header.findall(path, NS) if header is not None else []

    titles = findall("tei:fileDesc/tei:titleStmt/tei:title")
    main = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
    term = find("tei:profileDesc/tei:textClass/tei:keywords/tei:term[@type='genre']")
    genre = term.get("key", "") if term is not None else ""
    issuer_el = find("tei:fileDesc/tei:titleStmt/tei:author/tei:orgName")
    if issuer_el is None:
        issuer_el = find("tei:fileDesc/tei:titleStmt/tei:author/tei:persName")
    issuer = (
        HeaderName(text_of(issuer_el), issuer_el.get("ref"), line=issuer_el.sourceline or 0)
        if issuer_el is not None
        else None
    )
    bibl = find("tei:fileDesc/tei:sourceDesc/tei:bibl")
    ptr = bibl.find("tei:ptr", NS) if bibl is not None else None
    src_idno = bibl.find("tei:idno", NS) if bibl is not None else None
    dates, places = _creation(find("tei:profileDesc/tei:creation"))
    language = find("tei:profileDesc/tei:langUsage/tei:language")
    return DocumentMeta(
        title=text_of(main) or "Без названия",
        genre=genre,
        genre_label=text_of(term) or GENRE_RU.get(genre, genre),
        issuer=issuer,
        publisher=text_of(bibl.find("tei:publisher", NS)) or None if bibl is not None else None,
        source_url=ptr.get("target") if ptr is not None else None,
        source_file=text_of(src_idno) or None,
        edition_publisher=text_of(find("tei:fileDesc/tei:publicationStmt/tei:publisher")) or None,
        licences=[
            Licence(text_of(lic), lic.get("target"))
            for lic in findall("tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence")
        ],
        rights=[text_of(p) for p in findall("tei:fileDesc/tei:publicationStmt/tei:availability/tei:p")],
        dates=dates,
        places=places,
        language=language.get("ident") if language is not None else None,
    )


def _creation(creation: etree._Element | None) -> tuple[list[HeaderDate], list[HeaderName]]:
    """The dates and places of profileDesc/creation, with their evidence and certainty (an
    absent @evidence is "internal", an absent @cert "high")."""
    dates: list[HeaderDate] = []
    places: list[HeaderName] = []
    for el in creation if creation is not None else ():
        name = local(el)
        if name not in ("date", "placeName"):
            continue
        evidence, cert = el.get("evidence", "internal"), el.get("cert", "high")
        if name == "date":
            attrs = {k: el.get(k) for k in DATE_ATTRS if el.get(k)}
            dates.append(HeaderDate(attrs, evidence, cert, text_of(el), el.sourceline or 0))
        else:
            places.append(HeaderName(text_of(el), el.get("ref"), evidence, cert, el.sourceline or 0))
    return dates, places
