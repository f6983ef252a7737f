"""Issue 13, "done when": the document that uses every element the schema admits
(tests/cases/editor/every-element.xml) validates, round-trips through `format` unchanged,
and builds into both editions, where XPath on the HTML and the text of the PDF find each
element's text and its editorial signs; and the hand edit of the issue (a quotation and a
foreign word in tei/003, on a copy) renders in both.

A new element in the document needs a line in HTML_FORM (how the site renders it): the
test fails on an element it does not know how to find."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from toolkit.commands.build import Request, run
from toolkit.model.anchors import in_residue
from toolkit.model.serialize import to_bytes
from toolkit.model.tei import TEI_NS, local, text_of
from toolkit.render.html.check import parse_page
from toolkit.render.pdf.check import norm, page_texts

pytestmark = pytest.mark.slow  # WeasyPrint lays out the book

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "tests" / "cases" / "editor"
EDITION = ROOT / "editions" / "odkb.toml"

# where each element of <text> is in the document page's reading text (XPath from the reading's <div>)
HTML_FORM = {
    "text": ".",
    "front": ".//div[@class='front']",
    "body": ".//div[@class='body']",
    "docTitle": ".//div[@class='doc-title']",
    "titlePart": ".//p[contains(@class, 'title-part')]",
    "dateline": ".//p[@class='dateline']",
    "docDate": ".//p[@class='docdate']",
    "argument": ".//div[@class='argument']",
    "div": ".//div[contains(@class, 'div') or contains(@class, 'clause')]",
    "head": ".//h2 | .//h3 | .//h4 | .//p[@class='list-head'] | .//caption | .//figcaption",
    "opener": ".//div[@class='opener']",
    "closer": ".//div[@class='closer']",
    "postscript": ".//div[@class='postscript']",
    "address": ".//div[@class='address']",
    "addrLine": ".//p[@class='addr-line']",
    "salute": ".//p[@class='salute']",
    "signed": ".//p[@class='signed']",
    "p": ".//p",
    "foreign": ".//i[@class='foreign'][@lang]",
    "emph": ".//em[@class='emph']",
    "term": ".//i[@class='term']",
    "mentioned": ".//i[@class='mentioned']",
    "soCalled": ".//q[contains(@class, 'so-called')]",
    "quote": ".//q[contains(@class, 'quote')] | .//blockquote[@class='quote']",
    "q": ".//q[@class='q' or starts-with(@class, 'q ')]",
    "cit": ".//figure[@class='cit'] | .//span[@class='cit']",
    "bibl": ".//cite[@class='bibl']",
    "title": ".//cite//span[@class='title']",
    "author": ".//cite//span[@class='author']",
    "editor": ".//cite//span[@class='editor']",
    "publisher": ".//cite//span[@class='publisher']",
    "pubPlace": ".//cite//span[@class='pub-place']",
    "biblScope": ".//cite//span[@class='bibl-scope']",
    "idno": ".//cite//span[@class='idno']",
    "ref": ".//a[contains(@class, 'ref')] | .//span[contains(@class, 'ref')]",
    "ptr": ".//a[contains(@class, 'ptr')]",
    "persName": ".//*[contains(@class, 'ent-person')]",
    "placeName": ".//*[contains(@class, 'ent-place')]",
    "orgName": ".//*[contains(@class, 'ent-org')]",
    "date": ".//*[contains(@class, 'date')]",
    "time": ".//time",
    "hi": ".//b | .//i[not(@class)]",
    "num": ".//data[@class='num'][@value]",
    "measure": ".//data[@class='measure'][@value]",
    "abbr": ".//abbr[@class='abbr' or contains(@class, 'choice-expan')]",
    "expan": ".//span[@class='expan'] | .//abbr[contains(@class, 'choice-expan')]/@title",
    "choice": ".//span[contains(@class, 'choice')] | .//abbr[contains(@class, 'choice')]",
    "sic": ".//span[contains(@class, 'choice-corr')]/span[@class='reading-source']",
    "corr": ".//span[contains(@class, 'choice-corr')]/span[@class='reading-edited']",
    "orig": ".//span[contains(@class, 'choice-reg')]/span[@class='reading-source']",
    "reg": ".//span[contains(@class, 'choice-reg')]/span[@class='reading-edited']",
    "gap": ".//span[@class='gap'][@title]",
    "unclear": ".//span[@class='unclear']",
    "supplied": ".//span[@class='supplied']",
    "add": ".//ins[@class='add'][@title]",
    "del": ".//del[@class='del'][@title]",
    "pb": ".//span[@class='pb'] | .//a[@class='pb']",
    "milestone": ".//span[starts-with(@class, 'milestone')]",
    "anchor": ".//span[@class='anchor'][@id]",
    "lb": ".//br",
    "seg": ".//span[starts-with(@class, 'seg')][@id]",
    "note": ".//span[@role='note']",
    "app": ".//span[@class='app']",
    "lem": ".//span[@class='app']/span[@class='lem']",
    "rdg": ".//span[@class='app-entry']/span[@class='rdg']",
    "list": ".//div[@class='list-block'] | .//ol | .//ul | .//dl",
    "item": ".//li | .//dd",
    "label": ".//span[@class='label'] | .//dt",
    "table": ".//table",
    "row": ".//tr",
    "cell": ".//td | .//th",
    "figure": ".//figure",
    "graphic": ".//img[starts-with(@src, '../media/')]",
    "figDesc": ".//img/@alt",
}
# the editorial signs each element shows, as regular expressions over its rendered text
SIGNS = {
    "gap": r"^\[…\]$",
    "unclear": r"\[\?\]$",
    "supplied": r"^<.+>$",
    "pb": r"^\[с\. \S+\]$",
    "milestone": r"^\[\S+ \S+\]$",
}
# what the book prints for what the line cannot hold: words of its (lettered or numbered) footnotes
PRINTED_NOTES = {
    "gap": "Пропуск:",
    "unclear": "Чтение неуверенное",
    "supplied": "Восстановлено издателем",
    "add": "Вписано в источнике",
    "del": "В источнике зачёркнуто",
    "sic": "в источнике:",
    "expan": "Сокращение; полностью",
}


def words(s: str) -> list[str]:
    return re.findall(r"\w+", s.replace("\u00a0", " ").lower())


# shown elsewhere than in their parent's text: at a note's target, in an image's alt, in an <abbr title>
MOVABLE = ("note", "figDesc", "expan")


def own_words(el: etree._Element) -> set[str]:
    """The words of an element's text, each text node on its own (a word never runs across
    an element's edge), without what is shown elsewhere (notes, a figure's description) or
    never (the residue)."""
    found: set[str] = set()

    def walk(node, top):
        moved = local(node) in MOVABLE and (local(node) != "expan" or local(node.getparent()) == "choice")
        if not top and (moved or (local(node) == "div" and node.get("type") == "residue")):
            return
        found.update(words(node.text or ""))
        for child in node:
            if isinstance(child.tag, str):
                walk(child, False)
            found.update(words(child.tail or ""))

    walk(el, True)
    return found


def squeezed(s: str) -> str:
    return re.sub(r"\s+", "", s.replace("\u00a0", " ")).lower()


def text_elements(tree) -> list[etree._Element]:
    text = tree.getroot().find(f"{{{TEI_NS}}}text")
    return [el for el in text.iter(etree.Element) if not in_residue(el) and not _residue(el)]


def _residue(el) -> bool:
    return local(el) == "div" and el.get("type") == "residue" or (local(el) == "back" and not _shown_back(el))


def _shown_back(el) -> bool:
    return any(local(d) == "div" and d.get("type") != "residue" for d in el)


def project(tmp_path: Path, monkeypatch, *files: tuple[Path, str]) -> Path:
    """A project with the registers, the given TEI files (source, name) and the case's images."""
    (tmp_path / "tei").mkdir()
    shutil.copytree(ROOT / "tei" / "registers", tmp_path / "tei" / "registers")
    shutil.copytree(CASE / "images", tmp_path / "tei" / "images")
    for source, name in files:
        shutil.copyfile(source, tmp_path / "tei" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(tmp_path: Path) -> list[str]:
    lines: list[str] = []
    request = Request(Path("tei"), EDITION, html_out=tmp_path / "html", pdf_out=tmp_path / "pdf", search=False)
    assert run(request, echo=lines.append) == 0, lines
    return lines


@pytest.fixture(scope="module")
def every(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("every")
    mp = pytest.MonkeyPatch()
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)
    try:
        project(tmp, mp, (CASE / "every-element.xml", "every-element.xml"))
        lines = build(tmp)
    finally:
        mp.undo()
    tree = etree.parse(str(CASE / "every-element.xml"))
    docid = tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id")
    page = parse_page((tmp / "html" / "documents" / f"{docid}.html").read_bytes())
    pdf = (tmp / "pdf" / f"{docid}.pdf").read_bytes()
    return {"lines": lines, "tree": tree, "page": page, "pdf": pdf, "site": tmp / "html"}


def test_it_validates_round_trips_and_builds_with_no_element_unrendered(every):
    data = (CASE / "every-element.xml").read_bytes()
    assert to_bytes(etree.ElementTree(etree.fromstring(data))) == data  # `format` changes nothing
    lines = every["lines"]  # the build's gate validated it: a schema error fails the build
    assert not [line for line in lines if "[html.unknown-element]" in line or "error:" in line], lines
    assert not [line for line in lines if "[pdf.check]" in line or "[html.check]" in line], lines
    assert (every["site"] / "media" / "tei" / "images" / "every-element-facsimile.png").is_file()


def test_xpath_finds_each_element_with_its_text_and_signs(every):
    reading = every["page"].xpath("//div[@class='reading']")[0]
    elements = text_elements(every["tree"])
    unknown = sorted({local(el) for el in elements} - set(HTML_FORM))
    assert not unknown, f"add how the site renders {unknown} to HTML_FORM"
    for el in elements:
        name = local(el)
        found = reading.xpath(HTML_FORM[name])
        assert found, f"<{name}> line {el.sourceline}: nothing at {HTML_FORM[name]}"
        rendered = [" ".join("".join(f.itertext()).split()) if isinstance(f, etree._Element) else str(f) for f in found]
        expected = own_words(el)
        assert any(all(w in squeezed(r) for w in expected) for r in rendered), (
            f"<{name}> line {el.sourceline}: {sorted(w for w in expected if not any(w in squeezed(r) for r in rendered))}"
        )
        if name in SIGNS:
            assert any(re.search(SIGNS[name], r) for r in rendered), f"<{name}>: no sign {SIGNS[name]} in {rendered}"
    legend = every["page"].xpath("string(//section[@class='legend'])")
    assert "[…]" in legend and "[?]" in legend and "чтение неуверенное" in legend and "Свидетели текста" in legend


def test_the_pdf_prints_each_element_with_its_text_and_signs(every):
    text = norm(" ".join(page_texts(every["pdf"])), dehyphenate=True)
    flat = squeezed(text)
    every_word = set(words(text))
    for el in text_elements(every["tree"]):
        name, own = local(el), text_of(el)
        if not el.getchildren():  # a leaf: its words in a row, as printed
            assert squeezed(norm(own)) in flat, f"<{name}> line {el.sourceline}: {own!r} not printed"
        missing = {w for w in map(norm, own_words(el)) if w not in every_word and w not in flat}
        assert not missing, f"<{name}> line {el.sourceline}: {missing} not printed"
        if name in PRINTED_NOTES:
            assert squeezed(norm(PRINTED_NOTES[name])) in flat, f"<{name}>: no note {PRINTED_NOTES[name]!r}"
    for sign in ("[…]", "[?]", "[с. 2]", "[л. 2]", "<слово>"):
        assert sign in text, sign
    for el in every["tree"].iter(f"{{{TEI_NS}}}app"):  # the apparatus: lemma] reading, with the sigla
        lem, rdg = (text_of(c) for c in el)
        assert squeezed(norm(lem)) + "wit-site]" + squeezed(norm(rdg)) in flat
    assert "подписывайтесь на наш канал" not in text  # the residue is never printed


def test_the_hand_edit_of_the_issue_renders_in_both_editions(tmp_path, monkeypatch):
    """tei/003 with the speech «Мы намерены … угрозам» wrapped in <quote> and a foreign word
    marked (on a copy: tei/ is the master). 003 has no English in its reading text, so the
    foreign word is the operation's Kazakh name «Жусан» (xml:lang="kk")."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    name = "003_5e06a889809b9e04.xml"
    data = (ROOT / "tei" / name).read_text(encoding="utf-8")
    start = "«Мы намерены развивать"
    end = "вызовам и угрозам»"
    assert data.count(start) == 1 and data.count(end) == 1 and data.count("«Жусан»") == 1
    edited = data.replace(start, f"<quote>{start}").replace(end, f"{end}</quote>")
    edited = edited.replace("«Жусан»", '«<foreign xml:lang="kk">Жусан</foreign>»')
    work = tmp_path / "edited.xml"
    work.write_text(edited, encoding="utf-8")
    assert to_bytes(etree.parse(str(work))) == edited.encode()  # a hand edit in the canonical layout
    project(tmp_path, monkeypatch, (work, name))
    lines = build(tmp_path)
    assert not [line for line in lines if "warning" in line and name in line], lines
    page = parse_page((tmp_path / "html" / "documents" / "news-report-2019-11-28.html").read_bytes())
    quote = page.xpath("//p[@id='news-report-2019-11-28-p5']/q[@class='quote marked']")
    assert len(quote) == 1 and quote[0].text_content().startswith("«Мы намерены") and quote[0].xpath(".//a")
    assert page.xpath("string(//i[@class='foreign'][@lang='kk'])") == "Жусан"
    text = norm(" ".join(page_texts((tmp_path / "pdf" / "news-report-2019-11-28.pdf").read_bytes())), True)
    assert "«мы намерены развивать политическое сотрудничество" in text and "««" not in text  # marks not doubled
    assert "операции «жусан»" in text
