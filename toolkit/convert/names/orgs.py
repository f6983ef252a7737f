"""Rules for organisation names NER cannot delimit or types wrongly: a body before its
organisation ("Секретариату" + "ОДКБ"), a capitalised organisation name ("Содружества
Независимых Государств"), a country inside an organisation's name ("Министерства обороны
России"), and which of NER's organisations are mentions at all (not anaphoric short
forms, generic plurals, treaties, events or concepts).
"""

from __future__ import annotations

from toolkit.convert.names.block import Block, Cand
from toolkit.convert.names.morph import (
    Token,
    agrees,
    can_be_genitive,
    cyrillic,
    fold,
    head_index,
    is_common_noun,
    is_known,
    lemmas,
    nominative,
    parses,
    pos,
    tagged,
)

# Head nouns of organisation names (lemmas). A capitalised phrase headed by one of these
# names an organisation or body; a phrase headed by anything else ("Договора о РСМД",
# "Саммита", "Евразийскую платформу безопасности") is a treaty, an event or a concept.
ORG_HEADS = frozenset(
    "организация совет комитет комиссия министерство мид минобороны ведомство служба агентство центр секретариат штаб ассамблея парламент правительство администрация аппарат союз содружество сообщество банк фонд институт университет академия партия департамент управление палата собрание суд прокуратура компания корпорация структура исполком совбез сенат дума меджлис курултай посольство представительство миссия трибунал бюро альянс блок коалиция движение объединение ассоциация конгресс канцелярия генштаб госдепартамент кабинет".split()
)
# Institutions every state has: before "стран-участниц" they are a plural, not one body.
NATIONAL_HEADS = frozenset(
    "мид министерство минобороны ведомство правительство парламент совбез посольство администрация генштаб представительство".split()
)
# State institutions named in lower case before their country: "министерства обороны Армении",
# "администрации президента Казахстана" are one organisation with the country.
LOWER_CASE_HEADS = (NATIONAL_HEADS - {"мид", "совбез"}) | frozenset(
    "служба пресс-служба совет комитет агентство аппарат канцелярия прокуратура".split()
)
# Common nouns before an organisation named in quotes: "телеканала «…»", "партия «…»" (lemmas)
QUOTED_ORG_HEADS = frozenset(
    "агентство информагентство телеканал телекомпания радиостанция газета журнал портал "
    "компания корпорация концерн холдинг банк партия".split()
)
OPENING_QUOTES = frozenset('«„“"')
_CLOSING_QUOTES = frozenset('»“”"')
MEMBER_STATES = frozenset({"страна", "государство"})
MEMBERS = frozenset({"член", "участник", "участница"})
_DASHES = {"-", "–", "—"}
_ANAPHORIC = frozenset({"указанный", "настоящий", "вышеуказанный", "вышеназванный", "упомянутый"})


def org_cand(blk: Block, first: int, last: int, aliases: dict) -> Cand | None:
    """An NER organisation, unless it is a short form, a generic plural, a treaty, an
    event or a concept, or a body whose organisation follows (see `bodies`)."""
    toks = blk.toks[first : last + 1]
    if not toks[0].cap:
        return None
    if len(toks) == 1 and toks[0].abbr:
        t = toks[0]
        if is_known(fold(t.text)) and tagged(t.text, "Pltm") and not tagged(t.text, "Orgn"):
            return None  # a common plural abbreviation: "СМИ" (the media) is no organisation
        if t.lemmas & NATIONAL_HEADS and member_connector_len(blk.toks, last + 1):
            return None  # "Главы МИД стран-участниц": every member's own ministry
        entry = aliases.get(cyrillic(t.text))
        if entry is not None:
            return Cand(first, last, "org", 1, entry.key, entry.name)
        return Cand(first, last, "org", 1, None, cyrillic(t.text))
    if len(toks) == 1:
        t = toks[0]
        plural_head = any("plur" in p.tag and p.normal_form in ORG_HEADS for p in parses(fold(t.text))[:4])
        if _heads(t) or is_common_noun(t.text) or plural_head:
            return None  # "Организации", "Совет" (anaphora), "Совбезов" (generic plural)
    elif _body_anchor(blk, last) is not None:
        return None
    else:
        head = toks[head_index(toks)]
        if not head.abbr and (not _heads(head) or _is_plural(head)) and (is_common_noun(head.text) or not head.cap):
            return None  # "Договора о РСМД", "Платформы безопасности", "Евразийскую платформу"
    return Cand(first, last, "org", 1, None, nominative(toks))


def _heads(tok: Token) -> bool:
    return bool(tok.lemmas & ORG_HEADS)


def _is_plural(tok: Token) -> bool:
    ps = [p for p in parses(fold(tok.text)) if p.score >= 0.05 and p.tag.POS == "NOUN"]
    return bool(ps) and all("plur" in p.tag for p in ps)


