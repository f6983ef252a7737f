"""The visitors of notes and of the apparatus of variant readings, for HtmlTransform.

A <note> is numbered in reading order and set where its mark belongs: at its own place,
or, with @target="#id", after the element with that id (an <anchor/> marks a point). On
screen the mark is a checkbox's label and the note's text follows it: beside the text on
a wide screen, opened and closed by the mark on a narrow one; CSS alone does both, so it
works without script. In print (pdf/reading.py) a note is a footnote.

An <app> shows its lemma in the text and a lettered mark (signs.letter) that opens the
entry "lemma A] reading B; reading C" the same way; in print the entry is a lettered
footnote. The sigla are those of the witnesses the header declares
(sourceDesc/listWit/witness: @n, else the xml:id).

Editions differ only in the hooks `note_box` and `apparatus_box`.
"""

from __future__ import annotations

from lxml import etree

from toolkit.model.anchors import in_residue
from toolkit.model.tei import TEI_NS, XML_ID, local, text_of
from toolkit.render.dom import h, text
from toolkit.render.linking import LOCAL_POINTER, shorten
from toolkit.render.signs import letter

NOTE_LABELS = {"editorial": "Прим. ред.", "source": "Прим. источника", "candidate": "Прим."}
INLINE_PLACES = ("inline",)  # a note the source prints in its line: it stays there, in brackets


def note_label(el: etree._Element) -> str:
    return NOTE_LABELS.get(el.get("type", "editorial"), "Прим.")


def witnesses(doc) -> dict[str, tuple[str, str]]:
    """xml:id → (siglum, description) of the witnesses the header declares."""
    header = doc.tree.getroot().find(f"{{{TEI_NS}}}teiHeader")
    found: dict[str, tuple[str, str]] = {}
    if header is None:
        return found
    for wit in header.iter(f"{{{TEI_NS}}}witness"):
        ident = wit.get(XML_ID)
        if ident:
            found[ident] = ((wit.get("n") or ident).strip(), text_of(wit))
    return found


