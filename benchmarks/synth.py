"""Deterministic synthetic corpus for benchmarks: source texts recombined from the seeds.

    python benchmarks/synth.py N OUT_DIR [--seed S] [--seeds-dir seeds]

writes OUT_DIR/NNNNN_synth.txt and OUT_DIR/NNNNN_synth.toml for NNNNN = 00000 … N-1.

Both genres of the edition are produced, in the shapes the converter reads:

* official documents (appeal, statement, declaration, decision, communiqué): a capitalised
  title block, a dateline "DD месяца YYYY года" + "город X", an opening formula,
  preambular participial clauses, a chapeau, numbered operative points and a closing —
  or, like a statement, plain paragraphs;
* news reports: page clutter (menu, social links), a headline, a timestamp
  "DD-MM-YYYY, HH:MM.", a lede, paragraphs, sometimes a photo caption and credit, a
  numbered (or bulleted) list of adopted documents, and a reuse notice.

Paragraphs, preambular clauses, operative points and list items are taken from the seeds
(`seeds/*.txt`, classified by line shape); persons, cities and dates are drawn from the
small lists below, which include names the registers do not know, so the converter adds
candidates as it does on new material. Each `.toml` has genre, date and place in the
seeds' format (see toolkit/convert/seedmeta.py), plus an `id` so xml:ids stay unique however many
documents share a genre and a date.

Deterministic: document i is drawn from `random.Random(seed * 1_000_003 + i)` alone, so
the same seed gives identical bytes, and the first k documents of a corpus of N are the
corpus of k. The bytes depend only on the seed, N and the seed texts.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"

MONTHS_GEN = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)

# (nominative, prepositional "в …", register key or None when the registers lack it)
CITIES = (
    ("Бишкек", "Бишкеке", "bishkek"),
    ("Алматы", "Алматы", "almaty"),
    ("Душанбе", "Душанбе", "dushanbe"),
    ("Чолпон-Ата", "Чолпон-Ате", "cholpon-ata"),
    ("Москва", "Москве", None),
    ("Минск", "Минске", None),
    ("Ереван", "Ереване", None),
    ("Астана", "Астане", None),
    ("Сочи", "Сочи", None),
    ("Гродно", "Гродно", None),
)

# (name as written in running text, role in the nominative); the first five are in
# tei/registers/persons.xml, the others are not (they become candidates).
PERSONS = (
    ("Юрий Хачатуров", "Генеральный секретарь ОДКБ"),
    ("Имангали Тасмагамбетов", "Генеральный секретарь ОДКБ"),
    ("Жээнбек Кулубаев", "министр иностранных дел Кыргызстана"),
    ("Касым-Жомарт Токаев", "Президент Казахстана"),
    ("Валерий Семериков", "исполняющий обязанности Генерального секретаря ОДКБ"),
    ("Сергей Лавров", "министр иностранных дел России"),
    ("Владимир Макей", "министр иностранных дел Беларуси"),
    ("Станислав Зась", "Генеральный секретарь ОДКБ"),
    ("Мухтар Тлеуберди", "министр иностранных дел Казахстана"),
    ("Сироджиддин Мухриддин", "министр иностранных дел Таджикистана"),
    ("Арарат Мирзоян", "министр иностранных дел Армении"),
    ("Чингиз Айдарбеков", "министр иностранных дел Кыргызстана"),
)

OFFICIAL_KINDS = (
    # (title line, genre in the .toml)
    ("ЗАЯВЛЕНИЕ", "statement"),
    ("ОТКРЫТОЕ ОБРАЩЕНИЕ", "appeal"),
    ("ДЕКЛАРАЦИЯ", "declaration"),
    ("РЕШЕНИЕ", "decision"),
    ("СОВМЕСТНОЕ КОММЮНИКЕ", "official-document"),
)

TOPICS = (
    "о сотрудничестве с государствами и международными организациями",
    "об укреплении взаимного доверия и развитии сотрудничества",
    "о международной информационной безопасности",
    "о противодействии радикализации, ведущей к терроризму и экстремизму",
    "о ситуации в Центральной Азии и Афганистане",
    "о миротворческой деятельности Организации",
    "о совершенствовании международного взаимодействия в целях укрепления безопасности",
)

ISSUERS = (
    ("министров иностранных дел государств – членов", "Организации Договора о коллективной безопасности"),
    ("Совета министров иностранных дел", "Организации Договора о коллективной безопасности"),
    ("Совета коллективной безопасности", "Организации Договора о коллективной безопасности"),
)

OPENERS = (
    "Мы, министры иностранных дел государств – членов Организации Договора о коллективной безопасности,",
    "Государства – члены Организации Договора о коллективной безопасности,",
)

CHAPEAUX = (
    "заявляем о нижеследующем.",
    "договорились о следующем.",
    "призываем предпринять следующие совместные шаги.",
)

EXTRA_PREAMBLE = (
    "отмечая возрастающую роль Организации в обеспечении региональной безопасности,",
    "принимая во внимание итоги заседания, состоявшегося в {city_prep} {date},",
    "признавая важность координации внешнеполитической деятельности государств – членов,",
)

EXTRA_STATEMENT = (
    "Государства – члены ОДКБ приветствуют итоги консультаций, прошедших в {city_prep} {date}, и поручают секретариату подготовить предложения по их реализации.",
    "Министры высоко оценивают вклад председательства в {city_prep} в развитие многостороннего сотрудничества.",
)

HEADLINES = (
    "Главы МИД стран-участниц ОДКБ провели встречу в {city_prep}",
    "В {city_prep} прошло заседание СМИД ОДКБ - итоги",
    "{person} принял участие в заседании Совета коллективной безопасности ОДКБ",
    "Министры иностранных дел ОДКБ обсудили в {city_prep} региональную безопасность",
)

LEDES = (
    "Министры выступили с заявлением по вопросам международной безопасности.",
    "Была подчеркнута необходимость укрепления позиций ОДКБ на международной арене",
    "Стороны обсудили взаимодействие с международными организациями",
)

OPENING_NEWS = (
    "В {city_prep} {date} прошло заседание Совета министров иностранных дел (СМИД) Организации Договора о коллективной безопасности (ОДКБ). В нём также принял участие {role} {person}.",
    "В городе {city} {date} состоялось очередное заседание Совета министров иностранных дел государств-членов Организации Договора о коллективной безопасности (ОДКБ).",
)

PERSON_NEWS = (
    "В своем выступлении {role} {person} подчеркнул значимость консолидации усилий государств-членов ОДКБ на фоне нарастающих глобальных вызовов.",
    "{person}, {role}, отметил важность дальнейшего развития институтов Партнера и Наблюдателя при ОДКБ.",
    "{person} сообщил, что стороны договорились продолжить консультации в {city_prep}.",
)

LIST_INTROS = (
    "По итогам заседания подписаны следующие документы:",
    "По итогам встречи министры приняли следующие заявления:",
)

CAPTIONS = ("Заседание Совета министров иностранных дел ОДКБ в {city_prep}, {date}.",)
CREDITS = ("источник фото: пресс-служба ОДКБ.", "Фото пресс-службы МИД")

HEAD_CLUTTER = ("Menu", "RSS", "Мы в социальных сетях:", "TwitterFacebookYoutubeInstagramTelegram")
TAIL_CLUTTER = (
    "Читайте нас в Telegram, только самое важное!",
    "Наверх",
    "При работе с материалами сайта разрешено использование лишь 30% текста с обязательной гиперссылкой на источник.",
)


# ------------------------------------------------------------------ the seeds' material

_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(.+)$")
_BULLET = re.compile(r"^[-–—•]\s+(.+)$")
_PARTICIPIAL_END = ("я", "ясь", "вшись", "будучи")


@dataclass
class Pool:
    preamble: list[str] = field(default_factory=list)  # "подтверждая …,"
    operative: list[str] = field(default_factory=list)  # numbered points, number removed
    statement: list[str] = field(default_factory=list)  # plain paragraphs of statements
    closing: list[str] = field(default_factory=list)
    news: list[str] = field(default_factory=list)  # news paragraphs
    items: list[str] = field(default_factory=list)  # list items: adopted documents


def load_pool(seeds_dir: Path = SEEDS_DIR) -> Pool:
    """Classify every line of the seed texts by its shape and the seed's genre."""
    pool = Pool()
    for src in sorted(seeds_dir.glob("*.txt")):
        toml = src.with_suffix(".toml")
        genre = tomllib.loads(toml.read_text("utf-8")).get("genre") if toml.exists() else None
        lines = [ln.strip() for ln in src.read_text("utf-8-sig").splitlines() if ln.strip()]
        if genre == "news-report":
            for ln in lines:
                m = _NUMBERED.match(ln) or _BULLET.match(ln)
                if m:
                    item = m.group(1).rstrip(";.")
                    if len(item) < 300:
                        pool.items.append(item)
                elif (
                    len(ln) >= 120
                    and not ln.endswith(":")
                    and not re.search(r"при работе с материал|сегодня", ln, re.IGNORECASE)
                ):
                    pool.news.append(ln)
            continue
        after_numbers = False
        for ln in lines:
            m = _NUMBERED.match(ln)
            first = ln.split()[0].strip(",").lower()
            if m:
                pool.operative.append(m.group(1))
                after_numbers = True
            elif ln[:1].islower() and ln.endswith(",") and first.endswith(_PARTICIPIAL_END):
                pool.preamble.append(ln)
            elif after_numbers:
                pool.closing.append(ln)
            elif len(ln) >= 160 and not ln[:1].islower():
                pool.statement.append(ln)
    for name in ("preamble", "operative", "statement", "closing", "news", "items"):
        if not getattr(pool, name):
            raise SystemExit(f"synth: the seeds in {seeds_dir} give no {name} material")
    return pool


