"""The pieces under the site: the TEI→HTML visitors, anchors and the index, Russian
ordering, wording and typography."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_corpus
from lxml import etree

from toolkit.model.anchors import generated_anchors
from toolkit.model.corpus import Document
from toolkit.model.edition import EditionConfig, parse_edition
from toolkit.model.index import build_index, date_key, initial_letter, ru_sort_key
from toolkit.model.meta import read_meta
from toolkit.render.dom import h
from toolkit.render.html.typography import NBSP, typeset
from toolkit.render.linking import EntityTarget
from toolkit.render.transform import HtmlTransform, render_text
from toolkit.render.wording import block_label, certainty, certainty_note, clause_label, describe_date, short_label

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "cases" / "html" / "corpus"

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="doc">
<teiHeader><fileDesc><titleStmt><title type="main">Документ</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><front><docTitle><titlePart type="main">ЗАГЛАВИЕ <persName ref="per:a">А</persName></titlePart></docTitle></front>
<body><div type="news"><p xml:id="doc-p1">Текст <foo>неизвестный</foo> и <placeName ref="pla:b">Б</placeName>.</p>
<figure type="photo"><head>Фото <date when="2020">2020</date></head></figure>
<figure type="photo"><p>Второе</p></figure></div></body></text></TEI>"""


class FakeLinks:
    def entity(self, ref):
        return EntityTarget(f"idx.html#{ref}", f"подсказка {ref}", ref == "pla:b")

    def date(self, attrs):
        return f"chrono.html#{date_key(attrs)}"

    def pointer(self, target_id):
        return None

    def media(self, path):
        return f"media/{path}", ""

    def file(self, stem, ident):
        return None


def document(xml: str = TEI, name: str = "doc.xml") -> Document:
    data = xml.encode()
    tree = etree.ElementTree(etree.fromstring(data))
    return Document(Path(name), name, data, tree, read_meta(tree))


def test_generated_anchors_are_stable_and_named():
    doc = document()
    anchors = generated_anchors(doc)
    assert sorted(anchors.values()) == ["doc-doctitle", "doc-figure", "doc-figure2"]
    assert generated_anchors(document()) and sorted(generated_anchors(document()).values()) == sorted(anchors.values())


def test_visitors_render_and_unknown_elements_warn_with_location():
    doc = document()
    out, transform = render_text(doc, generated_anchors(doc), FakeLinks(), "Документ")
    html = etree.tostring(out, encoding="unicode")
    assert '<div class="doc-title" id="doc-doctitle"' in html
    assert '<a href="idx.html#per:a" class="ent ent-person" title="подсказка per:a"' in html
    assert 'class="ent ent-place candidate"' in html
    assert '<span class="tei-unknown">неизвестный</span>' in html
    assert '<figure class="figure figure-photo" id="doc-figure"><figcaption>Фото <a href="chrono.html#2020"' in html
    assert [str(d) for d in transform.diagnostics] == [
        "doc.xml:5:49: warning: <foo> has no HTML rendering; its text is shown as plain text [html.unknown-element]"
    ]


def test_a_warning_on_a_start_tag_spread_over_lines_points_where_it_starts():
    """Render's warnings are located as validation's are (model.position): the line and
    column where the start tag begins, not the line lxml gives (where it ends)."""
    doc = document(TEI.replace("<foo>неизвестный</foo>", '<foo\n  n="1">неизвестный</foo>'))
    _out, transform = render_text(doc, generated_anchors(doc), FakeLinks(), "Документ")
    assert [(d.line, d.col) for d in transform.diagnostics] == [(5, 49)]


def test_comments_and_processing_instructions_are_not_text():
    xml = TEI.replace("Текст <foo>неизвестный</foo>", "Текст <!-- заметка --><?pi x?>дальше")
    doc = document(xml)
    out, transform = render_text(doc, generated_anchors(doc), FakeLinks(), "Документ")
    assert "Текст дальше" in out.xpath("string(.//p[@id='doc-p1'])") and "заметка" not in etree.tostring(
        out, encoding="unicode"
    )
    assert transform.diagnostics == []


