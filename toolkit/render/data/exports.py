"""The edition's data as files to download, linked from the home page:

    exports/persons.csv, places.csv, orgs.csv   each register, one entry a row
    exports/registers.json                      the three registers
    exports/mentions.csv                        every mention: document, clause, entity, surface form
    exports/places.geojson                      the places that have coordinates
    CITATION.cff                                how to cite the edition (Citation File Format 1.2.0)

CSV is UTF-8 with a header row and "\\r\\n" line ends (RFC 4180); several values in one cell
(variants) are joined by " | ". Rows follow the register's order and the corpus's order.
"""

from __future__ import annotations

import csv
import io
import json

from toolkit.model.corpus import Corpus
from toolkit.model.edition import EditionConfig
from toolkit.model.index import Index
from toolkit.model.latin import latin_name
from toolkit.model.registers import FILE_OF_KIND, KINDS, Entry
from toolkit.render.data.jsonld import wikidata_url
from toolkit.render.data.links import DataLinks
from toolkit.render.html import paths

EXPORTS = "exports"
REGISTER_CSV = {kind: f"{EXPORTS}/{FILE_OF_KIND[kind].removesuffix('.xml')}.csv" for kind in KINDS}
REGISTERS_JSON = f"{EXPORTS}/registers.json"
MENTIONS_CSV = f"{EXPORTS}/mentions.csv"
PLACES_GEOJSON = f"{EXPORTS}/places.geojson"
CITATION_CFF = "CITATION.cff"
SEP = " | "

ENTRY_FIELDS = [
    "key", "ref", "name", "latin", "english", "variants", "abbreviations", "role", "type",
    "wikidata", "part_of", "country", "latitude", "longitude", "candidate", "mentions", "documents", "url",
]  # fmt: skip


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def entry_record(entry: Entry, index: Index, links: DataLinks, at: str) -> dict:
    """One register entry as plain data (the JSON export; the CSV joins the lists)."""
    occs = index.occurrences.get(entry.ref, [])
    return {
        "key": entry.key,
        "ref": entry.ref,
        "name": entry.name,
        "latin": latin_name(entry),
        "english": entry.english,
        "variants": entry.variants,
        "abbreviations": entry.abbreviations,
        "role": entry.role,
        "type": entry.subtype,
        "wikidata": entry.wikidata if wikidata_url(entry) else None,
        "part_of": entry.part_of,
        "country": entry.country,
        "latitude": entry.geo[0] if entry.geo else None,
        "longitude": entry.geo[1] if entry.geo else None,
        "candidate": entry.candidate,
        "mentions": len(occs),
        "documents": len({o.docid for o in occs}),
        "url": links.url(at, paths.entity(entry.kind, entry.key)) if occs else None,
    }


def register_csv(kind: str, corpus: Corpus, index: Index, links: DataLinks) -> bytes:
    at = REGISTER_CSV[kind]
    rows = []
    for entry in corpus.registers.all(kind):
        rec = entry_record(entry, index, links, at)
        rows.append([SEP.join(v) if isinstance(v, list) else v for v in (rec[f] for f in ENTRY_FIELDS)])
    return _csv(ENTRY_FIELDS, rows)


def registers_json(corpus: Corpus, index: Index, links: DataLinks) -> bytes:
    data = {
        FILE_OF_KIND[kind].removesuffix(".xml"): [
            entry_record(e, index, links, REGISTERS_JSON) for e in corpus.registers.all(kind)
        ]
        for kind in KINDS
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def mentions_csv(corpus: Corpus, index: Index) -> bytes:
    """Every mention in the corpus's order: document, clause (the anchor of the citable unit
    holding it; "" in the header), entity, surface form as written."""
    header = ["document", "clause", "block", "n", "entity", "kind", "name", "surface", "line"]
    order = {d.docid: k for k, d in enumerate(corpus.documents)}
    rows = []
    for ref, occs in index.occurrences.items():
        entry = corpus.registers.get(ref)
        if entry is None:
            continue
        for o in occs:
            rows.append([o.docid, o.anchor, o.block, o.n, ref, entry.kind, entry.name, o.text, o.line])
    rows.sort(key=lambda r: (order.get(r[0], 1 << 30), r[8], r[1], r[4], r[7]))
    return _csv(header, rows)


def places_geojson(corpus: Corpus, index: Index, links: DataLinks) -> bytes:
    """A GeoJSON FeatureCollection (RFC 7946: [longitude, latitude]) of the places with coordinates."""
    features = []
    for entry in corpus.registers.all("place"):
        if not entry.geo:
            continue
        rec = entry_record(entry, index, links, PLACES_GEOJSON)
        props = {
            k: rec[k] for k in ("key", "name", "latin", "english", "type", "wikidata", "country", "mentions", "url")
        }
        features.append(
            {
                "type": "Feature",
                "id": entry.key,
                "geometry": {"type": "Point", "coordinates": [entry.geo[1], entry.geo[0]]},
                "properties": props,
            }
        )
    return (
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1).encode() + b"\n"
    )


def citation_cff(
    edition: EditionConfig, corpus: Corpus, links: DataLinks, *, version: str | None = None, released: str | None = None
) -> bytes:
    """CITATION.cff for the edition (type dataset). No clock: `released` (ISO date) and
    `version` are written only when given. No `license`: the markup is CC BY 4.0 but the
    texts are their publishers' (each document's header says so), and CFF has one licence."""
    q = _yaml
    lines = [
        "cff-version: 1.2.0",
        f"message: {q('Если вы используете это издание, пожалуйста, ссылайтесь на него так.')}",
        "type: dataset",
        f"title: {q(edition.title)}",
        "authors:",
    ]
    lines += [f"  - name: {q(e)}" for e in (edition.editors or ("Редакция издания",))]
    if edition.paragraphs:
        lines.append(f"abstract: {q(edition.paragraphs[0])}")
    home = links.absolute(paths.HOME)
    if home:
        lines.append(f"url: {q(home)}")
    if version:
        lines.append(f"version: {q(version)}")
    if released:
        lines.append(f"date-released: {q(released)}")
    keywords = ["ОДКБ", "CSTO", "TEI", *sorted({d.meta.genre_label for d in corpus.documents if d.meta.genre_label})]
    lines.append("keywords:")
    lines += [f"  - {q(k)}" for k in keywords]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def register_exports(corpus: Corpus, index: Index, links: DataLinks) -> dict[str, bytes]:
    """The registers' exports, by site path: a CSV per kind, all as JSON, the places as GeoJSON
    (one group of the build: made again only when an entry or a count changes)."""
    out = {REGISTER_CSV[kind]: register_csv(kind, corpus, index, links) for kind in KINDS}
    out[REGISTERS_JSON] = registers_json(corpus, index, links)
    out[PLACES_GEOJSON] = places_geojson(corpus, index, links)
    return out


def exports(corpus: Corpus, index: Index, edition: EditionConfig, links: DataLinks) -> dict[str, bytes]:
    """Every export file, by site path (the build makes them in the groups of
    html/data_files.corpus_groups, from these same functions)."""
    out = register_exports(corpus, index, links)
    out[MENTIONS_CSV] = mentions_csv(corpus, index)
    out[CITATION_CFF] = citation_cff(edition, corpus, links)
    return out
