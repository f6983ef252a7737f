"""The edition's Russian vocabulary shared by conversion and rendering: genre labels and
dates in words."""

from __future__ import annotations

GENRE_RU = {
    "appeal": "обращение",
    "statement": "заявление",
    "declaration": "декларация",
    "decision": "решение",
    "official-document": "официальный документ",
    "news-report": "новостное сообщение",
}
MONTHS_GEN = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
MONTHS_NOM = "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split()


def format_iso_ru(value: str) -> str:
    """ "2019-05-22" → "22 мая 2019 г."; "2019-05" → "май 2019 г."; "2019" → "2019 г."."""
    parts = value.split("-")
    if value.startswith("--"):
        parts = value[2:].split("-")
        if len(parts) == 2:
            return f"{int(parts[1])} {MONTHS_GEN[int(parts[0]) - 1]}"
        return MONTHS_NOM[int(parts[0]) - 1]
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS_GEN[int(parts[1]) - 1]} {parts[0]} г."
    if len(parts) == 2:
        return f"{MONTHS_NOM[int(parts[1]) - 1]} {parts[0]} г."
    return f"{parts[0]} г."
