"""toolkit.evaluate: error classes, genre, clause and clutter scoring, words lost, the
report. Each case is a small text written here with a TEI made by hand."""

from __future__ import annotations

from lxml import etree

from toolkit.evaluate.errors import classify
from toolkit.evaluate.report import Targets, error_classes, figures_table, report, shortfalls
from toolkit.evaluate.results import Text, evaluate_texts
from toolkit.evaluate.score import Found
from toolkit.evaluate.structure import gold_clutter_lines, score_clauses, score_clutter, words_lost

NS = "http://www.tei-c.org/ns/1.0"


def tei(body: str, back: str = "", genre: str = "news-report") -> etree._ElementTree:
    xml = (
        f'<TEI xmlns="{NS}"><teiHeader><profileDesc><textClass><keywords>'
        f'<term type="genre" key="{genre}"/></keywords></textClass></profileDesc></teiHeader>'
        f"<text><body>{body}</body>{back}</text></TEI>"
    )
    return etree.ElementTree(etree.fromstring(xml))


def f(type_, text, source, key="", occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = source.index(text, start + 1)
    return Found(type_, start, start + len(text), key, text)


SOURCE = "Командующий ВДВ России встретился с Ильхамом Алиевым 10-го мая 2023 года в Баку.\n"


def test_split_merged_missed_spurious_boundary_type_value():
    gold = [
        f("org", "ВДВ России", SOURCE, "vdv"),
        f("person", "Ильхамом Алиевым", SOURCE, "aliyev"),
        f("date", "10-го мая 2023 года", SOURCE, "2023-05-10"),
        f("place", "Баку", SOURCE, "baku"),
    ]
    found = [
        f("org", "ВДВ", SOURCE, "vdv"),
        f("place", "России", SOURCE, "russia"),
        f("person", "Ильхамом", SOURCE, "ilkham"),
        f("person", "Алиевым", SOURCE, "aliyev"),
        f("date", "мая 2023 года", SOURCE, "2023-05"),
        f("org", "Баку", SOURCE, "baku"),
        f("person", "Командующий", SOURCE, "x"),
    ]
    kinds = {(e.kind, e.type) for e in classify(gold, found, SOURCE)}
    assert kinds == {
        ("split", "org"),
        ("split", "person"),
        ("boundary", "date"),
        ("wrong type", "place"),
        ("spurious", "person"),
    }
    merged = classify(gold[1:2], [f("person", "Ильхамом Алиевым 10-го", SOURCE)], SOURCE)
    assert [e.kind for e in merged] == ["boundary"]
    merged = classify(gold[:2], [f("org", "ВДВ России встретился с Ильхамом Алиевым", SOURCE)], SOURCE)
    assert [(e.kind, e.type) for e in merged] == [("merged", "org")]
    missed = classify(gold[3:], [], SOURCE)
    assert [(e.kind, e.type) for e in missed] == [("missed", "place")]
    value = classify(gold[2:3], [f("date", "10-го мая 2023 года", SOURCE, "2023-05-11")], SOURCE)
    assert [e.kind for e in value] == ["wrong value"]
    assert "[10-го мая 2023 года]" in value[0].context
    assert "expected date «10-го мая 2023 года» (2023-05-10)" in value[0].describe()


def test_context_is_cut_to_the_line():
    source = "Первая строка.\n" + "слово " * 20 + "Баку" + " слово" * 20 + "\nТретья."
    [error] = classify([f("place", "Баку", source, "baku")], [], source)
    assert error.context.startswith("…") and error.context.endswith("…") and "[Баку]" in error.context
    assert "\n" not in error.context and "Первая" not in error.context


def test_clauses_by_kind_and_line():
    gold = [
        {"kind": "preambular", "line": 3, "starts_with": "подтверждая"},
        {"kind": "operative", "line": 4, "starts_with": "1. Поручить"},
        {"kind": "operative", "line": 5, "starts_with": "2. Одобрить"},
    ]
    found = [("preambular", 3, "подтверждая"), ("preambular", 4, "1. Поручить"), ("operative", 6, "Подпись")]
    tally = score_clauses(gold, found)
    assert (tally.tp, tally.fp, tally.fn) == (1, 2, 2)
    assert any("expected operative" in m for m in tally.misses)
    assert any("missed operative" in m and "line 5" in m for m in tally.misses)
    assert any("spurious operative" in m for m in tally.misses)


def test_clutter_lines_by_their_text():
    source = "ПОЛИТИКА\nЗаголовок новости\n  6200 просмотров \nТекст.\n"
    gold = gold_clutter_lines(["ПОЛИТИКА", "6200 просмотров"], source)
    assert gold == {1, 3}
    tally = score_clutter(gold, {1, 4}, source)
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 1)
    assert any("clutter left in the text «6200 просмотров»" in m for m in tally.misses)


