"""One prefix resolution: a pointer such as `per:tokayev` reaches the registers through
the document's own <prefixDef>s (model.prefixes), in the index, the HTML and the PDF alike,
as validation reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_cli, site_of
from lxml import etree

from toolkit.model.edition import EditionConfig
from toolkit.model.prefixes import KEY_PATTERN, PrefixDef, Prefixes, read_prefixes
from toolkit.model.registers import STANDARD_PREFIXES, canonical_ref, locate

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "cases" / "html" / "corpus"
EDITION = EditionConfig("test", "Тестовое издание")
STANDARD_DEF = '<prefixDef ident="per" matchPattern="([a-z0-9\\-]+)" replacementPattern="registers/persons.xml#$1"/>'


def test_standard_prefixes():
    assert STANDARD_PREFIXES.resolve("per:tokayev") == ("registers/persons.xml", "tokayev")
    assert locate("pla:bishkek") == ("place", "bishkek")
    assert canonical_ref("org:csto") == "org:csto"
    # what the project's matchPattern refuses, and what is no register pointer at all
    for ref in ("per:Tokayev", "per:", "xyz:tokayev", "tokayev", "#tokayev", "https://example.org/"):
        assert canonical_ref(ref) is None, ref


def test_a_document_s_own_prefix_defs():
    own = Prefixes(
        [
            PrefixDef("p", KEY_PATTERN, "registers/persons.xml#$1"),
            PrefixDef("per", r"x-([a-z]+)", "registers/persons.xml#$1"),
            PrefixDef("bib", KEY_PATTERN, "bibliography.xml#$1"),
            PrefixDef("bad", "(", "registers/persons.xml#$1"),
        ]
    )
    assert canonical_ref("p:tokayev", own) == "per:tokayev"
    assert canonical_ref("P:tokayev", own) == "per:tokayev"  # a prefix, like a URL scheme, ignores case
    assert canonical_ref("per:x-tokayev", own) == "per:tokayev"
    assert canonical_ref("per:tokayev", own) is None  # its own "per" does not match
    assert canonical_ref("pla:bishkek", own) is None  # no prefixDef "pla" in this document
    assert canonical_ref("bib:item", own) is None  # resolves, but not into a register
    assert own.resolve("bib:item") == ("bibliography.xml", "item")
    assert own.expand("bad:x").problem == "pattern"
    assert own.expand("pla:x").problem == "prefix"
    assert own.expand("per:y").problem == "match"


def test_reading_prefix_defs_from_the_header():
    no_defs = etree.fromstring('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>')
    assert read_prefixes(no_defs, STANDARD_PREFIXES) is STANDARD_PREFIXES
    assert read_prefixes(no_defs).defs == ()
    project = etree.parse(str(FIXTURE / "news.xml")).getroot()
    assert read_prefixes(project, STANDARD_PREFIXES) is STANDARD_PREFIXES  # shares its resolutions


@pytest.fixture
def own_prefixes(tmp_path) -> Path:
    """The fixture corpus, news.xml with its own prefixDef: "per" wants keys written "x-KEY"."""
    folder = tmp_path / "tei"
    shutil.copytree(FIXTURE, folder)
    news = folder / "news.xml"
    text = news.read_text(encoding="utf-8")
    assert STANDARD_DEF in text
    text = text.replace(
        STANDARD_DEF,
        '<prefixDef ident="per" matchPattern="x-([a-z0-9\\-]+)" replacementPattern="registers/persons.xml#$1"/>',
    )
    text = text.replace('ref="per:', 'ref="per:x-')
    news.write_text(text, encoding="utf-8")
    return folder


def test_own_prefix_defs_validate_and_render_linked(own_prefixes, monkeypatch):
    monkeypatch.chdir(own_prefixes.parent)
    result = run_cli("validate", "tei", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "[ref." not in result.output
    files = site_of(own_prefixes, EDITION)
    assert files.ok and not [d for d in files.diagnostics if d.code.startswith("html.")], files.diagnostics
    page = files["documents/news-report-2019-11-28.html"].decode()
    mention = '<a href="../persons.html#tokayev" class="ent ent-person"'
    assert mention in page and 'data-ref="per:tokayev"' in page  # linked, and named as the index names it
    persons = files["persons.html"].decode()
    assert "news-report-2019-11-28.html#news-report-2019-11-28-p1" in persons  # indexed under per:tokayev


def test_a_prefix_the_document_does_not_define_is_not_linked(tmp_path, monkeypatch):
    folder = tmp_path / "tei"
    shutil.copytree(FIXTURE, folder)
    news = folder / "news.xml"
    news.write_text(news.read_text(encoding="utf-8").replace(STANDARD_DEF, ""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "tei", "--no-cache")
    assert "[ref.prefix]" in result.output
    files = site_of(folder, EDITION)
    codes = {d.code for d in files.diagnostics if "news.xml" in d.path}
    assert codes == {"html.unresolved-ref"}
    assert 'data-ref="per:tokayev"' not in files["documents/news-report-2019-11-28.html"].decode()
