"""Entity finder (toolkit/convert/names/entities.py): measured against the gold annotation of the seeds
and the hand-annotated generalisation texts, plus the encoding conventions one by one.

`pytest -s tests/test_entities.py` prints the per-type precision/recall tables.

Longer than the house's 400 lines on purpose: one topic's cases beside the module-scoped
fixtures they share (built once per module); split it when the topic splits."""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import pytest
from lxml import etree

from toolkit.convert.annotate import Span
from toolkit.convert.names.entities import EntityFinder, Mention, candidate_key, to_span
from toolkit.model.registers import FILE_OF_KIND, KINDS, Registers

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
GENERALISATION = ROOT / "tests" / "generalisation"
TYPES = ("person", "place", "org")
_MARKDOWN = re.compile(r"\*\*(?P<bold>[^*\n]+?)\*\*|\[(?P<link>[^\]\n]+)\]\([^)\s]*\)")


def load_registers() -> Registers:
    return Registers({kind: etree.parse(str(ROOT / "tei" / "registers" / FILE_OF_KIND[kind])) for kind in KINDS})


@pytest.fixture(scope="module")
def finder() -> EntityFinder:
    return EntityFinder(load_registers())


def find(finder: EntityFinder, *blocks: str) -> list[list[Mention]]:
    return finder.find_document(list(blocks))


def plain(line: str) -> str:
    """A source line as the converter gives it to the finder: markdown artefacts read as text."""
    return _MARKDOWN.sub(lambda m: m.group("bold") or m.group("link"), line)


# ---------------------------------------------------------------- measurement


def document_blocks(annotation: dict, source: str) -> list[str]:
    """The source split into lines; boilerplate lines are not document text (empty blocks)."""
    clutter = {b.strip() for b in annotation["boilerplate"]}
    return ["" if line.strip() in clutter else plain(line) for line in source.split("\n")]


def identity(m: dict) -> str:
    """A gold mention's entity: its register key; for a name not in the registers, its nominative."""
    return "~" + m["name"] if m.get("candidate") else m["key"]


