"""xmlschema's errors as messages a person reads (issue 13, point 3).

xmlschema says "Unexpected child with tag '{http://www.tei-c.org/ns/1.0}foreign' at
position 15" at the parent's line. An editor reads instead, at the line and column where
the element starts:

    <foreign> is not allowed here: <p> here may contain <persName>, <placeName>, … (36 in
    all); see docs/encoding-reference.md#foreign

the element as written (with its prefix, and its namespace if it is not TEI's), what the
schema admits at that point (read from the XSD's content model: the elements that would
fit there after the children before it), and the section of the encoding reference for
that element. An attribute's value names what the attribute takes; an xs:assert speaks
with its own message and code (the bracketed code at its end, as the Schematron does).

Each message is a `Finding`: the diagnostic, and the element and attribute it is about, so
that `validate` can drop a schema error a rule restates (validate.restated)."""

from __future__ import annotations

import dataclasses
import functools
import re

from lxml import etree

from toolkit.model.diagnostics import Diagnostic, error
from toolkit.model.position import position, qname
from toolkit.model.tei import TEI_NS
from toolkit.validate.contentmodel import Element, admitted
from toolkit.validate.xsd import assertions

REFERENCE = "docs/encoding-reference.md"
XML_NS = "http://www.w3.org/XML/1998/namespace"
LISTED = 12  # at most this many names of what may stand somewhere, then "… (N in all)"


@dataclasses.dataclass(frozen=True)
class Finding:
    diagnostic: Diagnostic
    element: etree._Element | None
    attribute: str | None = None  # "when", "xml:id"; None for the element itself
    what: str = ""  # the problem without its place: "<lg> is not an element of this edition's TEI"
    detail: str = ""  # what the schema admits instead: "<p> here may contain <persName>, …"


@dataclasses.dataclass(frozen=True)
class _Said:
    what: str  # the problem
    detail: str  # what the schema admits instead, at this place
    link: str  # the reference's section
    code: str = "schema"

    def message(self) -> str:
        return self.what + (f": {self.detail}" if self.detail else "") + (f"; see {self.link}" if self.link else "")


class Messages:
    """Turns one document's xmlschema errors into findings. `schema` is the compiled
    xmlschema schema, `xsd` the XSD's tree (its content model and its asserts)."""

    def __init__(self, schema, xsd: etree._ElementTree):
        self.schema = schema
        self.model: dict[str, Element] = admitted(xsd.getroot())
        self.asserts = {a.test: a.message for a in assertions(xsd.getroot())}

    def findings(self, tree: etree._ElementTree, path: str, lines: list[str]) -> list[Finding]:
        found = []
        for err in self.schema.iter_errors(tree):
            elem = getattr(err, "elem", None)
            if elem is None or not isinstance(elem.tag, str):
                elem = tree.getroot()
            said, subject, attribute = self._describe(err, elem)
            line, col = position(subject, lines) if lines else (subject.sourceline or 1, 1)
            diagnostic = error(path, line, col, said.message(), said.code)
            found.append(Finding(diagnostic, subject, attribute, said.what, said.detail))
        return found

    def _describe(self, err, elem) -> tuple[_Said, etree._Element, str | None]:
        """What the error says, the element it is about, and the attribute (or None)."""
        reason = " ".join((err.reason or err.message or "not valid").split())
        if getattr(err, "invalid_child", None) is not None:
            return self._unexpected(err, elem, err.invalid_child), err.invalid_child, None
        if "is not complete" in reason:
            return self._incomplete(err, elem), elem, None
        if type(err.validator).__name__ == "XsdAssert":
            return self._assertion(err, elem), elem, None
        attribute = _attribute_of(reason)
        if attribute is not None:
            return self._attribute(reason, elem, attribute), elem, attribute
        if "character data" in reason:
            return self._text(elem), elem, None
        if "is not an element of the schema" in reason:
            return _not_a_root(elem), elem, None
        return _Said(_clean(reason), "", self.link(elem)), elem, None

    # ---------------------------------------------------------------- children

    def _unexpected(self, err, parent, child) -> _Said:
        name = _tei_name(child)
        known = name in self.model
        what = f"{_as_written(child)} " + (
            "is not allowed here" if known else "is not an element of this edition's TEI"
        )
        fitting = self._fitting(err.validator, parent, err.index)
        here = (
            f"{_as_written(parent)} here may contain {_names(fitting)}"
            if fitting
            else f"nothing more may stand in {_as_written(parent)} here"
        )
        return _Said(what, here, self.link(child) if known else self.link(parent))

    def _incomplete(self, err, parent) -> _Said:
        children = [c for c in parent if isinstance(c.tag, str)]
        fitting = self._fitting(err.validator, parent, len(children))
        where = "at its start" if not children else f"after {_as_written(children[-1])}"
        needs = f"it needs {_names(fitting, 'or')} here" if fitting else ""
        return _Said(f"{_as_written(parent)} is not complete {where}", needs, self.link(parent))

    def _fitting(self, group, parent, index: int | None) -> list[str]:
        """The names of the elements that may stand in `parent` at child position `index`
        (what the content model accepts after the children before it), in schema order."""
        name = _tei_name(parent)
        if group is None or index is None or name not in self.model:
            return []
        before = [c.tag for c in parent if isinstance(c.tag, str)][:index]
        return [n for n in self.model[name].children if _fits(group, [*before, f"{{{TEI_NS}}}{n}"])]

    # ---------------------------------------------------------------- attributes

    def _attribute(self, reason: str, elem, attribute: str) -> _Said:
        entry = self.model.get(_tei_name(elem) or "")
        declared = entry.attributes if entry is not None else {}
        written, link = _as_written(elem), self.link(elem)
        if reason.startswith("missing required attribute"):
            return _Said(f"{written} needs @{attribute}", _values(declared.get(attribute)), link)
        if "not allowed for element" in reason:
            names = ", ".join(f"@{a}" for a in declared) or "none"
            return _Said(f"{written} has no attribute @{attribute} in this edition", f"it may have {names}", link)
        if "duplicated xs:ID" in reason:
            value = elem.get(f"{{{XML_NS}}}id", "")
            return _Said(
                f'xml:id "{value}" is used twice in this file', "ids are unique: rename one", "", "id.duplicate"
            )
        value = elem.get(_clark(attribute), "")
        return _Said(
            f'@{attribute}="{_short(value)}" is not a value {written} takes', _takes(declared.get(attribute)), link
        )

    # ---------------------------------------------------------------- the rest

    def _assertion(self, err, elem) -> _Said:
        test = " ".join(str(getattr(err.validator, "path", "") or "").split())
        message = self.asserts.get(test, "")
        message = re.sub(r"\{([^{}]+)\}", lambda m: _value_of(elem, m.group(1)), message)
        m = re.fullmatch(r"(.*?)\s*\[([a-z]+\.[a-z.-]+)\]", message)
        text, code = (m.group(1), m.group(2)) if m else (message or "an assertion of the schema is false", "schema")
        return _Said(f"{_as_written(elem)}: {text}", "", self.link(elem), code)

    def _text(self, elem) -> _Said:
        stray = next((s.strip() for s in [elem.text, *(c.tail for c in elem)] if s and s.strip()), "")
        entry = self.model.get(_tei_name(elem) or "")
        inside = _names(list(entry.children), "or") if entry is not None and entry.children else "an element"
        what = f"{_as_written(elem)} holds elements, not text"
        return _Said(what, f'put "{_short(stray)}" in {inside}', self.link(elem))

    def link(self, elem) -> str:
        name = _tei_name(elem)
        return f"{REFERENCE}#{name}" if name in self.model else REFERENCE


