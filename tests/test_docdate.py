"""The document's own date without metadata (toolkit/convert/docdate.py), on texts
written for the test."""

from __future__ import annotations

from toolkit.convert.dates import find_dates, parse_date
from toolkit.convert.docdate import date_context, document_dates
from toolkit.convert.seedmeta import SeedMeta
from toolkit.convert.structure import build


def dates_of(source: str, url: str | None = None):
    built = build(source, "d", parse_date)
    facts, found_by = document_dates(SeedMeta(url=url), built, built.genre)
    return [(f.attrs, f.evidence, f.cert) for f in facts], found_by


def test_publication_timestamp_not_the_first_full_date():
    """A report dated only by "в понедельник" takes the publication date, not the date
    of the next meeting it mentions; the weekday is the Monday before it, inferred."""
    source = (
        "Министры обсудили повестку\n"
        "12.03.2025 18:40\n"
        "В понедельник министры иностранных дел встретились в Минске.\n"
        "Следующее заседание пройдет 20 ноября 2025 года.\n"
    )
    facts, found_by = dates_of(source)
    assert facts == [({"when": "2025-03-12"}, "internal", "high")] and found_by is None
    [monday] = find_dates("В понедельник министры", date_context([]))
    assert monday.attributes() == {}  # no date to count from: no value, and so never marked
    from toolkit.convert.seedmeta import DateFact

    context = date_context([DateFact({"when": "2025-03-12"})])
    [span] = find_dates("В понедельник министры встретились", context)
    assert span.attributes() == {"when": "2025-03-10", "cert": "medium", "evidence": "inferred"}


def test_agency_dateline_opening_the_first_paragraph():
    source = "Министры встретились в Ереване\nЕРЕВАН, 14 октября 2022 – Агентство. Министры встретились сегодня.\n"
    assert dates_of(source) == ([({"when": "2022-10-14"}, "internal", "high")], None)


def test_an_agency_dateline_in_a_paragraph_of_its_own():
    source = "Министры встретились в Ереване\nЕРЕВАН, 14 октября 2022 года\nМинистры встретились сегодня.\n"
    assert dates_of(source) == ([({"when": "2022-10-14"}, "internal", "high")], None)


def test_a_dateline_without_its_year_takes_the_year_the_text_names():
    source = (
        "Министры встретились в Ереване\n"
        "ЕРЕВАН, 14 октября /Агентство/. Министры обсудили план на 2023–2024 годы и итоги 2022 года.\n"
        "В 2022 году совет провел три заседания.\n"
    )
    facts, found_by = dates_of(source)
    assert facts[0][0] == {"when": "2022-10-14"} and facts[0][1] == "inferred" and found_by == "year"


def test_no_full_date_the_year_the_text_names_most():
    source = "Деловая неделя (20–24 июля 2015 года)\nВ Минске 21–22 июля прошло заседание группы.\n"
    facts, found_by = dates_of(source)
    assert facts == [({"when": "2015"}, "inferred", "low")] and found_by == "year"


def test_a_horizon_is_no_year_of_the_text():
    """ "до 2035 года" and "к 2030 году" name when a plan ends, not when the text was written."""
    source = "Министры утвердили стратегию до 2035 года\nПлан к 2030 году обсудили в 2021 году.\n"
    facts, found_by = dates_of(source)
    assert facts == [({"when": "2021"}, "inferred", "low")] and found_by == "year"
    assert dates_of("Министры утвердили стратегию до 2035 года\nПлан рассчитан до 2030 года.\n") == ([], None)


def test_no_date_at_all():
    assert dates_of("Министры встретились\nВстреча прошла в Минске.\n") == ([], None)


def test_a_timestamp_without_its_year_is_no_document_date():
    """ "19 октября 16:18" gives no year: not the document's date (it once crashed the converter)."""
    facts, _ = dates_of("Министры встретились\n19 октября 16:18\nВстреча прошла в Минске 18 октября.\n")
    assert facts == []
    assert date_context([]).doc_date is None