def score(annotation_dir: Path, source_dir: Path, finder: EntityFinder):
    """Per type: true positives, found, expected over all files; plus the differences.

    A found mention is right when line, type, surface and entity agree (entity: the key,
    or for an unregistered name the nominative lemma)."""
    counts = {t: [0, 0, 0] for t in TYPES}
    diffs = []
    for path in sorted(annotation_dir.glob("0*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        source = (source_dir / annotation["seed"]).read_text(encoding="utf-8")
        found = finder.find_document(document_blocks(annotation, source))
        got = collections.Counter(
            (n, m.kind, m.text, m.key or "~" + m.name) for n, ms in enumerate(found, 1) for m in ms
        )
        want = collections.Counter(
            (m["line"], m["type"], m["text"], identity(m)) for m in annotation["mentions"] if m["type"] in TYPES
        )
        both = got & want
        for t in TYPES:
            counts[t][0] += sum(v for k, v in both.items() if k[1] == t)
            counts[t][1] += sum(v for k, v in got.items() if k[1] == t)
            counts[t][2] += sum(v for k, v in want.items() if k[1] == t)
        diffs += [("found, not expected", path.stem, k) for k in (got - want).elements()]
        diffs += [("expected, not found", path.stem, k) for k in (want - got).elements()]
    return counts, diffs


def report(title: str, counts: dict, diffs: list) -> dict[str, tuple[float, float]]:
    figures = {}
    print(f"\n{title}\n  {'type':8}{'precision':>10}{'recall':>8}{'tp':>6}{'found':>7}{'gold':>6}")
    for t, (tp, n_got, n_want) in counts.items():
        p = tp / n_got if n_got else 1.0
        r = tp / n_want if n_want else 1.0
        figures[t] = (p, r)
        print(f"  {t:8}{p:10.3f}{r:8.3f}{tp:6}{n_got:7}{n_want:6}")
    for d in diffs:
        print("  ", *d)
    return figures


def test_seeds_precision_and_recall(finder):
    counts, diffs = score(GOLD, ROOT / "seeds", finder)
    figures = report("Entities on the five seeds (gold: tests/gold)", counts, diffs)
    for t, (p, r) in figures.items():
        assert p >= 0.95 and r >= 0.95, (t, p, r, diffs)


def test_generalisation_precision_and_recall(finder):
    counts, diffs = score(GENERALISATION, GENERALISATION, finder)
    figures = report("Entities on the generalisation texts (tests/generalisation)", counts, diffs)
    for t, (p, r) in figures.items():
        assert p >= 0.85 and r >= 0.85, (t, p, r, diffs)


def test_generalisation_texts_are_well_formed():
    """Six or more texts of 800–2000 characters, each annotation findable in its text."""
    texts = sorted(GENERALISATION.glob("0*.txt"))
    assert len(texts) >= 6
    for path in texts:
        source = path.read_text(encoding="utf-8")
        assert 800 <= len(source) <= 2000, path.name
        annotation = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        lines = source.split("\n")
        for m in annotation["mentions"]:
            assert source[m["offset"] : m["offset"] + len(m["text"])] == m["text"], m
            assert m["text"] in lines[m["line"] - 1], m
            assert source[: m["offset"]].count(m["text"]) + 1 == m["occurrence"], m
        for b in annotation["boilerplate"]:
            assert b in lines


def test_mentions_are_flat_and_ordered(finder):
    for path in [*sorted(GOLD.glob("0*.json")), *sorted(GENERALISATION.glob("0*.json"))]:
        annotation = json.loads(path.read_text(encoding="utf-8"))
        source_dir = ROOT / "seeds" if path.parent == GOLD else GENERALISATION
        blocks = document_blocks(annotation, (source_dir / annotation["seed"]).read_text(encoding="utf-8"))
        for block, mentions in zip(blocks, finder.find_document(blocks)):
            for a, b in zip(mentions, mentions[1:]):
                assert a.end <= b.start, (path.name, a, b)
            for m in mentions:
                assert block[m.start : m.end] == m.text and m.kind in TYPES and m.name


# ---------------------------------------------------------------- inflection and linking


@pytest.mark.parametrize(
    "text, surface, key",
    [
        ("Президент России направил поздравление Токаеву.", "Токаеву", "tokayev"),
        ("Встреча с Лукашенко прошла в Минске.", "Лукашенко", "lukashenko"),
        ("Премьер поздравил Александра Лукашенко.", "Александра Лукашенко", "lukashenko"),
        ("Письмо направлено Александру Лукашенко.", "Александру Лукашенко", "lukashenko"),
        ("Поблагодарил Сооронбая Жээнбекова за председательство.", "Сооронбая Жээнбекова", "jeenbekov"),
        ("Переговоры с Никола Пашиняном завершились.", "Пашиняном", "pashinyan"),
        ("Россия сотрудничает с Организацией Объединённых Наций.", "Организацией Объединённых Наций", "un"),
        ("Россия сотрудничает с Организацией Объединенных Наций.", "Организацией Объединенных Наций", "un"),
        (
            "Заседание Совета министров иностранных дел прошло в Бишкеке.",
            "Совета министров иностранных дел",
            "csto-cmfa",
        ),
        (
            "Диалог с Североатлантическим советом продолжится.",
            "Североатлантическим советом",
            "nato-north-atlantic-council",
        ),
        ("Обсудили положение в Центральной Азии.", "Центральной Азии", "central-asia"),
        ("Приняли заявление о ситуации на Ближнем Востоке.", "Ближнем Востоке", "middle-east"),
        ("Делегации прибыли в Республику Беларусь.", "Республику Беларусь", "belarus"),
    ],
)
def test_inflected_names_are_linked(finder, text, surface, key):
    (mentions,) = find(finder, text)
    assert any(m.text.endswith(surface) and m.key == key for m in mentions), mentions


def test_canonical_name_of_a_linked_mention(finder):
    (mentions,) = find(finder, "Токаеву вручили награду.")
    assert mentions[0].name == "Токаев, Касым-Жомарт Кемелевич"


def test_new_names_are_candidates_in_the_nominative(finder):
    (mentions,) = find(finder, "В Ташкенте министр обороны Узбекистана Бахтиёр Курбанов встретился с генсеком ОДКБ.")
    by_text = {m.text: m for m in mentions}
    person = by_text["Бахтиёр Курбанов"]
    assert (person.kind, person.key, person.name) == ("person", None, "Бахтиёр Курбанов")
    assert (by_text["Узбекистана"].kind, by_text["Узбекистана"].key, by_text["Узбекистана"].name) == (
        "place",
        None,
        "Узбекистан",
    )
    assert (by_text["Ташкенте"].key, by_text["Ташкенте"].name) == (None, "Ташкент")
    assert by_text["ОДКБ"].key == "csto"
    assert candidate_key(person.kind, person.name) == "kurbanov"


def test_inflected_new_names_share_one_nominative(finder):
    blocks = find(
        finder,
        "Председатель Исполкома СНГ Сергей Лебедев прибыл в Москву.",
        "Встреча с Сергеем Лебедевым прошла в Шанхайской организации сотрудничества.",
        "По словам Лебедева, Шанхайская организация сотрудничества готова к диалогу.",
    )
    people = [m for ms in blocks for m in ms if m.kind == "person"]
    assert [m.name for m in people] == ["Сергей Лебедев"] * 3
    sco = [m.name for ms in blocks for m in ms if m.text.startswith("Шанхайск")]
    assert sco == ["Шанхайская организация сотрудничества"] * 2
    assert {m.text for ms in blocks for m in ms if m.kind == "place"} == {"Москву"}


def test_a_surname_alone_refers_to_the_full_name_met_elsewhere(finder):
    blocks = find(finder, "Лаврова встретили в аэропорту.", "Глава МИД России Сергей Лавров прибыл в Минск.")
    (early,) = [m for m in blocks[0] if m.kind == "person"]
    assert (early.text, early.name) == ("Лаврова", "Сергей Лавров")


def test_an_oblique_forename_and_surname_are_one_person_in_the_nominative(finder):
    """ "Ильхама Алиева" reads as a woman's name in the nominative or a man's in the
    genitive: the likelier readings of both words decide (one person, "Ильхам Алиев")."""
    blocks = find(finder, "Для Ильхама Алиева это первый визит.", "Алиев отметил значение встречи.")
    people = [(m.text, m.name) for ms in blocks for m in ms if m.kind == "person"]
    assert people == [("Ильхама Алиева", "Ильхам Алиев"), ("Алиев", "Ильхам Алиев")]


def test_a_forename_and_surname_found_apart_are_joined(finder):
    from toolkit.convert.names.block import Cand
    from toolkit.convert.names.ner import analyse
    from toolkit.convert.names.person_mentions import join_split_names
    from toolkit.convert.names.persons import People

    blk = analyse("Визит Садыра Жапарова завершился.", finder.gazetteer)
    people = People(finder.people)
    split = [Cand(1, 1, "person", 1, None, "Садыра"), Cand(2, 2, "person", 1, None, "Жапарова")]
    assert [(c.first, c.last, c.name) for c in join_split_names(blk, split, people)] == [(1, 2, "Садыр Жапаров")]
    apart = [Cand(0, 0, "person", 1, None, "Визит"), Cand(1, 1, "person", 1, None, "Садыра")]
    assert join_split_names(blk, apart, people) == apart  # "Визит" is no forename


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Министр иностранных дел Казахстана К.Токаев открыл заседание.", "К.Токаев"),
        ("Письмо направлено К.Токаеву.", "К.Токаеву"),
        ("В заседании участвовали С.Аслов и Э.Абдылдаев.", "С.Аслов"),
        ("По словам С.Мухриддина, стороны договорились.", "С.Мухриддина"),
    ],
)
def test_an_initial_without_a_space(finder, text, surface):
    (mentions,) = find(finder, text)
    assert surface in [m.text for m in mentions if m.kind == "person"]


