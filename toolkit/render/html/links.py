"""How the site resolves the reading text's links: register references to index entries,
dates to the chronology, `#id` pointers to the document holding the id, images of the
project to their copy in the site (media/). One `SiteLinks`
per page, because every link is relative to the page it is on."""

from __future__ import annotations

from urllib.parse import quote

from toolkit.model.corpus import Corpus
from toolkit.model.index import Index, date_key
from toolkit.render.html import paths
from toolkit.render.linking import EntityTarget
from toolkit.render.wording import tooltip


class SiteLinks:
    def __init__(self, corpus: Corpus, index: Index, page: str):
        self.corpus = corpus
        self.index = index
        self.page = page
        self.dates = index.date_keys

    def to(self, target: str) -> str:
        return paths.relative(self.page, target)

    def entity(self, ref: str) -> EntityTarget | None:
        entry = self.index.indexed(self.corpus.registers, ref)
        if entry is None:
            return None
        return EntityTarget(
            self.to(paths.entity(entry.kind, entry.key)), tooltip(entry, self.corpus.registers), entry.candidate
        )

    def date(self, attrs: dict[str, str]) -> str | None:
        key = date_key(attrs)
        return self.to(paths.chronology(key)) if key in self.dates else None

    def pointer(self, target_id: str) -> str | None:
        docid = self.corpus.id_owner.get(target_id)
        if docid is None:
            return None
        return self.to(f"{paths.document(docid)}#{target_id}")

    def media(self, path: str) -> tuple[str | None, str]:
        problem = self.corpus.media_problem(path)
        return (None, problem) if problem else (quote(self.to(paths.media(path))), "")

    def file(self, stem: str, ident: str | None) -> str | None:
        doc = self.corpus.linked_file(stem, ident)
        return self.document(doc.docid, ident or "") if doc is not None else None

    def note(self, kind: str, question, answer) -> None:
        """A question about the rest of the corpus that is not a link (the frame every
        miniature map shares): nothing here; reuse.RecordingLinks keeps it with the page."""

    def document(self, docid: str, anchor: str = "") -> str:
        return self.to(paths.document(docid) + (f"#{anchor}" if anchor else ""))
