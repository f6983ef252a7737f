"""The registers of persons, places and organisations (tei/registers/*.xml) as a model.

Each register is a TEI file with one `listPerson`, `listPlace` or `listOrg`; an entry's
key is its `xml:id`. The model reads the trees and can add *candidate* entries (names
the converter found but could not match), which carry `cert="low"` and a
`<note type="candidate">` until an editor accepts them.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from toolkit.model.prefixes import KEY_PATTERN, PrefixDef, Prefixes
from toolkit.model.serialize import REGISTER_PROLOG_PIS
from toolkit.model.tei import NS, XML_ID, XML_LANG, E, local, squash, t, text_of

# The kinds of entity, written once: each kind's prefix, register file, element names and
# index title. Every other module imports these.
KINDS = ("person", "place", "org")
FILE_OF_KIND = {"person": "persons.xml", "place": "places.xml", "org": "orgs.xml"}
PREFIX_OF_KIND = {"person": "per", "place": "pla", "org": "org"}
KIND_OF_PREFIX = {v: k for k, v in PREFIX_OF_KIND.items()}
NAME_OF_KIND = {"person": "persName", "place": "placeName", "org": "orgName"}
KIND_OF_NAME = {v: k for k, v in NAME_OF_KIND.items()}
LIST_OF_KIND = {"person": "listPerson", "place": "listPlace", "org": "listOrg"}
LATIN_LANG = "ru-Latn"  # the transliteration of a name (model/latin.py); type="en" names are xml:lang="en"
TITLE_OF_KIND = {
    "person": "Указатель лиц",
    "place": "Указатель географических названий",
    "org": "Указатель организаций",
}
REGISTER_DIR = "registers"  # the registers' folder, beside the documents
KIND_OF_PATH = {f"{REGISTER_DIR}/{name}": kind for kind, name in FILE_OF_KIND.items()}

# The project's prefixDefs (convert writes them into every document's header): a document
# that declares none is read with these.
STANDARD_PREFIXES = Prefixes(
    PrefixDef(PREFIX_OF_KIND[kind], KEY_PATTERN, f"{REGISTER_DIR}/{FILE_OF_KIND[kind]}#$1") for kind in KINDS
)


def locate(ref: str, prefixes: Prefixes = STANDARD_PREFIXES) -> tuple[str, str] | None:
    """(kind, key) of the register entry `ref` points at through `prefixes`: "per:tokayev"
    → ("person", "tokayev"); None if it does not resolve into a register."""
    found = prefixes.resolve(ref)
    if found is None:
        return None
    kind = KIND_OF_PATH.get(found[0])
    return (kind, found[1]) if kind else None


def canonical_ref(ref: str, prefixes: Prefixes = STANDARD_PREFIXES) -> str | None:
    """`ref` as the edition names the entry everywhere (the index, the links): the standard
    prefix and the key ("per:tokayev"), whatever prefixDefs the document used to reach it."""
    found = locate(ref, prefixes)
    return f"{PREFIX_OF_KIND[found[0]]}:{found[1]}" if found else None


def kind_of_ref(ref: str) -> str | None:
    """The kind of a canonical ref ("per:tokayev" → "person")."""
    return KIND_OF_PREFIX.get(ref.partition(":")[0])


@dataclasses.dataclass
class Entry:
    key: str
    kind: str
    name: str  # canonical name as written in the register ("Токаев, Касым-Жомарт Кемелевич")
    variants: list[str]
    abbreviations: list[str]
    candidate: bool
    wikidata: str | None = None
    role: str | None = None
    part_of: str | None = None
    country: str | None = None
    geo: tuple[float, float] | None = None
    subtype: str | None = None
    line: int = 0
    english: list[str] = dataclasses.field(default_factory=list)  # names with xml:lang="en", the type="en" one first
    latin: str | None = (
        None  # the generated transliteration (type="translit" xml:lang="ru-Latn"), if the register has it
    )

    @property
    def ref(self) -> str:
        return f"{PREFIX_OF_KIND[self.kind]}:{self.key}"

    @property
    def display_name(self) -> str:
        """Reading order for persons ("Касым-Жомарт Кемелевич Токаев"), else the name."""
        if self.kind == "person" and "," in self.name:
            surname, _, rest = self.name.partition(",")
            return squash(f"{rest} {surname}")
        return self.name

    @property
    def all_names(self) -> list[str]:
        names = [self.name, self.display_name, *self.variants, *self.abbreviations]
        seen: list[str] = []
        for n in names:
            if n and n not in seen:
                seen.append(n)
        return seen


def entry_from_element(el: etree._Element, kind: str) -> Entry:
    name_tag = NAME_OF_KIND[kind]
    names = [c for c in el if local(c) == name_tag]
    canonical = next((c for c in names if c.get("type") == "canonical"), names[0] if names else None)
    russian = [c for c in names if (c.get(XML_LANG) or "ru").startswith("ru") and c.get(XML_LANG) != LATIN_LANG]
    variants = [text_of(c) for c in russian if c is not canonical and c.get("type") in (None, "variant")]
    abbrs = [text_of(c) for c in russian if c.get("type") == "abbr"]
    english = [text_of(c) for c in names if c.get("type") == "en"]
    english += [text_of(c) for c in names if c.get(XML_LANG) == "en" and c.get("type") != "en"]
    latin = next((text_of(c) for c in names if c.get("type") == "translit"), None)
    wikidata = next((text_of(c) for c in el if local(c) == "idno" and c.get("type") == "wikidata"), None)
    role = next((text_of(c) for c in el if local(c) in ("occupation", "roleName", "desc")), None)
    part_of = next(
        (c.get("target", "").lstrip("#") for c in el if local(c) == "ptr" and c.get("type") == "partOf"),
        None,
    )
    country = geo = None
    for loc in el.iterfind("tei:location", NS):
        for c in loc:
            if local(c) == "country" and c.get("ref"):
                country = c.get("ref").lstrip("#")
            if local(c) == "geo" and c.text:
                try:
                    lat, lon = (float(x) for x in c.text.split())
                    geo = (lat, lon)
                except ValueError:
                    geo = None
    candidate = any(local(c) == "note" and c.get("type") == "candidate" for c in el)
    return Entry(
        key=el.get(XML_ID, ""),
        kind=kind,
        name=text_of(canonical) if canonical is not None else "",
        variants=variants,
        abbreviations=abbrs,
        candidate=candidate,
        wikidata=wikidata,
        role=role,
        part_of=part_of,
        country=country,
        geo=geo,
        subtype=el.get("type"),
        line=el.sourceline or 0,
        english=[n for n in english if n],
        latin=latin or None,
    )


class Registers:
    """All three registers; `trees[kind]` are the TEI files, changed in place by add_candidate."""

    def __init__(self, trees: dict[str, etree._ElementTree]):
        self.trees = trees
        self.entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
        for kind, tree in trees.items():
            for el in tree.getroot().iter(t(kind)):
                entry = entry_from_element(el, kind)
                if entry.key:
                    self.entries[kind][entry.key] = entry
        # keys as read from disk: new candidates are named against these only, so a
        # candidate's key never depends on which other documents were converted first
        self.initial_keys = {kind: frozenset(self.entries[kind]) for kind in KINDS}

    @classmethod
    def empty(cls) -> Registers:
        return cls({kind: etree.ElementTree(new_register(kind)) for kind in KINDS})

    def get(self, ref: str, prefixes: Prefixes = STANDARD_PREFIXES) -> Entry | None:
        """The entry `ref` points at, read through `prefixes` (the document's prefixDefs)."""
        found = locate(ref, prefixes)
        return self.entries[found[0]].get(found[1]) if found else None

    def all(self, kind: str) -> list[Entry]:
        return list(self.entries[kind].values())

    def keys(self) -> set[str]:
        return {k for kind in KINDS for k in self.entries[kind]}

    def add_candidate(self, kind: str, key: str, name: str, source: str) -> Entry:
        """Add an unreviewed entry found by the converter in `source` (a file name)."""
        el = E(kind, xml_id=key, cert="low")
        el.append(E(NAME_OF_KIND[kind], text=name, type="canonical"))
        el.append(
            E(
                "note",
                text=f"Кандидат: найден автоматически в {source}; не проверен редактором.",
                type="candidate",
            )
        )
        listing = self.trees[kind].getroot().find(f".//{t(LIST_OF_KIND[kind])}")
        listing.append(el)
        entry = entry_from_element(el, kind)
        self.entries[kind][key] = entry
        return entry

    def accept(self, key: str) -> Entry | None:
        """Promote a candidate: drop its candidate note and low certainty."""
        for kind in KINDS:
            if key in self.entries[kind]:
                el = next(e for e in self.trees[kind].getroot().iter(t(kind)) if e.get(XML_ID) == key)
                for note in [c for c in el if local(c) == "note" and c.get("type") == "candidate"]:
                    el.remove(note)
                if el.get("cert") == "low":
                    del el.attrib["cert"]
                entry = entry_from_element(el, kind)
                self.entries[kind][key] = entry
                return entry
        return None


def new_register(kind: str) -> etree._Element:
    """An empty register file (TEI with a minimal header and an empty list), after the
    `<?xml-model?>` instructions that point editors at the project schema."""
    tei = E("TEI", xml_lang="ru")
    header = E("teiHeader")
    file_desc = E(
        "fileDesc",
        E("titleStmt", E("title", text=TITLE_OF_KIND[kind])),
        E("publicationStmt", E("p", text="Часть издания; см. README проекта.")),
        E("sourceDesc", E("p", text="Составлен редакторами издания; кандидаты добавлены tei-edition convert.")),
    )
    header.append(file_desc)
    tei.append(header)
    tei.append(E("text", E("body", E(LIST_OF_KIND[kind]))))
    for target, data in REGISTER_PROLOG_PIS:  # editors validate a register as they do a document
        tei.addprevious(etree.ProcessingInstruction(target, data))
    return tei