def test_index_occurrences_and_chronology():
    corpus, diags = load_corpus(CORPUS)
    assert diags == []
    index = build_index(corpus)
    assert index.diagnostics == []
    putin = index.occurrences["per:putin"]
    assert [(o.docid, o.anchor, o.block, o.n) for o in putin] == [
        ("appeal-2019-05-22", "appeal-2019-05-22-2", "div", "2"),
        ("news-report-2019-11-28", "news-report-2019-11-28-p2", "p", None),
    ]
    assert index.occurrences["pla:dushanbe"][0].in_header
    assert [e.key for e in index.chronology][:3] == ["1941--1945", "2018", "2019--2021"]
    assert index.chronology_entry({"notBefore": "2021-01-19"}).occurrences[0].in_header
    entries = [e.key for e, _ in index.entries(corpus, "person")]
    assert entries == ["yolkin", "jeenbekov", "putin", "tokayev"]


def test_russian_order():
    names = ["Яковлев", "ёж", "Ежов", "Жуков", "Абаев", "Zeta", "«Жусан»", "Ёлкин", "ель", "Эдем"]
    assert sorted(names, key=ru_sort_key) == [
        "Абаев",
        "ёж",
        "Ежов",
        "Ёлкин",
        "ель",
        "Жуков",
        "«Жусан»",
        "Эдем",
        "Яковлев",
        "Zeta",
    ]
    assert [initial_letter(n) for n in ("Ёлкин", "«Жусан»", "ель", "Zeta")] == ["Е", "Ж", "Е", "Z"]


@pytest.mark.parametrize(
    "attrs, words",
    [
        ({"when": "2019-05-22"}, "22 мая 2019 г."),
        ({"when": "2019-05"}, "май 2019 г."),
        ({"when": "2019"}, "2019 г."),
        ({"from": "2018", "to": "2020"}, "2018–2020 гг."),
        ({"from": "2019-11-25", "to": "2019-11-27"}, "25–27 ноября 2019 г."),
        ({"from": "2019-11-25", "to": "2020-01-02"}, "25 ноября 2019 г. – 2 января 2020 г."),
        ({"notBefore": "2021-01-19"}, "не ранее 19 января 2021 г."),
        ({"notBefore": "2021", "notAfter": "2022"}, "не ранее 2021 г., не позднее 2022 г."),
        ({"when": "--05-22"}, "22 мая"),
    ],
)
def test_dates_in_words(attrs, words):
    assert describe_date(attrs) == words


def test_certainty_and_labels():
    assert certainty("conjecture", "low") == "предположение редактора, предположительно"
    assert certainty("internal", None) == "указано в тексте документа"
    # the one rule of both editions: what the text states with high certainty goes without saying
    for quiet in [(None, None), ("internal", None), (None, "high"), ("internal", "high")]:
        assert certainty_note(*quiet) == ""
    assert certainty_note("internal", "medium") == "указано в тексте документа, вероятно"
    assert certainty_note("inferred", None) == "выведено из текста"
    assert certainty_note(None, "low") == "предположительно"
    assert [clause_label(n) for n in ("3", "PP2", "p4", "chapeau", "closing2")] == [
        "п. 3",
        "абз. 2 преамбулы",
        "абз. 4",
        "вводная часть",
        "заключительная часть, абз. 2",
    ]
    assert [short_label(n, "x") for n in ("3", "PP2", "chapeau", None)] == ["п. 3", "абз. 2", "вводн. ч.", "x"]
    assert block_label("item", "5", "d-item5") == "п. 5 перечня"
    assert block_label("p", None, "d-p7") == "абз. 7" and block_label("docTitle", None, "d-doctitle") == "заглавие"


def test_typography_across_elements():
    p = h("p", None, "Как сказал В. В. ", h("a", {"href": "#"}, "Путин"), " — в 2019 г. (22 мая), «цитата» - дефис")
    typeset(p)
    text = "".join(p.itertext())
    assert f"В.{NBSP}В.{NBSP}Путин{NBSP}— в 2019{NBSP}г. (22{NBSP}мая)" in text
    assert "«цитата» - дефис" in text  # quotes kept; a hyphen is not a dash
    assert p.text.endswith(f"В.{NBSP}В.{NBSP}") and p[0].text == "Путин"
    q = h("p", None, "США и ООН. Далее")  # capitals ending a word are not initials
    typeset(q)
    assert NBSP not in q.text


def test_typography_skips_code_but_not_what_follows_it():
    root = etree.fromstring(
        "<div>В. <pre>Г. Д. <b>Е. Ж.</b></pre>И. К.<code>Л. М.</code> 5 мая <!-- Н. О. -->2020 г.</div>"
    )
    typeset(root)
    pre, code = root.find("pre"), root.find("code")
    assert pre.text == "Г. Д. " and pre.find("b").text == "Е. Ж." and code.text == "Л. М."  # left alone
    assert root.text == f"В.{NBSP}" and pre.tail == f"И.{NBSP}К." and code.tail == f" 5{NBSP}мая "
    comment = code.getnext()
    assert comment.text == " Н. О. " and comment.tail == f"2020{NBSP}г."