def test_a_surname_alone_after_a_full_name_whose_nominative_is_unsure(finder):
    """ "Станислава Зася" (a man's genitive, or a woman's nominative?): the later "Зась"
    is the same person, whatever nominative the full name was given."""
    blocks = find(finder, "Министр принял Станислава Зася.", "Зась рассказал о подготовке к сессии.")
    (first,), (second,) = ([m for m in ms if m.kind == "person"] for ms in blocks)
    assert second.text == "Зась" and second.name == first.name


@pytest.mark.parametrize(
    "text, surface, name",
    [
        ("Обстановка в Ферганской области остается стабильной.", "Ферганской области", "Ферганская область"),
        ("Учения прошли в Горно-Бадахшанской автономной области.", "Горно-Бадахшанской автономной области", None),
        ("Обсудили ситуацию в Центрально-Азиатском регионе.", "Центрально-Азиатском регионе", None),
        ("Делегация посетила Варзобское ущелье.", "Варзобское ущелье", "Варзобское ущелье"),
        ("Речь шла о последствиях аварии на Чернобыльской АЭС.", "Чернобыльской АЭС", "Чернобыльская АЭС"),
        ("Гуманитарная помощь направлена в сектор Газа.", "сектор Газа", "сектор Газа"),
        ("Ситуация в секторе Газа обсуждалась.", "секторе Газа", "сектор Газа"),
        ("Он посетил провинцию Бадахшан.", "провинцию Бадахшан", "провинция Бадахшан"),
        # a building or a square named by its adjectives
        ("Переговоры прошли в Мраморном дворце.", "Мраморном дворце", "Мраморный дворец"),
        ("Парад прошел на Красной площади.", "Красной площади", "Красная площадь"),
    ],
)
def test_a_place_with_a_generic_head(finder, text, surface, name):
    (mentions,) = find(finder, text)
    places = [(m.text, m.name) for m in mentions if m.kind == "place"]
    assert [p[0] for p in places] == [surface]
    assert name is None or places[0][1] == name


