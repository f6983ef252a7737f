"""An official document (appeal, statement, declaration, decision …) as TEI: the title
block and dateline in `<front>`; in `<body>` the opening formula, the preamble of
participial clauses, the operative part (chapeau, numbered points, closing), and the
lines that are no clause: an enacting formula on its own line ("р е ш и л:"), and after the
clauses a closer with the formula of signature (dateline: "Совершено в городе …") and the
signatures (signed: "За Республику Армения").

A page that publishes a document after lines of its own (a news lead, an agency's
dateline) keeps those lines as paragraphs before the document.
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit.convert import inline
from toolkit.convert.genre import OPENER, embedded_title, first_content_word, is_enacting_formula
from toolkit.convert.lines import NUMBERED, Line, clause, ends_sentence, is_caps_heading
from toolkit.convert.names.morph import fold, has_verb, is_participial, parses
from toolkit.model.tei import E, SubE, t


def build_official(content: list[Line], docid: str, find_dateline, genre: str):
    """(<text> without its back, the title, the dateline's date) of an official document."""
    text = E("text", xml_lang="ru")
    front = SubE(text, "front")
    body = SubE(text, "body")
    start = embedded_title(content, find_dateline) or 0
    if start:
        return _build_embedded(text, content, start, docid, find_dateline)
    title_lines = _title_block(content, 0, find_dateline)
    i = len(title_lines)
    if title_lines:
        doc_title = SubE(front, "docTitle")
        inline.fill(SubE(doc_title, "titlePart", type="main"), title_lines[0].text)
        if len(title_lines) > 1:
            sub = SubE(doc_title, "titlePart", type="desc")
            for k, line in enumerate(title_lines[1:]):
                if k:
                    SubE(sub, "lb")
                inline.fill(sub, (" " if k else "") + line.text)
    stated = None
    if i < len(content) and (stated := find_dateline(content[i].text)):
        dateline = SubE(front, "dateline")
        inline.fill(dateline, content[i].text)
        i += 1
        if i < len(content) and _is_place_line(content[i].text):
            SubE(dateline, "lb")
            inline.fill(dateline, " " + content[i].text)
            i += 1
    official_body(body, content[i:], docid)
    return text, " ".join(line.text for line in title_lines), stated


def _build_embedded(text: etree._Element, content: list[Line], start: int, docid: str, find_dateline):
    """A document published inside a page: the page's headline and lead in `<front>`; the
    document's title heads its preamble, its dateline the preamble's first paragraph."""
    front, body = text.find(t("front")), text.find(t("body"))
    inline.fill(SubE(SubE(front, "docTitle"), "titlePart", type="main"), content[0].text)
    if start > 1:
        argument = SubE(front, "argument")
        for line in content[1:start]:
            inline.fill(SubE(argument, "p"), line.text)
    preamble = SubE(body, "div", type="preamble")
    inline.fill(SubE(preamble, "head"), content[start].text)
    i, stated = start + 1, None
    if i < len(content) and (stated := find_dateline(content[i].text)):
        inline.fill(SubE(preamble, "p", xml_id=f"{docid}-dateline"), content[i].text)
        i += 1
    official_body(body, content[i:], docid, preamble)
    return text, content[start].text, stated


def _title_block(lines: list[Line], i: int, find_dateline) -> list[Line]:
    """The capitalised heading and the lines that continue it."""
    if i >= len(lines) or not is_caps_heading(lines[i].text):
        return []
    out = [lines[i]]
    for line in lines[i + 1 :]:
        t = line.text
        if ends_sentence(t) or len(t) > 160 or NUMBERED.match(t) or OPENER.match(t) or find_dateline(t):
            break
        out.append(line)
    return out


def _is_place_line(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 4
        and not ends_sentence(text.rstrip(". ") + "x")
        and (words[0].lower() in ("город", "г.", "г") or text[:1].isupper())
        and not NUMBERED.match(text)
    )


def is_preambular(text: str) -> bool:
    """A preambular clause opens with a participle or gerund ("подтверждая", "высоко
    оценивая", "будучи убеждены"), in lower case or ending in a comma."""
    if NUMBERED.match(text):
        return False
    return (text[:1].islower() or text.rstrip().endswith((",", ";"))) and is_participial(first_content_word(text))


def _no_verb(text: str) -> bool:
    return not has_verb(text, ("VERB", "INFN", "GRND"))


def signatories_speak(text: str) -> bool:
    """Do the signatories speak in this paragraph: a verb in the first person plural or
    the third person plural present or future ("заявляем", "выражают", "предлагают"), or a
    short plural participle of their conviction ("Убеждены", not "были подписаны"), or an
    infinitive that opens a decision's provision?"""
    words = re.findall(r"[\w-]+", text)
    if words and any(p.tag.POS == "INFN" for p in parses(fold(words[0]))[:1]):
        return True  # a decision's provision: "утвердить …", "установить, что …"
    for k, w in enumerate(words):
        for p in parses(fold(w))[:2]:
            tag = p.tag
            if tag.POS == "VERB" and tag.number == "plur" and tag.mood == "indc":
                if tag.person == "1per" or (tag.person == "3per" and tag.tense in ("pres", "futr")):
                    return True
            if tag.POS == "PRTS" and tag.number == "plur" and (k == 0 or fold(words[k - 1]) not in ("были", "будут")):
                return True
    return False


def is_signature_formula(text: str) -> bool:
    """ "Совершено в городе Киеве 29 января 2003 года в одном подлинном экземпляре …":
    a neuter short participle of making, then where and when."""
    first = re.match(r"[\w-]+", text)
    return bool(first) and any(
        p.tag.POS == "PRTS" and "neut" in p.tag and "sing" in p.tag for p in parses(fold(first.group()))[:2]
    )


def is_signature(text: str) -> bool:
    """A signature line: no verb, no full stop, and either "За <state>" or a name and
    office in capitals ("Председатель Совета …,", "Президент Республики Беларусь А. Лукашенко")."""
    if len(text) > 160 or text.rstrip().endswith((".", ";", ":")) or not _no_verb(text):
        return False
    if re.match(r"За\s+[А-ЯЁ]", text):
        return True
    words = re.findall(r"[\w-]+\.?", text)
    capitalised = sum(1 for w in words if w[:1].isupper())
    return text.rstrip().endswith(",") or capitalised * 2 >= len(words)


def official_body(body: etree._Element, paragraphs: list[Line], docid: str, preamble=None) -> None:
    """Clauses and the lines that are none, in order (into `preamble` if it is begun)."""
    formula = next((k for k, p in enumerate(paragraphs) if is_enacting_formula(p.text) and len(p.text) < 40), None)
    structured = any(NUMBERED.match(p.text) or is_preambular(p.text) for p in paragraphs)
    parts = _Parts(body, docid, structured)
    parts.preamble = preamble
    for k, p in enumerate(paragraphs):
        if formula is not None and (k == formula or (k < formula and _no_verb(p.text))):
            parts.opener(p.text)  # the enacting body and "р е ш и л:" on lines of their own
        elif parts.has_clause and is_signature_formula(p.text):
            parts.closing(p.text, "dateline")
        elif parts.has_clause and is_signature(p.text):
            parts.closing(p.text, "signed")
        else:
            parts.add(p.text)


class _Parts:
    """The body as it is built: preamble and operative divisions, clause counters."""

    def __init__(self, body: etree._Element, docid: str, structured: bool):
        self.body, self.docid, self.structured = body, docid, structured
        self.preamble = self.operative = None
        self.pp = self.chapeaux = self.closings = self.plain_n = self.openers = 0
        self.seen_number = self.has_clause = False

    def _div(self, kind: str):
        if kind == "preamble":
            if self.preamble is None:
                self.preamble = SubE(self.body, "div", type="preamble")
            return self.preamble
        if self.operative is None:
            self.operative = SubE(self.body, "div", type="operative") if self.structured else self.body
        return self.operative

    def opener(self, text: str) -> None:
        self.openers += 1
        suffix = "" if self.openers == 1 else str(self.openers)
        inline.fill(SubE(self._div("preamble"), "p", xml_id=f"{self.docid}-opener{suffix}"), text)

    def plain(self, text: str) -> None:
        """A paragraph that is no clause. TEI admits no paragraph after a division: after a
        clause it stands in a div of type narrative, after the signatures in a postscript."""
        parent = self.operative if self.operative is not None else self.body
        last = parent[-1] if len(parent) else None
        if last is not None and last.tag in (t("closer"), t("postscript")):
            parent = last if last.tag == t("postscript") else SubE(parent, "postscript")
        elif last is not None and last.tag == t("div"):
            parent = last if last.get("type") == "narrative" else SubE(parent, "div", type="narrative")
        inline.fill(SubE(parent, "p"), text)

    def closing(self, text: str, kind: str) -> None:
        """The formula of signature (kind "dateline") or a signature ("signed") after the
        clauses, in a <closer>: TEI admits a closer after divisions, where it admits no
        paragraph."""
        parent = self.operative if self.operative is not None else self.body
        closer = parent[-1] if len(parent) and parent[-1].tag == t("closer") else SubE(parent, "closer")
        inline.fill(SubE(closer, kind), text)

    def add(self, text: str) -> None:
        self.has_clause = self.has_clause or not self._is_opening(text)
        if not self.structured:
            if self._is_opening(text):
                return self.opener(text)
            if not signatories_speak(text):
                return self.plain(text)  # a narrative paragraph: no clause of the signatories
            self.plain_n += 1  # a statement in plain paragraphs: each paragraph is a clause, p1 … pN
            kind = "preambular" if is_participial(first_content_word(text)) else "operative"
            clause(self._div("operative"), self.docid, f"p{self.plain_n}", kind, text)
            return None
        m = NUMBERED.match(text)
        if m:
            self.seen_number = True
            clause(
                self._div("operative"),
                self.docid,
                m.group("num"),
                "operative",
                m.group("rest"),
                label=m.group("num") + ".",
            )
        elif is_preambular(text) and self.operative is None:
            self.pp += 1
            clause(self._div("preamble"), self.docid, f"PP{self.pp}", "preambular", text)
        elif self._is_opening(text):
            self.opener(text)
        else:
            clause(self._div("operative"), self.docid, self._next_n(), "operative", text)
        return None

    def _is_opening(self, text: str) -> bool:
        """The opening formula ("Мы, министры …,"): the subject of the whole text."""
        return (
            self.operative is None
            and self.openers == 0
            and self.pp == 0
            and text.rstrip().endswith(",")
            and not is_preambular(text)
        )

    def _next_n(self) -> str:
        if self.seen_number:
            self.closings += 1
            return "closing" if self.closings == 1 else f"closing{self.closings}"
        self.chapeaux += 1
        return "chapeau" if self.chapeaux == 1 else f"chapeau{self.chapeaux}"
