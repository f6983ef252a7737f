"""How the reading text links out of itself, and the visitors of the elements that link.

Each edition says where a link goes through a `Links` object (html/links.SiteLinks for
the site, pdf/reading.BookLinks for the book): a register entry to its index entry, a
date to the chronology, an `#id` to the document holding it, an image of the project to
where the edition publishes it. Register references are read through the document's
prefixDefs (model.prefixes); only #ids, register references and http(s) links leave the
TEI (ref/@target, ptr/@target; a document's file, 004_….xml#id, is its page), and images
only from inside the project
(graphic/@url, pb/@facs: model.media); anything else is dropped with a located warning
[html.unsafe-link], its text kept.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Protocol

from lxml import etree

from toolkit.model.prefixes import KEY_PATTERN
from toolkit.model.registers import FILE_OF_KIND, KIND_OF_NAME, PREFIX_OF_KIND, REGISTER_DIR, canonical_ref
from toolkit.model.tei import DATE_ATTRS, TEI_NS, local
from toolkit.render.dom import add, h
from toolkit.render.wording import block_label, certainty_note, describe_date

WEB_LINK = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
LOCAL_POINTER = re.compile(r"^#([A-Za-z_][A-Za-z0-9_.\-]*)$")
# a register entry written as a path rather than a prefixed ref: registers/persons.xml#key
REGISTER_URL = re.compile(
    rf"^(?:\.\./)?{REGISTER_DIR}/({'|'.join(map(re.escape, FILE_OF_KIND.values()))})#{KEY_PATTERN}$"
)
KIND_OF_FILE = {name: kind for kind, name in FILE_OF_KIND.items()}
# another document of the edition, by its file in the same folder, with an optional #id
DOCUMENT_FILE = re.compile(r"^([\w\-][\w.\-]*)\.xml(?:#([A-Za-z_][A-Za-z0-9_.\-]*))?$")


@dataclasses.dataclass(frozen=True)
class EntityTarget:
    href: str
    tooltip: str
    candidate: bool = False


class Links(Protocol):
    """How the renderer's output links out of the reading text."""

    def entity(self, ref: str) -> EntityTarget | None: ...

    def date(self, attrs: dict[str, str]) -> str | None: ...

    def pointer(self, target_id: str) -> str | None:
        """A `#id` that is not in this document: its address in another one, or None."""
        ...

    def media(self, path: str) -> tuple[str | None, str]:
        """An image of the project (model.media): its address in the edition, or None and
        why it is not published."""
        ...

    def file(self, stem: str, ident: str | None) -> str | None:
        """The document of the edition in file `stem`.xml (at its element `ident`), or None."""
        ...


