"""The corpus rules: each case file in tests/cases/validate/ is pinned to its diagnostic
(code, line, col, severity); smaller cases are written inline as TEI strings.

Longer than the house's 400 lines on purpose: one topic's cases beside the module-scoped
fixtures they share (built once per module); split it when the topic splits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.model.corpus import Document
from toolkit.model.xmlparse import parse_xml
from toolkit.validate.rules import check_corpus

CASES = Path(__file__).parent / "cases" / "validate"
REGISTERS = ("registers/persons.xml", "registers/places.xml", "registers/orgs.xml")


def load(name: str) -> Document:
    data = (CASES / name).read_bytes()
    path = f"tests/cases/validate/{name}"
    tree, diagnostics = parse_xml(data, path)
    assert diagnostics == [], diagnostics
    return Document.from_tree(path, tree, data)


def case_corpus(name: str) -> list[Document]:
    return [load(name)] + [load(r) for r in REGISTERS]


def pinned(diagnostics, path):
    return [(d.code, d.line, d.col, d.severity) for d in diagnostics if d.path == path]


def test_valid_corpus_is_clean():
    assert check_corpus(case_corpus("valid.xml")) == []


@pytest.mark.parametrize(
    "name, expected",
    [
        ("duplicate-id.xml", ("id.duplicate", 27, 7, "error")),
        ("unresolved-ref.xml", ("ref.unresolved", 26, 19, "error")),
        ("wrong-kind-ref.xml", ("ref.kind", 26, 19, "error")),
        ("impossible-date.xml", ("date.invalid", 26, 18, "error")),
        ("backward-range.xml", ("date.order", 26, 23, "error")),
        ("clause-gap.xml", ("clause.sequence", 29, 7, "error")),
        ("javascript-target.xml", ("link.unsafe", 26, 18, "error")),
    ],
)
def test_pinned_case(name, expected):
    diagnostics = check_corpus(case_corpus(name))
    assert pinned(diagnostics, f"tests/cases/validate/{name}") == [expected]


def test_pinned_messages():
    def message(name):
        path = f"tests/cases/validate/{name}"
        return next(str(d) for d in check_corpus(case_corpus(name)) if d.path == path)

    assert message("unresolved-ref.xml") == (
        'tests/cases/validate/unresolved-ref.xml:26:19: error: persName/@ref "per:tokaev" has no '
        "register entry; add one to registers/persons.xml or fix the key [ref.unresolved]"
    )
    assert "clause numbers jump from 3 to 5" in message("clause-gap.xml")
    assert "already used at tests/cases/validate/duplicate-id.xml:26" in message("duplicate-id.xml")
    assert "2019-02-30" in message("impossible-date.xml")
    assert "February 2019 has 28 days" in message("impossible-date.xml")
    assert "not a <person>" in message("wrong-kind-ref.xml")


# --- inline cases --------------------------------------------------------------------------

HEADER = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>T</title></titleStmt>
      <publicationStmt><p>P</p></publicationStmt>
      <sourceDesc><p>S</p></sourceDesc>
    </fileDesc>
    <encodingDesc>
      <listPrefixDef>
        <prefixDef ident="per" matchPattern="([a-z0-9\\-]+)" replacementPattern="registers/persons.xml#$1"/>
        <prefixDef ident="pla" matchPattern="([a-z0-9\\-]+)" replacementPattern="registers/places.xml#$1"/>
        <prefixDef ident="org" matchPattern="([a-z0-9\\-]+)" replacementPattern="registers/orgs.xml#$1"/>
        <prefixDef ident="bad" matchPattern="([a-z" replacementPattern="registers/orgs.xml#$1"/>
      </listPrefixDef>
    </encodingDesc>
    {header}
  </teiHeader>
  <text>
    <body>
{body}
    </body>
  </text>
</TEI>
"""

