"""The home page: the edition's title, editors and introduction, the documents in date
order (date, place, genre, title), the way to the indexes and search, the TEI files, and
the edition's data (exports, the DTS API, how to cite the edition)."""

from __future__ import annotations

from toolkit.model.corpus import Corpus
from toolkit.model.edition import EditionConfig
from toolkit.model.registers import KINDS, TITLE_OF_KIND
from toolkit.render.data import dts, exports, rdf
from toolkit.render.dom import h
from toolkit.render.html import paths
from toolkit.render.html.data_files import CITABLE_IDS
from toolkit.render.html.links import SiteLinks
from toolkit.render.wording import describe_date


def home_page(corpus: Corpus, edition: EditionConfig, links: SiteLinks) -> list:
    main: list = [h("h1", None, edition.title)]
    if edition.editors:
        main.append(
            h(
                "p",
                {"class": "editors"},
                "Редакторы: " if len(edition.editors) > 1 else "Редактор: ",
                ", ".join(edition.editors),
            )
        )
    intro = h("div", {"class": "introduction"})
    for para in edition.paragraphs:
        intro.append(h("p", None, para))
    main.append(intro)
    main.append(_documents(corpus, links))
    main.append(_tools(links))
    main.append(_tei_files(corpus, links))
    main.append(_data(links))
    return main


def _documents(corpus: Corpus, links: SiteLinks):
    """The documents in date order: date, place, genre, title."""
    docs = h("ol", {"class": "documents"})
    for doc in corpus.documents:
        meta = doc.meta
        facts = h("p", {"class": "kicker"})
        if meta.date:
            when = meta.date.attrs.get("when")
            facts.append(
                h("time", {"datetime": when}, describe_date(meta.date.attrs))
                if when
                else h("span", None, describe_date(meta.date.attrs))
            )
        else:
            facts.append(h("span", None, "без даты"))
        if meta.places:
            facts.append(h("span", {"class": "place"}, " · " + "; ".join(p.name for p in meta.places)))
        facts.append(h("span", {"class": "genre"}, " · " + meta.genre_label))
        docs.append(
            h(
                "li",
                {"class": "document-card"},
                facts,
                h("h3", None, h("a", {"href": links.document(doc.docid)}, meta.title)),
            )
        )
    return h(
        "section",
        {"aria-labelledby": "docs-h"},
        h("h2", {"id": "docs-h"}, f"Документы ({len(corpus.documents)})"),
        docs,
    )


def _tools(links: SiteLinks):
    """The way to the indexes and the search."""
    tools = h("ul", {"class": "tools"})
    for kind in KINDS:
        tools.append(h("li", None, h("a", {"href": links.to(paths.INDEX_PAGES[kind])}, TITLE_OF_KIND[kind])))
    tools.append(h("li", None, h("a", {"href": links.to(paths.CHRONOLOGY)}, "Хронология")))
    tools.append(h("li", None, h("a", {"href": links.to(paths.NETWORK)}, "Кто упоминается вместе с кем")))
    tools.append(h("li", None, h("a", {"href": links.to(paths.SEARCH)}, "Полнотекстовый поиск")))
    return h("section", {"aria-labelledby": "tools-h"}, h("h2", {"id": "tools-h"}, "Указатели и поиск"), tools)


def _download(href: str, name: str, shown: str, note: str):
    """A list item: a TEI file to download, and what it is."""
    return h("li", None, h("a", {"href": href, "download": name, "type": "application/xml"}, shown), note)


def _tei_files(corpus: Corpus, links: SiteLinks):
    """Every TEI file of the edition: the documents, then the registers."""
    files = h("ul", {"class": "tei-files"})
    for doc in corpus.documents:
        name = f"{doc.stem}.xml"
        files.append(_download(links.to(paths.tei_file(doc.stem)), name, name, f" — {doc.meta.title}"))
    for name in sorted(corpus.register_files):
        files.append(_download(links.to(f"tei/registers/{name}"), name, f"registers/{name}", " — указатель"))
    return h(
        "section",
        {"id": "tei-files", "aria-labelledby": "tei-h"},
        h("h2", {"id": "tei-h"}, "Файлы TEI"),
        h(
            "p",
            None,
            "Каждый документ в разметке TEI P5 — главный экземпляр издания; ссылки на лица, места "
            'и организации (@ref="per:…") раскрываются через указатели в папке registers.',
        ),
        files,
    )


DATA = (
    (exports.REGISTER_CSV["person"], "text/csv", "Указатель лиц, CSV"),
    (exports.REGISTER_CSV["place"], "text/csv", "Указатель географических названий, CSV"),
    (exports.REGISTER_CSV["org"], "text/csv", "Указатель организаций, CSV"),
    (exports.REGISTERS_JSON, "application/json", "Все три указателя, JSON"),
    (exports.MENTIONS_CSV, "text/csv", "Все упоминания (документ, пункт, сущность, написание в тексте), CSV"),
    (exports.PLACES_GEOJSON, "application/geo+json", "Места с координатами, GeoJSON"),
    (rdf.TURTLE, "text/turtle", "Корпус как граф RDF (Dublin Core, schema.org), Turtle"),
    (exports.CITATION_CFF, "application/x-yaml", "Как ссылаться на издание, CITATION.cff"),
)


def _data(links: SiteLinks):
    """The edition's data for machines: the exports, the DTS API, the published ids."""
    files = h("ul", {"class": "data-files"})
    for path, mime, label in DATA:
        files.append(h("li", None, h("a", {"href": links.to(path), "type": mime, "download": ""}, label)))
    files.append(
        h(
            "li",
            None,
            h("a", {"href": links.to(dts.ENTRY), "type": "application/ld+json"}, "API DTS 1.0"),
            " (Distributed Text Services: коллекция, навигация по пунктам, каждый пункт как TEI)",
        )
    )
    files.append(
        h(
            "li",
            None,
            h("a", {"href": links.to(CITABLE_IDS), "type": "application/json"}, "Постоянные идентификаторы"),
            " документов и их пунктов",
        )
    )
    return h(
        "section",
        {"id": paths.DATA_ANCHOR, "aria-labelledby": "data-h"},
        h("h2", {"id": "data-h"}, "Данные издания"),
        h(
            "p",
            None,
            "Указатели, упоминания и корпус в открытых форматах. Имена даны и латиницей "
            "(транслитерация по схеме Википедии, английские названия).",
        ),
        files,
    )
