"""Golden cases: each seed → expected TEI (tests/cases/convert/<stem>.xml).

Regenerate with `pytest tests/test_convert_golden.py --accept` and review the diff."""

from __future__ import annotations

import pytest
from conftest import ROOT, SEEDS
from lxml import etree

from toolkit.convert import lossless
from toolkit.model.tei import t

CASES = ROOT / "tests" / "cases" / "convert"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_golden(seed, converted, accept):
    expected = CASES / f"{seed.stem}.xml"
    got = converted[seed.stem]
    if accept:
        CASES.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(got)
    assert expected.exists(), f"no golden file; run pytest --accept and review {expected}"
    assert got.decode() == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_tei_dir_is_the_conversion(seed, converted):
    """tei/ is the converter's output unless an editor changed it by hand (then the
    generated-stamp no longer matches and this test names the file)."""
    from toolkit.io.fs import STAMP_RE, hand_edited

    master = (ROOT / "tei" / f"{seed.stem}.xml").read_bytes()
    if hand_edited(master):
        pytest.skip(f"tei/{seed.stem}.xml was edited by hand")
    assert STAMP_RE.sub(b"", master) == STAMP_RE.sub(b"", converted[seed.stem])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_lossless(seed, converted):
    source = seed.read_text(encoding="utf-8")
    tree = etree.ElementTree(etree.fromstring(converted[seed.stem]))
    assert lossless.check(source, tree) == []


def test_lossless_check_can_fail(converted):
    seed = SEEDS[0]
    source = seed.read_text(encoding="utf-8")
    tree = etree.ElementTree(etree.fromstring(converted[seed.stem]))
    p = next(tree.getroot().find(t("text")).iter(t("p")))
    p.text = p.text.replace("министры", "министр")  # a changed word
    assert lossless.check(source, tree)
    tree = etree.ElementTree(etree.fromstring(converted[seed.stem]))
    p = next(tree.getroot().find(t("text")).iter(t("p")))
    p.text += " лишнее"  # an invented word
    problems = lossless.check(source, tree)
    assert problems and "лишнее" in problems[0]


def test_residue_is_kept_not_read(converted):
    tree = etree.fromstring(converted["004_449a14b25b2d7a50"])
    residue = tree.find(f".//{t('back')}/{t('div')}[@type='residue']")
    lines = ["".join(p.itertext()) for p in residue]
    assert "Menu" in lines and "Наверх" in lines
    body_text = "".join(tree.find(f".//{t('body')}").itertext())
    assert "Читайте нас" not in body_text


def test_markdown_becomes_markup(converted):
    tree = etree.fromstring(converted["002_d3c9c977ef1730be"])
    assert "**" not in "".join(tree.find(f".//{t('text')}").itertext())
    hi = tree.find(f".//{t('hi')}[@rend='bold']")
    assert "".join(hi.itertext()) == "Юрий Хачатуров"
    ref = tree.find(f".//{t('ref')}")
    assert ref.text == "заявление" and ref.get("target") is None
