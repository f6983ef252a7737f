"""Genre without metadata and the clauses of official documents (toolkit/convert/genre.py,
official.py, news.py), on texts written for the test."""

from __future__ import annotations

import pytest

from toolkit.convert.dates import parse_date
from toolkit.convert.structure import build
from toolkit.model.tei import local, t

TEI = "{http://www.tei-c.org/ns/1.0}"


def clauses(built) -> list[tuple[str, str]]:
    return [(d.get("subtype"), d.get("n")) for d in built.text.iter(t("div")) if d.get("type") == "clause"]


UNTITLED_STATEMENT = """Мы, министры иностранных дел государств – членов Организации Договора о коллективной безопасности,

подтверждая приверженность принципам Устава Организации Объединенных Наций,
отмечая возросшие угрозы на внешних границах,

заявляем следующее:
1. Государства – члены будут укреплять взаимодействие.
2. Поручить Секретариату подготовить доклад.
"""

DECLARATION_IN_A_NEWS_PAGE = """Министры подписали совместный документ
АСТАНА, 3 июня 2024 /Корр./. Вчера в Астане министры завершили заседание.
Агентство публикует полный текст документа.
Астанинская декларация министров иностранных дел
г. Астана 2 июня 2024 года
Министры иностранных дел государств-членов,
высоко оценивая вклад Организации в укрепление стабильности,
вновь подтверждая приверженность целям и принципам Устава,
заявляют:
1. Министры поддерживают расширение контактов.
"""

PROTOCOL_DECISION = """ПРОТОКОЛЬНОЕ РЕШЕНИЕ
Совета министров иностранных дел Организации
о плане консультаций

Совет министров иностранных дел, рассмотрев предложения Секретариата, решил:
1. Одобрить план консультаций на 2025 год.
2. Поручить Секретариату информировать Совет о выполнении плана.
Совершено в городе Минске 14 октября 2024 года в одном подлинном экземпляре на русском языке.
За Республику Армения
За Республику Беларусь
За Республику Казахстан
За Кыргызскую Республику За Российскую Федерацию
Председатель Совета министров иностранных дел,
Министр иностранных дел Республики Беларусь И. Петров
"""

ENACTED_BY_A_BODY = """Совет глав правительств Содружества
р е ш и л:
утвердить прилагаемый план мероприятий на 2026 год.
Совершено в городе Бишкеке 5 октября 2025 года.
За Республику Таджикистан За Туркменистан
"""

PRESS_SERVICE_REPORT = """ПРЕСС-СЛУЖБА ПРЕЗИДЕНТА СООБЩАЕТ
Президент провёл телефонный разговор с главой соседнего государства.
Стороны обсудили подготовку к саммиту.
"""


def test_untitled_statement_opening_with_we_is_a_statement_with_clauses():
    built = build(UNTITLED_STATEMENT, "d", parse_date)
    assert built.genre == "statement"
    assert clauses(built) == [
        ("preambular", "PP1"),
        ("preambular", "PP2"),
        ("operative", "chapeau"),
        ("operative", "1"),
        ("operative", "2"),
    ]


def test_untitled_appeal_takes_its_kind_from_its_verb():
    text = UNTITLED_STATEMENT.replace("заявляем следующее:", "обращаемся к партнерам с призывом:")
    assert build(text, "d", parse_date).genre == "appeal"


def test_a_document_published_inside_a_news_page():
    built = build(DECLARATION_IN_A_NEWS_PAGE, "d", parse_date)
    assert built.genre == "declaration"
    assert built.title == "Астанинская декларация министров иностранных дел"
    assert built.stated_date == {"when": "2024-06-02"}
    assert clauses(built) == [
        ("preambular", "PP1"),
        ("preambular", "PP2"),
        ("operative", "chapeau"),
        ("operative", "1"),
    ]
    front = built.text.find(t("front"))
    assert "".join(front.find(t("docTitle")).itertext()) == "Министры подписали совместный документ"
    assert len(front.find(t("argument"))) == 2  # the agency's dateline and its note, in the source's order
    preamble = built.text.find(t("body")).find(t("div"))
    assert preamble.find(t("head")).text == "Астанинская декларация министров иностранных дел"


def test_a_timestamp_above_the_headline_keeps_the_order_and_the_schema():
    built = build("08.09.2022 02:00\nЛидеры встретились в Москве\nВ пятницу лидеры собрались.\n", "d", parse_date)
    parts = [(tp.get("type"), "".join(tp.itertext())) for tp in built.text.iter(t("titlePart"))]
    assert parts == [("sub", "08.09.2022 02:00"), ("main", "Лидеры встретились в Москве")]


def test_protocol_decision_has_its_preamble_and_points_as_clauses_and_no_more():
    built = build(PROTOCOL_DECISION, "d", parse_date, genre="decision")
    assert clauses(built) == [("operative", "chapeau"), ("operative", "1"), ("operative", "2")]
    assert build(PROTOCOL_DECISION, "d", parse_date).genre == "decision"
    operative = next(d for d in built.text.iter(t("div")) if d.get("type") == "operative")
    # after the clauses, a closer (TEI admits no paragraph after a division): the formula of
    # signature as its dateline, each signature a <signed>
    (closer,) = operative.iterchildren(t("closer"))
    assert operative[-1] is closer and not list(operative.iterchildren(t("p")))
    lines = [(local(el), "".join(el.itertext())) for el in closer]
    assert lines[0][0] == "dateline" and lines[0][1].startswith("Совершено в городе Минске")
    assert {kind for kind, _ in lines[1:]} == {"signed"} and lines[-1][1].endswith("И. Петров")
    assert len(lines) == 7


