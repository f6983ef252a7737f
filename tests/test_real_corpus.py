"""The real test set (tests/generalisation/real) is what it says it is: every annotation
agrees with its text, and the set is as broad as issue 14 asks (30 texts, 8 publishers,
2000–2026). Scoring the converter on it is in test_evaluate.py."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib

import pytest
from conftest import ROOT

from toolkit.convert.seedmeta import parse_meta

REAL = ROOT / "tests" / "generalisation" / "real"
GENRES = {"appeal", "statement", "declaration", "decision", "official-document", "news-report"}
KINDS = {"official", "news-agency", "regional-news", "other"}
TYPES = {"person", "place", "org", "date"}
CLAUSES = {"preambular", "operative", "list-item"}
TEXTS = sorted(REAL.glob("*.txt"))


def _iso(value: str) -> bool:
    for fmt, pattern in (("%Y-%m-%d", r"\d{4}-\d\d-\d\d"), ("%Y-%m", r"\d{4}-\d\d"), ("%Y", r"\d{4}")):
        if re.fullmatch(pattern, value):
            try:
                dt.datetime.strptime(value, fmt)
            except ValueError:
                return False
            return True
    return False


def test_the_set_is_broad_enough():
    assert len(TEXTS) >= 30
    publishers, years = set(), []
    for txt in TEXTS:
        about = tomllib.loads(txt.with_suffix(".source.toml").read_text(encoding="utf-8"))
        publishers.add(about["publisher"])
        gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        if gold.get("doc_date"):
            years.append(int(gold["doc_date"][:4]))
    assert len(publishers) >= 8, publishers
    assert min(years) <= 2005 and max(years) >= 2025, sorted(years)


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.stem)
def test_annotation_agrees_with_its_text(txt):
    source = txt.read_text(encoding="utf-8")
    lines = source.split("\n")
    about = tomllib.loads(txt.with_suffix(".source.toml").read_text(encoding="utf-8"))
    assert about["url"].startswith(("http://", "https://"))
    assert about["kind"] in KINDS
    assert isinstance(about["retrieved"], dt.date)
    assert isinstance(about["truncated"], bool)
    assert not txt.with_suffix(".toml").exists(), "the converter must run on the real set without metadata"

    gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    assert gold["seed"] == txt.name
    assert gold["genre"] in GENRES
    if gold.get("doc_date"):
        assert _iso(gold["doc_date"]), gold["doc_date"]
    # the page's date as an editor records it (`evaluate --dated`), in the metadata format
    meta, problems = parse_meta(txt.with_suffix(".source.toml").read_bytes(), txt.name)
    assert problems == [] and (meta.genre, meta.title, meta.places) == (None, None, [])
    assert [d.attrs for d in meta.dates] == ([{"when": gold["doc_date"]}] if gold.get("doc_date") else [])
    a, b = gold["title_lines"]
    assert 1 <= a <= b <= len(lines)

    end = -1
    for m in gold["mentions"]:
        where = f'{m["type"]} "{m["text"]}" at {m["offset"]}'
        assert m["type"] in TYPES, where
        assert source[m["offset"] : m["offset"] + len(m["text"])] == m["text"], where
        assert m["offset"] >= end, f"{where} overlaps the mention before it or is out of order"
        end = m["offset"] + len(m["text"])
        assert source.count(m["text"], 0, m["offset"]) + 1 == m["occurrence"] or _occurrence(source, m), where
        assert source.count("\n", 0, m["offset"]) + 1 == m["line"], where
        assert m.get("key"), where
        if m["type"] == "date":
            values = [m[k] for k in ("when", "from", "to", "notBefore", "notAfter") if m.get(k)]
            assert values and all(_iso(v) for v in values), where
            if m.get("from") and m.get("to"):
                assert m["from"] <= m["to"], where

    for line in gold["boilerplate"]:
        assert line in lines, f"clutter line not in the text: {line!r}"
    for c in gold["clauses"]:
        assert c["kind"] in CLAUSES, c
        assert c["starts_with"] in lines[c["line"] - 1], c


def _occurrence(source: str, m: dict) -> bool:
    """The occurrence counts every earlier match of the exact string, overlapping ones too."""
    count, i = 0, source.find(m["text"])
    while 0 <= i < m["offset"]:
        count += 1
        i = source.find(m["text"], i + 1)
    return count + 1 == m["occurrence"]
