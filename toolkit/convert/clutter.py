"""Page clutter of web copies: navigation, rubric labels, counters, share and comment
widgets, subscription calls, exchange-rate tickers, the site's masthead and its current
date, copyright and reuse notices. A line that is clutter goes to
`<back><div type="residue">`, which renderers do not print.

Recognition works on a line's shape and words, and on its place in the page (the first
line, the dates of the other lines), never on a particular site.
"""

from __future__ import annotations

import datetime
import re

from toolkit.convert.genre import OFFICIAL_TITLES
from toolkit.convert.names.morph import fold, grammemes, is_known, parses

_SOCIAL = r"(?:twitter|facebook|youtube|instagram|telegram|vk|вконтакте|одноклассники|whatsapp|viber|rss|дзен|x\.com|tiktok|ok)"
# Navigation labels: a whole line that only moves the reader elsewhere on the site.
_NAVIGATION = (
    r"menu|меню|rss|наверх|вверх|главная|поиск|search|home|назад|вперед|вперёд|далее|подробнее|ещё|еще|"
    r"показать (?:ещё|еще|все)|загрузить (?:ещё|еще)|поделиться|share|печать|версия для печати|распечатать|"
    r"комментарии|войти|регистрация|подписаться|подпишитесь|видео|все видео|фото|все фото|фотогалерея|"
    r"новости|все новости|лента новостей|главное|архив|теги|метки|по теме|читайте также|смотрите также|"
    r"читать также|другие новости|похожие новости|популярное|самое читаемое"
)
CLUTTER = [
    re.compile(rf"^(?:{_NAVIGATION})\W*$", re.I),
    re.compile(rf"^(?:{_SOCIAL}[\s,|/·•]*){{2,}}$", re.I),
    re.compile(
        r"^(?:мы|читайте нас|подписывайтесь|присоединяйтесь|следите за нами)\b.*(?:соц\w* сет|telegram|телеграм|вконтакте|дзен|youtube|facebook)",
        re.I,
    ),
    re.compile(r"^(?:поделиться|share)\b", re.I),
    re.compile(r"(?:©|\(c\)\s*\d{4}|все права защищены|all rights reserved)", re.I),
    re.compile(r"при (?:работе с|использовании|цитировании|перепечатке) материал", re.I),
    re.compile(
        r"(?:гиперссылк|ссылка на (?:источник|сайт)).{0,80}обязательн|обязательн.{0,80}(?:гиперссылк|ссылк)", re.I
    ),
    re.compile(r"^(?:мы используем (?:файлы )?cookie|this site uses cookies)", re.I),
    re.compile(r"^(?:реклама|advertisement)$", re.I),
    # links to the neighbouring articles, to the same article elsewhere
    re.compile(r"^(?:предыдущая|следующая) (?:статья|новость|публикация)", re.I),
    re.compile(r"^(?:читать|читайте|смотреть|смотрите) (?:на сайте|в источнике|оригинал)", re.I),
    # view, comment and like counters: "6200 просмотров", "Просмотров: 12", a bare "739"
    re.compile(r"^(?!(?:19|20)\d\d$)(?:👁\s*)?\d[\d\s\u00a0]*(?:просмотр\w*|views?|комментари\w*|лайк\w*)?$", re.I),
    re.compile(r"^(?:просмотр\w*|комментари\w*|views?)\s*:?\s*\d[\d\s\u00a0]*$", re.I),
    # comment widgets: "Комментарии (3)", "Социальные комментарии Cackle", "Оставить комментарий"
    re.compile(r"^(?:социальные комментарии|(?:оставить|добавить|написать) комментари\w*|комментари\w* \(\d+\))", re.I),
    # subscription calls: "Подпишись на наш Telegram-канал!", "Хочешь получать главные новости…?"
    re.compile(r"\bподпи(?:шись|шитесь|сывайтесь|саться)\b.{0,60}(?:канал|telegram|телеграм|рассылк|новост)", re.I),
    # exchange-rate tickers: "USD = 81.23 RUB"
    re.compile(r"^[A-Z]{3}\s*[=:]\s*\d+(?:[.,]\d+)?\s*(?:[A-Z]{3}|руб\.?)?$"),
    # a site's name as a domain: "ng.ru", "CA-News.INFO"
    re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:ru|com|org|net|info|su|kz|kg|by|uz|tj|am|az|ua|md|рф)/?$", re.I),
]
# Words that open a document or a part of one: never a rubric label.
_DOCUMENT_WORDS = frozenset(OFFICIAL_TITLES) | frozenset(
    "договор устав приложение преамбула послание постановление".split()
)


def is_clutter(line: str) -> bool:
    """Clutter by the line's own shape, whatever the page around it."""
    text = line.strip()
    return any(p.search(text) for p in CLUTTER) or _no_word(text) or _foreign_label(text) or is_rubric(text)