@pytest.mark.parametrize(
    "text",
    ["Южный регион страны пострадал от наводнения.", "Встреча прошла в районе Душанбе."],
)
def test_no_generic_head_place_without_a_proper_name(finder, text):
    (mentions,) = find(finder, text)
    assert all("регион" not in m.text and "районе" not in m.text for m in mentions)


def test_candidate_key_is_stable():
    assert candidate_key("person", "Иванов Пётр") == "ivanov"
    assert candidate_key("person", "Бахтиёр Курбанов") == candidate_key("person", "Бахтиёр Курбанов") == "kurbanov"
    assert candidate_key("person", "Токаев, Касым-Жомарт Кемелевич") == "tokayev"
    assert candidate_key("org", "Министерство обороны") == "ministerstvo-oborony"
    assert candidate_key("org", "ШОС") == "shos"
    assert candidate_key("place", "Нью-Дели") == "nyu-deli"
    for kind, name in [("place", "Южный Кавказ"), ("org", "«Газпром»"), ("person", "Си Цзиньпин")]:
        key = candidate_key(kind, name)
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", key), key


# ---------------------------------------------------------------- typos


def test_near_miss_of_a_register_surname_is_corrected(finder):
    text = "Для этого Касым-Жомарт Токаве предложил рассмотреть ряд задач"
    (mentions,) = find(finder, text)
    (m,) = mentions
    assert (m.text, m.key) == ("Касым-Жомарт Токаве", "tokayev")
    ((start, end, corrected),) = m.corrections
    assert (text[start:end], corrected) == ("Токаве", "Токаев")


def test_near_miss_of_a_name_met_in_the_document_is_corrected(finder):
    blocks = find(
        finder,
        "Бахтиёр Саидвов прибыл в Москву.",
        "Министр Бахтиёр Саидов провел переговоры. Бахтиёр Саидов отметил их важность.",
    )
    typo = blocks[0][0]
    assert (typo.text, typo.name) == ("Бахтиёр Саидвов", "Бахтиёр Саидов")
    ((start, end, corrected),) = typo.corrections
    assert ("Бахтиёр Саидвов прибыл"[start:end], corrected) == ("Саидвов", "Саидов")
    assert all(not m.corrections for m in blocks[1])