@functools.lru_cache(maxsize=1)
def messages() -> Messages:
    from toolkit.validate.schema import XSD, _schema

    return Messages(_schema(), etree.parse(str(XSD)))


def _fits(group, tags: list[str]) -> bool:
    """True if the content model `group` (xmlschema's) accepts `tags` as the start of an
    element's children."""
    from xmlschema.validators.models import ModelVisitor

    visitor = ModelVisitor(group)
    for tag in tags:
        while True:
            if visitor.element is None:
                return False
            if visitor.match_element(tag) is not None:
                if any(True for _ in visitor.advance(True)):
                    return False
                break
            if any(True for _ in visitor.advance(False)):
                return False
    return True


_ATTRIBUTE = re.compile(
    r"^(?:missing required attribute '(?P<missing>[^']+)'|'(?P<extra>[^']+)' attribute not allowed"
    r"|attribute (?P<value>\S+?)=)"
)


def _attribute_of(reason: str) -> str | None:
    m = _ATTRIBUTE.match(reason)
    name = next((g for g in m.groups() if g), None) if m else None
    return name.replace(f"{{{XML_NS}}}", "xml:") if name else None


def _clark(attribute: str) -> str:
    return f"{{{XML_NS}}}{attribute[4:]}" if attribute.startswith("xml:") else attribute


def _tei_name(elem) -> str | None:
    if elem is None or not isinstance(elem.tag, str):
        return None
    q = etree.QName(elem)
    return q.localname if q.namespace == TEI_NS else None


def _as_written(elem) -> str:
    q = etree.QName(elem)
    written = f"<{qname(elem)}>"
    return written if q.namespace == TEI_NS else f"{written} (namespace {q.namespace or 'none'})"


def _names(names: list[str], last: str = "and") -> str:
    shown = [f"<{n}>" for n in names[:LISTED]]
    if len(names) > LISTED:
        return ", ".join(shown) + f", … ({len(names)} in all)"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" {last} {shown[-1]}"


def _values(attribute) -> str:
    """ "one of a, b, c" for an attribute with a closed list, else ""."""
    return f"one of {', '.join(attribute.values)}" if attribute is not None and attribute.values else ""


def _takes(attribute) -> str:
    """What an attribute takes: its closed list or its datatype."""
    if attribute is None:
        return ""
    if attribute.values:
        return f"write one of {', '.join(attribute.values)}"
    return attribute.datatype.rstrip(".")


def _value_of(elem, xpath: str) -> str:
    try:
        return str(elem.xpath(f"string({xpath})", namespaces={"tei": TEI_NS}))
    except etree.XPathError:
        return xpath


def _short(value: str) -> str:
    value = "".join(c if c.isprintable() else "?" for c in value)
    return value if len(value) <= 60 else value[:59] + "…"


def _clean(reason: str) -> str:
    """xmlschema's own words, with names written as in a document (tei:p, not Clark)."""
    reason = reason.replace(f"{{{TEI_NS}}}", "").replace(f"{{{XML_NS}}}", "xml:")
    return reason.rstrip(".")


def _not_a_root(elem) -> _Said:
    if etree.QName(elem).localname == "TEI":
        return _Said(f"{_as_written(elem)} is not in the TEI namespace", f'write <TEI xmlns="{TEI_NS}">', REFERENCE)
    return _Said(
        f"{_as_written(elem)} is not the root of a TEI document", f'the root is <TEI xmlns="{TEI_NS}">', REFERENCE
    )