# ------------------------------------------------------------------ one document


@dataclass
class Doc:
    text: str
    toml: str


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28)


def _long_date(y: int, m: int, d: int) -> str:
    return f"{d} {MONTHS_GEN[m - 1]} {y} года"


def _toml(stem: str, docid: str, genre: str, when: str, city) -> str:
    name, _prep, key = city
    place = [f'name = "{name}"']
    if key:
        place.append(f'ref = "pla:{key}"')
    return "\n".join(
        [
            f"# Synthetic benchmark source {stem}.txt (benchmarks/synth.py); date and place are stated in the text.",
            f'genre = "{genre}"',
            f'id = "{docid}"',
            "",
            "[source]",
            'publisher = "Синтетический корпус для замеров"',
            "",
            "[[date]]",
            f'when = "{when}"',
            'evidence = "internal"',
            'cert = "high"',
            "",
            "[[place]]",
            *place,
            'evidence = "internal"',
            'cert = "high"',
            "",
        ]
    )


def _fill(template: str, rng: random.Random, city, date: str) -> str:
    person, role = rng.choice(PERSONS)
    return template.format(
        city=city[0],
        city_prep=city[1],
        date=date,
        person=person,
        role=role,
    )


def _official(rng: random.Random, pool: Pool, docid: str, stem: str) -> Doc:
    title, genre = rng.choice(OFFICIAL_KINDS)
    y, m, d = _date(rng)
    city = rng.choice(CITIES)
    date = _long_date(y, m, d)
    issuer_a, issuer_b = rng.choice(ISSUERS)
    lines = [title, issuer_a, issuer_b, rng.choice(TOPICS), "", date, f"город {city[0]}"]
    if genre == "statement" and rng.random() < 0.6:
        # a statement in plain paragraphs (like seeds/001)
        paras = rng.sample(pool.statement, k=min(len(pool.statement), rng.randint(2, 4)))
        paras.insert(rng.randint(0, len(paras)), _fill(rng.choice(EXTRA_STATEMENT), rng, city, date))
        lines += [""] + [p for para in paras for p in (para, "")]
    else:
        lines.append(rng.choice(OPENERS))
        preamble = rng.sample(pool.preamble, k=min(len(pool.preamble), rng.randint(2, 4)))
        if rng.random() < 0.5:
            preamble.insert(rng.randint(0, len(preamble)), _fill(rng.choice(EXTRA_PREAMBLE), rng, city, date))
        lines += preamble
        lines.append(rng.choice(CHAPEAUX))
        points = rng.sample(pool.operative, k=min(len(pool.operative), rng.randint(3, 6)))
        lines += [f"{k}. {p}" for k, p in enumerate(points, 1)]
        lines.append(rng.choice(pool.closing))
    text = "\n".join(lines) + "\n"
    return Doc(text, _toml(stem, docid, genre, f"{y:04d}-{m:02d}-{d:02d}", city))


