"""Property-based guarantees (hypothesis): for arbitrary text, `convert` yields TEI that is
well-formed, valid and lossless, or a clear located error; `format` never changes content;
TEI → HTML never emits an unescaped "<" from text."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

pytestmark = pytest.mark.slow  # property-based: hundreds of generated cases

ROOT = Path(__file__).resolve().parents[2]

ALPHABET = st.one_of(
    st.sampled_from(list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ")),
    st.sampled_from(list("0123456789 .,;:!?-–—«»\"'()[]#*_/\\<>&\n\t\u00a0")),
    st.characters(codec="utf-8"),
)
WORDS = st.sampled_from(
    [
        "ОДКБ",
        "НАТО",
        "Бишкеке",
        "Касым-Жомарт Токаев",
        "22 мая 2019 года",
        "11-06-2018, 20:15.",
        "1.",
        "- ",
        "**",
        "[ссылка](#)",
        "ЗАЯВЛЕНИЕ",
        "подтверждая",
        "Menu",
        "Наверх",
        "2018–2020 годы",
        "сегодня, 30 июня",
        "<script>alert(1)</script>",
        "&amp;",
        "]]>",
        "<?xml?>",
        "\n",
        "\n\n",
        "Президент Казахстана",
    ]
)
TEXT = st.lists(st.one_of(WORDS, st.text(ALPHABET, max_size=12)), max_size=40).map(" ".join)


@functools.lru_cache(maxsize=1)
def _finder_and_registers():
    from toolkit.convert.names.entities import EntityFinder
    from toolkit.model.registers import FILE_OF_KIND, KINDS, Registers

    regs = Registers({k: etree.parse(str(ROOT / "tei" / "registers" / FILE_OF_KIND[k])) for k in KINDS})
    return EntityFinder(regs), regs


def _convert(text: str):
    import copy

    from toolkit.convert.document import convert_text
    from toolkit.convert.sources import decode_source
    from toolkit.model.registers import Registers

    finder, regs = _finder_and_registers()
    regs = Registers({k: copy.deepcopy(tree) for k, tree in regs.trees.items()})
    decoded, diags = decode_source(text.encode("utf-8"), "t.txt")
    if decoded is None:
        assert diags and all(":" in str(d) for d in diags)
        return None, None
    return decoded, convert_text(decoded, "t.txt", None, regs, finder)


@settings(
    max_examples=int(__import__("os").environ.get("HYPOTHESIS_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(TEXT)
def test_convert_is_valid_and_lossless_or_a_clear_error(text):
    from toolkit.convert import lossless
    from toolkit.model.serialize import to_bytes
    from toolkit.validate.schema import validate_tree

    decoded, result = _convert(text)
    if result is None:
        return
    data = to_bytes(result.tree)
    tree = etree.ElementTree(etree.fromstring(data))  # well-formed
    assert validate_tree(tree, "t.xml") == [], data.decode()
    assert lossless.check(decoded, tree) == [], data.decode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_format_never_changes_content(text):
    from toolkit.model.serialize import to_bytes

    _, result = _convert(text)
    if result is None:
        return
    once = to_bytes(result.tree)
    tree = etree.ElementTree(etree.fromstring(once))
    assert to_bytes(tree) == once  # formatting the converter's output is a no-op
    a = "".join(etree.fromstring(once).itertext())
    b = "".join(etree.fromstring(to_bytes(etree.ElementTree(etree.fromstring(once)))).itertext())
    assert a == b


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(TEXT)
def test_html_never_emits_markup_from_text(tmp_path_factory, text):
    """Whatever the source text holds ("<script>", "&amp;", "]]>"), the built page has only
    the transform's own elements, and the reading text reads as the source's text."""
    import re
    import shutil

    from conftest import site_of

    from toolkit.model.edition import EditionConfig
    from toolkit.model.serialize import to_bytes
    from toolkit.render.html.check import parse_page

    _, result = _convert(text)
    if result is None:
        return
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "tei" / "registers", corpus / "registers")
    (corpus / "t.xml").write_bytes(to_bytes(result.tree))
    site = site_of(corpus, EditionConfig("x", "x"))
    page = next(data for path, data in site.items() if path.startswith("documents/") and path.endswith(".html"))
    tree = parse_page(page)
    # the site's own script, and JSON-LD data blocks (never run; every "<" escaped)
    assert [s.get("src") for s in tree.xpath("//script[not(@type='application/ld+json')]")] == ["../assets/edition.js"]
    assert all(s.get("src") is None and "<" not in s.text for s in tree.xpath("//script[@type='application/ld+json']"))
    assert not tree.xpath("//*[@*[starts-with(name(), 'on')]]")
    # the words of the reading text: source lines kept as residue (clutter) are not shown
    reading = result.tree.xpath("string(//*[local-name() = 'text']/*[local-name() = 'body'])")
    words = re.findall(r"\w+", reading)
    shown = tree.xpath("string(//main)") + tree.xpath("string(//div[@class='reading'])")
    for word in ("script", "alert"):
        if word in words:
            assert word in shown  # shown as text, not swallowed as markup
