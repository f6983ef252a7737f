"""Plain text (+ editor metadata) → a TEI document: pure, no file I/O.

clean & structure (structure.py) → entities and dates (annotate.py) → editorial
corrections → header (header.py). The registers are only read: names no entry
matches become candidate entries listed in the result, which the pipeline adds to the
registers and writes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from lxml import etree

from toolkit import __version__
from toolkit.convert import agency_dateline, structure
from toolkit.convert.annotate import Span, apply_spans, plain_text, resolve_overlaps, wrap_range
from toolkit.convert.docdate import date_context, date_warnings, document_dates, reading_blocks
from toolkit.convert.header import build_header
from toolkit.convert.official import is_signature_formula
from toolkit.convert.seedmeta import PlaceFact, SeedMeta
from toolkit.model.diagnostics import Diagnostic, warning
from toolkit.model.registers import KIND_OF_PREFIX, Registers
from toolkit.model.serialize import PROLOG_PIS
from toolkit.model.tei import DATE_ATTRS, XML_ID, E, local, squash, t


@dataclasses.dataclass
class Conversion:
    tree: etree._ElementTree
    docid: str
    diagnostics: list[Diagnostic]
    candidates: list[tuple[str, str, str]]  # (kind, key, name) of each new entry the TEI refers to, first met first


def make_docid(meta: SeedMeta, genre: str, date: dict[str, str] | None, source_name: str) -> str:
    """Content-derived and stable: genre and date ("appeal-2019-05-22"); the editor may
    set `id` in the metadata. Undated documents get a short hash of the file name."""
    if meta.id:
        return meta.id
    value = None
    if date:
        value = date.get("when") or date.get("from") or date.get("notBefore") or date.get("notAfter")
    if value and not value.startswith("--"):
        return f"{genre}-{value}"
    return f"{genre}-undated-{hashlib.sha1(source_name.encode()).hexdigest()[:6]}"


def _rename_ids(el: etree._Element, old: str, new: str) -> None:
    for node in el.iter():
        value = node.get(XML_ID) if isinstance(node.tag, str) else None
        if value and value.startswith(old):
            node.set(XML_ID, new + value[len(old) :])


def convert_text(
    source: str,
    source_name: str,
    meta: SeedMeta | None,
    registers: Registers,
    finder,
    source_bytes: bytes | None = None,
    converted_on: str | None = None,
) -> Conversion:
    """One source as a TEI document, with the candidate entries its names need; reads
    `registers` (and `finder`, built from them) and changes neither. `converted_on`: the
    conversion's date for the header's <change>, if reproducible builds fix one."""
    from toolkit.convert.dates import parse_date

    meta = meta or SeedMeta()
    placeholder = "DOCID"
    built = structure.build(source, placeholder, parse_date, genre=meta.genre)
    genre = meta.genre or built.genre
    dates, found_by = document_dates(meta, built, genre)
    primary = dates[0] if dates else None
    docid = make_docid(meta, genre, primary.attrs if primary else None, source_name)
    _rename_ids(built.text, placeholder, docid)
    diags, candidates = _annotate(built.text, date_context(dates), registers, finder, source_name)

    # header facts: the editor's, or what the text states
    places = list(meta.places) or _places_from_text(built, registers, candidates)
    issuer = _issuer(built.text, registers, candidates) if genre != "news-report" else None
    sha = hashlib.sha256(source_bytes if source_bytes is not None else source.encode("utf-8")).hexdigest()
    header = build_header(
        title=meta.title or _clean_title(built),
        genre=genre,
        meta=meta,
        dates=dates,
        places=places,
        issuer=issuer,
        source_name=source_name,
        source_sha256=sha,
        version=__version__,
        converted_on=converted_on,
    )
    diags += date_warnings(dates, found_by, source_name)
    tree = tei_document(docid, header, built.text)
    return Conversion(tree, docid, diags, [(kind, key, name) for (kind, key), name in candidates.items()])


def tei_document(docid: str, header: etree._Element, text: etree._Element) -> etree._ElementTree:
    """A TEI document of a header and a text, after the processing instructions that
    point editors at the project schema."""
    root = E("TEI", xml_lang="ru", xml_id=docid)
    root.append(header)
    root.append(text)
    for target, data in PROLOG_PIS:
        root.addprevious(etree.ProcessingInstruction(target, data))
    return etree.ElementTree(root)


def _annotate(text_el, context, registers: Registers, finder, source_name: str):
    """Entities and dates marked in every block of reading text, typos as sic/corr.
    Returns the diagnostics and the new candidate entries, (kind, key) → name."""
    from toolkit.convert.dates import find_dates
    from toolkit.convert.names.entities import to_span

    blocks = reading_blocks(text_el)
    texts = [plain_text(b) for b in blocks]
    mentions = finder.find_document(texts)
    diags: list[Diagnostic] = []
    candidates: dict[tuple[str, str], str] = {}  # (kind, key) → name, in the order met
    corrections = []
    for block, text, found in zip(blocks, texts, mentions):
        # a date whose value cannot be known (no document date to count from) stays unmarked
        spans: list[Span] = [d for d in find_dates(text, context) if not set(d.attributes()).isdisjoint(DATE_ATTRS)]
        for m in found:
            key = m.key or _candidate(registers, m, candidates)
            spans.append(to_span(m, key))
            corrections.extend((block, s, e, corr) for s, e, corr in m.corrections)
        for span in apply_spans(block, resolve_overlaps(spans)):
            line = block.sourceline or 0
            diags.append(
                warning(
                    source_name,
                    line,
                    1,
                    f'could not mark "{span.text}" as {span.element}: it crosses existing markup',
                    "convert.overlap",
                )
            )
    _mark_corrections(corrections)
    return diags, candidates


def _mark_corrections(corrections: list[tuple[etree._Element, int, int, str]]) -> None:
    """Each typo as <choice><sic>source</sic><corr>correction</corr></choice>, last first
    so the earlier offsets stay true."""
    for block, s, e, corr in sorted(corrections, key=lambda c: -c[1]):
        sic = E("sic")
        if wrap_range(block, s, e, sic):
            choice = E("choice")
            sic.addprevious(choice)
            choice.tail, sic.tail = sic.tail, None
            choice.append(sic)
            choice.append(E("corr", text=corr))


def _candidate(registers: Registers, mention, new: dict[tuple[str, str], str]) -> str:
    """The register key of a name no entry matches: an entry's, or a new candidate's
    (recorded in `new` with the name as the register will read it)."""
    from toolkit.convert.names.entities import candidate_key

    kind = mention.kind
    key = candidate_key(kind, mention.name)
    if key in registers.entries[kind] or (kind, key) in new:
        return key
    others = {k for other, keys in registers.initial_keys.items() if other != kind for k in keys}
    if key in others:  # the same key in another register: keep keys unique
        key = f"{key}-{kind}"
        if key in registers.entries[kind] or (kind, key) in new:
            return key
    new[(kind, key)] = squash(mention.name)
    return key


def _name_of(ref: str, registers: Registers, new: dict[tuple[str, str], str]) -> str | None:
    """The register name `ref` points to: an entry's, or a new candidate's; None if neither."""
    entry = registers.get(ref)
    if entry is not None:
        return entry.name
    prefix, _, key = ref.partition(":")
    return new.get((KIND_OF_PREFIX.get(prefix), key))


def _clean_title(built) -> str:
    """The document's title as the editor reads it: its title block, or the head of a
    document published inside a page (not the page's headline)."""
    embedded = built.text.find(f"{t('body')}/{t('div')}/{t('head')}")
    title_parts = (
        [embedded] if embedded is not None else built.text.findall(f"{t('front')}/{t('docTitle')}/{t('titlePart')}")
    )
    if not title_parts:
        return built.title or "Без названия"
    text = " ".join(squash(edited_text(tp)) for tp in title_parts if tp.get("type") != "sub")
    return structure.title_case(text)


def edited_text(el: etree._Element) -> str:
    """Text as the editor reads it: corrections and regularisations instead of the
    source's readings (sic, orig)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and local(child) not in ("sic", "orig"):
            parts.append(edited_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _places_from_text(built, registers: Registers, new: dict[tuple[str, str], str]) -> list[PlaceFact]:
    """Place of the document: its dateline's place (an official dateline, the formula of
    signature "Совершено в городе …", or a news agency's dateline opening the report:
    "МОСКВА, 20 ноября. /ТАСС/."), else where its lead says it happens
    ("в Бишкеке", a city before a country), else the first place in the headline or the first
    paragraph (inferred)."""
    front = built.text.find(t("front"))
    dateline = front.find(t("dateline")) if front is not None else None
    if dateline is not None:
        for el in dateline.iter(t("placeName")):
            return [_place_fact(el, registers, new, "internal", "high")]
    blocks = [b for b in reading_blocks(built.text) if b.get("type") != "sub"]
    for block in blocks if built.genre != "news-report" else ():
        el = next(block.iter(t("placeName")), None)
        if el is not None and is_signature_formula(plain_text(block)):  # "Совершено в городе Киеве …"
            return [_place_fact(el, registers, new, "internal", "high")]
    lead = blocks[:6]
    for block in lead if built.genre == "news-report" else ():
        el = next(block.iter(t("placeName")), None)
        text = plain_text(block)
        found = agency_dateline.read(text) if el is not None else None
        if found is not None and found.place_text(text) == "".join(el.itertext()):
            return [_place_fact(el, registers, new, "internal", "high")]
    located = [el for block in lead for el in block.iter(t("placeName")) if _after_v(el)]
    cities = [el for el in located if getattr(registers.get(el.get("ref", "")), "subtype", None) != "country"]
    for el in cities or located:
        return [_place_fact(el, registers, new, "inferred", "medium")]
    for path in (f"{t('front')}/{t('docTitle')}/{t('titlePart')}", f"{t('body')}//{t('p')}"):
        for block in built.text.iterfind(path):
            for el in block.iter(t("placeName")):
                return [_place_fact(el, registers, new, "inferred", "medium")]
            break
    return []


def _after_v(el: etree._Element) -> bool:
    """Is the place governed by "в"/"во" ("в Бишкеке"): where something happens?"""
    prev = el.getprevious()
    before = (prev.tail if prev is not None else el.getparent().text) or ""
    return re.search(r"(?:^|\s)[Вв]о?\s+$", before) is not None


def _place_fact(el, registers: Registers, new: dict[tuple[str, str], str], evidence: str, cert: str) -> PlaceFact:
    ref = el.get("ref")
    name = _name_of(ref, registers, new) if ref else None
    return PlaceFact("".join(el.itertext()) if name is None else name, ref, evidence, cert)


def _issuer(text_el, registers: Registers, new: dict[tuple[str, str], str]):
    """The issuing body of an official document: the first organisation in its title."""
    for el in text_el.iterfind(f"{t('front')}/{t('docTitle')}//{t('orgName')}"):
        name = _name_of(el.get("ref", ""), registers, new)
        return E("orgName", text="".join(el.itertext()) if name is None else name, ref=el.get("ref"))
    return None