def test_a_typo_counts_an_adjacent_transposition_as_one_edit():
    from toolkit.convert.names.typos import near_miss

    # two swapped pairs: two edits as optimal string alignment counts them, three as Levenshtein's
    assert near_miss("Жэенбекво", "Жээнбеков") == "Жээнбеков"
    assert near_miss("Ткоаве", "Токаев") == "Токаев"
    assert near_miss("Токаевым", "Токаев") is None  # a case form, no typo
    assert near_miss("Петров", "Токаев") is None


def test_latin_twins_of_cyrillic_letters_are_read_and_corrected(finder):
    """ "ОДKБ" and "Бишкeке" typed with a Latin K and e: found as the register's entries,
    kept as typed and corrected; a new abbreviation so typed ("ЕАЭC") is its own name."""
    from toolkit.convert.names.morph import cyrillic

    text = "Заседание ОДKБ прошло в Бишкeке, а ЕАЭC провел форум."
    (mentions,) = find(finder, text)
    got = [(m.text, m.kind, m.key, [(text[s:e], c) for s, e, c in m.corrections]) for m in mentions]
    assert got[:2] == [
        ("ОДKБ", "org", "csto", [("ОДKБ", "ОДКБ")]),
        ("Бишкeке", "place", "bishkek", [("Бишкeке", "Бишкеке")]),
    ]
    assert [(m.text, m.name, m.corrections != ()) for m in mentions[2:]] == [("ЕАЭC", "ЕАЭС", True)]
    assert cyrillic("iPhone") == "iPhone" and cyrillic("ОДКБ-Info") == "ОДКБ-Info"  # no twin for every letter


def test_a_different_forename_is_no_typo(finder):
    (mentions,) = find(finder, "Сергей Токарев выступил на конференции.")
    assert [(m.key, m.corrections) for m in mentions if m.kind == "person"] == [(None, ())]


# ---------------------------------------------------------------- conventions


def spans(finder, text: str) -> list[tuple[str, str, str | None]]:
    (mentions,) = find(finder, text)
    return [(m.kind, m.text, m.key) for m in mentions]


def test_a_body_and_its_organisation_are_two_mentions(finder):
    assert spans(finder, "диалог между Постоянным советом ОДКБ и Североатлантическим советом") == [
        ("org", "Постоянным советом", "csto-permanent-council"),
        ("org", "ОДКБ", "csto"),
        ("org", "Североатлантическим советом", "nato-north-atlantic-council"),
    ]
    text = (
        "заседание Совета министров иностранных дел государств-членов "
        "Организации Договора о коллективной безопасности (ОДКБ)."
    )
    assert spans(finder, text) == [
        ("org", "Совета министров иностранных дел", "csto-cmfa"),
        ("org", "Организации Договора о коллективной безопасности", "csto"),
        ("org", "ОДКБ", "csto"),
    ]


def test_unregistered_body_before_its_organisation(finder):
    found = spans(finder, "Поручить Секретариату ОДКБ совместно с Исполнительным комитетом СНГ подготовить план.")
    assert [(k, t) for k, t, _ in found] == [
        ("org", "Секретариату"),
        ("org", "ОДКБ"),
        ("org", "Исполнительным комитетом"),
        ("org", "СНГ"),
    ]


def test_a_country_inside_an_organisation_name_belongs_to_it(finder):
    assert spans(finder, "По данным пресс-службы МИД КР, заседание прошло успешно.") == [("org", "МИД КР", "kg-mfa")]
    found = spans(finder, "Вузы Министерства обороны России принимают слушателей.")
    assert [(k, t) for k, t, _ in found] == [("org", "Министерства обороны России")]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Командующий ВДВ России прибыл в Минск.", "ВДВ России"),
        ("Представитель министерства обороны Армении заявил о готовности.", "министерства обороны Армении"),
        ("Источник в администрации президента Казахстана сообщил об этом.", "администрации президента Казахстана"),
    ],
)
def test_a_country_inside_a_lower_case_or_abbreviated_name(finder, text, surface):
    (mentions,) = find(finder, text)
    assert [(m.kind, m.text) for m in mentions if m.text in surface] == [("org", surface)]


