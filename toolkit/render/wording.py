"""What the edition says in Russian: dates in words, certainty and evidence, clause
labels for citations, and the role shown for a register entry."""

from __future__ import annotations

import re

from toolkit.model.registers import Entry, Registers
from toolkit.model.vocab import format_iso_ru

EVIDENCE = {
    "internal": "указано в тексте документа",
    "inferred": "выведено из текста",
    "external": "по внешнему источнику",
    "conjecture": "предположение редактора",
}
CERT = {
    "high": "достоверно",
    "medium": "вероятно",
    "low": "предположительно",
}
KIND_HEADINGS = {"person": "Лица", "place": "Места", "org": "Организации"}  # the site's menu, a page's mentions
PLACE_TYPES = {"city": "город", "country": "страна", "region": "регион", "continent": "часть света"}
ORG_TYPES = {"organisation": "организация", "body": "орган"}
BLOCK_LABELS = {
    "docTitle": "заглавие",
    "dateline": "дата и место",
    "docDate": "дата публикации",
    "argument": "подзаголовок",
    "figure": "подпись к фотографии",
    "head": "заголовок",
    "list": "перечень",
    "teiHeader": "сведения о документе",
    "table": "таблица",
    "opener": "начальная формула",
    "closer": "заключительная формула",
    "postscript": "постскриптум",
    "quote": "цитата",
    "cit": "цитата",
    "note": "примечание",
    "seg": "фрагмент",
    "anchor": "место в тексте",
    "app": "разночтение",
}
CANDIDATE = "кандидат, не проверен"
CHOICE_WHAT = {  # what the editor did
    "corr": "Исправлено издателем",
    "reg": "Нормализовано издателем",
    "expan": "Сокращение; полностью",
}