def _no_word(text: str) -> bool:
    """A line without a word of two letters or a number: "A" (a font-size widget), "• • •";
    not a word spaced out for emphasis ("р е ш и л:")."""
    if re.search(r"(?:[^\W\d_]\s){2,}[^\W\d_]", text):
        return False
    return bool(text) and not re.search(r"[^\W\d_]{2}|\d", text)


def _foreign_label(text: str) -> bool:
    """A short line with no Cyrillic at all in a Russian page: a site's name or slogan
    ("Central Asia regional news digest")."""
    words = text.split()
    return 0 < len(words) <= 6 and not re.search(r"[а-яё]", text, re.I) and bool(re.search(r"[a-z]{2}", text, re.I))


def is_rubric(text: str) -> bool:
    """A rubric or breadcrumb label: one or two capitalised dictionary words naming a
    section ("ПОЛИТИКА", "Власть", "Общая информация"): a noun in the nominative,
    inanimate, no name, no verb, no number or sentence punctuation."""
    words = text.split()
    if not 1 <= len(words) <= 2 or not text[:1].isupper() or re.search(r"[\d.,;:!?«»\"()—–-]", text):
        return False
    if any(fold(w) in _DOCUMENT_WORDS or len(w) < 2 or not is_known(fold(w)) for w in words):
        return False
    heads = 0
    for w in words:
        ps = [p for p in parses(fold(w)) if p.score >= 0.05] or parses(fold(w))[:1]
        if any({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} & grammemes(p) for p in ps):
            return False  # a name: a place line, a signature
        if ps and (ps[0].tag.POS in ("VERB", "INFN") or (ps[0].tag.POS == "NOUN" and "anim" in ps[0].tag)):
            return False  # a verb, or a role ("Министр", "Генеральный секретарь")
        heads += any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in ps)
    return heads > 0


def is_masthead(first: str, following: str) -> bool:
    """The site's masthead: the page's first line is only the name of the body that runs
    the site ("Исполнительный комитет …", "Министерство иностранных дел …"), and a
    capitalised headline follows. (An enacting body followed by "р е ш и л:" is not.)"""
    words = first.split()
    if not 2 <= len(words) <= 10 or re.search(r"[.,;:!?]$", first) or not following[:1].isupper():
        return False
    from toolkit.convert.names.orgs import ORG_HEADS

    nouns = [w for w in words if any(p.tag.POS == "NOUN" for p in parses(fold(w))[:1])]
    if not nouns or not words[0][:1].isupper():
        return False
    head = nouns[0]
    nominative = any(p.tag.case == "nomn" and "sing" in p.tag for p in parses(fold(head))[:2])
    verbs = any(p.tag.POS in ("VERB", "INFN", "GRND") for w in words for p in parses(fold(w))[:1])
    return nominative and not verbs and any(fold(p.normal_form) in ORG_HEADS for p in parses(fold(head))[:2])


def clutter_lines(lines: list[str], find_dates) -> set[int]:
    """Indexes of the page's clutter lines among its non-empty `lines`: by shape, the
    masthead, and the site's current date. `find_dates(text)` gives a line's dates."""
    out = {i for i, line in enumerate(lines) if is_clutter(line)}
    rest = [i for i in range(len(lines)) if i not in out]
    if len(rest) >= 2 and rest[0] == 0 and is_masthead(lines[0], lines[rest[1]]):
        out.add(0)
    out |= _echoes(lines, out)
    out |= _current_date_lines(lines, out, find_dates)
    return out


def _echoes(lines: list[str], clutter: set[int]) -> set[int]:
    """A line that opens with the last words of the clutter line above it: a photo
    widget's caption shown again under its credit ("…/ Перейти в фотобанкФлажок ШОС",
    then "Флажок ШОС - Агентство, 1920, 21.05.2024")."""
    out = set()
    for i in range(1, len(lines)):
        if i - 1 in clutter | out and i not in clutter:
            above, line = lines[i - 1].rstrip(), lines[i]
            k = above.find(line[:16]) if len(line) >= 16 else -1
            if k >= 0 and line.startswith(above[k:]):
                out.add(i)
    return out


def _current_date_lines(lines: list[str], clutter: set[int], find_dates) -> set[int]:
    """A line that is only a full date, later by more than a month than every other
    full date of the page, is the date the page was viewed, not a date of the text
    ("Вторник, 3 Марта, 2026 года" above a report of 2021)."""
    dated: list[tuple[int, datetime.date, bool]] = []
    for i, line in enumerate(lines):
        if i in clutter:
            continue
        for span in find_dates(line):
            when = span.attributes().get("when", "")
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
                whole = len(re.sub(r"[\W_]", "", line[: span.start] + line[span.end :])) == 0
                dated.append((i, datetime.date.fromisoformat(when), whole))
    out = set()
    for i, day, whole in dated:
        others = [d for j, d, _ in dated if j != i]
        if whole and others and all((day - d).days > 31 for d in others):
            out.add(i)
    return out