def test_generic_plural_institutions_before_an_organisation_are_no_body(finder):
    (mentions,) = find(finder, "Это встреча представителей оборонных ведомств стран НАТО.")
    assert [m.text for m in mentions if m.kind == "org"] == ["НАТО"]


@pytest.mark.parametrize(
    "text, body, org",
    [
        ("Заседание Совета глав правительств СНГ прошло в Душанбе.", "Совета глав правительств", "СНГ"),
        (
            "Министр принял участие в Заседании Совета министров Содружества Независимых Государств.",
            "Совета министров",
            "Содружества Независимых Государств",
        ),
        ("Заседание совета министров ОДКБ прошло онлайн.", "совета министров", "ОДКБ"),
    ],
)
def test_a_body_before_an_organisation_whatever_names_it(finder, text, body, org):
    (mentions,) = find(finder, text)
    orgs = [m.text for m in mentions if m.kind == "org"]
    assert orgs[:2] == [body, org]


def test_a_register_body_before_another_organisation_is_a_new_name(finder):
    (mentions,) = find(finder, "Он выступил на заседании Совета министров иностранных дел СНГ.")
    body = next(m for m in mentions if m.text == "Совета министров иностранных дел")
    assert body.key is None and body.name == "Совет министров иностранных дел"
    (mentions,) = find(finder, "Он выступил на заседании Совета министров иностранных дел ОДКБ.")
    assert next(m for m in mentions if m.text == "Совета министров иностранных дел").key == "csto-cmfa"


@pytest.mark.parametrize(
    "text, credit",
    [
        ("МОСКВА, 20 ноября. /ТАСС/. Министр встретился с послом.", "ТАСС"),
        ("Бишкек, 31 июля /Кабар/ Министры встретились.", "Кабар"),
        ("30 ноября, Минск /Корр. БЕЛТА/. Заседание прошло.", "БЕЛТА"),
        ("ЕРЕВАН, 27 ноя - Спутник. Заседание пройдет онлайн.", "Спутник"),
        ("ДУШАНБЕ /Trend/ - Министр выступил на заседании.", "Trend"),
        ("АСТАНА, 3 июня /НИАТ «Ховар»/. Министры встретились.", "НИАТ «Ховар»"),
    ],
)
def test_the_agency_credited_in_a_dateline(finder, text, credit):
    (mentions,) = find(finder, text)
    assert ("org", credit) in [(m.kind, m.text) for m in mentions]
    assert all(m.text != "Корр" for m in mentions)


def test_a_quoted_name_keeps_its_closing_quote(finder):
    (mentions,) = find(finder, "Как сообщает корреспондент НИАТ «Ховар», делегации прибыли.")
    assert "НИАТ «Ховар»" in [m.text for m in mentions if m.kind == "org"]


def test_common_abbreviations_and_lower_case_register_variants(finder):
    (mentions,) = find(finder, "Саммит освещают представители СМИ.")
    assert [m for m in mentions if m.kind == "org"] == []
    (mentions,) = find(finder, "Саммит Организации договора о коллективной безопасности прошел в Москве.")
    assert ("Организации договора о коллективной безопасности", "csto") in [(m.text, m.key) for m in mentions]


def test_a_country_after_an_office_is_a_place(finder):
    assert spans(finder, "Президент Казахстана выступил.") == [("place", "Казахстана", "kazakhstan")]
    assert ("place", "КР", "kyrgyzstan") in spans(finder, "министр иностранных дел КР Жээнбек Кулубаев")