def cut(text: str, limit: int) -> str:
    """`text` with its whitespace squeezed, cut at a word boundary to at most `limit`
    characters, with "…" (a running title, a plate's label, a bookmark)."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–— ") + "…"


def iso(value: str) -> str:
    try:
        return format_iso_ru(value)
    except (ValueError, IndexError):
        return value


def describe_date(attrs: dict[str, str]) -> str:
    """{"when": "2019-05-22"} → "22 мая 2019 г."; {"from": "2018", "to": "2020"} → "2018–2020 гг."."""
    if "when" in attrs:
        return iso(attrs["when"])
    start, end = attrs.get("from"), attrs.get("to")
    if start and end:
        if re.fullmatch(r"\d{4}", start) and re.fullmatch(r"\d{4}", end):
            return f"{start}–{end} гг."
        m1 = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", start)
        m2 = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", end)
        if m1 and m2 and m1.group(1, 2) == m2.group(1, 2):
            return f"{int(m1.group(3))}–{iso(end)}"
        return f"{iso(start)} – {iso(end)}"
    bits = []
    if start:
        bits.append(f"с {iso(start)}")
    if end:
        bits.append(f"по {iso(end)}")
    if "notBefore" in attrs:
        bits.append(f"не ранее {iso(attrs['notBefore'])}")
    if "notAfter" in attrs:
        bits.append(f"не позднее {iso(attrs['notAfter'])}")
    return ", ".join(bits) or "без даты"


def certainty(evidence: str | None, cert: str | None) -> str:
    """ "inferred", "high" → "выведено из текста, достоверно"."""
    bits = []
    if evidence:
        bits.append(EVIDENCE.get(evidence, evidence))
    if cert:
        bits.append(CERT.get(cert, cert))
    return ", ".join(bits)


# what a fact is when the encoding says nothing: stated in the document's own text, certain
GOES_WITHOUT_SAYING = ("internal", "high")


def certainty_note(evidence: str | None, cert: str | None) -> str:
    """How sure the edition is of a fact, in words, when a reader needs telling: nothing for
    what the text itself states with high certainty (an absent @evidence is "internal", an
    absent @cert "high"); else where it comes from and how certain it is ("выведено из
    текста, вероятно"). The one rule of both editions, wherever they speak of certainty:
    the header facts, the chronology, the dates of the reading text."""
    if (evidence or "internal", cert or "high") == GOES_WITHOUT_SAYING:
        return ""
    return certainty(evidence, cert)


def certainty_notes(occurrences) -> list[str]:
    """The certainty notes of a chronology entry's occurrences (anything with `evidence`
    and `cert`), each once, in order."""
    return sorted({note for o in occurrences if (note := certainty_note(o.evidence, o.cert))})


def block_label(block: str, n: str | None, anchor: str) -> str:
    """How a citation names the place of a mention: "п. 3", "абз. 2 преамбулы", "заглавие"."""
    if block == "div" and n:
        return clause_label(n)
    if block == "item":
        return f"п. {n} перечня" if n else "пункт перечня"
    if block == "p":
        m = re.search(r"-p(\d+)$", anchor)
        if m:
            return f"абз. {m.group(1)}"
        if anchor.endswith("-opener"):
            return "вступительная формула"
        return "абзац"
    return BLOCK_LABELS.get(block, block)


def _clause_number(n: str) -> tuple[str, str]:
    """What a clause's @n names: ("item", "3"), ("preamble", "2") for PP2, ("paragraph", "4")
    for p4, ("chapeau" or "closing", "" or "2"); ("", n) for anything else."""
    if n.isdigit():
        return "item", n
    m = re.fullmatch(r"(PP|p)(\d+)", n)
    if m:
        return ("preamble" if m.group(1) == "PP" else "paragraph"), m.group(2)
    m = re.fullmatch(r"(chapeau|closing)(\d*)", n)
    if m:
        return m.group(1), m.group(2)
    return "", n


def clause_label(n: str) -> str:
    """How a citation names a clause: "п. 3", "абз. 2 преамбулы", "вводная часть, абз. 2"."""
    part, k = _clause_number(n)
    if part == "preamble":
        return f"абз. {k} преамбулы"
    if part == "paragraph":
        return f"абз. {k}"
    if part in ("chapeau", "closing"):
        name = "вводная часть" if part == "chapeau" else "заключительная часть"
        return f"{name}, абз. {k}" if k else name
    return f"п. {n}"


def short_label(n: str | None, label: str) -> str:
    """The clause number shown in the margin: "п. 3", "абз. 2", "вводн. ч."."""
    if not n:
        return label
    part, k = _clause_number(n)
    if part == "item":
        return f"п. {n}"
    if part in ("preamble", "paragraph"):
        return f"абз. {k}"
    if part in ("chapeau", "closing"):
        return ("вводн. ч." if part == "chapeau" else "закл. ч.") + (f" {k}" if k else "")
    return n if len(n) <= 10 else n[:9] + "…"


def role(entry: Entry, registers: Registers) -> str:
    """What an entry is: a person's office, a place's kind and country, an organisation's kind."""
    if entry.kind == "person":
        return entry.role or ""
    if entry.kind == "place":
        bits = [PLACE_TYPES.get(entry.subtype or "", "")]
        if entry.country:
            country = registers.entries["place"].get(entry.country)
            bits.append(country.name if country else "")
        return ", ".join(b for b in bits if b)
    bits = [ORG_TYPES.get(entry.subtype or "", "")]
    if entry.part_of:
        parent = registers.entries["org"].get(entry.part_of)
        if parent:
            bits.append(f"в составе: {parent.name}")
    return ", ".join(b for b in bits if b) or (entry.role or "")


def tooltip(entry: Entry, registers: Registers) -> str:
    text = entry.name
    r = role(entry, registers)
    if r:
        text += f" — {r}"
    if entry.candidate:
        text += f" ({CANDIDATE})"
    return text


def plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian form for a count: plural(1, "упоминание", "упоминания", "упоминаний")
    → "упоминание"; 3 → "упоминания"; 11 and 25 → "упоминаний"."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
