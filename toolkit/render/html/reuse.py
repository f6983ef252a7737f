"""What a rebuild of the site may reuse, and how it knows (see site.py): the record of how
each output was made (`Record`), the previous build as render_site sees it (`Previous`,
kept by io.buildstate), and the questions a document page asks about the rest of the
corpus while it is rendered (`RecordingLinks`: the links it resolves, and the frame its
miniature map is drawn on), checked again by `answers_hold`."""

from __future__ import annotations

import dataclasses

from toolkit.model.diagnostics import Diagnostic
from toolkit.render.html.figure_pages import frame_answer
from toolkit.render.html.links import SiteLinks


@dataclasses.dataclass
class Record:
    """How an output was made: its key, the questions a document page asked (with their
    answers) and the diagnostics rendering it gave."""

    key: str
    queries: list = dataclasses.field(default_factory=list)
    diagnostics: list[Diagnostic] = dataclasses.field(default_factory=list)

    def to_json(self) -> list:
        return [
            self.key,
            self.queries,
            [d.to_row() for d in self.diagnostics],
        ]

    @classmethod
    def from_json(cls, data: list) -> Record:
        k, queries, diags = data
        return cls(k, queries, [Diagnostic.from_row(d) for d in diags])


class Previous:
    """The previous build, as render_site may use it (see io.buildstate.BuildState)."""

    def record(self, path: str) -> Record | None:
        return None

    def data(self, path: str) -> bytes | None:
        return None

    def group(self, name: str, key: str) -> list[str] | None:
        """The files of a group of outputs (site.py) if the previous build made it with the
        same key and every file is still as it was written; else None."""
        return None


class RecordingLinks(SiteLinks):
    """SiteLinks that note each question about the rest of the corpus, and its answer
    (each question once: a page names the same entity many times)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.queries: list = []
        self._asked: set = set()

    def note(self, kind: str, question, answer) -> None:
        asked = (kind, repr(question))
        if asked not in self._asked:
            self._asked.add(asked)
            self.queries.append([kind, question, answer])

    def entity(self, ref: str):
        target = super().entity(ref)
        self.note("entity", ref, entity_answer(target))
        return target

    def date(self, attrs: dict[str, str]):
        href = super().date(attrs)
        self.note("date", sorted(attrs.items()), href)
        return href

    def pointer(self, target_id: str):
        href = super().pointer(target_id)
        self.note("pointer", target_id, href)
        return href

    def media(self, path: str):
        answer = super().media(path)
        self.note("media", path, list(answer))
        return answer

    def file(self, stem: str, ident: str | None):
        href = super().file(stem, ident)
        self.note("file", [stem, ident], href)
        return href


def entity_answer(target) -> list | None:
    return [target.href, target.tooltip, target.candidate] if target is not None else None


def answers_hold(queries: list, links: SiteLinks, memo: dict) -> bool:
    """Whether every recorded question still has its recorded answer (`memo` keeps the
    answers asked already: pages of one folder ask the same questions)."""
    for kind, question, answer in queries:
        k = (kind, repr(question))
        if k not in memo:
            if kind == "entity":
                memo[k] = entity_answer(SiteLinks.entity(links, question))
            elif kind == "date":
                memo[k] = SiteLinks.date(links, dict(question))
            elif kind == "pointer":
                memo[k] = SiteLinks.pointer(links, question)
            elif kind == "media":
                memo[k] = list(SiteLinks.media(links, question))
            elif kind == "file":
                memo[k] = SiteLinks.file(links, *question)
            elif kind == "map-frame":
                memo[k] = frame_answer(links.corpus, links.index)
            else:
                return False
        if memo[k] != answer:
            return False
    return True
