"""Schema messages a person reads (issue 13, point 3): the element as written, the line and
column where it starts, what may stand at that point, the reference's section; one message
per problem. The full outputs are pinned in tests/cases/validate/*.expected."""

from __future__ import annotations

import pytest
from conftest import ROOT
from lxml import etree

from toolkit.validate.schema import validate_tree

CASE = (ROOT / "tests" / "cases" / "validate" / "unresolved-ref.xml").read_text(encoding="utf-8")
LINE = '      <p>Выступил <persName ref="per:tokaev">Токаев</persName>.</p>'


def _messages(p_line: str):
    assert LINE in CASE
    text = CASE.replace(LINE, p_line)
    data = text.encode("utf-8")
    return validate_tree(etree.ElementTree(etree.fromstring(data)), "x.xml", data)


def test_an_unknown_element_is_named_as_written_where_it_starts():
    line = "      <p>Он сказал: <said>«да»</said>.</p>"
    [d] = _messages(line)
    assert (d.line, d.col) == (26, line.index("<said>") + 1)
    assert d.message.startswith("<said> is not an element of this edition's TEI: <p> here may contain <persName>")
    assert d.message.endswith("; see docs/encoding-reference.md#p") and d.code == "schema"
    assert "{http://" not in d.message and "position" not in d.message


def test_an_element_of_another_namespace_keeps_its_prefix():
    line = '      <p>Текст <h:b xmlns:h="http://www.w3.org/1999/xhtml">жирный</h:b>.</p>'
    [d] = _messages(line)
    assert d.col == line.index("<h:b") + 1
    assert d.message.startswith(
        "<h:b> (namespace http://www.w3.org/1999/xhtml) is not an element of this edition's TEI"
    )


def test_an_element_in_the_wrong_place_links_to_its_own_section():
    [d] = _messages('      <p><date when="2019"><quote>2019</quote></date></p>')
    assert d.message.startswith("<quote> is not allowed here: <date> here may contain <persName>")
    assert "<quote>, " not in d.message.partition("may contain")[2]  # not offered where it may not stand
    assert d.message.endswith("#quote")


def test_what_may_stand_depends_on_the_point_in_a_sequence():
    text = CASE.replace("<teiHeader>", "<text><body><p>x</p></body></text><teiHeader>", 1)
    data = text.encode("utf-8")
    [d, *_] = validate_tree(etree.ElementTree(etree.fromstring(data)), "x.xml", data)
    assert d.message.startswith("<text> is not allowed here: <TEI> here may contain <teiHeader>;")


@pytest.mark.parametrize(
    "p_line, start",
    [
        ('<p><hi rend="blink">x</hi></p>', '@rend="blink" is not a value <hi> takes: write one of bold, italic'),
        ("<p><hi>x</hi></p>", "<hi> needs @rend: one of bold, italic"),
        ('<p foo="x">x</p>', "<p> has no attribute @foo in this edition: it may have @xml:id, @n, @cert, @xml:lang"),
        (
            '<p><time when="25:00:00">x</time></p>',
            '@when="25:00:00" is not a value <time> takes: a time of day, hh:mm:ss',
        ),
        ('<p><gap quantity="2"/></p>', "<gap>: <gap> gives @quantity and @unit together"),
        (
            '<p><measure type="currency" unit="km">x</measure></p>',
            '<measure>: a measure of type currency names its currency in @unit as an ISO 4217 code (USD, RUB, EUR), not "km"',
        ),
    ],
)
def test_attribute_and_assertion_messages(p_line, start):
    [d] = _messages("      " + p_line)
    assert d.message.startswith(start), d.message
    assert d.col > 1  # where the element starts, never 1


def test_the_issue_s_foreign_and_quote_edit_validates():
    line = (
        '      <p>Министры провели встречу <foreign xml:lang="en">tête-à-tête</foreign>, затем '
        "<quote>переговоры были продолжены</quote>.</p>"
    )
    assert _messages(line) == []