def member_connector_len(toks: list[Token], i: int) -> int:
    """Tokens of "государств – членов" / "стран-участниц" / "государств-членов" at i, else 0."""
    if i >= len(toks):
        return 0
    t = toks[i]
    if "-" in t.text:
        left, _, right = t.text.partition("-")
        return 1 if lemmas(left) & MEMBER_STATES and lemmas(right) & MEMBERS else 0
    if t.lemmas & MEMBER_STATES and i + 2 < len(toks) and toks[i + 1].text in _DASHES:
        return 3 if toks[i + 2].lemmas & MEMBERS else 0
    return 0


def _org_starts(blk: Block) -> dict[int, int]:
    """First token → last token of each organisation named: a register's, an abbreviation
    NER calls one, or a capitalised name with an organisation's head after a head of
    its own ("Совета министров" + "Содружества Независимых Государств")."""
    starts = {m.first: m.last for m in blk.gaz if m.entry.kind == "org"}
    for first, last, kind in blk.ner:
        if kind == "org" and first not in starts and blk.toks[first].abbr:
            starts[first] = last
    for c in _proper_phrases(blk):
        if c.first not in starts and c.first > 0 and blk.toks[c.first - 1].word:
            starts[c.first] = c.last
    return starts


def _connector_before(toks: list[Token], a: int) -> int:
    """The last token of a body phrase before the organisation starting at token a:
    skips "при" and member states ("государств – членов"; but "глав государств" is the
    body's own genitive). -1 if a national institution precedes the member states."""
    j = a - 1
    if j >= 0 and toks[j].text.lower() == "при":
        return j - 1
    for n in (1, 3):
        k = j - n + 1
        if k >= 0 and member_connector_len(toks, k) == n and not (k > 0 and toks[k - 1].lemmas & {"глава"}):
            j = k - 1
            return -1 if j >= 0 and toks[j].lemmas & NATIONAL_HEADS else j
    return j


def _body_anchor(blk: Block, last: int) -> int | None:
    """The organisation that a phrase ending at token `last` is a body of, if any follows."""
    for a in _org_starts(blk):
        if a > last and _connector_before(blk.toks, a) == last:
            return a
    return None


def bodies(blk: Block) -> list[Cand]:
    """A body named before its organisation: "Секретариату ОДКБ", "Исполнительного комитета
    СНГ", "Совета глав государств – членов ШОС", "совета министров ОДКБ" (in lower case
    only with its dependents: "совета ОДКБ" alone is a description): two flat mentions."""
    toks, out = blk.toks, []
    for a, a_last in _org_starts(blk).items():
        j = _connector_before(toks, a)
        phrase = org_phrase_ending(toks, j)
        lower = org_phrase_ending(toks, j, lower=True) if phrase is None else None
        if lower is not None and lower[1] < j:  # "совета министров ОДКБ": a named body in lower case
            phrase = lower
        if phrase is None or _continues(toks, a_last):
            continue  # no body, or "Региональном центре ООН по целям…": its name runs on
        out.append(Cand(phrase[0], j, "org", 2, None, nominative(toks[phrase[0] : j + 1])))
    return out


def _continues(toks: list[Token], last: int) -> bool:
    """Does the name run on after the organisation ("Региональном центре ООН по целям
    …")? Not with a word that points back: "… СНГ по данному вопросу", "по этому поводу"."""
    nxt = toks[last + 1 : last + 3]
    return len(nxt) == 2 and nxt[0].text in ("по", "для") and not nxt[1].cap and not _points_back(nxt[1].text)


def _points_back(word: str) -> bool:
    """A pronominal adjective ("этому", "таким") or an anaphoric participle or adjective of
    officialese ("данному", "указанному", "настоящему")."""
    likeliest = parses(fold(word))[:1]
    if not likeliest:
        return False
    tag = likeliest[0].tag
    return "Apro" in tag or ("PRTF" in tag and "pssv" in tag) or likeliest[0].normal_form in _ANAPHORIC


def org_phrase_ending(toks: list[Token], j: int, lower: bool = False) -> tuple[int, int] | None:
    """(first, head) of a capitalised organisation phrase ending at token j: adjectives,
    a head noun from ORG_HEADS, genitive dependents ("Совета глав государств"). The head
    is the outermost one ("Совета глав правительств", not "правительств"). `lower`: the
    phrase may be in lower case if its head is a state institution ("министерства обороны")."""
    if j < 0 or not toks[j].word:
        return None
    head = None
    for h in range(j, max(j - 6, -1), -1):
        t = toks[h]
        if not t.word:
            break
        if (
            _heads(t)
            and (t.abbr or "NOUN" in pos(t.text))
            and all(_is_genitive_dependent(d) for d in toks[h + 1 : j + 1])
        ):
            head = h
        elif t.abbr or not can_be_genitive(t.text):
            break
    if head is None:
        return None
    first = head
    while first - 1 >= 0 and toks[first - 1].word and agrees(toks[first - 1].text, toks[head].text):
        first -= 1
    if lower and not toks[head].cap and toks[head].lemmas & LOWER_CASE_HEADS and not _is_plural(toks[head]):
        return (first, head)  # one named institution: "оборонных ведомств стран" is a generic plural
    while first <= head and not toks[first].cap:
        first += 1
    return (first, head) if first <= head else None