def _news(rng: random.Random, pool: Pool, docid: str, stem: str) -> Doc:
    y, m, d = _date(rng)
    city = rng.choice(CITIES)
    date = _long_date(y, m, d)
    lines: list[str] = []
    if rng.random() < 0.5:
        lines += rng.sample(HEAD_CLUTTER, k=rng.randint(1, len(HEAD_CLUTTER)))
    lines.append(_fill(rng.choice(HEADLINES), rng, city, date))
    lines.append(f"{d:02d}-{m:02d}-{y:04d}, {rng.randint(7, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}.")
    lines.append(rng.choice(LEDES))
    if rng.random() < 0.4:
        lines.append(_fill(rng.choice(CAPTIONS), rng, city, date))
        lines.append(rng.choice(CREDITS))
    lines.append(_fill(rng.choice(OPENING_NEWS), rng, city, date))
    paras = rng.sample(pool.news, k=min(len(pool.news), rng.randint(2, 6)))
    for _ in range(rng.randint(1, 2)):
        paras.insert(rng.randint(0, len(paras)), _fill(rng.choice(PERSON_NEWS), rng, city, date))
    lines += paras
    lines.append(rng.choice(LIST_INTROS))
    items = rng.sample(pool.items, k=min(len(pool.items), rng.randint(3, 8)))
    if rng.random() < 0.75:
        lines += [f"{k}. {it}{';' if k < len(items) else '.'}" for k, it in enumerate(items, 1)]
    else:
        lines += [f"- {it}{';' if k < len(items) else '.'}" for k, it in enumerate(items, 1)]
    lines.append(
        "Также были приняты другие документы по вопросам функционирования системы коллективной безопасности ОДКБ."
    )
    if rng.random() < 0.6:
        lines += rng.sample(TAIL_CLUTTER, k=rng.randint(1, len(TAIL_CLUTTER)))
    # news copies have blank lines between paragraphs more often than not
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    text = sep.join(lines) + "\n"
    return Doc(text, _toml(stem, docid, "news-report", f"{y:04d}-{m:02d}-{d:02d}", city))


