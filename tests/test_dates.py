"""Tests for toolkit.dates: the Russian date grammar, measured against the gold seeds."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from toolkit.convert.annotate import Span
from toolkit.convert.dates import DateContext, find_dates, parse_date

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"

DOC_2019 = DateContext(doc_date="2019-11-28")
DOC_2020 = DateContext(doc_date="2020-11-20")
INF = {"cert": "high", "evidence": "inferred"}


def only(text: str, context: DateContext | None = None) -> Span:
    spans = find_dates(text, context or DateContext())
    assert len(spans) == 1, spans
    return spans[0]


# (text, context, expected span text, expected attributes)
CASES = [
    ("22 мая 2019 года", DateContext(), "22 мая 2019 года", {"when": "2019-05-22"}),
    ("11-06-2018, 20:15.", DateContext(), "11-06-2018", {"when": "2018-06-11"}),
    ("06.01.2022", DateContext(), "06.01.2022", {"when": "2022-01-06"}),
    ("на 2019-11-28", DateContext(), "2019-11-28", {"when": "2019-11-28"}),
    ("седьмого марта 2014 года", DateContext(), "седьмого марта 2014 года", {"when": "2014-03-07"}),
    ("Первое мая 2019 года", DateContext(), "Первое мая 2019 года", {"when": "2019-05-01"}),
    ("к двадцать третьему", DateContext(), None, None),
    (
        "двадцать третьего февраля 2020 года",
        DateContext(),
        "двадцать третьего февраля 2020 года",
        {"when": "2020-02-23"},
    ),
    ("тридцать первого декабря 2019 года", DateContext(), "тридцать первого декабря 2019 года", {"when": "2019-12-31"}),
    ("четвёртого июля 1990 года", DateContext(), "четвёртого июля 1990 года", {"when": "1990-07-04"}),
    ("Среда, 19 Мая, 2021 года", DateContext(), "Среда, 19 Мая, 2021 года", {"when": "2021-05-19"}),
    ("до 27 ноя", DOC_2019, "27 ноя", {"when": "2019-11-27", **INF}),
    ("27 ноя.", DOC_2019, "27 ноя.", {"when": "2019-11-27", **INF}),
    ("27 ноя", DateContext(), "27 ноя", {"when": "--11-27"}),
    ("3 сент. 2020 г.", DateContext(), "3 сент. 2020 г.", {"when": "2020-09-03"}),
    ("12 ДЕК 2020", DateContext(), "12 ДЕК 2020", {"when": "2020-12-12"}),
    ("на 2018–2020 годы", DateContext(), "2018–2020 годы", {"from": "2018", "to": "2020"}),
    ("на 2018-2020 годы", DateContext(), "2018-2020 годы", {"from": "2018", "to": "2020"}),
    ("на 2018—2020 годы", DateContext(), "2018—2020 годы", {"from": "2018", "to": "2020"}),
    ("на 2019 – 2021 годы", DateContext(), "2019 – 2021 годы", {"from": "2019", "to": "2021"}),
    ("войне 1941-1945 годов", DateContext(), "1941-1945 годов", {"from": "1941", "to": "1945"}),
    ("с 2018 по 2020 год", DateContext(), "2018 по 2020 год", {"from": "2018", "to": "2020"}),
    ("25-27 ноября", DOC_2020, "25-27 ноября", {"from": "2020-11-25", "to": "2020-11-27", **INF}),
    ("25-27 ноября", DateContext(), "25-27 ноября", {"from": "--11-25", "to": "--11-27"}),
    ("25-27 ноября 2020 года", DateContext(), "25-27 ноября 2020 года", {"from": "2020-11-25", "to": "2020-11-27"}),
    ("25 – 27 ноября 2020 года", DOC_2019, "25 – 27 ноября 2020 года", {"from": "2020-11-25", "to": "2020-11-27"}),
    (
        "с 31 августа по 1 сентября",
        DOC_2019,
        "31 августа по 1 сентября",
        {"from": "2019-08-31", "to": "2019-09-01", **INF},
    ),
    (
        "с 31 августа по 1 сентября 2021 года",
        DateContext(),
        "31 августа по 1 сентября 2021 года",
        {"from": "2021-08-31", "to": "2021-09-01"},
    ),
    (
        "28 декабря 2019 года – 3 января 2020 года",
        DateContext(),
        "28 декабря 2019 года – 3 января 2020 года",
        {"from": "2019-12-28", "to": "2020-01-03"},
    ),
    (
        "28 декабря 2019 года – 3 января",
        DateContext(),
        "28 декабря 2019 года – 3 января",
        {"from": "2019-12-28", "to": "2020-01-03"},
    ),
    (
        "28 декабря – 3 января 2020 года",
        DateContext(),
        "28 декабря – 3 января 2020 года",
        {"from": "2019-12-28", "to": "2020-01-03"},
    ),
    (
        "с 1 сентября по 31 августа 2020 года",
        DateContext(),
        "1 сентября по 31 августа 2020 года",
        {"from": "2019-09-01", "to": "2020-08-31"},
    ),
    ("в 2019 году", DateContext(), "2019 году", {"when": "2019"}),
    ("в 2019-м году", DateContext(), "2019-м году", {"when": "2019"}),
    ("в мае текущего года", DOC_2019, "мае текущего года", {"when": "2019-05", **INF}),
    ("в мае текущего года", DateContext(), "мае текущего года", {"when": "--05"}),
    ("в марте прошлого года", DOC_2019, "марте прошлого года", {"when": "2018-03", **INF}),
    ("в прошлом году", DOC_2019, "прошлом году", {"when": "2018", **INF}),
    ("в позапрошлом году", DOC_2019, "позапрошлом году", {"when": "2017", **INF}),
    ("в текущем году", DOC_2019, "текущем году", {"when": "2019", **INF}),
    ("в этом году", DOC_2019, "этом году", {"when": "2019", **INF}),
    ("в следующем году", DOC_2019, "следующем году", {"when": "2020", **INF}),
    ("в прошлом году", DateContext(), "прошлом году", {}),
    ("сегодня, 30 июня", DateContext(doc_date="2025-06-30"), "30 июня", {"when": "2025-06-30", **INF}),
    ("сегодня, 30 июня", DateContext(), "30 июня", {"when": "--06-30"}),
    ("19 января 2021 года", DateContext(), "19 января 2021 года", {"when": "2021-01-19"}),
    ("2018 год", DateContext(), "2018 год", {"when": "2018"}),
    ("за 2018 год", DateContext(), "2018 год", {"when": "2018"}),
    ("на 2020 год", DateContext(), "2020 год", {"when": "2020"}),
    ("в 2018 году", DateContext(), "2018 году", {"when": "2018"}),
    ("в 2019 г.", DateContext(), "2019 г.", {"when": "2019"}),
    ("в мае 2019 года", DateContext(), "мае 2019 года", {"when": "2019-05"}),
    ("ноябрь 2019 года", DateContext(), "ноябрь 2019 года", {"when": "2019-11"}),
    ("в мае", DOC_2019, "мае", {"when": "2019-05", **INF}),
    ("в мае", DateContext(), "мае", {"when": "--05"}),
    ("с февраля", DateContext(), "февраля", {"when": "--02"}),
    # ordinal day forms written with figures
    ("встреча 10-го мая 2023 года", DateContext(), "10-го мая 2023 года", {"when": "2023-05-10"}),
    ("к 1-му июня", DOC_2019, None, None),
    ("на 1-е сентября", DOC_2019, "1-е сентября", {"when": "2019-09-01", **INF}),
    ("с 5-го по 7-е мая", DOC_2019, "5-го по 7-е мая", {"from": "2019-05-05", "to": "2019-05-07", **INF}),
    # a day and month whose year is named from the document's
    ("в видеоформате 26 мая текущего года", DOC_2019, "26 мая текущего года", {"when": "2019-05-26", **INF}),
    ("12 марта прошлого года", DOC_2019, "12 марта прошлого года", {"when": "2018-03-12", **INF}),
    ("20 сентября т.г. в Женеве", DOC_2019, "20 сентября т.г.", {"when": "2019-09-20", **INF}),
    ("20 сентября с.г.", DateContext(), "20 сентября с.г.", {"when": "--09-20"}),
    # the beginning, middle or end of a month: the month
    ("в середине июня прошлого года", DOC_2019, "середине июня прошлого года", {"when": "2018-06", **INF}),
    ("в конце мая", DOC_2019, "конце мая", {"when": "2019-05", **INF}),
    ("в начале марта 2021 года", DateContext(), "начале марта 2021 года", {"when": "2021-03"}),
    # a weekday: the last such day on or before the document's date (a Thursday here)
    (
        "в понедельник министры встретились",
        DOC_2019,
        "понедельник",
        {"when": "2019-11-25", "cert": "medium", "evidence": "inferred"},
    ),
    ("в четверг", DOC_2019, "четверг", {"when": "2019-11-28", "cert": "medium", "evidence": "inferred"}),
    ("во вторник", DateContext(doc_date="2019-11"), "вторник", {}),
]


def test_weekdays_under_one_preposition():
    """ "в субботу и воскресенье": each weekday is a date, the second one too (the
    preposition is not repeated); the last such days on or before the document's date."""
    spans = find_dates("отдохнули в субботу и воскресенье, а во вторник или среду уедут", DOC_2019)
    assert [(s.text, s.attributes().get("when")) for s in spans] == [
        ("субботу", "2019-11-23"),
        ("воскресенье", "2019-11-24"),
        ("вторник", "2019-11-26"),
        ("среду", "2019-11-27"),
    ]
    # a weekday after "и" without a weekday before it is not a date of its own
    assert [s.text for s in find_dates("встреча и воскресенье как день отдыха", DOC_2019)] == []