def _is_genitive_dependent(t: Token) -> bool:
    """A word that can continue an organisation's name: a genitive, not a verb or a
    function word, not a person's name ("Кабинет Мишустина" is no organisation name)."""
    if not t.word or t.abbr or not can_be_genitive(t.text) or pos(t.text) & {"VERB", "PREP", "CONJ", "PRCL"}:
        return False
    return not (t.cap and tagged(t.text, "Name", "Surn", "Patr") and not tagged(t.text, "Geox", "Orgn"))


def _proper_phrases(blk: Block) -> list[Cand]:
    """Capitalised organisation names that begin with their head (no adjective before it)."""
    return [c for c in proper_org_phrases(blk) if _heads(blk.toks[c.first])]


def proper_org_phrases(blk: Block) -> list[Cand]:
    """Organisation names NER may miss, known by their capitals: a head noun followed by
    capitalised genitives ("Содружества Независимых Государств", "Совете Безопасности"),
    with any capitalised adjectives before it."""
    toks, out = blk.toks, []
    for i, t in enumerate(toks):
        if not (t.cap and not t.abbr and _heads(t) and "NOUN" in pos(t.text)):
            continue
        k = i + 1
        while k < len(toks) and toks[k].cap and len(toks[k].text) > 1 and _is_genitive_dependent(toks[k]):
            k += 1
        if k > i + 1:
            first = i
            while first - 1 >= 0 and toks[first - 1].cap and agrees(toks[first - 1].text, t.text):
                first -= 1
            out.append(Cand(first, k - 1, "org", 2, None, nominative(toks[first:k])))
    return out


def quoted_orgs(blk: Block) -> list[Cand]:
    """An organisation named in quotes after a common noun of its kind: "газете
    «Известия»", "агентство «Интерфакс»", "телеканала «Звезда 24»". The mention is the
    name inside the quotes, as written (a quoted name does not decline)."""
    toks, out = blk.toks, []
    for i, t in enumerate(toks[:-3]):
        if not (t.lemmas & QUOTED_ORG_HEADS) or toks[i + 1].text not in OPENING_QUOTES:
            continue
        close = next((k for k in range(i + 2, min(i + 9, len(toks))) if toks[k].text in _CLOSING_QUOTES), None)
        if close is None or close == i + 2 or not (toks[i + 2].cap or toks[i + 2].text[:1].isdigit()):
            continue
        out.append(Cand(i + 2, close - 1, "org", 2, None, blk.text[toks[i + 2].start : toks[close - 1].end]))
    return out


def orgs_with_country(blk: Block) -> list[Cand]:
    """A country inside an organisation's name belongs to the organisation:
    "Министерства обороны России", "МИД Таджикистана", "министерства обороны Армении",
    "ВДВ России" are one mention each, no place."""
    toks, out = blk.toks, []
    in_org = {i for m in blk.gaz if m.entry.kind == "org" for i in range(m.first, m.last + 1)}
    places = [(m.first, m.last) for m in blk.gaz if m.entry.kind == "place"]
    places += [(start, end) for start, end, kind in blk.ner if kind == "place"]
    for pf, pl in places:
        if not toks[pf].cap or not (toks[pf].abbr or can_be_genitive(toks[pf].text)):
            continue
        phrase = org_phrase_ending(toks, pf - 1, lower=True)
        if phrase is None and _national_abbreviation(blk, pf - 1, in_org):
            phrase = (pf - 1, pf - 1)
        if phrase and not any(i in in_org for i in range(phrase[0], pf)):
            out.append(Cand(phrase[0], pl, "org", 4, None, nominative(toks[phrase[0] : pl + 1])))
    return out


def _national_abbreviation(blk: Block, i: int, in_org: set[int]) -> bool:
    """An abbreviation before a country that names a national body ("ВДВ России",
    "КНБ Казахстана"): an organisation to NER or unknown, not a register organisation
    (an international one: "председательство в ОДКБ Казахстана" is no such name)."""
    if i < 0 or not blk.toks[i].abbr or i in in_org or tagged(blk.toks[i].text, "Geox"):
        return False
    return any(first == i == last and kind == "org" for first, last, kind in blk.ner) or not is_known(
        fold(blk.toks[i].text)
    )


def body_of_another(blk: Block, first: int, last: int, parent: str | None) -> bool:
    """Is the register body at [first, last] followed by an organisation other than its
    own ("Совета министров иностранных дел" + "СНГ", when the register's is the CSTO's)?"""
    if parent is None:
        return False
    starts = _org_starts(blk)
    for a in starts:
        if a > last and _connector_before(blk.toks, a) == last:
            return not any(m.first == a and m.entry.key == parent for m in blk.gaz)
    return False
