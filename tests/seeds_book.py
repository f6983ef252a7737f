"""The module fixtures of the tests that read the seeds' PDF edition (test_pdf_book.py,
test_pdf_plates.py): the edition, its corpus and index, and the book laid out once per
session (conftest's seeds_book). A module imports them by name."""

from __future__ import annotations

import pytest
from conftest import ROOT, load_corpus

from toolkit.model.index import build_index


@pytest.fixture(scope="module")
def edition(seeds_edition):
    return seeds_edition


@pytest.fixture(scope="module")
def corpus_index(edition):
    corpus, _ = load_corpus(ROOT / "tei", edition[0].documents)
    return corpus, build_index(corpus)


@pytest.fixture(scope="module")
def built(seeds_book):
    return seeds_book


@pytest.fixture(scope="module")
def book(built, edition):
    return built[f"{edition[0].name}.pdf"]