def test_history_in_a_news_report_is_not_its_date():
    source = (
        "Президент направил поздравления лидерам\n"
        "Президент направил поздравления по случаю годовщины.\n"
        "Он напомнил, что договор был подписан 8 декабря 1991 года.\n"
        "В 2016 году страны отметят юбилей, а в 2016 году пройдет саммит.\n"
    )
    facts, found_by = dates_of(source)
    assert facts == [({"when": "2016"}, "inferred", "low")] and found_by == "year"


def test_a_labelled_or_piped_timestamp_is_the_publication_date():
    for stamp in ("30.06.2021 | 17:42", "Опубликовано: 30.06.2021, 17:42"):
        facts, found_by = dates_of(f"Министры встретились в Минске\n{stamp}\nВстреча прошла в Минске.\n")
        assert facts == [({"when": "2021-06-30"}, "internal", "high")] and found_by is None


def test_a_dateline_takes_its_year_from_a_timestamp_of_the_same_day_on_the_page():
    """ "МИНСК, 21 мая – Агентство" after a lede, and "… 21.05.2024" in a photo caption the
    converter set aside as clutter: the page states the year its dateline leaves out."""
    source = (
        "Министры обсудят повестку саммита\n"
        "Фото: Агентство, 21.05.2024\n"
        "Подписаться\n"
        "Глава МИД назвал повестку насыщенной.\n"
        "МИНСК, 21 мая – Агентство. Министры обсудят повестку саммита 3–4 июля в Астане.\n"
    )
    facts, found_by = dates_of(source)
    assert facts[0][0] == {"when": "2024-05-21"} and facts[0][1:] == ("internal", "high") and found_by is None


def test_a_date_in_words_of_the_same_day_is_history_not_the_year():
    """ "9 мая 1945 года" in a report dated "9 мая" is not the page stating its year."""
    source = (
        "Ветеранов поздравили с праздником\n"
        "МОСКВА, 9 мая – Агентство. Ветеранов поздравили с годовщиной Победы 9 мая 1945 года.\n"
    )
    facts, found_by = dates_of(source)
    assert facts[0][1:] != ("internal", "high")  # at most the weaker guess, with a warning to confirm
    assert found_by in ("year", "first")


REPORT = "Министры встретились в Ереване\nЕРЕВАН, 27 ноя – Агентство. Министры встретились сегодня.\n"


def test_the_pages_address_in_the_metadata_gives_the_year_the_dateline_leaves_out():
    """[source] url "…/20201127/…": the date of the address, external and to be confirmed;
    the text's own day where it differs (the address of a page put up the day before)."""
    facts, found_by = dates_of(REPORT, "https://news.example/amp/20201127/zasedanie-123.html")
    assert facts == [({"when": "2020-11-27"}, "external", "medium")] and found_by == "address"
    from toolkit.convert.docdate import date_warnings
    from toolkit.convert.seedmeta import DateFact

    (said,) = date_warnings([DateFact(*facts[0])], found_by, "r.txt")
    assert "from the page's address" in said.message and said.code == "convert.inferred-date"
    facts, _ = dates_of(REPORT, "https://news.example/novosti/2020/11/26/zasedanie")
    assert facts == [({"when": "2020-11-27"}, "external", "medium")]
    facts, _ = dates_of("Министры встретились\nВстреча прошла в Минске.\n", "https://news.example/2020-11-26-vstrecha")
    assert facts == [({"when": "2020-11-26"}, "external", "medium")]


def test_the_text_beats_the_address_and_an_address_without_a_date_gives_none():
    stamped = "Министры встретились\n30.06.2021 17:42\nВстреча прошла в Минске.\n"
    assert dates_of(stamped, "https://news.example/2020/11/26/x") == (
        [({"when": "2021-06-30"}, "internal", "high")],
        None,
    )
    assert dates_of(REPORT, "https://news.example/doc/187861911.html") == dates_of(REPORT)
    from toolkit.convert.docdate import address_date

    assert (
        address_date("https://news.example/20241345/x.html?d=/2020/01/01/") is None
    )  # no 45th day; the query is not the page
    assert address_date("https://news.example/2009/10/07/a/20091008/") == "2009-10-08"  # the last is the page's own
