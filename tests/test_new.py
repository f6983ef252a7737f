"""`tei-edition new`: a valid document with a unique id; never overwrites."""

from __future__ import annotations

from conftest import run_cli


def test_new_document_is_valid(project):
    result = run_cli(
        "new",
        "--id",
        "statement-2024-05-01",
        "--genre",
        "statement",
        "--title",
        "Заявление о сотрудничестве",
        "--date",
        "2024-05-01",
    )
    assert result.exit_code == 0, result.output
    xml = (project / "tei" / "statement-2024-05-01.xml").read_text(encoding="utf-8")
    assert '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ru" xml:id="statement-2024-05-01">' in xml
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model ')
    result = run_cli("validate")
    assert result.exit_code == 0, result.output


def test_new_refuses_existing_file_and_id(project):
    args = ["--genre", "news-report", "--title", "Новость"]
    assert run_cli("new", "--id", "news-x", *args).exit_code == 0
    result = run_cli("new", "--id", "news-x", *args)
    assert result.exit_code == 1 and "[new.exists]" in result.output
    result = run_cli("new", "--id", "appeal-2019-05-22", *args)  # an id the corpus uses
    assert result.exit_code == 1 and "000_5d5ba4abf0d3ebed.xml" in result.output


def test_new_rejects_bad_id_and_date(project):
    assert run_cli("new", "--id", "Bad Id", "--genre", "appeal", "--title", "x").exit_code == 2
    result = run_cli("new", "--id", "appeal-x", "--genre", "appeal", "--title", "x", "--date", "2019-02-30")
    assert result.exit_code == 1 and "[schema]" in result.output
    assert not (project / "tei" / "appeal-x.xml").exists()
