"""Page clutter of web copies: navigation, share buttons, subscription calls, copyright
and reuse notices. A line that is clutter goes to `<back><div type="residue">`, which
renderers do not print; recognition works on the line's words, never on a particular site.
"""

from __future__ import annotations

import re

_SOCIAL = r"(?:twitter|facebook|youtube|instagram|telegram|vk|вконтакте|одноклассники|whatsapp|viber|rss|дзен|x\.com|tiktok|ok)"
CLUTTER = [
    re.compile(
        r"^(?:menu|меню|rss|наверх|вверх|главная|поиск|search|home|назад|далее|подробнее|поделиться|share|печать|версия для печати|комментарии|войти|регистрация)\W*$",
        re.I,
    ),
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
]


def is_clutter(line: str) -> bool:
    return any(p.search(line) for p in CLUTTER)
