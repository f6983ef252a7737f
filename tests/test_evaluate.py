"""Measured quality (issues 3 and 14): the converter against the gold, against texts
written for the tests and against real texts it was not developed on (tests/generalisation/
real, converted without metadata). `pytest -s` prints the figures."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, run_cli
from lxml import etree

from toolkit.evaluate import report as figures
from toolkit.evaluate.results import evaluate_texts
from toolkit.evaluate.score import TYPES, gold_mentions, score, tei_mentions
from toolkit.io.project import read_evaluation_set
from toolkit.model.tei import t

GEN = ROOT / "tests" / "generalisation"
REAL = GEN / "real"


def collect(gold_dir, tei_dir, source_dir=None):
    texts, problems = read_evaluation_set(gold_dir, tei_dir, [source_dir or gold_dir])
    assert problems == [], [str(p) for p in problems]
    return texts


def test_seeds_against_gold():
    """Entities, genre, clauses, clutter lines and words lost of the checked-in TEI (≥ 0.98)."""
    results = evaluate_texts(collect(ROOT / "tests" / "gold", ROOT / "tei", ROOT / "seeds"), "seeds")
    print("\n" + figures.report(results))
    assert len(results.docs) == 5
    assert all(results.entities[kind].tp > 0 for kind in TYPES)
    assert figures.shortfalls(results, figures.SEEDS) == []


@pytest.fixture(scope="module")
def generalisation(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    shutil.copytree(ROOT / "tei" / "registers", out / "registers")
    import os

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        result = run_cli("convert", *sorted(str(p.relative_to(ROOT)) for p in GEN.glob("*.txt")), "-o", str(out))
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return out


def test_generalisation_texts(generalisation):
    """Texts written for the test, with names, places and dates not in the seeds."""
    shaped = evaluate_texts(collect(GEN, generalisation), "written")
    assert len(shaped.docs) >= 6
    print("\n" + figures.report(shaped))
    assert figures.shortfalls(shaped, figures.Targets()) == []


def test_generalisation_output_is_valid(generalisation):
    result = run_cli("validate", str(generalisation))
    errors = [line for line in result.output.splitlines() if ": error:" in line]
    assert errors == []


def test_new_names_became_candidates(generalisation):
    persons = etree.parse(str(generalisation / "registers" / "persons.xml"))
    candidates = [
        p
        for p in persons.getroot().iter(t("person"))
        if p.find(t("note")) is not None and p.find(t("note")).get("type") == "candidate"
    ]
    assert len(candidates) >= 3
    assert all(p.get("cert") == "low" for p in candidates)


def test_evaluation_can_fail():
    source = (ROOT / "seeds" / "002_d3c9c977ef1730be.txt").read_text(encoding="utf-8")
    import json

    gold = json.loads((ROOT / "tests" / "gold" / "002_d3c9c977ef1730be.json").read_text(encoding="utf-8"))
    tree = etree.parse(str(ROOT / "tei" / "002_d3c9c977ef1730be.xml"))
    person = next(tree.getroot().find(t("text")).iter(t("persName")))
    person.set("ref", "per:someone-else")
    date = next(tree.getroot().find(t("text")).iter(t("date")))
    date.set("when", "2018-06-12")
    scores = score(tei_mentions(tree, source), gold_mentions(gold))
    assert scores["person"].key_accuracy < 1 and scores["date"].key_accuracy < 1
    org = next(tree.getroot().find(t("text")).iter(t("orgName")))
    org.tag = t("rs")  # no longer a mention
    scores = score(tei_mentions(tree, source), gold_mentions(gold))
    assert scores["org"].recall < 1


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The real set converted without metadata, as a user converts a page they found."""
    out = tmp_path_factory.mktemp("real")
    shutil.copytree(ROOT / "tei" / "registers", out / "registers")
    assert not list(REAL.glob("*.toml")) or all(p.name.endswith(".source.toml") for p in REAL.glob("*.toml"))
    result = run_cli("convert", *sorted(str(p) for p in REAL.glob("*.txt")), "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.output
    return evaluate_texts(collect(REAL, out), "real")


def test_real_texts_stay_above_the_floor(real):
    """Texts from public pages the converter was not developed on: no type's precision or
    recall below 0.90, genre, clauses and clutter lines at 0.90, no word lost. (The targets
    are higher, 0.93 and 0.95: benchmarks/eval.md has the figures; this is the regression
    floor.)"""
    print("\n" + figures.report(real, limit=3))
    assert len(real.docs) == len(list(REAL.glob("*.json")))
    floor = figures.Targets(entities=0.90, values=0.0, genre=0.90, clauses=0.90, clutter=0.90)
    assert figures.shortfalls(real, floor) == []


def test_real_texts_meet_the_entity_targets(real):
    """Issue 14's targets on the real set: precision and recall ≥ 0.93 for every type."""
    for kind, s in real.entities.items():
        assert s.precision >= 0.93 and s.recall >= 0.93, (kind, s.precision, s.recall)


@pytest.fixture(scope="module")
def real_dated(tmp_path_factory):
    """The real set converted with each page's date (its sidecar's [[date]]) as the only
    metadata, as `evaluate --dated` converts it."""
    from toolkit.commands.evaluate import dated_copy
    from toolkit.convert.seedmeta import parse_meta

    work = tmp_path_factory.mktemp("real-dated")
    shutil.copytree(ROOT / "tei" / "registers", work / "out" / "registers")
    copies = [dated_copy(p, work / "src") for p in sorted(REAL.glob("*.txt"))]
    for copy in copies:  # nothing but the date reaches the converter
        meta, problems = parse_meta(copy.with_suffix(".toml").read_bytes(), copy.name)
        assert problems == [] and (meta.genre, meta.title, meta.places, meta.publisher) == (None, None, [], None)
    result = run_cli("convert", *map(str, copies), "-o", str(work / "out"), "--no-cache")
    assert result.exit_code == 0, result.output
    return evaluate_texts(collect(REAL, work / "out"), "real (dated)")


def test_real_dates_counted_from_the_pages_date(real, real_dated):
    """Issue 14's date-value target (≥ 0.95) with the page's date given, as an editor gives
    it in a source's .toml: the stored copies leave the year of most datelines out ("МОСКВА,
    7 окт – …"), so without it the values are lower (benchmarks/eval.md has both)."""
    print("\n" + figures.report(real_dated, limit=3))
    assert real_dated.entities["date"].key_accuracy >= 0.95
    assert real_dated.entities["date"].recall >= real.entities["date"].recall  # weekdays get their day
    assert real_dated.right("genre") == real.right("genre")  # the date alone: no genre, clauses or clutter
    assert real_dated.clauses == real.clauses and real_dated.clutter == real.clutter


def test_evaluate_command_prints_figures_and_error_classes(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    table = tmp_path / "eval.md"
    table.write_text(
        "# Figures\n\n<!-- figures -->\nstale figures\n<!-- /figures -->\n\nprose kept\n", encoding="utf-8"
    )
    result = run_cli(
        "evaluate",
        "tests/gold",
        "tests/generalisation",
        "--dated",
        "tests/gold",
        "--table",
        str(table),
        "--min",
        "0.95",
    )
    assert result.exit_code == 0, result.output
    assert "tests/gold: 5 texts" in result.output and "tests/generalisation: 9 texts" in result.output
    assert "tests/gold (dated): 5 texts" in result.output  # the seeds have metadata of their own: kept
    assert "date: 1 error\n" in result.output and "wrong value (1)" in result.output  # the written set's one
    written = table.read_text(encoding="utf-8")
    assert written.startswith("# Figures\n\n<!-- figures -->\n| set | texts |") and written.endswith("prose kept\n")
    assert "| tests/gold | 5 | 1.00 / 1.00 |" in written and "stale" not in written
    assert "| tests/gold (dated) | 5 | 1.00 / 1.00 |" in written


def test_evaluate_command_fails_below_the_minimum(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    result = run_cli("evaluate", "tests/generalisation", "--min", "0.99")
    assert result.exit_code == 1
    assert "below target: tests/generalisation: date values 0.969 < 0.99" in result.output
    assert run_cli("evaluate", str(tmp_path / "nowhere")).exit_code == 2
