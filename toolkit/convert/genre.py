"""The genre of a text without metadata, from its shape and its words.

- an official document names its kind in a title: a capitalised heading ("ЗАЯВЛЕНИЕ",
  "ОТКРЫТОЕ ОБРАЩЕНИЕ") or a title line whose head noun is the kind ("Душанбинская
  декларация двадцатилетия ШОС") followed by the document's own opening;
- a decision states its enacting formula on a line of its own ("р е ш и л:", "постановляет:");
- an untitled statement or appeal opens with its subject, "Мы, министры …";
- anything else, a headline in capitals included, is a news report.
"""

from __future__ import annotations

import re

from toolkit.convert.lines import NUMBERED, Line, is_caps_heading
from toolkit.convert.names.morph import fold, has_verb, is_participial, parses

OFFICIAL_TITLES = {
    "обращение": "appeal",
    "заявление": "statement",
    "декларация": "declaration",
    "решение": "decision",
    "коммюнике": "official-document",
    "меморандум": "official-document",
    "протокол": "official-document",
    "соглашение": "official-document",
    "резолюция": "official-document",
}
# The enacting formula of a decision, on a line of its own, letters possibly spaced out.
_ENACTING = re.compile(r"(?:^|\s)(?:решил[иао]?|постановил[иао]?|постановляет|постановляют|решает|решают)\s*:$")
# The opening formula of an official text: "Мы, министры иностранных дел …"
OPENER = re.compile(r"^Мы,\s+(?P<word>[а-яё]+)")
# What the signatories of an untitled text do: the verbs that give it its kind.
_KIND_VERBS = (("appeal", ("обращаемся", "призываем")), ("declaration", ("провозглашаем", "декларируем")))
_HEAD = 6  # a title, formula or opening stands among the first lines of a text


def squeezed(text: str) -> str:
    """ "р е ш и л:" → "решил:": letters spaced out for emphasis put together."""
    if re.fullmatch(r"(?:\w\s)+\w\W*", text.strip()):
        return re.sub(r"(?<=\w)\s(?=\w)", "", text.strip())
    return text.strip()


def is_enacting_formula(text: str) -> bool:
    return bool(_ENACTING.search(squeezed(text).lower()))


def kind_in_title(text: str) -> str | None:
    """The document kind a title line names by its head noun: "ЗАЯВЛЕНИЕ", "Совместное
    заявление …", "Душанбинская декларация двадцатилетия ШОС" (adjectives may precede)."""
    if len(text) > 160 or text.rstrip()[-1:] in ".;:!?":
        return None
    for word in re.findall(r"[\w-]+", text)[:4]:
        forms = parses(fold(word))[:3]
        for p in forms:
            if p.normal_form in OFFICIAL_TITLES and p.tag.POS == "NOUN" and p.tag.case == "nomn":
                return OFFICIAL_TITLES[p.normal_form]
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in forms):
            return None  # the head is another noun: "Заседание …", "Лидеры …"
    return None


def opens_official(lines: list[Line]) -> bool:
    """Does an official text begin here: its opening formula, a preambular clause, a
    numbered point or an enacting formula?"""
    for line in lines[:2]:
        text = line.text
        if OPENER.match(text) or NUMBERED.match(text) or is_enacting_formula(text):
            return True
        if is_participial(first_content_word(text)) and text.rstrip().endswith((",", ";")):
            return True
    return False


def first_content_word(text: str) -> str:
    """The first word, after adverbs that qualify it ("высоко оценивая", "вновь подтверждая")."""
    words = re.findall(r"[\w-]+", text)
    for word in words[:3]:
        if not any(p.tag.POS == "ADVB" for p in parses(fold(word))[:1]):
            return word
    return words[0] if words else ""


def embedded_title(lines: list[Line], find_dateline) -> int | None:
    """The index of a title line naming a document kind, followed by the document's own
    dateline or opening: a page that publishes a document after a few lines of its own."""
    for i, line in enumerate(lines[:_HEAD]):
        if kind_in_title(line.text) and not is_caps_heading(line.text):
            rest = lines[i + 1 :]
            if rest and find_dateline(rest[0].text):
                rest = rest[1:]
            if opens_official(rest) or (rest and opens_official(rest[1:])):
                return i
    return None


def detect_genre(lines: list[Line], find_dateline) -> str:
    """`lines`: the text's lines without page clutter; `find_dateline(text)` the date of a
    dateline, or None."""
    head = lines[:_HEAD]
    for line in head[:3]:
        if is_caps_heading(line.text):
            kind = kind_in_title(line.text)
            if kind:
                return kind
            if not has_verb(line.text) and opens_official(lines[lines.index(line) + 1 :][:4]):
                return "official-document"
            break
    if any(is_enacting_formula(line.text) for line in head):
        return "decision"
    found = embedded_title(lines, find_dateline)
    if found is not None:
        return kind_in_title(lines[found].text) or "official-document"
    for line in head[:3]:
        if OPENER.match(line.text) and _plural_noun(OPENER.match(line.text).group("word")):
            words = " ".join(x.text for x in lines).lower()
            return next((kind for kind, verbs in _KIND_VERBS if any(v in words for v in verbs)), "statement")
    return "news-report"


def _plural_noun(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and "plur" in p.tag and p.tag.case == "nomn" for p in parses(word)[:3])
