"""The visitors of the elements an editor adds by hand (issue 13), one family at a time,
on small documents rendered for the screen (render_text) and for print (render_reading):
what HTML each element becomes, its editorial signs, where a note's mark goes, and the
located warnings for what cannot be shown (an image from outside the project, a note
whose target is nowhere, a witness the header does not declare)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from toolkit.model.anchors import generated_anchors
from toolkit.model.corpus import Document
from toolkit.model.index import date_key
from toolkit.model.media import local_path, safe_svg
from toolkit.model.meta import read_meta
from toolkit.render.linking import EntityTarget
from toolkit.render.pdf.reading import render_reading
from toolkit.render.signs import legend, letter
from toolkit.render.transform import render_text

HEADER = """<teiHeader><fileDesc><titleStmt><title type="main">Документ</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><bibl><title>x</title></bibl>
<listWit><witness xml:id="doc-wA" n="А">Подлинник</witness><witness xml:id="doc-wB">Копия</witness></listWit>
</sourceDesc></fileDesc></teiHeader>"""


class FakeLinks:
    def __init__(self, media=()):
        self.published = set(media)

    def entity(self, ref):
        return EntityTarget(f"idx.html#{ref}", f"подсказка {ref}")

    def date(self, attrs):
        return f"chrono.html#{date_key(attrs)}"

    def pointer(self, target_id):
        return None

    def media(self, path):
        return (f"media/{path}", "") if path in self.published else (None, "no such file in the project")

    def file(self, stem, ident):
        return f"{stem}.html" + (f"#{ident}" if ident else "") if stem == "other" else None


def document(body: str, shown: str = "tei/doc.xml") -> Document:
    xml = f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="doc">{HEADER}<text><body>{body}</body></text></TEI>'
    data = xml.encode()
    tree = etree.ElementTree(etree.fromstring(data))
    return Document(Path(shown), shown, data, tree, read_meta(tree))


def screen(body: str, links=None):
    doc = document(body)
    out, transform = render_text(doc, generated_anchors(doc), links or FakeLinks(), "Документ")
    return out, transform


def printed(body: str, links=None):
    doc = document(body)
    return render_reading(doc, generated_anchors(doc), links or FakeLinks(), "")


def html(el) -> str:
    return etree.tostring(el, encoding="unicode")


def words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def test_quotations_are_set_off_and_the_source_marks_are_not_doubled():
    out, _ = screen(
        '<div type="news"><p>Он сказал: <quote>«Мы готовы»</quote>, «<q>внутри</q>» и <q>без знаков</q>; '
        '<soCalled>«так называемые»</soCalled>; <foreign xml:lang="en">ad hoc</foreign>, <emph>особо</emph>, '
        "<term>термин</term>, <mentioned>слово</mentioned>.</p>"
        "<quote>Цитата между абзацами.</quote>"
        "<cit><quote>С источником.</quote><bibl><title>Устав</title>, <biblScope>с. 3</biblScope></bibl></cit></div>"
    )
    assert [q.get("class") for q in out.iter("q")] == ["quote marked", "q marked", "q", "so-called marked"]
    assert out.xpath("string(.//i[@lang='en'][@class='foreign'])") == "ad hoc"
    assert [e.tag for e in out.xpath(".//*[@class='emph' or @class='term' or @class='mentioned']")] == ["em", "i", "i"]
    assert out.xpath("string(.//blockquote[@class='quote'])") == "Цитата между абзацами."
    cit = out.xpath(".//figure[@class='cit']")[0]
    assert words(cit.find("blockquote")) == "С источником." and words(cit.find("figcaption")) == "Устав, с. 3"
    assert cit.xpath("string(.//cite[@class='bibl']/span[@class='bibl-scope'])") == "с. 3"


def test_editorial_signs_and_their_words():
    body = (
        '<div type="news"><p>А <gap reason="illegible" quantity="3" unit="word"/> Б <unclear reason="faded">В</unclear> '
        '<supplied reason="omitted">Г</supplied> <add place="above">Д</add> <del rend="strikethrough">Е</del> '
        "<gap/></p></div>"
    )
    out, transform = screen(body)
    assert words(out) == "А […] Б В[?] <Г> Д Е […]"
    gap = out.xpath(".//span[@class='gap']")[0]
    assert gap.get("title") == "Пропуск: 3 слова; неразборчиво"
    assert out.xpath("string(.//ins[@class='add']/@title)") == "Вписано в источнике над строкой"
    assert out.xpath("string(.//del[@class='del']/@title)") == "В источнике зачёркнуто"
    assert transform.signs == {"gap", "unclear", "supplied", "add", "del"}
    # print: the same signs, and what they cannot say as lettered footnotes
    root, _ = printed(body)
    assert [words(fn) for fn in root.xpath(".//span[@class='fn fn-text']")] == [
        "Пропуск: 3 слова; неразборчиво.",
        "Чтение неуверенное: выцвело.",
        "Восстановлено издателем (пропущено в источнике).",
        "Вписано в источнике над строкой.",
        "В источнике зачёркнуто.",
    ]  # a bare <gap/> says all it has to say with its sign


def test_abbreviations_and_choice():
    out, transform = screen(
        '<div type="news"><p><abbr>ОДКБ</abbr>, <choice><abbr>СМИД</abbr><expan>Совет министров</expan></choice>, '
        "<expan>Организация</expan>, <choice><sic>Токаве</sic><corr>Токаев</corr></choice></p></div>"
    )
    abbrs = out.xpath(".//abbr")
    assert [(a.text, a.get("title")) for a in abbrs] == [("ОДКБ", None), ("СМИД", "Совет министров")]
    assert out.xpath("string(.//span[@class='expan'])") == "Организация"
    assert transform.has_choices  # sic/corr: the page offers the source's spelling
    root, _ = printed('<div type="news"><p><choice><abbr>СМИД</abbr><expan>Совет министров</expan></choice></p></div>')
    assert words(root) == "СМИДСокращение; полностью: «Совет министров»."


def test_a_note_goes_where_its_target_is_numbered_in_reading_order():
    body = (
        '<div type="news"><p>Один<note>своя</note> два<anchor xml:id="doc-a1"/> три '
        '<note target="#doc-a1">к якорю</note><note type="source" place="inline">в строке</note>'
        '<note target="#nowhere">потерянная</note></p></div>'
    )
    out, transform = screen(body)
    p = out.xpath(".//p")[0]
    marks = [(m.text, m.get("for")) for m in p.iter("label")]
    assert marks == [("1", "doc-note1-mark"), ("2", "doc-note2-mark"), ("3", "doc-note3-mark")]
    assert [words(n) for n in p.xpath(".//span[@role='note'][not(contains(@class,'note-inline'))]")] == [
        "1 Прим. ред.: своя",
        "2 Прим. ред.: к якорю",
        "3 Прим. ред.: потерянная",
    ]
    # the note to the anchor follows the anchor, before the text after it
    anchor = p.xpath(".//span[@class='anchor']")[0]
    assert anchor.get("id") == "doc-a1" and anchor.getnext().get("class") == "note-toggle"
    assert p.xpath("string(.//span[contains(@class,'note-inline')])") == "[Прим. источника: в строке]"
    assert [d.code for d in transform.diagnostics] == ["html.broken-link"]
    assert transform.signs == {"note"}
    # the mark is a checkbox's label, the note its next sibling: CSS alone shows and hides it
    toggle = p.xpath(".//input[@type='checkbox']")[0]
    assert toggle.getnext().tag == "label" and toggle.getnext().getnext().get("role") == "note"
    root, _ = printed(body)
    assert [words(fn) for fn in root.xpath(".//span[@class='fn']")] == [
        "Прим. ред.: своя",
        "Прим. ред.: к якорю",
        "Прим. ред.: потерянная",
    ]


def test_apparatus_lemma_in_the_line_readings_on_demand_and_in_footnotes():
    body = (
        '<div type="news"><p><app><lem wit="#doc-wA">чтение</lem><rdg wit="#doc-wB">вариант</rdg>'
        '<rdg wit="#doc-wX"/></app></p></div>'
    )
    out, transform = screen(body)
    app = out.xpath(".//span[@class='app']")[0]
    assert words(app.find("span[@class='lem']")) == "чтение"
    assert app.xpath("string(label[@class='app-mark'])") == "а"
    assert words(app.find("span[@class='app-entry']")) == "а чтение А] вариант doc-wB; опущено doc-wX"
    assert [d.code for d in transform.diagnostics] == ["html.unresolved-wit"]
    root, _ = printed(body)
    assert [words(fn) for fn in root.xpath(".//span[@class='fn fn-text']")] == [
        "чтение А] вариант doc-wB; опущено doc-wX"
    ]
    assert [letter(k) for k in (1, 2, 28, 29)] == ["а", "б", "я", "аа"]
    body = legend({"app"}, [("А", "Подлинник")])
    assert [" ".join(t.split()) for t in body.itertext() if t.strip()] == [
        "а",
        "разночтения свидетелей текста: открываются нажатием на букву",
        "Свидетели текста",
        "А",
        "Подлинник",
    ]


def test_lists_tables_and_a_letter():
    out, _ = screen(
        '<div type="news"><opener><salute>Уважаемые!</salute><address><addrLine>Улица</addrLine></address></opener>'
        '<list type="ordered"><head>Шаги</head><item>один</item></list>'
        '<list type="gloss"><label>ОДКБ</label><item>Организация</item></list>'
        '<table><head>Таблица</head><row role="label"><cell>A</cell><cell>B</cell></row>'
        '<row><cell role="label">x</cell><cell cols="2" rows="3">y</cell></row></table>'
        '<pb n="7"/><milestone unit="sheet" n="2"/>'
        "<closer><signed>Министр</signed></closer><postscript><p>P. S.</p></postscript></div>"
    )
    assert out.xpath("string(.//div[@class='opener']/p[@class='salute'])") == "Уважаемые!"
    assert out.xpath("string(.//div[@class='address']/p[@class='addr-line'])") == "Улица"
    assert out.xpath("string(.//p[@class='list-head'])") == "Шаги" and out.xpath(".//ol[@class='list list-ordered']/li")
    assert out.xpath("string(.//dl[@class='list list-gloss']/dt)") == "ОДКБ"
    assert out.xpath("string(.//dl[@class='list list-gloss']/dd)") == "Организация"
    table = out.xpath(".//table")[0]
    assert table.findtext("caption") == "Таблица"
    assert [c.tag for c in table.iter("th", "td")] == ["th", "th", "th", "td"]
    assert table.xpath("string(.//td/@colspan)") == "2" and table.xpath("string(.//td/@rowspan)") == "3"
    assert out.xpath("string(.//span[@class='pb'])") == "[с. 7]"
    assert out.xpath("string(.//span[@class='milestone milestone-sheet'])") == "[л. 2]"
    assert out.xpath("string(.//div[@class='closer']/p[@class='signed'])") == "Министр"
    assert out.xpath("string(.//div[@class='postscript']/p)") == "P. S."


def test_a_block_where_html_keeps_to_a_line_becomes_a_span():
    # invalid TEI (a list inside a paragraph): a browser would close the <p> at an <ul>
    out, _ = screen('<div type="news"><p>До <list type="bulleted"><item>пункт</item></list> после</p></div>')
    p = out.xpath(".//p")[0]
    assert not p.xpath(".//ul | .//li | .//p") and p.xpath("string(.//span[@class='list list-bulleted as-ul'])")
    assert words(p) == "До пункт после"


def test_images_only_from_inside_the_project():
    body = (
        '<div type="news"><figure type="illustration"><graphic url="images/seal.png"/>'
        "<figDesc>Печать</figDesc></figure>"
        '<figure type="photo"><graphic url="https://example.org/x.png"/><figDesc>Чужое</figDesc></figure>'
        '<figure type="photo"><graphic url="images/missing.png"/></figure></div>'
    )
    out, transform = screen(body, FakeLinks(["tei/images/seal.png"]))
    imgs = out.xpath(".//img")
    assert [(i.get("src"), i.get("alt")) for i in imgs] == [("media/tei/images/seal.png", "Печать")]
    assert out.xpath(".//figure[contains(@class,'has-graphic')]")
    assert words(out).count("Чужое") == 1  # not published: its description stays as text, once
    assert [d.code for d in transform.diagnostics] == ["html.unsafe-link", "html.missing-media"]
    assert all(str(d).startswith("tei/doc.xml:") for d in transform.diagnostics)
    assert local_path("../../etc/passwd.png", "tei/doc.xml")[0] is None
    assert local_path("file:///etc/x.png", "tei/doc.xml")[0] is None
    assert local_path("images/x.exe", "tei/doc.xml")[0] is None
    assert local_path("картинки/печать.png", "tei/doc.xml")[0] == "tei/картинки/печать.png"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>'
    assert safe_svg(svg)
    assert not safe_svg(svg.replace(b"<circle", b"<script>alert(1)</script><circle"))
    assert not safe_svg(svg.replace(b'r="1"', b'r="1" onload="alert(1)"'))
    assert not safe_svg(svg.replace(b'<circle r="1"/>', b'<image href="https://evil.example/x.png"/>'))


def test_pointers_read_as_what_they_point_at():
    out, transform = screen(
        '<div type="news"><p xml:id="doc-p1">Текст <ptr target="#doc-p1"/>, <ptr target="https://example.org/a"/>, '
        '<ref target="other.xml#x">другой</ref>, <ref target="missing.xml">нет</ref>, '
        '<ptr target="javascript:alert(1)"/></p></div>'
    )
    links = [(a.get("href"), a.text) for a in out.iter("a")]
    assert links == [
        ("#doc-p1", "см. абз. 1"),
        ("https://example.org/a", "https://example.org/a"),
        ("other.html#x", "другой"),
    ]
    assert [d.code for d in transform.diagnostics] == ["html.broken-link", "html.unsafe-link"]
    assert "javascript" not in html(out) and out.xpath("string(.//span[@class='ptr ref-dropped'])") == (
        "[ссылка не публикуется]"
    )


def test_the_build_reads_only_images_inside_the_project(tmp_path, monkeypatch):
    from toolkit.io.project import read_media

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    proj = tmp_path / "project"
    (proj / "tei" / "images").mkdir(parents=True)
    images = proj / "tei" / "images"
    (images / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    (images / "fake.png").write_bytes(b"<html><script>alert(1)</script></html>")
    (images / "link.png").symlink_to(outside / "secret.png")
    (images / "bad.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    monkeypatch.chdir(proj)
    graphics = "".join(
        f'<graphic url="images/{name}"/>' for name in ("ok.png", "fake.png", "link.png", "bad.svg", "none.png")
    )
    doc = document(f'<div type="news"><figure type="photo">{graphics}</figure></div>')
    doc.path = proj / "tei" / "doc.xml"
    media, problems = read_media([doc])
    assert list(media) == ["tei/images/ok.png"]
    assert problems == {
        "tei/images/fake.png": "is not an image the editions show (a PNG, JPEG, GIF, WebP, or an SVG with no script "
        "and no reference outside itself)",
        "tei/images/link.png": "leads out of the project (through a symbolic link)",
        "tei/images/bad.svg": "is not an image the editions show (a PNG, JPEG, GIF, WebP, or an SVG with no script "
        "and no reference outside itself)",
        "tei/images/none.png": "no such file in the project",
    }
