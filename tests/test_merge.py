"""`tei-edition entities merge`: a candidate entry that is an entry the registers already
have (model.merge), merged into it without losing a byte of anyone's hand edits."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, run_cli
from lxml import etree

from toolkit.convert.names.morph import is_abbreviation
from toolkit.io import fs
from toolkit.model.merge import merge_entry, retargeted
from toolkit.model.registers import Registers

REAL = ROOT / "tests" / "generalisation" / "real"
DOC = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><encodingDesc><listPrefixDef>
    <prefixDef ident="pla" matchPattern="([a-z0-9-]+)" replacementPattern="registers/places.xml#$1"/>
    <prefixDef ident="geo" matchPattern="([a-z0-9-]+)" replacementPattern="registers/places.xml#$1"/>
  </listPrefixDef></encodingDesc></teiHeader>
  <text><body>
    <!-- a hand-written comment: pla:rf stays as it is here -->
    <p>Министр <placeName   ref="pla:rf">РФ</placeName> и <placeName
        type="x" ref='geo:rf'>РФ</placeName>, <rs ref="pla:rf pla:tajikistan">обе</rs>;
      текст «pla:rf» не ссылка; <placeName ref="pla:rfx">другое</placeName></p>
  </body></text>
</TEI>
"""


def test_only_the_pointers_to_the_source_change():
    data = DOC.encode()
    edited, n, problems = retargeted(data, "doc.xml", "place", "rf", "russia")
    assert n == 3 and problems == []
    expected = (
        DOC.replace('ref="pla:rf">', 'ref="pla:russia">')
        .replace("ref='geo:rf'", "ref='geo:russia'")
        .replace('ref="pla:rf pla:tajikistan"', 'ref="pla:russia pla:tajikistan"')
    )
    assert edited.decode() == expected  # the comment, the text, the spacing and the quotes as they were
    assert retargeted(data, "doc.xml", "place", "dushanbe", "russia") == (data, 0, [])
    assert retargeted(data, "doc.xml", "org", "rf", "russia") == (data, 0, [])  # pla:rf is a place, not an org


def test_a_document_that_does_not_parse_is_refused_with_its_place():
    edited, n, problems = retargeted(b"<TEI>\n<p ref='pla:rf'>", "doc.xml", "place", "rf", "russia")
    assert (edited, n) == (None, 0) and [p.code for p in problems] == ["xml.syntax"]
    assert str(problems[0]).startswith("doc.xml:2:")


def test_the_source_names_become_the_targets_variants():
    registers = Registers({"place": etree.ElementTree(etree.fromstring(_places()))})
    gained = merge_entry(registers, "place", "rf", "russia", is_abbreviation)
    assert gained == ["РФ", "Российская Федерация"]
    russia = registers.entries["place"]["russia"]
    assert russia.abbreviations == ["РФ"] and "Российская Федерация" in russia.variants
    assert "rf" not in registers.entries["place"]
    moscow = registers.trees["place"].getroot().find(".//{*}place[@{http://www.w3.org/XML/1998/namespace}id='moscow']")
    assert moscow.find(".//{*}country").get("ref") == "#russia"  # the register's own pointer follows


def _places() -> bytes:
    return """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPlace>
      <place xml:id="russia" type="country"><placeName type="canonical">Россия</placeName></place>
      <place xml:id="rf" cert="low"><placeName type="canonical">РФ</placeName>
        <placeName type="variant">Российская Федерация</placeName><placeName type="variant">Россия</placeName></place>
      <place xml:id="moscow"><placeName type="canonical">Москва</placeName>
        <location><country ref="#rf">Россия</country></location></place>
    </listPlace></body></text></TEI>""".encode()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Three real reports converted: "РФ" and "Российской Федерации" arrive as candidates."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "tei" / "registers", tmp_path / "tei" / "registers")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    texts = [str(next(REAL.glob(f"{stem}_*.txt"))) for stem in ("r16", "r18", "r26")]
    result = run_cli("convert", *texts, "-o", "tei", "--no-cache")
    assert result.exit_code == 0, result.output
    return tmp_path / "tei"