def make_document(i: int, seed: int, pool: Pool) -> tuple[str, Doc]:
    stem = f"{i:05d}_synth"
    rng = random.Random(seed * 1_000_003 + i)
    docid = f"synth-{i:05d}"
    doc = _official(rng, pool, docid, stem) if rng.random() < 0.5 else _news(rng, pool, docid, stem)
    return stem, doc


def generate(n: int, seed: int, out_dir: Path, seeds_dir: Path = SEEDS_DIR) -> list[Path]:
    """Write N sources (+ .toml) to OUT_DIR; return the .txt paths, in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pool = load_pool(seeds_dir)
    paths = []
    for i in range(n):
        stem, doc = make_document(i, seed, pool)
        txt = out_dir / f"{stem}.txt"
        txt.write_bytes(doc.text.encode("utf-8"))
        (out_dir / f"{stem}.toml").write_bytes(doc.toml.encode("utf-8"))
        paths.append(txt)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Write N deterministic synthetic sources (NNNNN_synth.txt + .toml) to OUT_DIR."
    )
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0); same seed, same bytes")
    ap.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR, help="folder of the seed texts (default: seeds/)")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be >= 0")
    paths = generate(args.n, args.seed, args.out_dir, args.seeds_dir)
    print(f"{len(paths)} source(s) written to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
