"""'Cite this' (toolkit/render/data/citation.py): the references come from citeproc-py with the
shipped CSL styles, a clause's reference is what citeproc-py gives for the clause itself, and
the BibTeX, RIS and CSL-JSON parse back with their own libraries."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import bibtexparser
import pytest
import rispy

from toolkit.io.project import load_corpus, load_edition
from toolkit.model.citable import citable_units
from toolkit.render.data import citation
from toolkit.render.data.links import DataLinks

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://example.org/odkb/html/"
DAY = datetime.date(2026, 1, 15)


@pytest.fixture(scope="module")
def model():
    corpus, _ = load_corpus(ROOT / "tei")
    edition, _ = load_edition(ROOT / "editions" / "odkb.toml")
    return corpus, edition


def by_id(corpus, docid):
    return next(d for d in corpus.documents if d.docid == docid)


def test_gost_reference_of_clause_3_of_the_2019_appeal(model):
    corpus, edition = model
    appeal = by_id(corpus, "appeal-2019-05-22")
    refs = citation.references(appeal, citable_units(appeal.tree), edition, DataLinks(BASE), accessed=DAY)
    gost = refs["appeal-2019-05-22-3"]["gost"]
    assert gost.startswith("Открытое обращение министров иностранных дел государств – членов")
    assert " : 22.05.2019, Бишкек / Организация Договора о коллективной безопасности // " in gost
    assert ". – П. 3. – URL: " + BASE + "documents/appeal-2019-05-22.html#appeal-2019-05-22-3" in gost
    assert gost.endswith("(дата обращения: 15.01.2026). – Текст : электронный.")
    chicago = refs["appeal-2019-05-22-3"]["chicago"]
    assert chicago.startswith("Организация Договора о коллективной безопасности, “Открытое обращение")
    assert "May 22, 2019, para. 3, " + BASE + "documents/appeal-2019-05-22.html#appeal-2019-05-22-3." in chicago
    document = refs["appeal-2019-05-22"]
    assert "П. 3" not in document["gost"] and "#" not in document["gost"]
    assert document["chicago"].endswith(BASE + "documents/appeal-2019-05-22.html.")


@pytest.mark.parametrize("base", [BASE, None])
def test_each_clause_is_what_citeproc_gives_for_it(model, base):
    """The stand-in shortcut changes nothing: each clause formatted on its own agrees."""
    corpus, edition = model
    links = DataLinks(base)
    for doc in corpus.documents[:3]:
        units = citable_units(doc.tree)
        refs = citation.references(doc, units, edition, links)
        for unit in units[:4]:
            item = citation.csl_item(doc, edition, links, unit)
            gost_item = dict(item, editor=[{"literal": e} for e in edition.editors])
            assert refs[unit.id]["gost"] == citation._format("gost", gost_item)[0]
            doc_item = dict(citation.csl_item(doc, edition, links), URL=item["URL"]) if base else item
            doc_item.pop("section", None)
            _, note = citation._format("chicago", doc_item, locator=citation.locator_of(unit))
            assert refs[unit.id]["chicago"] == note


def test_csl_json_is_read_by_a_csl_processor(model):
    from citeproc.source.json import CiteProcJSON

    corpus, edition = model
    items = []
    for doc in corpus.documents:
        items.append(citation.csl_item(doc, edition, DataLinks(BASE), accessed=DAY))
        items += [citation.csl_item(doc, edition, DataLinks(BASE), u) for u in citable_units(doc.tree)]
    data = json.loads(citation.csl_json(items))
    source = CiteProcJSON(data)
    assert len(source) == len(items) == len({i["id"] for i in items})
    clause = source["appeal-2019-05-22-3"]
    assert str(clause["section"]) == "П. 3" and clause["issued"].year == 2019


def test_bibtex_parses_back(model):
    corpus, edition = model
    appeal = by_id(corpus, "appeal-2019-05-22")
    unit = next(u for u in citable_units(appeal.tree) if u.id == "appeal-2019-05-22-3")
    item = citation.csl_item(appeal, edition, DataLinks(BASE), unit, accessed=DAY)
    item["title"] += " & 100% {x} #1_a"  # what LaTeX would take for commands
    library = bibtexparser.parse_string(citation.bibtex(item))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert (entry.entry_type, entry.key) == ("online", "appeal-2019-05-22-3")
    fields = entry.fields_dict
    assert fields["author"].value == "{Организация Договора о коллективной безопасности}"
    assert fields["title"].value.endswith(r" \& 100\% \{x\} \#1\_a}")
    assert fields["date"].value == "2019-05-22" and fields["urldate"].value == "2026-01-15"
    assert fields["url"].value.endswith("#appeal-2019-05-22-3") and fields["addendum"].value == "П. 3"


def test_ris_parses_back(model):
    corpus, edition = model
    news = by_id(corpus, "news-report-2019-11-28")
    text = citation.ris(citation.csl_item(news, edition, DataLinks(BASE)))
    assert text.startswith("TY  - ELEC\n") and text.rstrip().endswith("ER  -")
    (record,) = rispy.loads(text)
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == news.meta.title and record["date"] == "2019/11/28"
    assert record["urls"] == [BASE + "documents/news-report-2019-11-28.html"]
    assert "authors" not in record  # a news report has no issuing body


def test_meta_tags_for_zotero(model):
    corpus, edition = model
    appeal = by_id(corpus, "appeal-2019-05-22")
    tags = citation.meta_tags(appeal, edition, DataLinks())
    names = [n for n, _ in tags]
    assert names[0] == "citation_title" and "citation_publication_date" in names
    assert dict(tags)["citation_publication_date"] == "2019/05/22"
    assert dict(tags)["citation_abstract_html_url"] == "appeal-2019-05-22.html"
    assert dict(tags)["citation_xml_url"] == "../tei/000_5d5ba4abf0d3ebed.xml"
    assert all(value for _, value in tags)


def test_deterministic(model):
    corpus, edition = model
    doc = corpus.documents[0]
    units = citable_units(doc.tree)
    once = citation.references(doc, units, edition, DataLinks(BASE))
    assert once == citation.references(doc, units, edition, DataLinks(BASE))


def test_memoized_xpath_changes_nothing(model, monkeypatch):
    from citeproc.model import CitationStylesElement, Parent, Text

    corpus, edition = model
    fast = [citation.references(d, citable_units(d.tree), edition, DataLinks(BASE)) for d in corpus.documents]
    assert CitationStylesElement.xpath_search.memoized
    monkeypatch.setattr(CitationStylesElement, "xpath_search", CitationStylesElement.xpath_search.original)
    for cls in (Parent, Text):
        monkeypatch.setattr(cls, "calls_variable", cls.__dict__["calls_variable"].original)
    slow = [citation.references(d, citable_units(d.tree), edition, DataLinks(BASE)) for d in corpus.documents]
    assert fast == slow


@pytest.mark.parametrize("base", [BASE, None])
def test_downloads_are_what_the_writers_give_for_each_unit(model, base):
    """The stand-in record of the downloads changes nothing: each unit's BibTeX and RIS are
    what bibtexparser and rispy write for its own CSL item."""
    corpus, edition = model
    links = DataLinks(base)
    for doc in corpus.documents:
        units = citable_units(doc.tree)
        files = citation.downloads(doc, units, edition, links)
        assert set(files) == {doc.docid} | {u.id for u in units}
        for unit in [None, *units]:
            item = citation.csl_item(doc, edition, links, unit)
            bib, ris, csl = files[unit.id if unit else doc.docid]
            assert (bib, ris, json.loads(csl)) == (citation.bibtex(item), citation.ris(item), [item])
