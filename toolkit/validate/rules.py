"""The rules a grammar cannot express, checked over the whole corpus of parsed TEI trees.

Each `_check_*` function checks one family of rules and says which in its docstring.
The codes:

    id.duplicate      error    an xml:id used twice anywhere in the corpus
    ref.unresolved    error    a pointer whose file or xml:id does not exist
    ref.prefix        error    a `pfx:value` pointer with no <prefixDef ident="pfx">
    ref.external      warning  @ref pointing out of the project (an absolute URL)
    ref.kind          error    persName/placeName/orgName @ref not resolving to person/place/org
    link.unsafe       error    javascript:, data:, file:, vbscript:, //host or an absolute path
    date.invalid      error    a date attribute that is not ISO 8601 or names a day that never was
    date.order        error    @from after @to, @notBefore after @notAfter
    date.missing      error    a <date> in <text> without any normalised value
    clause.sequence   error    clause numbers 1, 2, 3 … (or PP1, PP2 …) with a gap or repeat
    clause.n          error    a clause div or list item without @n
    register.unused   warning  a register entry no document points to
    register.candidate warning a register entry still marked as an unreviewed candidate
    register.name     error    a register entry without a (non-empty) name
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import functools
import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable

from lxml import etree

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic, error, warning
from toolkit.model.tei import DATE_ATTRS, TEI_NS, XML_ID, t, text_of


def check_corpus(documents: list[Document]) -> list[Diagnostic]:
    """Every rule over every document; diagnostics sorted by path, line and column."""
    by_path = {doc.shown: doc for doc in documents}
    return combine([report(doc) for doc in documents], lambda path, query, vs: by_path[path].positions(query, vs))


def _error(doc: Document, el, message: str, code: str) -> Diagnostic:
    return error(doc.shown, *doc.position(el), message, code)


def _warning(doc: Document, el, message: str, code: str) -> Diagnostic:
    return warning(doc.shown, *doc.position(el), message, code)


@functools.lru_cache(maxsize=4096)
def _is_register(shown: str) -> bool:
    """A file in a folder named registers/ holds register entries."""
    return "registers" in shown.replace("\\", "/").split("/")[:-1]


# --- map and reduce ----------------------------------------------------------------------------
#
# `report` checks one document on its own and summarises what the corpus-wide rules need
# (its ids, its pointers into other files, its register entries); `combine` joins the
# reports. Reports are plain data, so they can be made in worker processes and cached.


@dataclasses.dataclass
class Report:
    path: str
    key: str
    is_register: bool
    diagnostics: list[Diagnostic]
    ids: list[tuple[str, str]]  # (xml:id, element name) in document order
    pending: list[tuple[str, str, str, str, str, str, str]]
    # the distinct pointers into other files: (target key, path as shown, fragment, shown
    # pointer, element name, attribute, attribute value), resolved by `combine`
    # Reports hold no positions: `combine` finds the elements a corpus-wide diagnostic is
    # about (with `locate`) only when there is one, which is rare.
    used: list[tuple[str, str]]  # (document key, xml:id) that @ref in this document reaches
    entries: list[tuple[str, str, int, int]]  # register entries: (xml:id, label, line, col)

    def to_json(self) -> list:
        return [
            self.path,
            self.key,
            self.is_register,
            [d.to_row() for d in self.diagnostics],
            self.ids,
            self.pending,
            self.used,
            self.entries,
        ]

    @classmethod
    def from_json(cls, data: list) -> Report:
        path, key, is_register, diags, ids, pending, used, entries = data
        return cls(
            path,
            key,
            is_register,
            [Diagnostic.from_row(d) for d in diags],
            [tuple(i) for i in ids],
            [tuple(p) for p in pending],
            [tuple(u) for u in used],
            [tuple(e) for e in entries],
        )


def report(doc: Document) -> Report:
    """The rules that need only this document, and what `combine` needs of it."""
    used: set[tuple[str, str]] = set()
    pending: set = set()
    diagnostics = _check_pointers(doc, pending, used) + _check_dates(doc) + _check_clauses(doc)
    entries: list[tuple[str, str, int, int]] = []
    is_register = _is_register(doc.shown)
    if is_register:
        diagnostics += _check_entries(doc, entries)
    ids = [(str(value), _name(value.getparent())) for value in doc.tree.xpath("//@xml:id")]
    return Report(doc.shown, _key(doc.shown), is_register, diagnostics, ids, sorted(pending), sorted(used), entries)


Locate = Callable[[str, str, dict], list[tuple[int, int]]]
# (document path, XPath query, its $variables) → (line, col) of each element it selects


def combine(reports: list[Report], locate: Locate) -> list[Diagnostic]:
    """The corpus-wide rules over the documents' reports, and every report's own
    diagnostics; sorted by path, line and column. `locate` finds an element in a document
    (see Report)."""
    corpus = {r.key: r for r in reports}
    ids = {r.key: _first_ids(r) for r in reports}
    diagnostics = _check_ids(reports, locate)
    used: set[tuple[str, str]] = set()
    for r in reports:
        diagnostics += r.diagnostics
        used.update(r.used)
        memo: dict[tuple, tuple[list, list]] = {}
        for target, joined, fragment, shown, name, attr, value in r.pending:
            k = (target, fragment, shown, name, attr)
            if k not in memo:
                memo[k] = _resolve_pending(corpus, ids, target, joined, fragment, shown, name, attr)
            problems, targets = memo[k]
            if problems:
                for line, col in locate(
                    r.path, f"//*[local-name() = $name][@{attr} = $value]", {"name": name, "value": value}
                ):
                    diagnostics.extend(
                        Diagnostic(r.path, line, col, severity, message, code) for severity, message, code in problems
                    )
            if attr == "ref" and not r.is_register:
                used.update(targets)
    diagnostics += _check_unused(reports, used)
    return sorted(diagnostics)


def _first_ids(r: Report) -> dict[str, str]:
    found: dict[str, str] = {}
    for value, name in r.ids:
        found.setdefault(value, name)
    return found


def _elements(doc: Document):
    return (el for el in doc.tree.iter() if isinstance(el.tag, str))


def _name(el) -> str:
    """The local name of an element ("persName"), memoised per tag."""
    tag = el.tag
    name = _NAMES.get(tag)
    if name is None:
        name = _NAMES[tag] = tag.rpartition("}")[2]
    return name


_NAMES: dict[str, str] = {}


# --- ids -------------------------------------------------------------------------------------


def _check_ids(reports: list[Report], locate: Locate) -> list[Diagnostic]:
    """id.duplicate: an xml:id is used at most once in the whole corpus (registers included)."""
    first: dict[str, str] = {}  # xml:id → the path of the document that has it first
    found = []
    query = "//@xml:id[. = $value]/.."
    for r in reports:
        seen: dict[str, int] = {}
        for value, _name in r.ids:
            k = seen[value] = seen.get(value, -1) + 1  # the k-th time in this document
            if value in first:
                other = first[value]
                other_line, _ = _nth(locate(other, query, {"value": value}), 0)
                line, col = _nth(locate(r.path, query, {"value": value}), k)
                found.append(
                    error(
                        r.path,
                        line,
                        col,
                        f'xml:id "{value}" is already used at '
                        f"{other}:{other_line}; ids must be unique across the corpus: "
                        "rename one of them",
                        "id.duplicate",
                    )
                )
            else:
                first[value] = r.path
    return found


def _nth(positions: list[tuple[int, int]], k: int) -> tuple[int, int]:
    """The k-th position found, or (1, 1) if the file no longer has it (changed meanwhile)."""
    return positions[k] if k < len(positions) else (1, 1)


# --- pointers --------------------------------------------------------------------------------

POINTER_ATTRIBUTES = ("ref", "target", "corresp")
KIND_OF_NAME = {"persName": "person", "placeName": "place", "orgName": "org"}
REGISTER_OF_KIND = {"person": "registers/persons.xml", "place": "registers/places.xml", "org": "registers/orgs.xml"}
UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")
WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):(.*)$", re.S)
_CONTROL = re.compile(r"[\x00-\x20]")


def _check_pointers(doc: Document, pending: set, used: set) -> list[Diagnostic]:
    """Pointers in @ref, @target and @corresp (whitespace-separated lists) resolve.

    `#id` must be an xml:id of the same document, `file.xml#id` of a corpus file relative
    to this document, `pfx:value` goes through this document's <prefixDef>s. @ref may not
    leave the project (ref.external); @target and @corresp may be http(s) URLs. Unsafe
    schemes and absolute paths are refused in every attribute (link.unsafe). A
    persName/placeName/orgName @ref must land on a person/place/org (ref.kind).

    Pointers into other files are added to `pending` and resolved by `combine`; the
    (document, id) pairs an @ref reaches in this document go into `used`."""
    prefixes = _prefix_defs(doc)
    found = []
    # the same pointer resolves the same way: within the document, and across documents of
    # one folder with the same prefixDefs where it only points into other files
    memo: dict[tuple[str, str, str], _Outcome] = {}
    added: set = set()  # (key, outcome) whose pending pointers are in `pending`
    context = (_dirname(doc.shown), os.getcwd(), tuple((k, tuple(v)) for k, v in sorted(prefixes.items())))
    if len(_SHARED) > 50_000:
        _SHARED.clear()
    # only pointer attributes and values with a colon (a scheme needs one) can be wrong:
    # lxml selects them in C, the rest of the attributes are never looked at
    for value in _POINTER_XPATH(doc.tree):
        el, attr = value.getparent(), value.attrname
        value = str(value)
        name = _name(el)
        key = (attr, name, value)
        outcome = memo.get(key) or _SHARED.get((context, key))
        if outcome is None:
            outcome = _Outcome()
            if attr in POINTER_ATTRIBUTES:
                _check_pointer_list(doc, outcome, name, attr, value, prefixes)
            else:
                _check_unsafe(outcome, name, attr, value)
            if not (outcome.problems or outcome.targets):  # nothing that depends on this document
                _SHARED[(context, key)] = outcome
        memo[key] = outcome
        if outcome.problems:
            line, col = doc.position(el)
            found.extend(
                Diagnostic(doc.shown, line, col, severity, message, code)
                for severity, message, code in outcome.problems
            )
        if outcome.pending and (key, outcome) not in added:
            added.add((key, outcome))
            pending.update((*target, value) for target in outcome.pending)
        if outcome.targets and attr == "ref" and not _is_register(doc.shown):
            used.update(outcome.targets)
    return found


_SHARED: dict[tuple, _Outcome] = {}  # outcomes that depend only on the folder and the prefixDefs


class _Outcome:
    """What checking one pointer value found, independent of where it stands."""

    def __init__(self):
        self.problems: list[tuple[str, str, str]] = []
        self.targets: list[tuple[str, str]] = []  # (document key, xml:id) in this document
        self.pending: list[tuple[str, str, str, str, str, str]] = []  # into other files

    def error(self, message: str, code: str) -> None:
        self.problems.append(("error", message, code))

    def warning(self, message: str, code: str) -> None:
        self.problems.append(("warning", message, code))


_POINTER_XPATH = etree.XPath("//@*[contains(., ':')] | //@ref | //@target | //@corresp")


def _check_unsafe(out: _Outcome, name: str, attr: str, value: str) -> None:
    """link.unsafe in any attribute: the value, or one of its tokens, starts with a
    script/data/file scheme (control characters and spaces inside are ignored, as browsers do)."""
    for token in [value, *value.split()]:
        scheme = _scheme(token)
        if scheme in UNSAFE_SCHEMES:
            label = etree.QName(attr).localname if attr.startswith("{") else attr
            out.error(
                f'{name}/@{label} "{_short(token)}" uses the unsafe {scheme}: '
                "scheme; use an #id, a relative path or an http(s) URL",
                "link.unsafe",
            )
            return


def _check_pointer_list(doc, out: _Outcome, name: str, attr, value, prefixes) -> None:
    what = f"{name}/@{attr}"
    if not value.split():
        return out.error(f"{what} is empty; add a pointer or remove the attribute", "ref.unresolved")
    if _scheme(value) in UNSAFE_SCHEMES:
        return _check_unsafe(out, name, attr, value)
    for token in value.split():
        shown = f'{what} "{_short(token)}"'
        scheme = _scheme(token)
        if scheme in UNSAFE_SCHEMES:
            out.error(
                f"{shown} uses the unsafe {scheme}: scheme; use an #id, a relative path or an http(s) URL",
                "link.unsafe",
            )
            continue
        if token.startswith(("//", "\\\\")):
            out.error(
                f"{shown} is a protocol-relative link to another host; write the full https:// URL or a relative path",
                "link.unsafe",
            )
            continue
        if token.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", token):
            out.error(f"{shown} is an absolute path; use a path relative to {doc.shown} or an #id", "link.unsafe")
            continue
        pointer = token
        if scheme and scheme not in prefixes:
            if scheme in WEB_SCHEMES and attr != "ref":
                continue  # an external link in @target/@corresp is allowed
            if scheme in WEB_SCHEMES or token.split(":", 1)[1].startswith("//"):
                if attr == "ref":
                    out.warning(
                        f"{shown} points out of the project; use a register "
                        "key (e.g. per:key) and put the URL in the register entry",
                        "ref.external",
                    )
                continue
            out.error(
                f'{shown} uses the prefix "{scheme}:", which has no <prefixDef '
                f'ident="{scheme}"> in this document; add one to '
                "encodingDesc/listPrefixDef or fix the prefix",
                "ref.prefix",
            )
            continue
        if scheme:
            pointer, problem, code = _expand_prefix(token, scheme, prefixes[scheme])
            if problem:
                out.error(f"{shown} {problem}", code)
                continue
        file, _, fragment = pointer.partition("#")
        if file:
            joined = posixpath.normpath(posixpath.join(_dirname(doc.shown), file))
            out.pending.append((_key(joined), joined, fragment, shown, name, attr))
            continue
        if not fragment:
            out.error(f"{shown} is an empty pointer; write #id", "ref.unresolved")
            continue
        target_el = doc.elements_by_id.get(fragment)
        if target_el is None:
            out.error(*_missing_id(shown, fragment, doc.shown, _is_register(doc.shown)))
            continue
        out.targets.append((_key(doc.shown), fragment))
        problem = _kind_problem(shown, name, attr, _name(target_el))
        if problem:
            out.error(*problem)


def _resolve_pending(
    corpus: dict[str, Report],
    ids: dict[str, dict[str, str]],
    target: str,
    joined: str,
    fragment: str,
    shown: str,
    name: str,
    attr: str,
) -> tuple[list, list]:
    """A pointer into another file: ([(severity, message, code)], [(document key, xml:id)])."""
    report_ = corpus.get(target)
    if report_ is None:
        return [
            (
                "error",
                f"{shown} points to {joined}, which is not in the corpus; fix the path or add the file",
                "ref.unresolved",
            )
        ], []
    if not fragment:
        return [], []  # the whole file
    element = ids[target].get(fragment)
    if element is None:
        return [("error", *_missing_id(shown, fragment, report_.path, report_.is_register))], []
    problem = _kind_problem(shown, name, attr, element)
    return ([("error", *problem)] if problem else []), [(target, fragment)]


def _missing_id(shown: str, fragment: str, path: str, is_register: bool) -> tuple[str, str]:
    if is_register:
        return (f"{shown} has no register entry; add one to {_register_name(path)} or fix the key", "ref.unresolved")
    return (
        f'{shown} points to xml:id "{fragment}", which {path} does not have; fix the pointer or add the id',
        "ref.unresolved",
    )


def _kind_problem(shown: str, name: str, attr: str, target_name: str) -> tuple[str, str] | None:
    kind = KIND_OF_NAME.get(name) if attr == "ref" else None
    if kind and target_name != kind:
        return (
            f"{shown} points to a <{target_name}>, not a <{kind}>; point it at an entry of {REGISTER_OF_KIND[kind]}",
            "ref.kind",
        )
    return None


@functools.lru_cache(maxsize=4096)
def _dirname(path: str) -> str:
    return posixpath.dirname(path.replace("\\", "/"))


def _key(path: str) -> str:
    """Normalised absolute path: how pointers find a document."""
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))


def _scheme(token: str) -> str | None:
    """The URL scheme of a pointer, lower-cased, ignoring control characters and spaces a
    browser would also ignore ("java\\tscript:")."""
    m = _SCHEME.match(_CONTROL.sub("", token))
    return m.group(1).lower() if m else None


def _short(token: str) -> str:
    return token if len(token) <= 80 else token[:77] + "..."


def _prefix_defs(doc: Document) -> dict[str, list[tuple[str, str]]]:
    """ident → [(matchPattern, replacementPattern)] from teiHeader/encodingDesc/listPrefixDef."""
    defs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    path = f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}encodingDesc/{{{TEI_NS}}}listPrefixDef/{{{TEI_NS}}}prefixDef"
    root = doc.tree.getroot()
    for pd in root.iterfind(path):
        ident = pd.get("ident")
        if ident:
            defs[ident.lower()].append((pd.get("matchPattern", ""), pd.get("replacementPattern", "")))
    return defs


def _expand_prefix(token: str, scheme: str, defs) -> tuple[str, str | None, str | None]:
    """Apply the first <prefixDef> whose matchPattern matches the part after the colon:
    (pointer, None, None) or ("", problem, code)."""
    value = token.split(":", 1)[1]
    for pattern, replacement in defs:
        try:
            m = re.fullmatch(pattern, value)
        except re.error as exc:
            return (
                "",
                (
                    f'cannot be expanded: the <prefixDef ident="{scheme}"> matchPattern is not a '
                    f"valid regular expression ({exc}); fix the prefixDef"
                ),
                "ref.prefix",
            )
        if m:
            return re.sub(r"\$(\d)", lambda g, m=m: _group(m, int(g.group(1))), replacement), None, None
    return (
        "",
        (
            f'does not match the matchPattern of <prefixDef ident="{scheme}">; fix the key '
            "(e.g. lower-case letters, digits and hyphens) or the prefixDef"
        ),
        "ref.unresolved",
    )


def _group(m: re.Match, n: int) -> str:
    try:
        return m.group(n) or ""
    except IndexError:
        return ""


def _register_name(path: str) -> str:
    parts = path.replace("\\", "/").split("/")
    return "/".join(parts[-2:])


# --- dates -----------------------------------------------------------------------------------

_ISO = re.compile(
    r"^(?:(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?"
    r"|--(?P<ymonth>[0-9]{2})(?:-(?P<yday>[0-9]{2}))?)$"
)


_DATE_VALUES = etree.XPath("//@when | //@from | //@to | //@notBefore | //@notAfter")  # one pass each, in C


_UNDATED = etree.XPath(
    "/*/tei:text//tei:date[not(@when or @from or @to or @notBefore or @notAfter)]", namespaces={"tei": TEI_NS}
)


def _check_dates(doc: Document) -> list[Diagnostic]:
    """date.invalid: @when/@from/@to/@notBefore/@notAfter (on any element) are ISO 8601 as
    YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD and name a day that exists.
    date.order: @from is not after @to, @notBefore not after @notAfter (as ranges).
    date.missing: every <date> in <text> has at least one of them."""
    found = []
    dated: dict = {}  # the elements with a date attribute, in document order
    for value in _DATE_VALUES(doc.tree):
        el = value.getparent()
        # span/@from and span/@to are pointers, not dates; time/@when is a time of day
        # (hh:mm:ss), checked by the schema
        if _name(el) not in ("span", "time"):
            dated[el] = None
    for el in dated:
        ranges = {}
        for attr in DATE_ATTRS:
            value = el.get(attr)
            if value is None:
                continue
            span, problem = _date_range(value.strip())
            if problem:
                found.append(_error(doc, el, f'{_name(el)}/@{attr}="{_short(value)}" {problem}', "date.invalid"))
            else:
                ranges[attr] = span
        for start, end in (("from", "to"), ("notBefore", "notAfter")):
            if start in ranges and end in ranges and _backwards(ranges[start], ranges[end]):
                found.append(
                    _error(
                        doc,
                        el,
                        f'range runs backwards: @{start}="{el.get(start)}" is after '
                        f'@{end}="{el.get(end)}"; swap them or fix one',
                        "date.order",
                    )
                )
    for el in _UNDATED(doc.tree):
        words = text_of(el)
        found.append(
            _error(
                doc,
                el,
                f'<date> "{_short(words)}" has no @when, @from/@to or '
                '@notBefore/@notAfter; add the ISO date (e.g. when="2019-05-22")',
                "date.missing",
            )
        )
    return found


@functools.lru_cache(maxsize=4096)
def _date_range(value: str):
    """((first day, last day, has year), None) with days as (y, m, d) tuples, or (None, problem).

    A year spans its whole year, a month its whole month; --MM forms have no year (0)."""
    m = _ISO.match(value)
    if not m:
        return None, ("is not an ISO 8601 date; write YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD (e.g. 2019-05-22)")
    year = int(m.group("year")) if m.group("year") else None
    month = m.group("month") or m.group("ymonth")
    month = int(month) if month else None
    day = m.group("day") or m.group("yday")
    day = int(day) if day else None
    if year == 0:
        return None, "has year 0000, which does not exist; fix the year"
    if month is not None and not 1 <= month <= 12:
        return None, f"has month {month:02d}, which does not exist; fix the month (01-12)"
    leap_safe = year or 2000  # a date without a year may be 29 February
    if day is not None:
        try:
            datetime.date(leap_safe, month, day)
        except ValueError:
            days = calendar.monthrange(leap_safe, month)[1]
            when = f"{calendar.month_name[month]} {year}" if year else calendar.month_name[month]
            return None, f"does not exist ({when} has {days} days); fix the day"
    first = (year or 0, month or 1, day or 1)
    last = (year or 0, month or 12, day or calendar.monthrange(leap_safe, month or 12)[1])
    return (first, last, year is not None), None


def _backwards(start, end) -> bool:
    """A range runs backwards when its start begins after its end ends (both with a year,
    or both without)."""
    return start[2] == end[2] and start[0] > end[1]


# --- clauses ---------------------------------------------------------------------------------

_PLAIN = re.compile(r"[0-9]+")
_PREAMBULAR = re.compile(r"PP([0-9]+)")


def _check_clauses(doc: Document) -> list[Diagnostic]:
    """clause.n: every div[@type='clause'] and every <item> in <text> has @n.
    clause.sequence: among the clauses of one parent, plain-integer @n values run 1, 2, 3 …
    and PPn values run PP1, PP2 …, without gap or repetition. Other values (chapeau, p1 …)
    are free."""
    text = doc.tree.getroot().find(t("text"))
    if text is None:
        return []
    found = []
    parents = {}
    for el in text.xpath(".//tei:item | .//tei:div[@type = 'clause']", namespaces={"tei": TEI_NS}):
        parents.setdefault(el.getparent(), None)
    for parent in parents:
        clauses = [el for el in parent if el.tag == t("item") or (el.tag == t("div") and el.get("type") == "clause")]
        plain, preambular = [], []
        for el in clauses:
            n = el.get("n")
            if n is None or not n.strip():
                what = "list item" if _name(el) == "item" else "clause"
                found.append(
                    _error(doc, el, f'{what} has no @n; number it (n="1", "PP1" …) so it can be cited', "clause.n")
                )
            elif _PLAIN.fullmatch(n.strip()):
                plain.append((int(n), el))
            elif m := _PREAMBULAR.fullmatch(n.strip()):
                preambular.append((int(m.group(1)), el))
        found += _sequence(doc, plain, "", "clause numbers")
        found += _sequence(doc, preambular, "PP", "preambular clause numbers")
    return found


def _sequence(doc, numbered, prefix: str, what: str) -> list[Diagnostic]:
    found, expected, previous = [], 1, None
    for n, el in numbered:
        if n != expected:
            if previous is None:
                message = f"{what} start at {prefix}{n}, not {prefix}1; renumber from {prefix}1"
            elif n <= previous:
                message = (
                    f"{what} go from {prefix}{previous} to {prefix}{n} (repeated or backwards); renumber the clauses"
                )
            else:
                message = f"{what} jump from {prefix}{previous} to {prefix}{n}; renumber or add the missing clause"
            found.append(_error(doc, el, message, "clause.sequence"))
        expected, previous = n + 1, n
    return found


# --- registers -------------------------------------------------------------------------------

ENTRY_KINDS = ("person", "place", "org")
NAME_OF_KIND = {"person": "persName", "place": "placeName", "org": "orgName"}


def _check_entries(doc: Document, entries: list) -> list[Diagnostic]:
    """In files under a registers/ folder, each person/place/org with an xml:id:
    register.name: has a name child (the canonical one, or failing that any) that is not empty;
    register.candidate: has no <note type="candidate"> left (it is unreviewed).
    Each such entry is added to `entries` for `_check_unused`."""
    found = []
    for el in doc.tree.iter(*(t(kind) for kind in ENTRY_KINDS)):
        key = el.get(XML_ID)
        if key is None:
            continue
        kind = _name(el)
        names = el.findall(t(NAME_OF_KIND[kind]))
        name = next((n for n in names if n.get("type") == "canonical"), names[0] if names else None)
        label = f'<{kind} xml:id="{key}">'
        if name is None:
            found.append(
                _error(
                    doc,
                    el,
                    f'{label} has no <{NAME_OF_KIND[kind]}>; add one with type="canonical" (nominative case)',
                    "register.name",
                )
            )
        elif not "".join(name.itertext()).strip():
            found.append(
                _error(
                    doc,
                    name,
                    f"{label} has an empty <{NAME_OF_KIND[kind]}>; write the canonical name (nominative case)",
                    "register.name",
                )
            )
        if any(note.get("type") == "candidate" for note in el.findall(t("note"))):
            found.append(
                _warning(
                    doc,
                    el,
                    f"{label} is an unreviewed candidate found by the converter; "
                    "confirm it (remove the candidate note) or merge it into an "
                    "existing entry",
                    "register.candidate",
                )
            )
        entries.append((key, label, *doc.position(el)))
    return found


def _check_unused(reports: list[Report], used: set) -> list[Diagnostic]:
    """register.unused: some @ref in a non-register document points to each register entry
    (skipped when the corpus has no non-register documents)."""
    if all(r.is_register for r in reports):
        return []
    return [
        warning(
            r.path,
            line,
            col,
            f"{label} is not referenced by any document; remove it or point a @ref at it",
            "register.unused",
        )
        for r in reports
        if r.is_register
        for key, label, line, col in r.entries
        if (r.key, key) not in used
    ]