PERSONS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>
<person xml:id="tokayev"><persName type="canonical">Токаев</persName></person>
<person xml:id="lavrov"><persName>Лавров</persName></person>
</listPerson></body></text></TEI>
"""
PLACES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPlace>
<place xml:id="moscow"><placeName type="canonical">Москва</placeName></place>
</listPlace></body></text></TEI>
"""
ORGS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listOrg>
<org xml:id="csto"><orgName type="canonical">ОДКБ</orgName></org>
</listOrg></body></text></TEI>
"""


def make(path: str, text: str) -> Document:
    tree, diagnostics = parse_xml(text.encode("utf-8"), path)
    assert diagnostics == [], diagnostics
    return Document.from_tree(path, tree, text.encode("utf-8"))


def tei(body: str, header: str = "") -> str:
    return HEADER.format(body=body, header=header)


def corpus(body: str, header: str = "", persons: str = PERSONS, extra=()) -> list[Document]:
    return [
        make("c/tei/a.xml", tei(body, header)),
        make("c/tei/registers/persons.xml", persons),
        make("c/tei/registers/places.xml", PLACES),
        make("c/tei/registers/orgs.xml", ORGS),
        *extra,
    ]


def codes(documents, path="c/tei/a.xml"):
    return [(d.code, d.severity) for d in check_corpus(documents) if d.path == path]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


ALL_USED = (
    '<p><persName ref="per:tokayev per:lavrov">x</persName> <placeName ref="pla:moscow">M</placeName>'
    ' <orgName ref="org:csto">O</orgName></p>'
)


def test_inline_corpus_is_clean():
    assert check_corpus(corpus(ALL_USED)) == []


@pytest.mark.parametrize(
    "markup, expected",
    [
        ('<persName ref="xyz:tokayev">T</persName>', [("ref.prefix", "error")]),
        ('<persName ref="bad:tokayev">T</persName>', [("ref.prefix", "error")]),
        ('<persName ref="per:Tokayev">T</persName>', [("ref.unresolved", "error")]),
        ('<persName ref="per:tokayev per:nobody">T</persName>', [("ref.unresolved", "error")]),
        ('<persName ref="">T</persName>', [("ref.unresolved", "error")]),
        ('<persName ref="https://www.wikidata.org/wiki/Q1">T</persName>', [("ref.external", "warning")]),
        ('<persName ref="registers/persons.xml#tokayev">T</persName>', []),
        ('<persName ref="registers/missing.xml#tokayev">T</persName>', [("ref.unresolved", "error")]),
        ('<placeName ref="per:tokayev">T</placeName>', [("ref.kind", "error")]),
        ('<orgName ref="pla:moscow">T</orgName>', [("ref.kind", "error")]),
        ('<name ref="pla:moscow">T</name>', []),
        ('<ref target="#here">x</ref><seg xml:id="here">y</seg>', []),
        ('<ref target="#nowhere">x</ref>', [("ref.unresolved", "error")]),
        ('<ref target="https://odkb-csto.org/news/">x</ref>', []),
        ('<ref target="http://odkb-csto.org/">x</ref>', []),
        ('<ref target="mystery:thing">x</ref>', [("ref.prefix", "error")]),
        ('<ref target="JavaScript:alert(1)">x</ref>', [("link.unsafe", "error")]),
        ('<ref target="java&#9;script:alert(1)">x</ref>', [("link.unsafe", "error")]),
        ('<ref target="vbscript:msgbox">x</ref>', [("link.unsafe", "error")]),
        ('<ref target="data:text/html;base64,PHNjcmlwdD4=">x</ref>', [("link.unsafe", "error")]),
        ('<ref target="file:///etc/passwd">x</ref>', [("link.unsafe", "error")]),
        ('<ref target="//evil.example/x">x</ref>', [("link.unsafe", "error")]),
        ('<ref target="/etc/passwd">x</ref>', [("link.unsafe", "error")]),
        ('<ref target="C:\\Windows\\x.xml">x</ref>', [("link.unsafe", "error")]),
        ('<seg corresp="javascript:alert(1)">x</seg>', [("link.unsafe", "error")]),
        ('<graphic url="javascript:alert(1)"/>', [("link.unsafe", "error")]),
        ('<seg corresp="registers/orgs.xml#csto">x</seg>', []),
        ('<seg corresp="b.xml#b1">x</seg>', [("ref.unresolved", "error")]),
        # the links an editor writes (issue 13, point 6): the same rules as every pointer
        ('<anchor xml:id="a1"/><note target="#a1">n</note>', []),
        ('<seg xml:id="s1">x</seg><note target="#s1">n</note>', [("ref.kind", "error")]),
        ('<note target="#nowhere">n</note>', [("ref.unresolved", "error")]),
        ('<note target="javascript:alert(1)">n</note>', [("link.unsafe", "error")]),
        ('<ptr target="#nowhere"/>', [("ref.unresolved", "error")]),
        ('<ptr target="data:text/html,x"/>', [("link.unsafe", "error")]),
        ('<ptr target="//evil.example/x"/>', [("link.unsafe", "error")]),
        ('<ptr target="per:tokayev"/>', []),
        ('<ref target="../../../etc/passwd">x</ref>', [("link.unsafe", "error")]),
        ('<ref target="registers/persons.xml#tokayev">x</ref>', []),
        ('<graphic url="images/a.png"/>', []),
        ('<graphic url="https://evil.example/tracker.png"/>', [("link.unsafe", "error")]),
        ('<graphic url="data:image/png;base64,AAAA"/>', [("link.unsafe", "error")]),
        ('<graphic url="file:///etc/passwd"/>', [("link.unsafe", "error")]),
        ('<graphic url="/etc/x.png"/>', [("link.unsafe", "error")]),
        ('<graphic url="//evil.example/x.png"/>', [("link.unsafe", "error")]),
        ('<graphic url="../../../x.png"/>', [("link.unsafe", "error")]),
    ],
)
def test_pointers(markup, expected):
    assert codes(corpus(ALL_USED + f"<p>{markup}</p>")) == expected


def test_relative_file_pointer_to_another_document():
    other = make("c/tei/b.xml", tei('<p xml:id="b1">B</p>'))
    documents = corpus(ALL_USED + '<p><seg corresp="b.xml#b1">x</seg><ref target="b.xml">B</ref></p>', extra=[other])
    assert check_corpus(documents) == []
    documents = corpus(ALL_USED + '<p><seg corresp="b.xml#b2">x</seg></p>', extra=[other])
    [d] = check_corpus(documents)
    assert d.code == "ref.unresolved" and 'xml:id "b2"' in d.message and "c/tei/b.xml" in d.message


def test_ref_messages_say_what_to_do():
    [d] = check_corpus(corpus(ALL_USED + '<p><persName ref="xyz:a">T</persName></p>'))
    assert 'no <prefixDef ident="xyz">' in d.message and "add one" in d.message
    [d] = check_corpus(corpus(ALL_USED + '<p><ref target="//evil.example/x">x</ref></p>'))
    assert "protocol-relative" in d.message


def test_ref_column_counts_earlier_tags_on_the_same_line():
    body = ALL_USED + '\n<p><persName ref="per:tokayev">A</persName> <persName ref="per:nobody">B</persName></p>'
    text = tei(body)
    documents = corpus(body)
    documents[0] = make("c/tei/a.xml", text)
    [d] = check_corpus(documents)
    line = line_of(text, "per:nobody")
    assert (d.line, d.col) == (line, text.split("\n")[line - 1].index('<persName ref="per:nobody"') + 1)


def test_without_source_the_column_is_one():
    documents = corpus(ALL_USED + '<p><persName ref="per:nobody">B</persName></p>')
    documents[0] = Document.from_tree(documents[0].shown, documents[0].tree)
    [d] = check_corpus(documents)
    assert d.col == 1 and d.line > 1


# --- ids -------------------------------------------------------------------------------------


def test_duplicate_id_across_documents_names_the_other_place():
    body = ALL_USED + '\n<p xml:id="tokayev">clash with the register</p>'
    documents = corpus(body)
    [d] = check_corpus(documents)  # the later one (in corpus order) is reported
    assert (d.path, d.line, d.col, d.code, d.severity) == ("c/tei/registers/persons.xml", 2, 1, "id.duplicate", "error")
    assert f"already used at c/tei/a.xml:{line_of(tei(body), 'clash')}" in d.message
    documents.reverse()
    [d] = check_corpus(documents)
    assert d.path == "c/tei/a.xml" and "already used at c/tei/registers/persons.xml:2" in d.message


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attrs, expected",
    [
        ('when="2019"', []),
        ('when="2019-05"', []),
        ('when="2019-05-22"', []),
        ('when="--05"', []),
        ('when="--02-29"', []),
        ('when="2020-02-29"', []),
        ('when="2019-02-29"', ["date.invalid"]),
        ('when="2019-02-30"', ["date.invalid"]),
        ('when="--02-30"', ["date.invalid"]),
        ('when="2019-13"', ["date.invalid"]),
        ('when="2019-00-10"', ["date.invalid"]),
        ('when="2019-5-1"', ["date.invalid"]),
        ('when="22.05.2019"', ["date.invalid"]),
        ('when="2019-05-22T10:00"', ["date.invalid"]),
        ('when="0000"', ["date.invalid"]),
        ('from="2019" to="2019-03"', []),
        ('from="2019-05" to="2019"', []),
        ('from="2019-11-25" to="2019-11-27"', []),
        ('from="2020" to="2019"', ["date.order"]),
        ('from="2019-11-27" to="2019-11-25"', ["date.order"]),
        ('from="--11-27" to="--11-25"', ["date.order"]),
        ('from="2019-11-27" to="--11-25"', []),
        ('notBefore="2019-06" notAfter="2019-05-31"', ["date.order"]),
        ('notBefore="2019-05" notAfter="2019-05-31"', []),
        ('from="2019-02-30" to="2018"', ["date.invalid"]),
        ("", ["date.missing"]),
        ('cert="low"', ["date.missing"]),
    ],
)
def test_dates(attrs, expected):
    found = codes(corpus(ALL_USED + f"<p><date {attrs}>дата</date></p>"))
    assert [code for code, _ in found] == expected


def test_date_attributes_on_any_element_and_missing_only_in_text():
    header = (
        "<profileDesc><creation><date>без даты в заголовке</date></creation></profileDesc>"
        '<revisionDesc><change when="2019-13-01">x</change></revisionDesc>'
    )
    found = check_corpus(corpus(ALL_USED, header=header))
    assert [(d.code, d.message) for d in found] == [
        ("date.invalid", 'change/@when="2019-13-01" has month 13, which does not exist; fix the month (01-12)')
    ]


def test_span_from_to_are_pointers_not_dates():
    assert codes(corpus(ALL_USED + '<p xml:id="p1">a</p><span from="#p1" to="#p1">x</span>')) == []


# --- clauses ---------------------------------------------------------------------------------


def clauses(*ns, tag="div"):
    if tag == "item":
        items = "".join(f'<item n="{n}">x</item>' if n is not None else "<item>x</item>" for n in ns)
        return f'<list type="decisions" rend="numbered">{items}</list>'
    return "".join(
        f'<div type="clause" n="{n}"><p>x</p></div>' if n is not None else '<div type="clause"><p>x</p></div>'
        for n in ns
    )


@pytest.mark.parametrize(
    "ns, expected",
    [
        (("1", "2", "3"), []),
        (("chapeau", "1", "2", "closing"), []),
        (("PP1", "PP2", "1", "2"), []),
        (("p1", "p2", "p7"), []),
        (("1", "2", "4"), ["clause numbers jump from 2 to 4"]),
        (("2", "3"), ["clause numbers start at 2, not 1"]),
        (("1", "2", "2", "3"), ["clause numbers go from 2 to 2"]),
        (("PP1", "PP3", "1"), ["preambular clause numbers jump from PP1 to PP3"]),
        (("1", None, "2"), ["has no @n"]),
    ],
)
@pytest.mark.parametrize("tag", ["div", "item"])
def test_clauses(ns, expected, tag):
    body = ALL_USED + (clauses(*ns, tag=tag) if tag == "item" else f'<div type="operative">{clauses(*ns)}</div>')
    found = [d for d in check_corpus(corpus(body)) if d.path == "c/tei/a.xml"]
    assert len(found) == len(expected)
    for d, text in zip(found, expected):
        assert text in d.message
        assert d.code == ("clause.n" if "no @n" in text else "clause.sequence")


def test_clause_numbers_are_per_parent():
    body = ALL_USED + "<list>" + clauses("1", "2", tag="item")[6:-7] + "</list>" + clauses("1", "2", tag="item")
    assert codes(corpus(body)) == []


# --- registers -------------------------------------------------------------------------------


def test_register_entries_unused_candidate_and_nameless():
    persons = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>
<person xml:id="tokayev"><persName type="canonical">Токаев</persName></person>
<person xml:id="lavrov"><persName>Лавров</persName></person>
<person xml:id="unused"><persName type="canonical">Никто</persName></person>
<person xml:id="cand"><persName type="canonical">Кандидат</persName><note type="candidate">found</note></person>
<person xml:id="nameless"><occupation>министр</occupation></person>
<person xml:id="blank"><persName type="canonical">  </persName><persName>Вариант</persName></person>
</listPerson></body></text></TEI>
"""
    body = ALL_USED + '<p><persName ref="per:cand per:nameless per:blank">x</persName></p>'
    found = [
        (d.line, d.col, d.code, d.severity)
        for d in check_corpus(corpus(body, persons=persons))
        if d.path == "c/tei/registers/persons.xml"
    ]
    assert found == [
        (4, 1, "register.unused", "warning"),
        (5, 1, "register.candidate", "warning"),
        (6, 1, "register.name", "error"),
        (7, 24, "register.name", "error"),
    ]


