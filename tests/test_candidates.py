"""New names: marked, registered as unreviewed candidates, listed, accepted."""

from __future__ import annotations

from conftest import run_cli

TEXT = (
    "Министр обороны Узбекистана Бахтиёр Курбанов посетил Ташкент\n"
    "12-03-2024, 09:30.\n"
    "Встреча прошла в рамках сотрудничества.\n"
    "В Ташкенте 12 марта 2024 года министр обороны Бахтиёр Курбанов встретился с "
    "Генеральным секретарем ОДКБ Имангали Тасмагамбетовым. Курбанов отметил важность диалога.\n"
)


def test_candidate_lifecycle(project):
    (project / "seeds" / "new.txt").write_text(TEXT, encoding="utf-8")
    result = run_cli("convert", "seeds/new.txt", "-o", "tei")
    assert result.exit_code == 0, result.output
    assert "new candidate(s)" in result.output and "0 new candidate(s)" not in result.output
    xml = (project / "tei" / "new.xml").read_text(encoding="utf-8")
    assert '<persName ref="per:kurbanov">Бахтиёр Курбанов</persName>' in xml
    assert '<persName ref="per:kurbanov">Курбанов</persName>' in xml  # surname alone, same person
    assert '<persName ref="per:tasmagambetov">Имангали Тасмагамбетовым</persName>' in xml  # inflected, registered
    persons = (project / "tei" / "registers" / "persons.xml").read_text(encoding="utf-8")
    assert '<person xml:id="kurbanov" cert="low">' in persons
    assert 'type="candidate"' in persons

    result = run_cli("validate")
    assert result.exit_code == 0, result.output  # candidates are warnings, not errors
    assert "[register.candidate]" in result.output and "kurbanov" in result.output

    result = run_cli("entities")
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if line.strip().startswith("kurbanov"))
    assert "person" in line and "3 mention(s)" in line and "tei/new.xml" in line

    result = run_cli("entities", "accept", "kurbanov")
    assert result.exit_code == 0, result.output
    persons = (project / "tei" / "registers" / "persons.xml").read_text(encoding="utf-8")
    assert (
        '<person xml:id="kurbanov">' in persons
        and "Кандидат" not in persons.split('xml:id="kurbanov"')[1].split("</person>")[0]
    )
    kurbanov = persons.split('xml:id="kurbanov"')[1].split("</person>")[0]
    assert '<persName type="translit" xml:lang="ru-Latn">Bakhtiyor Kurbanov</persName>' in kurbanov
    result = run_cli("validate")
    assert "kurbanov" not in result.output
    assert run_cli("entities", "translit", "--check").exit_code == 0  # accepting wrote the Latin name


def test_translit_writes_the_latin_names_once(project):
    """`entities translit` writes what the registers lack; --check says so without writing."""
    assert run_cli("entities", "translit", "--check").exit_code == 0  # the checked-in registers are complete
    path = project / "tei" / "registers" / "places.xml"
    text = path.read_text(encoding="utf-8")
    line = '<placeName type="translit" xml:lang="ru-Latn">Bishkek</placeName>'
    assert line in text
    path.write_text(text.replace(line, "").replace(">Бишкек<", ">Бишкеке<", 1), encoding="utf-8")
    result = run_cli("entities", "translit", "--check")
    assert result.exit_code == 1 and "bishkek" in result.output
    assert run_cli("entities", "translit").exit_code == 0
    written = path.read_text(encoding="utf-8")
    assert '<placeName type="translit" xml:lang="ru-Latn">Bishkeke</placeName>' in written
    assert run_cli("entities", "translit", "--check").exit_code == 0
    assert run_cli("format", "--check", "tei").exit_code == 0  # written in the canonical layout
    assert run_cli("validate").exit_code == 0


def test_accept_unknown_key(project):
    result = run_cli("entities", "accept", "no-such-key")
    assert result.exit_code == 1
    assert "[entities.unknown]" in result.output


def test_candidates_never_look_reviewed(project):
    (project / "seeds" / "new.txt").write_text(TEXT, encoding="utf-8")
    run_cli("convert", "seeds/new.txt", "-o", "tei")
    from lxml import etree

    from toolkit.model.registers import FILE_OF_KIND, KINDS, Registers

    regs = Registers({k: etree.parse(str(project / "tei" / "registers" / FILE_OF_KIND[k])) for k in KINDS})
    entry = regs.get("per:kurbanov")
    assert entry.candidate
    assert not regs.get("per:tokayev").candidate


def test_convert_text_only_reads_the_registers():
    """A conversion lists the candidate entries it needs and leaves the registers as they were."""
    from conftest import ROOT
    from lxml import etree

    from toolkit.convert.document import convert_text
    from toolkit.convert.names.entities import EntityFinder
    from toolkit.model.registers import FILE_OF_KIND, KINDS, Registers

    regs = Registers({k: etree.parse(str(ROOT / "tei" / "registers" / FILE_OF_KIND[k])) for k in KINDS})
    before = {k: etree.tostring(tree) for k, tree in regs.trees.items()}
    keys = {k: dict(v) for k, v in regs.entries.items()}
    result = convert_text(TEXT, "new.txt", None, regs, EntityFinder(regs))
    assert ("person", "kurbanov", "Бахтиёр Курбанов") in result.candidates
    assert len({(kind, key) for kind, key, _ in result.candidates}) == len(result.candidates)
    assert {k: etree.tostring(tree) for k, tree in regs.trees.items()} == before
    assert regs.entries == keys
    again = convert_text(TEXT, "new.txt", None, regs, EntityFinder(regs))  # the same registers, the same result
    assert again.candidates == result.candidates
    assert etree.tostring(again.tree) == etree.tostring(result.tree)