def shorten(value: str, limit: int = 60) -> str:
    """A value from the TEI as a message quotes it: printable, at most `limit` characters."""
    value = "".join(c if c.isprintable() else "?" for c in value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


class LinkVisitors:
    """The visitors of the elements that link (persName, placeName, orgName, date, ref, ptr),
    for HtmlTransform (transform.py), whose `links`, `doc`, `ids`, `in_link`, `warn` and
    `children` they use."""

    def link(
        self, href: str, attrs: dict, el: etree._Element | None, out: etree._Element, content=None
    ) -> etree._Element:
        """An <a>, unless we are already inside one (HTML forbids nesting): then a <span>."""
        if self.in_link:
            if el is not None:
                self.warn(
                    el,
                    f"<{local(el)}> inside a link cannot be a link itself; rendered without its link",
                    "html.nested-link",
                )
            node = h("span", {k: v for k, v in attrs.items() if k != "rel"})
        else:
            node = h("a", {"href": href, **attrs})
        self.in_link += 1
        if el is not None:
            self.children(el, node)
        add(node, content)
        self.in_link -= 1
        out.append(node)
        return node

    def entity_ref(self, ref: str | None) -> str | None:
        """The ref of the register entry a pointer reaches through the document's
        prefixDefs, as the index names it ("per:tokayev"); None if it reaches none."""
        return canonical_ref(ref, self.doc.prefixes) if ref else None

    def _entity(self, el, out):
        kind = KIND_OF_NAME[local(el)]
        ref = el.get("ref")
        key = self.entity_ref(ref)
        target = self.links.entity(key) if key else None
        if ref and target is None:
            self.warn(
                el,
                f'{local(el)}/@ref "{shorten(ref)}" has no register entry; the mention is not linked',
                "html.unresolved-ref",
            )
        if target is None:
            node = h(
                "span", {"class": f"ent ent-{kind} unidentified", "title": "не отождествлено" if not ref else None}
            )
            self.children(el, node)
            out.append(node)
            return
        cls = f"ent ent-{kind}" + (" candidate" if target.candidate else "")
        self.link(
            target.href, {"class": cls, "title": target.tooltip, "data-tip": target.tooltip, "data-ref": key}, el, out
        )

    visit_persName = visit_placeName = visit_orgName = _entity

    def visit_date(self, el, out):
        attrs = {k: el.get(k) for k in DATE_ATTRS if el.get(k)}
        tip = describe_date(attrs) if attrs else "дата без нормализованного значения"
        how = certainty_note(el.get("evidence"), el.get("cert"))
        if how:
            tip += f" ({how})"
        href = self.links.date(attrs) if attrs else None
        when = attrs.get("when")
        inner = h("time", {"datetime": when}) if when and re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", when) else h("span")
        self.in_link += 1
        self.children(el, inner)
        self.in_link -= 1
        cls = "date" + (" uncertain" if el.get("cert") in ("low", "medium") else "")
        if href is None:
            node = h("span", {"class": cls, "title": tip}, inner)
            out.append(node)
            return
        self.link(href, {"class": cls, "title": tip, "data-tip": tip}, None, out, inner)

    def visit_ref(self, el, out):
        target = (el.get("target") or "").strip()
        if not target:
            node = h(
                "span",
                {
                    "class": "ref ref-artefact",
                    "title": "ссылка в источнике без адреса" if el.get("type") == "link-artefact" else None,
                },
            )
            self.children(el, node)
            out.append(node)
            return
        href = self._safe_target(target, el)
        if href is None:
            node = h("span", {"class": "ref ref-dropped"})
            self.children(el, node)
            out.append(node)
            return
        external = bool(WEB_LINK.match(target))
        attrs = {
            "class": "ref external" if external else "ref",
            "rel": "noopener noreferrer external" if external else None,
        }
        self.link(href, attrs, el, out)

    def visit_ptr(self, el, out):
        """A pointer has no text of its own: it is shown as what it points at (a clause's
        label, "см. здесь" for another place of the text, the address of a web page); one
        the edition cannot follow as "[ссылка не публикуется]", never its address."""
        target = (el.get("target") or "").strip()
        href = self._safe_target(target, el) if target else None
        if href is None:
            out.append(h("span", {"class": "ptr ref-dropped"}, "[ссылка не публикуется]"))
            return
        external = bool(WEB_LINK.match(target))
        attrs = {
            "class": "ptr external" if external else "ptr",
            "rel": "noopener noreferrer external" if external else None,
        }
        self.link(href, attrs, None, out, shorten(target, 60) if external else self.pointer_words(target))

    def pointer_words(self, target: str) -> str:
        """How a pointer to `target` (a #id or a register reference) reads."""
        m = LOCAL_POINTER.match(target)
        el = self.doc.elements_by_id.get(m.group(1)) if m else None
        if el is not None and local(el) in ("div", "item", "p", "head", "list", "figure"):
            return f"см. {block_label(local(el), el.get('n'), m.group(1))}"
        return "см. здесь" if m else "см. указатель"

    def _safe_target(self, target: str, el: etree._Element) -> str | None:
        if WEB_LINK.match(target):
            return target
        m = LOCAL_POINTER.match(target)
        if m:
            ident = m.group(1)
            if ident in self.ids:
                return f"#{ident}"
            href = self.links.pointer(ident)
            if href is None:
                self.warn(
                    el,
                    f'{local(el)}/@target "{shorten(target)}" points at no element of the edition; the link is dropped',
                    "html.broken-link",
                )
            return href
        m = DOCUMENT_FILE.match(target)
        if m:
            href = self.links.file(m.group(1), m.group(2))
            if href is None:
                self.warn(
                    el,
                    f'{local(el)}/@target "{shorten(target)}" is no document (or no element of one) of the edition; '
                    "the link is dropped",
                    "html.broken-link",
                )
            return href
        m = REGISTER_URL.match(target)
        ref = f"{PREFIX_OF_KIND[KIND_OF_FILE[m.group(1)]]}:{m.group(2)}" if m else self.entity_ref(target)
        if ref:
            entity = self.links.entity(ref)
            if entity is None:
                self.warn(
                    el,
                    f'{local(el)}/@target "{shorten(target)}" has no register entry; the link is dropped',
                    "html.unresolved-ref",
                )
                return None
            return entity.href
        self.warn(
            el,
            f'{local(el)}/@target "{shorten(target)}" is not an http(s) link, a #id, a register reference or '
            "a document of the edition; the link is dropped and its text kept",
            "html.unsafe-link",
        )
        return None

    def check_header_links(self) -> None:
        """Links of the header that the page shows: only http(s) ones are kept."""
        header = self.doc.tree.getroot().find(f"{{{TEI_NS}}}teiHeader")
        if header is None:
            return
        for el in header.iter(f"{{{TEI_NS}}}licence", f"{{{TEI_NS}}}ptr"):
            target = (el.get("target") or "").strip()
            if target and not WEB_LINK.match(target):
                self.warn(
                    el,
                    f'{local(el)}/@target "{shorten(target)}" is not an http(s) link; the link is dropped '
                    "and its text kept",
                    "html.unsafe-link",
                )