def test_a_narrative_paragraph_after_a_clause_stands_in_a_narrative_div():
    """TEI admits no paragraph after a division: a statement's narrative paragraph after its
    first clause is a div of type narrative (consecutive ones share it)."""
    source = (
        "ЗАЯВЛЕНИЕ\nминистров иностранных дел\n\n"
        "Министры иностранных дел заявляют о приверженности диалогу.\n"
        "Десять лет назад был подписан договор.\nОрганизация содействовала урегулированию споров.\n"
        "Убеждены, что сотрудничество отвечает интересам народов.\n"
    )
    body = build(source, "d", parse_date).text.find(t("body"))
    kinds = [(local(el), el.get("type"), len(el)) for el in body]
    assert kinds == [("div", "clause", 1), ("div", "narrative", 2), ("div", "clause", 1)]


def test_decision_enacted_by_a_body_on_its_own_lines():
    built = build(ENACTED_BY_A_BODY, "d", parse_date)
    assert built.genre == "decision"
    assert clauses(built) == [("operative", "p1")]
    openers = [
        p.text
        for p in built.text.iter(t("p"))
        if (p.get("{http://www.w3.org/XML/1998/namespace}id") or "").endswith(("opener", "opener2"))
    ]
    assert openers == ["Совет глав правительств Содружества", "р е ш и л:"]


@pytest.mark.parametrize(
    "text",
    [
        PRESS_SERVICE_REPORT,
        "ПОЛИТИКА\nМинистры обсудили подготовку к саммиту\nВстреча прошла в Минске.\nСтороны подписали протокол.\n",
        "Заявление министра прозвучало на брифинге\nМинистр ответил на вопросы журналистов.\n",
    ],
)
def test_news_reports_stay_news_reports(text):
    assert build(text, "d", parse_date).genre == "news-report"


def test_timestamp_above_the_headline_and_below_a_byline():
    above = build(
        "08.09.2022 02:00\nЛидеры встретились в Москве\nВ пятницу лидеры собрались в Кремле.\n", "d", parse_date
    )
    assert above.title == "Лидеры встретились в Москве" and above.stated_date == {"when": "2022-09-08"}
    below = build(
        "Министр примет участие в заседании\nЗаседание пройдет 27 ноября\nРедакция сайта\n20 ноября 2025, 13:00\n"
        "Министр примет участие в заседании совета, сообщили в министерстве.\n",
        "d",
        parse_date,
    )
    assert below.stated_date == {"when": "2025-11-20"}
    front = below.text.find(t("front"))
    assert [child.tag.replace(TEI, "") for child in front] == ["docTitle", "argument", "docDate"]


@pytest.fixture(scope="module")
def finder_and_registers():
    from test_entities import load_registers

    from toolkit.convert.names.entities import EntityFinder

    registers = load_registers()
    return EntityFinder(registers), registers


@pytest.mark.parametrize(
    "source",
    [
        UNTITLED_STATEMENT,
        DECLARATION_IN_A_NEWS_PAGE,
        PROTOCOL_DECISION,
        ENACTED_BY_A_BODY,
        PRESS_SERVICE_REPORT,
        "08.09.2022 02:00\nЛидеры встретились в Москве\nВ пятницу лидеры собрались в Кремле.\n",
        "ПОЛИТИКА\nМинистры обсудили итоги года\nЧетверг, 5 Марта, 2026 года\n14 октября 2022 года прошло заседание.\n739\n",
    ],
)
def test_every_shape_converts_lossless_and_valid(source, finder_and_registers):
    from lxml import etree

    from toolkit.convert import lossless
    from toolkit.convert.document import convert_text
    from toolkit.model.serialize import to_bytes
    from toolkit.validate.schema import validate_tree

    finder, registers = finder_and_registers
    result = convert_text(source, "t.txt", None, registers, finder)
    assert lossless.check(source, result.tree) == []
    assert validate_tree(etree.ElementTree(etree.fromstring(to_bytes(result.tree))), "t.xml") == []


def test_plain_statement_clauses_are_where_the_signatories_speak():
    source = (
        "ЗАЯВЛЕНИЕ\nминистров иностранных дел\n\n"
        "Министры иностранных дел заявляют о приверженности диалогу.\n"
        "Десять лет назад был подписан договор. Организация содействовала урегулированию споров.\n"
        "Убеждены, что сотрудничество отвечает интересам народов.\n"
        "Министры выражают готовность к работе.\n"
    )
    built = build(source, "d", parse_date)
    assert built.genre == "statement"
    assert clauses(built) == [("operative", "p1"), ("preambular", "p2"), ("operative", "p3")]


@pytest.mark.parametrize(
    "source, place",
    [
        # a news agency's dateline: where the report was filed, not the headline's place
        (
            "Министр примет участие в заседании в Бишкеке\nМОСКВА, 20 ноября. /Агентство/. Министр примет участие.\n",
            "Москва",
        ),
        ("Министры встретились в Ереване\n30 ноября, Минск /Корр. Агентства/. Министры встретились.\n", "Минск"),
        # where the lead says it happens: a city before a country
        ("В Казахстане началось заседание\nВ Алма-Ате стартовало заседание министров.\n", "Алма-Ата"),
        # an official document's formula of signature
        (ENACTED_BY_A_BODY, "Бишкек"),
    ],
)
def test_the_place_of_the_document(source, place, finder_and_registers):
    from toolkit.convert.document import convert_text

    finder, registers = finder_and_registers
    tree = convert_text(source, "t.txt", None, registers, finder).tree
    creation = tree.getroot().find(f".//{t('creation')}")
    assert "".join(creation.find(t("placeName")).itertext()) == place
