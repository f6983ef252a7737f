"""Places named with a generic head: a region, a district, a gorge or a plant named by a
proper adjective ("Ферганской области", "Центрально-Азиатском регионе", "Варзобское
ущелье", "Чернобыльской АЭС"), or an area named by the name after its head ("сектора
Газа", "провинции Бадахшан"). The head belongs to the mention: without it the name is
another place, or none. The name after "г." (город, the head abbreviated) is a city, the
abbreviation left outside. And a register's place name misspelt by one letter.
"""

from __future__ import annotations

from toolkit.convert.names.block import Block, Cand
from toolkit.convert.names.morph import Token, agrees, fold, is_known, nominative, parses, restore_case, tagged
from toolkit.convert.names.typos import near_forms
from toolkit.model.registers import Entry

# Heads named by a proper adjective before them (lemmas).
ADJECTIVE_HEADS = frozenset(
    "область край район округ регион провинция штат уезд ущелье долина озеро море река залив пролив полуостров "
    "остров пустыня хребет нагорье плато низменность аэс гэс дворец площадь".split()
)
# Heads named by a proper name after them: "сектор Газа" (not "район": "в районе Душанбе" is "near").
GENITIVE_HEADS = frozenset("сектор провинция штат префектура эмират".split())


def _proper_adjective(toks: list[Token], i: int) -> bool:
    """A capitalised adjective that is a name's part, not a sentence's first word
    ("Ферганской", "Центрально-Азиатском"); at a sentence's start only a geographic one."""
    t = toks[i]
    if not t.cap or t.abbr or not any(p.tag.POS == "ADJF" for p in parses(fold(t.text))[:3]):
        return False
    starts_sentence = i == 0 or toks[i - 1].text in '.!?«"—–-:'
    return not starts_sentence or tagged(t.text, "Geox")


def _adjective_places(blk: Block) -> list[Cand]:
    toks, out = blk.toks, []
    for h, head in enumerate(toks):
        if not (head.lemmas & ADJECTIVE_HEADS) or h == 0:
            continue
        first = h
        while first - 1 >= 0 and toks[first - 1].word and agrees(toks[first - 1].text, head.text):
            first -= 1  # the adjectives that agree with the head: "Горно-Бадахшанской автономной области"
        while first < h and not _proper_adjective(toks, first):
            first += 1  # the name starts at its first proper adjective
        if first < h:
            out.append(Cand(first, h, "place", 2, None, nominative(toks[first : h + 1])))
    return out


def _genitive_places(blk: Block) -> list[Cand]:
    """A generic head and the place named after it, in the genitive or in apposition:
    "сектора Газа", "провинцию Бадахшан" (the place found by the registers or NER)."""
    toks, out = blk.toks, []
    places = [(m.first, m.last) for m in blk.gaz if m.entry.kind == "place"]
    places += [(first, last) for first, last, kind in blk.ner if kind == "place"]
    for first, last in places:
        h = first - 1
        if h < 0 or toks[h].cap or not (toks[h].lemmas & GENITIVE_HEADS):
            continue
        if toks[first].cap:
            out.append(Cand(h, last, "place", 4, None, nominative(toks[h : last + 1])))
    return out


def places_with_heads(blk: Block) -> list[Cand]:
    return _adjective_places(blk) + _genitive_places(blk) + _after_city_abbreviation(blk)


def _after_city_abbreviation(blk: Block) -> list[Cand]:
    """The name after "г." (город) is a city, whatever NER guessed ("в г. Ош", not a
    person); "г." after a number is "год" ("в 2017 г. Министры …")."""
    toks, out = blk.toks, []
    for i in range(len(toks) - 2):
        if toks[i].text != "г" or toks[i + 1].text != "." or not toks[i + 2].cap or not toks[i + 2].word:
            continue
        if i > 0 and any(c.isdigit() for c in toks[i - 1].text):
            continue
        last = i + 2
        if (
            last + 1 < len(toks)
            and toks[last + 1].cap
            and toks[last + 1].word
            and agrees(toks[last].text, toks[last + 1].text)
        ):
            last += 1  # "г. Нижний Новгород", not "г. Минск Министерство …"
        if not toks[i + 2].abbr:
            out.append(Cand(i + 2, last, "place", 2, None, nominative(toks[i + 2 : last + 1])))
    return out


def misspelt_places(blk: Block, forms: dict[str, list[tuple[str, Entry]]]) -> list[Cand]:
    """A capitalised word no dictionary knows that is one edit from a case form of a
    one-word place name of the registers ("из Армениии"): that place, the word kept as
    typed and corrected ("Армении"), or only linked where two case forms are as near
    ("в Армениию": "Армению" or "Армении"). `forms`: Gazetteer.place_forms. A word inside
    a longer name NER found, or inside a register name, is left alone; NER's guess at a
    single unknown word (a person, say) gives way."""
    inside = {i for first, last, _kind in blk.ner if last > first for i in range(first, last + 1)}
    inside |= {i for m in blk.gaz for i in range(m.first, m.last + 1)}
    out = []
    for i, tok in enumerate(blk.toks):
        if i in inside or not tok.cap or tok.abbr or len(tok.text) < 5 or not tok.text.isalpha() or is_known(tok.text):
            continue
        of_letter = forms.get(fold(tok.text)[:1], [])
        near = near_forms(tok.text, [form for form, _ in of_letter])
        entries = {entry.key: entry for form, entry in of_letter if form in near}
        if len(entries) != 1:
            continue
        (entry,) = entries.values()
        fixes = ((tok.start, tok.end, restore_case(near.pop(), tok.text)),) if len(near) == 1 else ()
        out.append(Cand(i, i, "place", 2, entry.key, entry.name, fixes))
    return out