class NoteVisitors:
    """Notes placed at their target, numbered; the apparatus, lettered. Uses `doc`, `warn`,
    `visit`, `children`, `signs` and `ident` of HtmlTransform."""

    def notes_init(self) -> None:
        self.note_count = 0
        self.textual_count = 0
        self.note_targets: dict[str, list[etree._Element]] = {}
        self.placed: set = set()
        self._witnesses: dict[str, tuple[str, str]] | None = None
        self.wits_used: list[str] = []
        text_el = self.doc.text
        targeted = [n for n in text_el.iter(f"{{{TEI_NS}}}note") if n.get("target")] if text_el is not None else []
        if not targeted:
            return  # most documents: nothing to place elsewhere, no need to list their ids
        rendered = {
            el.get(XML_ID): el
            for el in text_el.iter()
            if isinstance(el.tag, str) and el.get(XML_ID) is not None and not in_residue(el)
        }
        for note in targeted:
            target = self._note_target(note, rendered)
            if target is not None:
                self.note_targets.setdefault(target, []).append(note)

    def _note_target(self, note: etree._Element, rendered: dict) -> str | None:
        """The id the note is placed after, if it has a @target that names an element of the
        reading text (not the note itself, nor one inside it, nor one it is inside of)."""
        value = (note.get("target") or "").strip()
        if not value or in_residue(note):
            return None
        first = value.split()[0]
        m = LOCAL_POINTER.match(first)
        target = rendered.get(m.group(1)) if m else None
        if target is None or target is note or note in target.iterancestors() or target in note.iterancestors():
            self.warn(
                note,
                f'note/@target "{shorten(value)}" names no element of this document\'s reading text; '
                "the note stays where it is",
                "html.broken-link",
            )
            return None
        return m.group(1)

    # ------------------------------------------------------------ notes

    def visit_note(self, el, out):
        if el in self.placed:
            return
        if any(el in notes for notes in self.note_targets.values()):
            return  # placed after its target (place_notes)
        self.render_note(el, out)

    def place_notes(self, ident: str, out) -> None:
        for note in self.note_targets.pop(ident, []):
            self.render_note(note, out)

    def unplaced_notes(self, out) -> None:
        """Notes whose target was never rendered (inside a reading the edition shows only
        in a note, say): set at the end of the text, never lost."""
        for notes in list(self.note_targets.values()):
            for note in notes:
                self.warn(
                    note,
                    f'note/@target "{shorten(note.get("target", ""))}" names an element the edition does not '
                    "show in the reading text; the note is set at the end of the text",
                    "html.note-unplaced",
                )
                self.render_note(note, out)
        self.note_targets.clear()

    def render_note(self, el, out) -> None:
        self.placed.add(el)
        if el.get("place") in INLINE_PLACES:
            node = h("span", {"class": f"note note-inline note-{el.get('type', 'editorial')}", "role": "note"})
            text(node, f"[{note_label(el)}: ")
            self.children(el, node)
            text(node, "]")
            out.append(node)
            return
        self.signs.add("note")
        self.note_count += 1
        self.note_box(el, str(self.note_count), out)

    def note_box(self, el, number: str, out) -> None:
        """On screen: the mark (a checkbox's label) and the note beside the text."""
        nid = self.ident(el) or f"{self.doc.docid}-note{number}"
        body = h(
            "span",
            {"class": f"note note-{el.get('type', 'editorial')}", "id": nid, "role": "note"},
            h("span", {"class": "note-no"}, number),
            " ",
            h("span", {"class": "note-label"}, f"{note_label(el)}:"),
            " ",
        )
        self.children(el, body)
        self.toggle(f"{nid}-mark", "note", number, f"Примечание {number}", body, out)

    def toggle(self, ident: str, kind: str, mark: str, name: str, body, out) -> None:
        """A mark that shows and hides `body` without script: a checkbox, its label, the body."""
        out.append(h("input", {"type": "checkbox", "class": f"{kind}-toggle", "id": ident, "aria-label": name}))
        out.append(h("label", {"class": f"{kind}-mark", "for": ident, "title": name, "aria-hidden": "true"}, mark))
        out.append(body)

    def visit_anchor(self, el, out):
        out.append(h("span", {"class": "anchor", "id": el.get(XML_ID)}))

    # ------------------------------------------------------------ the apparatus

    def witness(self, value: str | None, el) -> list[tuple[str, str]]:
        """(siglum, description) of each witness @wit names; an undeclared one is shown as
        written, with a warning."""
        if self._witnesses is None:
            self._witnesses = witnesses(self.doc)
        out = []
        for token in (value or "").split():
            ident = token[1:] if token.startswith("#") else token
            found = self._witnesses.get(ident)
            if found is None:
                self.warn(
                    el,
                    f'{local(el)}/@wit "{shorten(token)}" names no witness of the header (sourceDesc/listWit); '
                    "shown as written",
                    "html.unresolved-wit",
                )
                found = (shorten(ident, 20), "свидетель не описан")
            elif ident not in self.wits_used:
                self.wits_used.append(ident)
            out.append(found)
        return out

    def sigla(self, el, node) -> None:
        for k, (siglum, description) in enumerate(self.witness(el.get("wit"), el)):
            text(node, " " if k == 0 else ", ")
            node.append(h("abbr", {"class": "wit", "title": description}, siglum))

    def visit_app(self, el, out):
        self.signs.add("app")
        self.textual_count += 1
        mark = letter(self.textual_count)
        lem = next((c for c in el if isinstance(c.tag, str) and local(c) == "lem"), None)
        node = h("span", {"class": "app", "id": self.ident(el)})
        if lem is not None:
            self.visit(lem, node)
        out.append(node)
        self.apparatus_box(el, lem, mark, node)

    def apparatus_entry(self, el, lem, entry: etree._Element) -> etree._Element:
        """ "lemma A] reading B; reading C" into `entry`: the readings are rendered here (they
        are nowhere else), the lemma as its text (it is rendered in the line)."""
        if lem is not None:
            entry.append(h("span", {"class": "app-lemma"}, text_of(lem) or "—"))
            self.sigla(lem, entry[-1])
            text(entry, "]")
        readings = [c for c in el if isinstance(c.tag, str) and local(c) != "lem"]
        for k, child in enumerate(readings):
            text(entry, " " if k == 0 else "; ")
            self.visit(child, entry)
        return entry

    def apparatus_box(self, el, lem, mark: str, out) -> None:
        """On screen: the lettered mark opens the entry after the lemma."""
        aid = self.ident(el) or f"{self.doc.docid}-app{self.textual_count}"
        entry = h("span", {"class": "app-entry", "role": "note"}, h("span", {"class": "app-no"}, mark), " ")
        self.apparatus_entry(el, lem, entry)
        self.toggle(f"{aid}-mark", "app", mark, f"Разночтения {mark}", entry, out)

    def visit_lem(self, el, out):
        self.block("span", "lem", el, out)

    def visit_rdg(self, el, out):
        node = h("span", {"class": "rdg", "id": self.ident(el)})
        reading = h("span", {"class": "rdg-text"})
        self.children(el, reading)
        if len(reading) or (reading.text or "").strip():
            node.append(reading)
        else:
            node.append(h("i", {"class": "rdg-omitted"}, "опущено"))
        self.sigla(el, node)
        out.append(node)