@pytest.mark.parametrize("text,context,span_text,attrs", CASES, ids=[c[0] for c in CASES])
def test_forms(text, context, span_text, attrs):
    spans = find_dates(text, context)
    if span_text is None:
        assert spans == []
        return
    assert [s.text for s in spans] == [span_text]
    span = spans[0]
    assert text[span.start : span.end] == span_text
    assert span.element == "date"
    assert span.attributes() == attrs
    assert span.attrs == tuple(sorted(attrs.items()))


NOT_DATES = [
    "подписано 17 документов",
    "и 14 решений Совета",
    "проживает 65 % населения",
    "эвакуировали 595 казахстанцев",
    "из них – более 400 детей",
    "лишь 30% текста",
    "празднованию 75-летия Победы",
    "Центра деловой информации Kapital.kz",
    "1. «О Плане",
    "14. «О председательстве",
    "2020 человек",
    "в 2020 человек",
    "около 1500 лет",
    "тел. +7 (727) 258-34-27",
    "8 (800) 200-20-19",
    "+7-701-12-05-2019",
    "999 году",
    "2150 году",
    "30 февраля 2019 года",
    "30.02.2019",
    "31 июня",
    "2020–2018 годы",
    "2019–2019 годы",
    "27-25 ноября",
    "1 сентября 2020 года по 31 августа 2020 года",
    "в прошлые годы",
    "маяк",
    "в марках",
    "32 мая",
    "0 мая",
    "в этапе года",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert find_dates(text, DOC_2019) == [], text


def test_may_capitalised_month_after_preposition():
    # month names are case-insensitive, so "В Мае" is a month too
    assert only("В Мае", DOC_2019).attributes() == {"when": "2019-05", **INF}


def test_anniversary_with_year_range():
    text = "О Плане мероприятий по празднованию 75-летия Победы в Великой Отечественной войне 1941-1945 годов"
    assert only(text).text == "1941-1945 годов"


def test_weekday_and_time_excluded_from_numeric():
    assert only("Опубликовано: 11-06-2018, 20:15.").text == "11-06-2018"


def test_no_break_spaces():
    span = only("22\u00a0мая\u00a02019\u00a0года")
    assert span.attributes() == {"when": "2019-05-22"}


def test_dates_do_not_span_lines():
    assert [s.text for s in find_dates("22 мая\n2019 года")] == ["22 мая", "2019 года"]


def test_several_dates_in_order():
    text = "С 31 августа по 1 сентября 2021 года, затем в 2022 году и 06.01.2022."
    spans = find_dates(text)
    assert [s.text for s in spans] == ["31 августа по 1 сентября 2021 года", "2022 году", "06.01.2022"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_cert_follows_doc_date_cert():
    ctx = DateContext(doc_date="2019-11-28", doc_date_cert="medium")
    assert only("27 ноя", ctx).attributes()["cert"] == "medium"
    assert only("в прошлом году", ctx).attributes()["cert"] == "medium"


def test_far_month_year_inference_is_a_guess():
    # a document of January mentioning "27 декабря": the year may well be the previous one
    attrs = only("27 декабря", DateContext(doc_date="2020-01-05")).attributes()
    assert attrs == {"when": "2020-12-27", "cert": "medium", "evidence": "inferred"}


def test_leap_day():
    assert only("29 февраля 2020 года").attributes() == {"when": "2020-02-29"}
    assert find_dates("29 февраля 2019 года") == []
    assert only("29 февраля").attributes() == {"when": "--02-29"}


def test_doc_date_year_only():
    ctx = DateContext(doc_date="2019")
    assert only("30 июня", ctx).attributes() == {"when": "2019-06-30", **INF}


def test_bad_context():
    with pytest.raises(ValueError):
        DateContext(doc_date="28.11.2019")
    with pytest.raises(ValueError):
        DateContext(doc_date="2019-02-30")
    with pytest.raises(ValueError):
        DateContext(doc_date_cert="certain")


# ---------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    "text,context,attrs",
    [
        ("22 мая 2019 года", DateContext(), {"when": "2019-05-22"}),
        ("в 2019 году", DateContext(), {"when": "2019"}),
        ("2018–2020 годы", DateContext(), {"from": "2018", "to": "2020"}),
        ("мае текущего года", DOC_2019, {"when": "2019-05", **INF}),
        ("в мае", DateContext(), {"when": "--05"}),
        ("мае", DOC_2019, {"when": "2019-05", **INF}),
        ("сегодня", DOC_2019, {"when": "2019-11-28", **INF}),
        ("Сегодня", DateContext(doc_date="2019-11"), {"when": "2019-11", **INF}),
        ("вчера", DOC_2019, {"when": "2019-11-27", **INF}),
        ("завтра", DateContext(doc_date="2019-12-31"), {"when": "2020-01-01", **INF}),
        ("сегодня", DateContext(), {}),
        ("в прошлом году", DateContext(), {}),
        ("11 июня 2018 года.", DateContext(), {"when": "2018-06-11"}),
    ],
)
def test_parse_date(text, context, attrs):
    assert parse_date(text, context) == attrs


@pytest.mark.parametrize(
    "text",
    [
        "2019-02-30",
        "30 февраля 2019 года",
        "2020 человек",
        "17 документов",
        "",
        "22 мая 2019 года и 2020 год",
        "сегодня вечером",
        "Kapital.kz",
        "2021–2019 годы",
    ],
)
def test_parse_date_rejects(text):
    assert parse_date(text, DOC_2019) is None


# ---------------------------------------------------------------- gold


def _gold(seed: Path) -> dict:
    return json.loads((GOLD / (seed.stem + ".json")).read_text(encoding="utf-8"))


def test_seeds_present():
    assert len(SEEDS) >= 5


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_gold_dates(seed):
    gold = _gold(seed)
    text = seed.read_text(encoding="utf-8")
    spans = find_dates(text, DateContext(doc_date=gold["doc_date"]))
    value_keys = ("when", "from", "to")
    expected = [
        (m["offset"], m["text"], {k: m[k] for k in value_keys if k in m})
        for m in gold["mentions"]
        if m["type"] == "date"
    ]
    got = [(s.start, s.text, {k: v for k, v in s.attrs if k in value_keys}) for s in spans]
    for offset, surface, _ in expected:
        assert text[offset : offset + len(surface)] == surface
    assert got == expected


# ---------------------------------------------------------------- robustness

ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁМНОСЯ" + "0123456789" * 4 + " \u00a0\n.,;:-–—‒/+%«»()" + "г" * 5
WORDS = [
    "мая",
    "года",
    "году",
    "годы",
    "ноя",
    "сент.",
    "прошлом",
    "текущего",
    "Среда,",
    "двадцать",
    "первого",
    "по",
    "с",
    "в",
    "2019",
    "31",
    "02",
    "1941",
    "сегодня",
    "–",
]


def test_never_raises_on_random_strings():
    rng = random.Random(0)
    for i in range(600):
        if i % 2:
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        else:
            text = " ".join(rng.choice(WORDS + [rng.choice(ALPHABET)]) for _ in range(rng.randint(0, 12)))
        for ctx in (DateContext(), DOC_2019, DateContext(doc_date="2019", doc_date_cert="low")):
            spans = find_dates(text, ctx)
            parse_date(text, ctx)
            for a, b in zip(spans, spans[1:]):
                assert a.end <= b.start
            for s in spans:
                assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text
                attrs = s.attributes()
                if "from" in attrs:
                    assert attrs["from"] < attrs["to"]
