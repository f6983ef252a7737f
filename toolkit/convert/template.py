"""A new TEI document from a template: header to fill, a unique id, valid from the start."""

from __future__ import annotations

import re

from lxml import etree

from toolkit import __version__
from toolkit.convert.document import tei_document
from toolkit.convert.header import build_header
from toolkit.convert.seedmeta import DateFact, SeedMeta
from toolkit.model.tei import E, SubE

ID_RE = re.compile(r"^[a-z][a-z0-9\-]*$")


def new_document(
    *, docid: str, genre: str, title: str, when: str | None, file_name: str, converted_on: str | None = None
) -> etree._ElementTree:
    meta = SeedMeta(genre=genre, title=title)
    dates = [DateFact({"when": when}, "internal", "high")] if when else []
    header = build_header(
        title=title,
        genre=genre,
        meta=meta,
        dates=dates,
        places=[],
        issuer=None,
        source_name=file_name,
        source_sha256="0" * 64,
        version=__version__,
        converted_on=converted_on,
    )
    change = header.find(".//{http://www.tei-c.org/ns/1.0}change")
    change.text = f"Создано по шаблону командой tei-edition new {__version__}."
    text = E("text", xml_lang="ru")
    front = SubE(text, "front")
    SubE(SubE(front, "docTitle"), "titlePart", text=title, type="main")
    body = SubE(text, "body")
    if genre == "news-report":
        div = SubE(body, "div", type="news")
        SubE(div, "p", text="Текст сообщения.", xml_id=f"{docid}-p1")
    else:
        div = SubE(body, "div", type="operative")
        clause = SubE(div, "div", type="clause", subtype="operative", n="p1", xml_id=f"{docid}-p1")
        SubE(clause, "p", text="Текст документа.")
    return tei_document(docid, header, text)
