"""The indexes of persons, places and organisations, and the chronology: every entry
with every occurrence, linked to the exact clause or paragraph, grouped by document; each
entry with its names in Latin script and its schema.org JSON-LD (render/data/jsonld.py)."""

from __future__ import annotations

import re

from lxml import etree

from toolkit.model.corpus import Corpus
from toolkit.model.index import Index, Occurrence, initial_letter
from toolkit.model.latin import latin_names
from toolkit.model.registers import TITLE_OF_KIND, Entry
from toolkit.render.data import jsonld
from toolkit.render.data.links import DataLinks
from toolkit.render.dom import h
from toolkit.render.html import paths
from toolkit.render.html.links import SiteLinks
from toolkit.render.wording import CANDIDATE, block_label, certainty_notes, describe_date, role

ALPHABET = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"
WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
INTRO = {
    "person": "Лица, упомянутые в документах издания. Имена — в именительном падеже, фамилия впереди.",
    "place": "Географические названия, упомянутые в документах издания, в именительном падеже.",
    "org": "Организации и их органы, упомянутые в документах издания.",
}


TRANSLIT = dict(zip(ALPHABET, "a b v g d e zh z i j k l m n o p r s t u f kh ts ch sh shch eh yu ya".split()))


def letter_id(letter: str) -> str:
    """ASCII ids (lxml percent-encodes other characters in href): "Ж" → "letter-zh"."""
    if letter in TRANSLIT:
        return f"letter-{TRANSLIT[letter]}"
    if letter.isascii() and letter.isalnum():
        return f"letter-{letter.lower()}"
    return f"letter-u{ord(letter):04x}"


def occurrence_list(
    occurrences: list[Occurrence], corpus: Corpus, links: SiteLinks, show_text: bool = False
) -> etree._Element:
    """Occurrences grouped by document (in the corpus's date order), each linked to its anchor.
    Built with SubElement directly: an index of a large corpus has tens of thousands of these."""
    docs, order = corpus.by_docid, corpus.position
    grouped: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        grouped.setdefault(occ.docid, []).append(occ)
    sub = etree.SubElement
    ul = h("ul", {"class": "occurrences"})
    for docid in sorted(grouped, key=lambda d: order.get(d, 1 << 30)):
        doc = docs[docid]
        page = links.document(docid)  # the page's link; each occurrence adds its #anchor
        li = sub(ul, "li")
        a = sub(li, "a", {"class": "occ-doc", "href": page})
        a.text = doc.meta.title or None
        if doc.meta.date:
            sub(li, "span", {"class": "occ-date"}).text = f" ({describe_date(doc.meta.date.attrs)})"
        sub(li, "span").text = ": "
        counts: dict[str, int] = {}
        firsts: dict[str, Occurrence] = {}
        texts: dict[str, list[str]] = {}
        for occ in grouped[docid]:
            anchor = occ.anchor or paths.META_ANCHOR
            counts[anchor] = counts.get(anchor, 0) + 1
            firsts.setdefault(anchor, occ)
            texts.setdefault(anchor, [])
            if occ.text and occ.text not in texts[anchor]:
                texts[anchor].append(occ.text)
        for k, (anchor, occ) in enumerate(firsts.items()):
            if k:
                sub(li, "span").text = ", "
            a = sub(li, "a", {"class": "occ", "href": f"{page}#{anchor}" if anchor else page})
            a.text = block_label(occ.block, occ.n, occ.anchor) or None
            if counts[anchor] > 1:
                sub(
                    li, "span", {"class": "occ-count", "title": f"{counts[anchor]} упоминания"}
                ).text = f" ×{counts[anchor]}"
            if show_text and texts[anchor]:
                sub(li, "span", {"class": "occ-text"}).text = " «" + "», «".join(texts[anchor]) + "»"
    return ul


