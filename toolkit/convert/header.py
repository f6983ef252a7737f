"""The teiHeader: title, issuer, source, date and place with their evidence, genre,
language, availability, prefix definitions and the conversion record."""

from __future__ import annotations

import datetime

from lxml import etree

from toolkit.convert.seedmeta import DateFact, PlaceFact, SeedMeta
from toolkit.model.registers import FILE_OF_KIND, KINDS, STANDARD_PREFIXES
from toolkit.model.tei import E, SubE
from toolkit.model.vocab import GENRE_RU, format_iso_ru

ENCODING_LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _date_text(attrs: dict[str, str]) -> str:
    """The words of a header <date> whose fact gives none: "22 мая 2019 г.",
    "2018 г. – 2020 г.", "не ранее 22 мая 2019 г.". Not render.wording.describe_date, which
    words ranges more briefly ("2018–2020 гг."): this wording is in every converted
    file, so changing it changes the TEI."""
    if "when" in attrs:
        return format_iso_ru(attrs["when"])
    if "from" in attrs and "to" in attrs:
        return f"{format_iso_ru(attrs['from'])} – {format_iso_ru(attrs['to'])}"
    bits = []
    if "notBefore" in attrs:
        bits.append(f"не ранее {format_iso_ru(attrs['notBefore'])}")
    if "notAfter" in attrs:
        bits.append(f"не позднее {format_iso_ru(attrs['notAfter'])}")
    return ", ".join(bits)


def _date_el(fact: DateFact) -> etree._Element:
    return _with_evidence(E("date", text=fact.text or _date_text(fact.attrs), **fact.attrs), fact)


def _place_el(fact: PlaceFact) -> etree._Element:
    return _with_evidence(E("placeName", text=fact.name, ref=fact.ref), fact)


def _with_evidence(el: etree._Element, fact: DateFact | PlaceFact) -> etree._Element:
    """@evidence always; @cert unless the fact is stated in the text with certainty."""
    el.set("evidence", fact.evidence)
    if fact.cert != "high" or fact.evidence != "internal":
        el.set("cert", fact.cert)
    return el


def conversion_when(epoch: str | None) -> str | None:
    """The conversion's date only when `epoch` (SOURCE_DATE_EPOCH, read by the command)
    fixes it: output must not depend on the clock, so that converting again reproduces the
    same bytes."""
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    return None


def build_header(
    *,
    title: str,
    genre: str,
    meta: SeedMeta,
    dates: list[DateFact],
    places: list[PlaceFact],
    issuer: etree._Element | None,
    source_name: str,
    source_sha256: str,
    version: str,
    converted_on: str | None = None,
) -> etree._Element:
    """The header of a converted (or new) document; `converted_on`, the date of the
    conversion recorded in <change when> (conversion_when), or None."""
    header = E("teiHeader")
    header.append(_file_desc(title, meta, issuer, source_name, version))
    header.append(_encoding_desc(version))
    header.append(_profile_desc(genre, dates, places))
    revision = SubE(header, "revisionDesc")
    SubE(
        revision,
        "change",
        text=f"Преобразовано из {source_name} (sha256 {source_sha256[:16]}) программой tei-edition {version}.",
        when=converted_on,
    )
    return header


def _file_desc(
    title: str, meta: SeedMeta, issuer: etree._Element | None, source_name: str, version: str
) -> etree._Element:
    """Title, issuer and who encoded it; the edition as publisher, licences; the source."""
    file_desc = E("fileDesc")
    title_stmt = SubE(file_desc, "titleStmt")
    SubE(title_stmt, "title", text=title, type="main")
    if issuer is not None:
        author = SubE(title_stmt, "author")
        author.append(issuer)
    resp = SubE(title_stmt, "respStmt")
    SubE(resp, "resp", text="Разметка TEI P5, указатели, проверка")
    SubE(resp, "name", text=f"tei-edition {version}")

    pub = SubE(file_desc, "publicationStmt")
    SubE(pub, "publisher", text="Издание «Документы ОДКБ: министры иностранных дел»")
    avail = SubE(pub, "availability", status="restricted")
    SubE(avail, "licence", text="Разметка TEI: CC BY 4.0", target=ENCODING_LICENCE)
    rights = meta.licence or "Права на исходный текст принадлежат его издателю; текст воспроизводится в научных целях."
    SubE(avail, "p", text=rights)
    SubE(pub, "idno", text=source_name, type="seed")

    source = SubE(file_desc, "sourceDesc")
    bibl = SubE(source, "bibl")
    SubE(bibl, "title", text=title)
    if meta.publisher:
        SubE(bibl, "publisher", text=meta.publisher)
    if meta.url:
        SubE(bibl, "ptr", target=meta.url)
    SubE(bibl, "idno", text=source_name, type="file")
    if meta.note:
        SubE(bibl, "note", text=meta.note)
    return file_desc


def _encoding_desc(version: str) -> etree._Element:
    """The converter, the editorial principles, and the register prefixes (per:, pla:, org:)."""
    enc = E("encodingDesc")
    app_info = SubE(enc, "appInfo")
    app = SubE(app_info, "application", ident="tei-edition", version=version)
    SubE(app, "label", text="tei-edition")
    ed = SubE(enc, "editorialDecl")
    SubE(
        ed,
        "p",
        text=(
            "Текст источника передан полностью и в исходном порядке; элементы "
            "веб-страницы (меню, кнопки, уведомления) вынесены в <back>. Исправления "
            "и нормализация — только в <corr> и <reg>, чтение источника сохранено."
        ),
    )
    prefixes = SubE(enc, "listPrefixDef")
    for kind, prefix_def in zip(KINDS, STANDARD_PREFIXES.defs):  # the project's own prefixDefs
        pd = SubE(
            prefixes,
            "prefixDef",
            ident=prefix_def.ident,
            matchPattern=prefix_def.match,
            replacementPattern=prefix_def.replacement,
        )
        SubE(pd, "p", text=f"Ссылка на указатель: {FILE_OF_KIND[kind]}")
    return enc


def _profile_desc(genre: str, dates: list[DateFact], places: list[PlaceFact]) -> etree._Element:
    """When and where (dates; then places), the language, the genre."""
    profile = E("profileDesc")
    creation = SubE(profile, "creation")
    for k, fact in enumerate(dates):
        if k:
            creation[-1].tail = "; "
        creation.append(_date_el(fact))
    for fact in places:
        if len(creation):
            creation[-1].tail = (creation[-1].tail or "") + ("; " if creation[-1].tag.endswith("placeName") else ", ")
        creation.append(_place_el(fact))
    lang = SubE(profile, "langUsage")
    SubE(lang, "language", text="русский", ident="ru")
    text_class = SubE(profile, "textClass")
    keywords = SubE(text_class, "keywords")
    SubE(keywords, "term", text=GENRE_RU.get(genre, genre), type="genre", key=genre)
    return profile