@pytest.mark.parametrize(
    "text",
    [
        "Министр отметил, что кыргызская сторона придает значение доверию.",
        "Государства – члены Организации предлагают воспользоваться возможностями.",
        "Кроме того, Совет согласовал перечень тем.",
        "Глава государства заострил внимание на ответственности.",
        "Министры выступили с заявлением по ситуации вокруг Договора о РСМД.",
        "Глава государства проинформировал участников Саммита о результатах операции «Жусан».",
        "Организация могла бы связать страны в единую Евразийскую платформу безопасности.",
        "конференции на уровне министров, секретарей Совбезов, крупных экспертов",
        "TwitterFacebookYoutubeInstagramTelegram",
        "Стороны обсудили договор СНВ-3 и учения «Взаимодействие».",
    ],
)
def test_not_mentions(finder, text):
    assert spans(finder, text) == []


def test_an_organisation_after_an_event_word_is_a_genitive(finder):
    assert spans(finder, "В Самарканде завершился саммит ШОС") == [
        ("place", "Самарканде", None),
        ("org", "ШОС", None),
    ]


def test_generic_plural_of_national_institutions(finder):
    assert spans(finder, "Главы МИД стран-участниц ОДКБ провели встречу в Алматы") == [
        ("org", "ОДКБ", "csto"),
        ("place", "Алматы", "almaty"),
    ]


def test_an_elliptical_abbreviation_takes_the_document_s_organisation(finder):
    blocks = find(finder, "По данным пресс-службы МИД КР, заседание прошло.", "Фото пресс-службы МИД")
    assert [(m.text, m.key) for m in blocks[1]] == [("МИД", "kg-mfa")]


def test_to_span():
    m = Mention(4, 11, "person", "tokayev", "Токаев, Касым-Жомарт Кемелевич", "Токаеву")
    assert to_span(m, "tokayev") == Span(4, 11, "persName", (("ref", "per:tokayev"),), "Токаеву")
    place = Mention(0, 6, "place", None, "Ереван", "Ереван")
    assert to_span(place, candidate_key("place", place.name)).attrs == (("ref", "pla:yerevan"),)
    assert to_span(Mention(0, 4, "org", "csto", "", "ОДКБ"), "csto").element == "orgName"


# ---------------------------------------------------------------- misspelt place names


@pytest.mark.parametrize(
    "text, typed, key, corrected",
    [
        ("Министры прибыли из Армениии на заседание.", "Армениии", "armenia", "Армении"),
        ("Саммит прошел в Бишкекее в пятницу.", "Бишкекее", "bishkek", "Бишкеке"),
        ("Делегации Казахтана и Армении встретились.", "Казахтана", "kazakhstan", "Казахстана"),
    ],
)
def test_a_misspelt_place_name_is_that_place_corrected(finder, text, typed, key, corrected):
    (mentions,) = find(finder, text)
    [m] = [m for m in mentions if m.text == typed]
    assert (m.kind, m.key) == ("place", key)
    assert [fix for _, _, fix in m.corrections] == [corrected]


def test_a_misspelt_place_two_case_forms_away_is_linked_not_corrected(finder):
    """ "Армениию" is one edit from "Армению" and from "Армении": the place is sure, its
    correction is not."""
    (mentions,) = find(finder, "Министры прибыли в Армениию на заседание.")
    [m] = [m for m in mentions if m.text == "Армениию"]
    assert (m.kind, m.key, m.corrections) == ("place", "armenia", ())


@pytest.mark.parametrize(
    "text, word",
    [
        ("Птица Сирин поет в сказках.", "Сирин"),  # a dictionary word one edit from "Сирии"
        ("Министры прибыли в Армению на заседание.", "Армению"),  # no typo: no correction
    ],
)
def test_no_misspelt_place(finder, text, word):
    (mentions,) = find(finder, text)
    assert all(m.corrections == () for m in mentions if m.text == word)
    assert all(m.key != "syria" for m in mentions)


# ---------------------------------------------------------------- a capitalised preposition ends a name


@pytest.mark.parametrize(
    "text, places",
    [
        # two columns of a signature block flattened into one line
        ("За Латвийскую Республику За Эстонию", ["Латвийскую Республику", "Эстонию"]),
        ("За Японию За Королевство Дания", ["Японию", "Королевство Дания"]),
    ],
)
def test_a_capitalised_preposition_is_no_part_of_a_name(finder, text, places):
    (mentions,) = find(finder, text)
    assert [m.text for m in mentions if m.kind == "place"] == places


