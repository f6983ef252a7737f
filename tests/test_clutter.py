"""Page clutter recognised by its shape (toolkit/convert/clutter.py): counters, rubric
labels, navigation words, share and comment widgets, subscription calls, tickers, the
site's masthead and its current date. Every line here is written for the test."""

from __future__ import annotations

import pytest

from toolkit.convert.clutter import clutter_lines, is_clutter, is_masthead
from toolkit.convert.dates import find_dates
from toolkit.convert.structure import build


@pytest.mark.parametrize(
    "line",
    [
        "ЭКОНОМИКА",  # rubric labels
        "Общество",
        "Общая информация",
        "1 475 просмотров",  # counters
        "Просмотров: 318",
        "412",
        "Все видео",  # navigation
        "Фото",
        "Все новости",
        "Подписаться",
        "Предыдущая статьяМинистры обсудили повестку",
        "Читать на сайте EXAMPLE.RU",
        "Комментарии (7)",  # comment and share widgets
        "Социальные комментарии Widgetly",
        "Поделиться",
        "Подпишитесь на наш Telegram-канал, чтобы не пропустить главное!",  # subscription calls
        "GBP = 102.40 RUB",  # a ticker
        "example-news.kz",  # a site's name
        "Regional news of the week",
        "A",  # a font-size widget
    ],
)
def test_clutter_by_shape(line):
    assert is_clutter(line)


@pytest.mark.parametrize(
    "line",
    [
        "ЗАЯВЛЕНИЕ",  # a document's title
        "Приложение",
        "Генеральный секретарь",  # a signature's office
        "Министр иностранных дел",
        "Душанбе",  # a place line of a dateline
        "г. Астана",
        "2024",  # a year alone is no counter
        "р е ш и л:",  # an enacting formula spaced out
        "Министры обсудили итоги года",  # a headline
        "1. Одобрить план консультаций.",
    ],
)
def test_document_lines_are_not_clutter(line):
    assert not is_clutter(line)


def test_masthead_is_the_sites_own_name_above_a_headline():
    assert is_masthead("Министерство иностранных дел Республики Узбекистан", "Министр провёл встречу с послом")
    assert is_masthead("Исполнительный комитет Содружества Независимых Государств", "ЗАЯВЛЕНИЕ")
    # the body that enacts a decision is part of it
    assert not is_masthead("Совет министров обороны Организации", "р е ш и л:")
    # a headline with a verb is no masthead
    assert not is_masthead("Министерство обороны провело учения", "Учения прошли в горах")


def test_the_sites_current_date_is_clutter_the_publication_date_is_not():
    page = ["Четверг, 5 Марта, 2026 года", "Министры встретились 14 октября 2022 года в Ереване.", "Текст отчёта."]
    assert clutter_lines(page, find_dates) == {0}
    same_day = ["Пятница, 14 Октября, 2022 года", "Министры встретились 14 октября 2022 года в Ереване."]
    assert clutter_lines(same_day, find_dates) == set()


def test_clutter_goes_to_the_residue_and_no_word_is_lost():
    source = (
        "ПОЛИТИКА\n"
        "Министры обсудили итоги года\n"
        "Четверг, 5 Марта, 2026 года\n"
        "14 октября 2022 года в Ереване прошло заседание совета.\n"
        "2 980 просмотров\n"
        "Все видео\n"
    )
    built = build(source, "doc", lambda s: None)
    residue = [p.get("n") for p in built.text.iter("{http://www.tei-c.org/ns/1.0}p") if p.get("n")]
    assert residue == ["1", "3", "5", "6"]
    assert built.genre == "news-report" and built.title == "Министры обсудили итоги года"


def test_a_photo_caption_echoed_under_its_credit_is_clutter():
    page = [
        "Министры обсудили повестку",
        "© Агентство / Иван Петров / Перейти в фотобанкФлаги государств на площади перед дворцом",
        "Флаги государств на площади перед дворцом - Агентство, 1920, 21.05.2024",
        "Министры обсудили повестку саммита в Астане.",
    ]
    assert clutter_lines(page, find_dates) == {1, 2}