def test_merge_repoints_the_documents_and_the_next_conversion_links_directly(project):
    listed = run_cli("entities", "--tei", "tei").output
    assert "perhaps pla:russia (Россия): tei-edition entities merge pla:rossiyskaya-federatsiya pla:russia" in listed
    hand = next(project.glob("r18_*.xml"))
    edited_by_hand = hand.read_bytes().replace(b"</TEI>", "<!-- правка редактора -->\n</TEI>".encode())
    hand.write_bytes(edited_by_hand)
    result = run_cli("entities", "--tei", "tei", "merge", "rf", "pla:russia")
    assert result.exit_code == 0, result.output
    assert "pla:rf merged into pla:russia: 2 pointer(s) in 2 document(s) re-pointed" in result.output
    docs = sorted(project.glob("*.xml"))
    assert not [p.name for p in docs if b'"pla:rf"' in p.read_bytes()]
    assert "<!-- правка редактора -->".encode() in hand.read_bytes() and fs.hand_edited(hand.read_bytes())
    assert not fs.hand_edited(next(project.glob("r16_*.xml")).read_bytes())  # still convert's own
    assert '<placeName type="abbr">РФ</placeName>' in (project / "registers" / "places.xml").read_text()
    assert run_cli("validate", "tei").exit_code == 0
    again = run_cli("convert", str(next(REAL.glob("r16_*.txt"))), "-o", "again", "--no-cache")
    assert again.exit_code == 0
    shutil.copytree(project / "registers", project.parent / "again" / "registers", dirs_exist_ok=True)
    again = run_cli("convert", str(next(REAL.glob("r16_*.txt"))), "-o", "again", "--no-cache", "--force")
    assert (
        '<placeName ref="pla:russia">РФ</placeName>' in next((project.parent / "again").glob("r16_*.xml")).read_text()
    )


def test_merge_refuses_and_writes_nothing(project):
    before = {p: p.read_bytes() for p in project.rglob("*.xml")}
    for args, said in (
        (("nobody", "russia"), 'no register entry "nobody"'),
        (("rf", "org:csto"), "pla:rf and org:csto are in different registers"),
        (("rf", "rf"), "pla:rf is the entry it would be merged into"),
    ):
        result = run_cli("entities", "--tei", "tei", "merge", *args)
        assert result.exit_code == 1 and said in result.output and "[entities.merge]" in result.output
    broken = next(project.glob("r26_*.xml"))
    broken.write_bytes(broken.read_bytes().replace(b"</TEI>", b""))
    before[broken] = broken.read_bytes()
    result = run_cli("entities", "--tei", "tei", "merge", "rf", "russia")
    assert result.exit_code == 1 and f"{broken.name}:" in result.output and "nothing was changed" in result.output
    assert {p: p.read_bytes() for p in project.rglob("*.xml")} == before


def test_a_candidate_place_suggests_the_entry_it_may_be():
    """Word stems without the generic words of a state's or region's name, and the
    initials of an abbreviation; never an organisation (they share generic heads)."""
    from toolkit.convert.names.suggest import likely_entries
    from toolkit.model.registers import Registers, entry_from_element

    xml = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPlace>
      <place xml:id="kyrgyzstan"><placeName type="canonical">Кыргызстан</placeName>
        <placeName type="variant">Киргизия</placeName></place>
      <place xml:id="uzbekistan"><placeName type="canonical">Узбекистан</placeName>
        <placeName type="variant">Республика Узбекистан</placeName></place>
      <place xml:id="latvia"><placeName type="canonical">Латвия</placeName>
        <placeName type="variant">Латвийская Республика</placeName></place>
      <place xml:id="fergana"><placeName type="canonical">Ферганская область</placeName></place>
    </listPlace></body></text></TEI>"""
    registers = Registers({"place": etree.ElementTree(etree.fromstring(xml.encode()))})

    def suggested(name: str, kind: str = "place") -> list[str]:
        el = etree.fromstring(
            f'<{kind} xmlns="http://www.tei-c.org/ns/1.0" xml:id="c" cert="low"><placeName type="canonical">{name}</placeName>'
            f'<note type="candidate">Кандидат</note></{kind}>'
        )
        return [e.key for e in likely_entries(registers, entry_from_element(el, kind))]

    assert suggested("Киргизская Республика") == ["kyrgyzstan"]  # "кирги" of Киргизия
    assert suggested("Узбекская Республика") == ["uzbekistan"]  # "узбек" of Узбекистан
    assert suggested("ЛР") == ["latvia"]  # the initials of Латвийская Республика
    assert suggested("Республика Казахстан") == []  # "республика" alone is no kinship
    assert suggested("Андижанская область") == []  # nor is "область"
    assert suggested("Киргизская Республика", "org") == []  # stems: places only
    orgs = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listOrg>
      <org xml:id="cis"><orgName type="canonical">Содружество Независимых Государств</orgName></org>
      <org xml:id="cis-chs"><orgName type="canonical">Совет глав государств</orgName></org>
    </listOrg></body></text></TEI>"""
    registers.trees["org"] = etree.ElementTree(etree.fromstring(orgs.encode()))
    registers.entries["org"] = {
        e.get("{http://www.w3.org/XML/1998/namespace}id"): entry_from_element(e, "org")
        for e in registers.trees["org"].getroot().iter("{*}org")
    }

    def suggested_org(name: str) -> list[str]:
        el = etree.fromstring(
            f'<org xmlns="http://www.tei-c.org/ns/1.0" xml:id="c" cert="low"><orgName type="canonical">{name}</orgName>'
            '<note type="candidate">Кандидат</note></org>'
        )
        return [e.key for e in likely_entries(registers, entry_from_element(el, "org"))]

    assert suggested_org("СНГ") == ["cis"]  # the initials
    assert suggested_org("Совет министров иностранных дел") == []  # a shared "Совет" is no kinship