def test_words_lost_counts_each_missing_word():
    source = "Министры встретились в Минске.\nПОЛИТИКА\n"
    tree = tei("<div><p>Министры встретились в <placeName>Минске</placeName>.</p></div>")
    assert words_lost(tree, source) == ["ПОЛИТИКА"]
    kept = tei(
        "<div><p>Министры встретились в Минске.</p></div>",
        back='<back><div type="residue"><p n="2">ПОЛИТИКА</p></div></back>',
    )
    assert words_lost(kept, source) == []


def test_a_text_scored_whole_and_reported():
    source = "ПОЛИТИКА\nМинистры встретились в Минске 5 мая 2023 года.\n1. Одобрить план.\n"
    tree = tei(
        '<div type="news"><p>Министры встретились в <placeName ref="pla:minsk">Минске</placeName> '
        '<date when="2023-05-05">5 мая 2023 года</date>.</p>'
        '<list><item n="1"><label>1.</label> Одобрить план.</item></list></div>',
        back='<back><div type="residue"><p n="1">ПОЛИТИКА</p></div></back>',
        genre="statement",
    )
    gold = {
        "genre": "news-report",
        "mentions": [
            {"type": "place", "text": "Минске", "offset": source.index("Минске"), "key": "minsk"},
            {"type": "date", "text": "5 мая 2023 года", "offset": source.index("5 мая"), "when": "2023-05-05"},
        ],
        "clauses": [{"kind": "list-item", "n": "1", "line": 3, "starts_with": "Одобрить план"}],
        "boilerplate": ["ПОЛИТИКА"],
    }
    results = evaluate_texts([Text("t1", gold, source, tree)], "written")
    assert results.entities["place"].tp == 1 and results.entities["date"].key_accuracy == 1.0
    assert (results.clauses.tp, results.clutter.tp, results.words_lost) == (1, 1, 0)
    assert results.genre_accuracy == 0.0
    text = report(results, documents=True)
    assert "genre   0/1 right" in text and "t1: expected news-report, found statement" in text
    assert shortfalls(results, Targets()) == ["written: genre 0.000 < 0.9"]
    table = figures_table([results])
    assert table.splitlines()[2].startswith("| written | 1 | 1.00 / 1.00 |")
    assert all(line.count("|") == table.splitlines()[0].count("|") for line in table.splitlines())


def test_error_classes_group_by_type_then_kind():
    source = "Встреча в Баку и Ереване.\n"
    tree = tei('<div><p>Встреча в <placeName ref="pla:baku">Баку</placeName> и Ереване.</p></div>')
    gold = {
        "mentions": [
            {"type": "place", "text": "Баку", "offset": 10, "key": "baku"},
            {"type": "place", "text": "Ереване", "offset": 17, "key": "yerevan"},
        ]
    }
    results = evaluate_texts([Text("t", gold, source, tree)])
    text = error_classes(results)
    assert text.splitlines()[:3] == [
        "place: 1 error",
        "  missed (1)",
        "    t: expected place «Ереване» (yerevan) | found —",
    ]


def test_new_names_are_judged_by_one_entity_one_key():
    # "Ли Мин и Ли Мин встретили Чжан Вэя."
    gold = [
        Found("person", 0, 6, "li-ming", "Ли Мин", candidate=True),
        Found("person", 9, 15, "li-ming", "Ли Мин", candidate=True),
        Found("person", 26, 34, "zhang-wei", "Чжан Вэя", candidate=True),
    ]
    found = [
        Found("person", 0, 6, "min", "Ли Мин"),
        Found("person", 9, 15, "min", "Ли Мин"),
        Found("person", 26, 34, "min", "Чжан Вэя"),  # another person under the same key
    ]
    from toolkit.evaluate.results import candidate_keys

    assert candidate_keys(list(zip(gold, found))) == {"li-ming": "min"}
    assert candidate_keys([(Found("org", 0, 3, "csto", "ОДКБ"), Found("org", 0, 3, "x", "ОДКБ"))]) == {}


def test_the_documents_date_and_place():
    source = "Министры встретились в Минске.\n"
    xml = (
        f'<TEI xmlns="{NS}"><teiHeader><profileDesc><creation><date when="2023-05-05">5 мая 2023 г.</date>, '
        '<placeName ref="pla:minsk">Минск</placeName></creation></profileDesc></teiHeader>'
        "<text><body><div><p>Министры встретились в Минске.</p></div></body></text></TEI>"
    )
    tree = etree.ElementTree(etree.fromstring(xml))
    gold = {"mentions": [], "doc_date": "2023-05", "doc_place_key": "minsk"}
    results = evaluate_texts([Text("t", gold, source, tree)])
    assert results.right("doc_date") == (0, 1) and results.right("doc_place") == (1, 1)
    assert "t: expected 2023-05, found 2023-05-05" in report(results)