def test_edition_config_parsing():
    config, diags = parse_edition(
        'title = "Т"\ndocuments = ["a.xml", "b"]\n[pdf]\npage_size = "A5"\n'.encode(), "e.toml", "e"
    )
    assert diags == [] and config == EditionConfig("e", "Т", (), "", ("a", "b"))  # [pdf] is read by the PDF build
    config, diags = parse_edition(b'editors = "x"\n', "e.toml", "e")
    assert config is None and [d.code for d in diags] == ["edition.value"]
    # a bad value is located at the value; a key in a table is looked up inside that table
    config, diags = parse_edition(
        'title = "Т"\ndocuments = 5\n[html]\n  search_shard_size = -1\n'.encode(), "e.toml", "e"
    )
    assert config is None and [(d.line, d.col) for d in diags] == [(2, 13), (4, 23)]


# ---------------------------------------------------------------- every element the schema admits


def text_elements(xsd: Path) -> set[str]:
    """The names of the elements the schema admits inside <text>: the content models walked
    from text's complexType, type by type (a name declared with another type elsewhere, say
    persName's surname in a register, is not reached through it). The register entries under
    listPerson, listPlace and listOrg are left to those lists' visitor (blocks._register)."""
    from toolkit.validate.xsd import xs

    root = etree.parse(str(xsd)).getroot()
    types = {ct.get("name"): ct for ct in root.iterchildren(xs("complexType"))}
    groups = {g.get("name"): g for g in root.iterchildren(xs("group"))}
    found: set[str] = set()
    seen: set[str] = set()

    def walk(ct) -> None:
        path = ct.getroottree().getpath(ct)
        if path in seen:
            return
        seen.add(path)
        for decl in ct.iter(xs("element"), xs("group"), xs("extension")):
            if decl.tag == xs("group") and decl.get("ref"):
                walk(groups[decl.get("ref").rpartition(":")[2]])
            elif decl.tag == xs("extension"):
                walk(types[decl.get("base").rpartition(":")[2]])
            elif decl.tag == xs("element") and decl.get("name"):
                found.add(decl.get("name"))
                inner = (
                    types.get(decl.get("type", "").rpartition(":")[2])
                    if decl.get("type")
                    else decl.find(xs("complexType"))
                )
                if inner is not None and decl.get("name") not in ("listPerson", "listPlace", "listOrg"):
                    walk(inner)

    walk(types["text"])
    return found


def test_every_element_the_schema_admits_in_text_has_a_visitor():
    """A test that fails when the schema admits an element the editions cannot render: each
    has its visit_<name> (the book's transform inherits the site's)."""
    from toolkit.render.pdf.reading import PrintTransform

    names = text_elements(ROOT / "schema" / "tei-edition.xsd")
    assert {"quote", "gap", "app", "table", "graphic", "postscript"} <= names  # the walk reaches them
    missing = sorted(n for n in names if not hasattr(HtmlTransform, f"visit_{n}"))
    assert missing == [], f"no visitor for {missing}: add one to render/ (see render/transform.py)"
    assert issubclass(PrintTransform, HtmlTransform)


def test_the_every_element_document_renders_with_no_unknown_element():
    """Nothing of tests/cases/editor/every-element.xml falls back to the unknown-element
    warning, in either edition, and the book's sanitiser keeps every element the print
    transform makes (it would keep an unknown one's text but lose its form)."""
    from toolkit.render.pdf.parts import ALLOWED_TAGS
    from toolkit.render.pdf.reading import render_reading

    doc = document((ROOT / "tests" / "cases" / "editor" / "every-element.xml").read_text(encoding="utf-8"))
    out, transform = render_text(doc, generated_anchors(doc), FakeLinks(), "Документ")
    assert not [d for d in transform.diagnostics if d.code == "html.unknown-element"]
    assert not out.xpath(".//*[@class='tei-unknown']")
    printed, transform = render_reading(doc, generated_anchors(doc), FakeLinks(), "")
    assert not [d for d in transform.diagnostics if d.code == "html.unknown-element"]
    assert {el.tag for el in printed.iter()} <= ALLOWED_TAGS
