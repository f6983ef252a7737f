"""A news agency's dateline, read once for the document's date, its place and the credit
(toolkit.convert.agency_dateline). Sentences written for the tests."""

from __future__ import annotations

import pytest

from toolkit.convert.agency_dateline import read


@pytest.mark.parametrize(
    "text, place, date, credit",
    [
        ("ОМСК, 2 марта. /Агентство/. Министр встретился с послом.", "ОМСК", "2 марта", "Агентство"),
        ("Тверь, 5 июня /Вестник/ Министры встретились.", "Тверь", "5 июня", "Вестник"),
        ("4 мая, Псков /Корр. Вестника/. Заседание прошло.", "Псков", "4 мая", "Вестника"),
        ("КАЗАНЬ, 9 фев - Вестник. Заседание пройдет онлайн.", "КАЗАНЬ", "9 фев", "Вестник"),
        (
            "НИЖНИЙ НОВГОРОД, 1 июля 2021 – Новое Агентство. Совет собрался.",
            "НИЖНИЙ НОВГОРОД",
            "1 июля 2021",
            "Новое Агентство",
        ),
        ("ОРЕЛ, 3 апреля 2020, 10:15 — Вестник. Министры обсудили план.", "ОРЕЛ", "3 апреля 2020", "Вестник"),
        ("ТОМСК /Вестник/ - Министр выступил.", "ТОМСК", None, "Вестник"),
        ("Курск. 6 марта. Министры встретились.", "Курск", "6 марта", None),
        # a paragraph of its own: the dateline and nothing after it
        ("Самара, 12 апреля 2022 года", "Самара", "12 апреля 2022 года", None),
        ("7 октября. Министры встретились.", None, "7 октября", None),
    ],
)
def test_the_parts_of_a_dateline(text, place, date, credit):
    found = read(text)
    assert found is not None
    assert found.place_text(text) == place
    assert (found.date.text if found.date else None) == date
    assert (text[slice(*found.credit)] if found.credit else None) == credit


@pytest.mark.parametrize(
    "text",
    [
        "В понедельник министры встретились в Москве.",  # a date, but no dateline
        "Министры 2 марта обсудили план.",  # a date after a sentence's words
        "Москва – столица. Министры встретились.",  # a place and a dash, but no date and no credit
        "Москва – Столица. Министры встретились.",  # an undated credit needs its place in capitals
        "Совет, собравшийся в Туле 2 марта 2021 года, принял решение.",  # words, not a place, before the date
    ],
)
def test_no_dateline(text):
    assert read(text) is None


def test_the_correspondent_is_not_the_agency():
    text = "4 мая, Псков /Корр. Вестника/. Заседание прошло."
    found = read(text)
    assert text[slice(*found.credit)] == "Вестника"
    assert text[slice(*found.marks)] == "/Корр. Вестника/"