def test_a_person_merged_under_another_surname_is_linked_by_the_next_conversion(tmp_path, monkeypatch):
    """A president named by his former surname is suggested as his entry (forename and
    the surname's first letters), merged into it, and then linked to it when the source is
    converted again: a register person's variant name links mentions as the canonical
    name does."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "tei" / "registers", tmp_path / "tei" / "registers")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    source = tmp_path / "visit.txt"
    source.write_text(
        "Президент прибыл с визитом\n\nПереговоры с Эмомали Рахмоновым прошли в Душанбе. "
        "Рахмонов поблагодарил гостей.\n",
        encoding="utf-8",
    )
    assert run_cli("convert", str(source), "-o", "tei", "--no-cache").exit_code == 0
    first = next((tmp_path / "tei").glob("*.xml")).read_text(encoding="utf-8")
    assert 'ref="per:rakhmonov"' in first and 'ref="per:rahmon"' not in first
    listed = run_cli("entities", "--tei", "tei").output
    assert "perhaps per:rahmon (Рахмон, Эмомали): tei-edition entities merge per:rakhmonov per:rahmon" in listed
    result = run_cli("entities", "--tei", "tei", "merge", "per:rakhmonov", "per:rahmon")
    assert result.exit_code == 0, result.output
    again = run_cli("convert", str(source), "-o", "tei", "--no-cache", "--force")
    assert again.exit_code == 0, again.output
    text = next((tmp_path / "tei").glob("*.xml")).read_text(encoding="utf-8")
    assert text.count('ref="per:rahmon"') == 2 and "per:rakhmonov" not in text


def test_a_candidate_person_suggests_the_entry_with_the_same_forename():
    from toolkit.convert.names.suggest import likely_entries
    from toolkit.model.registers import Registers, entry_from_element

    xml = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>
      <person xml:id="rahmon"><persName type="canonical">Рахмон, Эмомали</persName></person>
      <person xml:id="petrov"><persName type="canonical">Петров, Иван Сергеевич</persName></person>
    </listPerson></body></text></TEI>"""
    registers = Registers({"person": etree.ElementTree(etree.fromstring(xml.encode()))})

    def suggested(name: str) -> list[str]:
        el = etree.fromstring(
            f'<person xmlns="http://www.tei-c.org/ns/1.0" xml:id="c" cert="low"><persName type="canonical">{name}</persName>'
            f'<note type="candidate">Кандидат</note></person>'
        )
        return [e.key for e in likely_entries(registers, entry_from_element(el, "person"))]

    assert suggested("Эмомали Рахмонов") == ["rahmon"]
    assert suggested("Иван Петровский") == ["petrov"]  # the same first five letters: a suggestion only
    assert suggested("Сергей Петров") == []  # another forename
    assert suggested("Рахмонов") == []  # no forename: no kinship to go on
