"""Names in Latin script: each register entry's transliteration and its English names.

The transliteration follows the Wikipedia scheme as iuliia implements it
(`iuliia.WIKIPEDIA`, https://iuliia.ru/wikipedia/): it is how English-language
references and the press spell Russian names ("Tokayev", "Zheenbekov", "Pyotr"), so a
reader who searches the way they have seen a name written finds it. The converter uses the
same scheme for the keys of new register entries.

Two things iuliia leaves to the caller, both about ё:
- ё typed as е + a combining diaeresis (U+0308, NFD) is not recognised: iuliia writes "e"
  and keeps the diaeresis ("Soyedinënnye" instead of "Soyedinyonnye"), so text is put in
  NFC first;
- a word in capitals keeps the mixed case of the letter pair ("ЁЛКА" → "YoLKA"), so a
  word that was all capitals is given back in capitals ("YOLKA").

The register keeps the transliteration as `<persName type="translit" xml:lang="ru-Latn">`
(likewise placeName, orgName) beside the canonical name, with the same inner markup
(surname, forename, addName). It is generated: `with_latin_names` writes it again from
the canonical name, so an editor corrects the canonical name, and puts a preferred Latin
spelling into the English name (`type="en" xml:lang="en"`) or a Latin variant
(`type="variant" xml:lang="ru-Latn"` or `"en"`).

This is model, not convert: the site's search, the indexes, the JSON-LD and the exports
read these names from the registers, and render may not import convert.
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata

from lxml import etree

from toolkit.model.registers import KINDS, LATIN_LANG, LIST_OF_KIND, NAME_OF_KIND, Entry
from toolkit.model.tei import XML_ID, XML_LANG, t

SCHEME = "iuliia.WIKIPEDIA"  # named in docs/encoding.md
TRANSLIT = "translit"  # @type of the generated transliteration
_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=65536)  # the same register names on every page that mentions them
def transliterate(text: str) -> str:
    """Russian text in Latin letters (Wikipedia scheme): "Токаев" → "Tokayev",
    "Соединённые" → "Soyedinyonnye", "ОДКБ" → "ODKB"."""
    import iuliia

    text = unicodedata.normalize("NFC", text)
    out = iuliia.WIKIPEDIA.translate(text)
    capitals = [w for w in _WORD.findall(text) if len(w) > 1 and w.isupper()]
    if not capitals:
        return out
    # iuliia keeps words where they were; give an all-capitals word back in capitals
    words = iter(_WORD.findall(text))
    return _WORD.sub(lambda m: _upper_if(m.group(0), next(words, "")), out)


def _upper_if(latin: str, original: str) -> str:
    return latin.upper() if len(original) > 1 and original.isupper() else latin


def latin_name(entry: Entry) -> str:
    """The transliteration of the entry's canonical name ("Tokayev, Kasym-Zhomart Kemelevich")."""
    return transliterate(entry.name)


def latin_names(entry: Entry) -> list[str]:
    """Every Latin-script form a reader may search the entry by, without repeats: its English
    names, then the transliteration of its canonical name (in both orders for a person), of
    its variants and of its abbreviations ("ODKB")."""
    forms = [*entry.english, latin_name(entry)]
    if entry.latin:
        forms.append(entry.latin)
    forms += [transliterate(n) for n in entry.all_names]
    seen: list[str] = []
    for f in forms:
        if f and f not in seen:
            seen.append(f)
    return seen


def with_latin_names(tree: etree._ElementTree, kind: str) -> tuple[etree._ElementTree, list[str]]:
    """A copy of a register with every entry's transliteration written (or rewritten) from its
    canonical name, and `xml:lang="en"` on each English name that lacks it; and the keys of the
    entries that changed. The tree given is not changed."""
    if kind not in KINDS:
        raise ValueError(f"no such kind of register: {kind}")
    out = copy.deepcopy(tree)
    name_tag = t(NAME_OF_KIND[kind])
    changed = []
    listing = out.getroot().find(f".//{t(LIST_OF_KIND[kind])}")
    for el in listing.iter(t(kind)) if listing is not None else ():
        names = [c for c in el if c.tag == name_tag]
        canonical = next((c for c in names if c.get("type") == "canonical"), None)
        if canonical is None:
            continue
        before = [etree.tostring(c) for c in names]
        for c in names:
            if c.get("type") == "en" and not c.get(XML_LANG):
                c.set(XML_LANG, "en")
        new = _translit_of(canonical)
        old = [c for c in names if c.get("type") == TRANSLIT]
        for c in old:
            _remove_keeping_layout(c)
        last = [c for c in el if c.tag == name_tag][-1]
        last.addnext(new)
        new.tail, last.tail = last.tail, el.text  # el.text: the indentation of the entry's children
        after = [etree.tostring(c) for c in el if c.tag == name_tag]
        if after != before:
            changed.append(el.get(XML_ID, ""))
    return out, changed


def _translit_of(canonical: etree._Element) -> etree._Element:
    """The canonical name's element, every text transliterated, as type="translit" xml:lang="ru-Latn"."""
    new = copy.deepcopy(canonical)
    new.tail = None
    new.set("type", TRANSLIT)
    new.set(XML_LANG, LATIN_LANG)
    for node in new.iter():
        if node.text:
            node.text = transliterate(node.text)
        if node is not new and node.tail:
            node.tail = transliterate(node.tail)
    return new


def _remove_keeping_layout(el: etree._Element) -> None:
    prev = el.getprevious()
    if prev is not None:
        prev.tail = el.tail
    else:
        el.getparent().text = el.tail
    el.getparent().remove(el)