def test_initials_and_lower_case_prepositions_stay_in_names(finder):
    (mentions,) = find(finder, "С.Иванов выступил в Организации по безопасности и сотрудничеству в Европе.")
    assert "С.Иванов" in [m.text for m in mentions if m.kind == "person"]
    assert "Организации по безопасности и сотрудничеству в Европе" in [m.text for m in mentions if m.kind == "org"]


def test_an_abbreviation_read_once_is_read_everywhere_in_the_document(finder):
    """NER passes "ЕАЭС" by after "Хартии"; found elsewhere in the document, it is the
    organisation there too. Alone, the sentence has no mention."""
    charter = "Министры, следуя положениям Хартии ЕАЭС, приняли решение."
    assert find(finder, charter) == [[]]
    _, mentions = find(finder, "Саммит ЕАЭС прошел в Минске.", charter)
    assert [(m.text, m.kind) for m in mentions] == [("ЕАЭС", "org")]


@pytest.mark.parametrize(
    "text",
    [
        "Делегации согласовали позицию Совета глав правительств Содружества Независимых Государств по этому поводу.",
        "Стороны выслушали мнение Совета глав правительств Содружества Независимых Государств по указанной теме.",
    ],
)
def test_a_body_before_its_organisation_and_a_phrase_that_points_back(finder, text):
    """ "по этому поводу" after the organisation does not continue its name, as "по целям
    устойчивого развития" would: the body before it is a mention."""
    (mentions,) = find(finder, text)
    assert "Совета глав правительств" in [m.text for m in mentions if m.kind == "org"]


def test_a_name_that_runs_on_after_its_organisation_is_no_body(finder):
    (mentions,) = find(finder, "Эксперты посетили Региональный центр ООН по целям устойчивого развития.")
    assert "Региональный центр" not in [m.text for m in mentions]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Об этом министр сказал в интервью газете «Известия».", "Известия"),
        ("Репортаж о встрече показал телеканал «Звезда 24».", "Звезда 24"),
        ("По данным агентства «Вестник-Инфо», переговоры завершились.", "Вестник-Инфо"),
    ],
)
def test_an_organisation_named_in_quotes_after_a_noun_of_its_kind(finder, text, name):
    (mentions,) = find(finder, text)
    assert (name, "org") in [(m.text, m.kind) for m in mentions]


def test_a_quoted_name_after_another_noun_is_no_organisation(finder):
    (mentions,) = find(finder, "Учения «Звезда» прошли по плану.")
    assert [m for m in mentions if m.kind == "org"] == []


@pytest.mark.parametrize(
    "text, name",
    [
        # after a title in the genitive: a man's genitive, not a woman's nominative
        ("Участие министра обороны Армении Д.Сагитова в заседании подтверждено.", "Сагитов"),
        # after a title in the nominative: a woman's name
        ("Министр обороны Армении Д.Сагитова выступила на заседании.", "Сагитова"),
        ("Он встретился с министром обороны Армении Д.Сагитовым.", "Сагитов"),
    ],
)
def test_a_name_after_a_title_takes_the_titles_case(finder, text, name):
    (mentions,) = find(finder, text)
    assert [m.name for m in mentions if m.kind == "person"] == [name]


@pytest.mark.parametrize(
    "text, places",
    [
        ("Совещание пройдет в г. Мин", ["Мин"]),  # NER reads the cut-off name as a person
        ("Делегация прибыла в г. Нижний Новгород.", ["Нижний Новгород"]),
        ("Адрес: г. Минск Министерство иностранных дел.", ["Минск"]),
        ("В 2017 г. Министры встретились в Минске.", ["Минске"]),  # "г." after a year is "год"
    ],
)
def test_the_name_after_the_abbreviation_of_city_is_a_place(finder, text, places):
    (mentions,) = find(finder, text)
    assert [m.text for m in mentions if m.kind == "place"] == places