def entity_index_page(
    kind: str,
    corpus: Corpus,
    index: Index,
    links: SiteLinks,
    data_links: DataLinks | None = None,
    figure: etree._Element | None = None,
) -> list:
    """The children of <main> for the index of one kind; `figure` (the map, on the places
    page) goes after the lead, before the letters; with `data_links`, each entry carries its
    schema.org JSON-LD."""
    entries = index.entries(corpus, kind)
    by_letter: dict[str, list] = {}
    for entry, occs in entries:
        by_letter.setdefault(initial_letter(entry.name), []).append((entry, occs))
    letters = list(ALPHABET) + sorted(set(by_letter) - set(ALPHABET))
    bar = h("ul")
    for letter in letters:
        if letter in by_letter:
            bar.append(h("li", None, h("a", {"href": f"#{letter_id(letter)}"}, letter)))
        else:
            bar.append(h("li", None, h("span", {"class": "letter-empty", "aria-hidden": "true"}, letter)))
    candidates = sum(e.candidate for e, _ in entries)
    summary = f"Записей: {len(entries)}."
    if candidates:
        summary += f" Из них не проверено редактором: {candidates} (отмечены «{CANDIDATE}»)."
    main = [
        h("h1", None, TITLE_OF_KIND[kind]),
        h("p", {"class": "lead"}, INTRO[kind], " ", summary),
        figure,
        h("nav", {"class": "letters", "aria-label": "Алфавит"}, bar),
    ]
    if not entries:
        main.append(h("p", None, "В документах издания нет таких упоминаний."))
    for letter in letters:
        if letter not in by_letter:
            continue
        section = h(
            "section",
            {"class": "letter", "aria-labelledby": letter_id(letter)},
            h("h2", {"id": letter_id(letter)}, letter),
        )
        for entry, occs in by_letter[letter]:
            section.append(_entry(entry, occs, corpus, links, data_links or DataLinks()))
        main.append(section)
    return main


def _entry(
    entry: Entry, occs: list[Occurrence], corpus: Corpus, links: SiteLinks, data_links: DataLinks
) -> etree._Element:
    """One entry of an index: name, what it is, other names, in Latin script, Wikidata,
    every occurrence, and its JSON-LD."""
    art = h("article", {"class": "entry" + (" candidate" if entry.candidate else ""), "id": entry.key})
    script = h("script", {"type": "application/ld+json"})
    script.text = jsonld.script_text(jsonld.entry_jsonld(entry, corpus, data_links, links.page))
    art.append(script)
    head = h("h3", None, entry.name)
    if entry.candidate:
        head.append(h("span", {"class": "badge candidate"}, CANDIDATE))
    art.append(head)
    what = role(entry, corpus.registers)
    if what:
        art.append(h("p", {"class": "role"}, what))
    variants = [n for n in entry.all_names if n != entry.name]
    if variants:
        art.append(h("p", {"class": "variants"}, "Варианты: ", "; ".join(variants)))
    latin = latin_names(entry)
    if latin:
        art.append(h("p", {"class": "variants latin"}, "Латиницей: ", h("span", {"lang": "en"}, "; ".join(latin))))
    if entry.wikidata and WIKIDATA.match(entry.wikidata):
        link = {
            "href": f"https://www.wikidata.org/wiki/{entry.wikidata}",
            "class": "external",
            "rel": "noopener noreferrer external",
        }
        art.append(h("p", {"class": "wikidata"}, h("a", link, f"Wikidata: {entry.wikidata}")))
    art.append(h("p", {"class": "occ-head"}, f"Упоминания ({len(occs)}):"))
    art.append(occurrence_list(occs, corpus, links))
    return art


def chronology_page(corpus: Corpus, index: Index, links: SiteLinks, figure: etree._Element | None = None) -> list:
    """The children of <main> for the chronology; `figure` (the timeline) goes after the
    lead, before the years."""
    by_year: dict[str, list] = {}
    for entry in index.chronology:
        by_year.setdefault(entry.year or "без года", []).append(entry)
    bar = h("ul")
    for year in by_year:
        bar.append(h("li", None, h("a", {"href": f"#year-{year if year[0].isdigit() else 'none'}"}, year)))
    main = [
        h("h1", None, "Хронология"),
        h(
            "p",
            {"class": "lead"},
            "Все даты, названные в документах издания, и даты самих документов — в хронологическом порядке. "
            "Рядом с каждой датой — где она упомянута и как написана в тексте; "
            "даты, установленные не по тексту, помечены степенью достоверности.",
        ),
        figure,
        h("nav", {"class": "letters years", "aria-label": "Годы"}, bar),
    ]
    for year, entries in by_year.items():
        yid = f"year-{year if year[0].isdigit() else 'none'}"
        section = h("section", {"class": "year", "aria-labelledby": yid}, h("h2", {"id": yid}, year))
        for entry in entries:
            art = h(
                "article",
                {"class": "entry date-entry", "id": paths.date_anchor(entry.key)},
                h("h3", None, describe_date(entry.attrs)),
            )
            notes = certainty_notes(entry.occurrences)
            if notes:
                art.append(h("p", {"class": "certainty"}, "Датировка: ", "; ".join(notes), "."))
            art.append(occurrence_list(entry.occurrences, corpus, links, show_text=True))
            section.append(art)
        main.append(section)
    return main