def test_refs_from_registers_do_not_count_as_use():
    places = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPlace>
<place xml:id="moscow"><placeName type="canonical">Москва</placeName><location><country ref="#russia">Р</country></location></place>
<place xml:id="russia"><placeName type="canonical">Россия</placeName></place>
</listPlace></body></text></TEI>
"""
    documents = corpus(ALL_USED)
    documents[2] = make("c/tei/registers/places.xml", places)
    assert [(d.code, d.line) for d in check_corpus(documents)] == [("register.unused", 3)]


def test_registers_alone_report_no_unused_entries():
    documents = corpus(ALL_USED)[1:]
    assert check_corpus(documents) == []


# --- robustness ------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40))
def test_any_attribute_value_gives_diagnostics_not_tracebacks(value):
    from lxml import etree

    documents = corpus(ALL_USED)
    p = documents[0].tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}p")
    for attr in ("ref", "target", "corresp", "when", "from", "n"):
        try:
            p.set(attr, value)
        except ValueError:  # not an XML character: cannot occur in a parsed file
            return
    child = etree.SubElement(p, "{http://www.tei-c.org/ns/1.0}persName", ref=value)
    child.text = "x"
    for d in check_corpus(documents):
        assert d.line >= 1 and d.col >= 1 and d.severity in ("error", "warning")


WITNESSES = (
    '<sourceDesc><listWit><witness xml:id="w1">A</witness><witness xml:id="w2">B</witness></listWit></sourceDesc>'
)


@pytest.mark.parametrize(
    "wit, expected",
    [
        ("#w1", []),
        ("#w1 #w2", []),
        ("#w3", [("ref.unresolved", "error")]),
        ("#p1", [("ref.kind", "error")]),
    ],
)
def test_readings_point_at_declared_witnesses(wit, expected):
    body = (
        ALL_USED.replace("<p>", '<p xml:id="p1">', 1)
        + f'<p><app><lem wit="#w2">a</lem><rdg wit="{wit}">b</rdg></app></p>'
    )
    documents = corpus(body)
    documents[0] = make("c/tei/a.xml", tei(body).replace("<sourceDesc><p>S</p></sourceDesc>", WITNESSES))
    assert codes(documents) == expected
    if expected == [("ref.kind", "error")]:
        [d] = check_corpus(documents)
        assert "not a <witness>" in d.message and "listWit" in d.message


def test_only_the_items_of_a_decisions_list_are_clauses():
    """An editor's ordered, bulleted or gloss list numbers nothing: its items need no @n."""
    lists = (
        '<list type="ordered"><item>a</item><item>b</item></list>'
        '<list type="gloss"><label>A</label><item>a</item></list>'
        '<list type="decisions" rend="numbered"><item n="1" xml:id="i1">a</item><item n="3" xml:id="i3">b</item></list>'
    )
    assert codes(corpus(ALL_USED + lists)) == [("clause.sequence", "error")]
