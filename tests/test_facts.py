"""One header-facts model (render.facts) for both editions, with one rule for stating
certainty: the HTML document page and the book's document header say the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_corpus
from lxml import html as lhtml

from toolkit.model.edition import EditionConfig
from toolkit.model.index import build_index
from toolkit.render.facts import header_facts
from toolkit.render.html.document_page import document_page
from toolkit.render.html.links import SiteLinks
from toolkit.render.pdf.config import PageSettings
from toolkit.render.pdf.parts import document_part
from toolkit.render.pdf.reading import BookLinks

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "cases" / "html" / "corpus"
EDITION = EditionConfig("test", "Тестовое издание")


@pytest.fixture(scope="module")
def corpus():
    corpus, diags = load_corpus(FIXTURE)
    assert corpus is not None, diags
    return corpus, build_index(corpus)


def by_docid(corpus, docid):
    return next(d for d in corpus.documents if d.docid == docid)


def test_facts_of_a_document(corpus):
    corpus, _ = corpus
    facts = {f.key: f for f in header_facts(by_docid(corpus, "statement-2021-01-19"))}
    assert list(facts) == ["genre", "date", "place", "source", "publication", "rights", "tei"]
    assert facts["date"].label == "Датировка"
    assert [(v.text, v.note) for v in facts["date"].values] == [
        ("не ранее 19 января 2021 г.", "выведено из текста, достоверно"),
        ("19 мая 2021 г.", "предположение редактора, предположительно"),
    ]
    assert [(v.text, v.ref, v.note) for v in facts["place"].values] == [
        ("Душанбе", "pla:dushanbe", "предположение редактора, предположительно")
    ]
    appeal = {f.key: f for f in header_facts(by_docid(corpus, "appeal-2019-05-22"))}
    assert [(v.text, v.note) for v in appeal["date"].values] == [("22 мая 2019 г.", "")]  # goes without saying
    assert [(v.text, v.note) for v in appeal["place"].values] == [("Бишкек", "")]


def test_both_editions_state_the_same_certainty(corpus):
    corpus, index = corpus
    book_links = BookLinks(corpus, index)
    for doc in corpus.documents:
        notes = [v.note for f in header_facts(doc) if f.key in ("date", "place") for v in f.values if v.note]
        links = SiteLinks(corpus, index, f"documents/{doc.docid}.html")
        main, _ = document_page(doc, corpus, index, links, (None, None))
        site = " ".join(lhtml.tostring(main[0], encoding="unicode", method="text").split())
        part = document_part(doc, corpus, index, book_links, EDITION, PageSettings())
        book = " ".join(lhtml.fromstring(part.html).xpath("string(//div[@class='doc-meta'])").split())
        for note in notes:
            assert f"— {note}" in site and f"({note})" in book, (doc.docid, note)
        said = [n for n in notes if "указано в тексте документа" in n]
        assert site.count("указано в тексте документа") == book.count("указано в тексте документа") == len(said)
