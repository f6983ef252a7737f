"""Pointers in @ref, @target, @corresp and @wit (whitespace-separated lists) resolve; no
attribute links somewhere unsafe.

`#id` must be an xml:id of the same document, `file.xml#id` of a corpus file relative to
this document, `pfx:value` goes through this document's <prefixDef>s. @ref may not leave
the project (ref.external); @target and @corresp may be http(s) URLs. Unsafe schemes,
absolute paths, protocol-relative links and paths that climb out of the project are refused
in every attribute (link.unsafe); graphic/@url is an image file of the project, never one on
another host. A persName/placeName/orgName @ref must land on a person/place/org, a
note/@target on an anchor, an lem/rdg @wit on a witness (ref.kind).

`report` checks one document, and leaves its pointers into other files for `combine`,
which resolves them against the reports of the whole corpus."""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections import defaultdict

from lxml import etree

from toolkit.model.corpus import Document
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.tei import TEI_NS
from toolkit.validate.rules.links import UNSAFE_SCHEMES, WEB_SCHEMES, climbs_out, scheme_of
from toolkit.validate.rules.located import name_of, short
from toolkit.validate.rules.reports import Locate, Report, document_key, is_register

POINTER_ATTRIBUTES = ("ref", "target", "corresp", "wit")
KIND_OF_NAME = {"persName": "person", "placeName": "place", "orgName": "org"}
# (element, attribute) -> the element its pointer must land on (besides @ref of the names)
KIND_OF_POINTER = {("note", "target"): "anchor", ("lem", "wit"): "witness", ("rdg", "wit"): "witness"}
REGISTER_OF_KIND = {"person": "registers/persons.xml", "place": "registers/places.xml", "org": "registers/orgs.xml"}


# --- one document ------------------------------------------------------------------------------


def report(doc: Document, pending: set, used: set) -> list[Diagnostic]:
    """The pointer problems found within one document. Pointers into other files are added
    to `pending` (see Report) for `combine`; the (document, id) pairs an @ref reaches in this
    document go into `used`."""
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
        name = name_of(el)
        key = (attr, name, value)
        outcome = memo.get(key) or _SHARED.get((context, key))
        if outcome is None:
            outcome = _Outcome()
            if attr in POINTER_ATTRIBUTES:
                _check_pointer_list(doc, outcome, name, attr, value, prefixes)
            elif attr == "url":
                _check_image(doc, outcome, name, value)
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
        if outcome.targets and attr == "ref" and not is_register(doc.shown):
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


_POINTER_XPATH = etree.XPath("//@*[contains(., ':')] | //@ref | //@target | //@corresp | //@wit | //@url")


def _check_unsafe(out: _Outcome, name: str, attr: str, value: str) -> None:
    """link.unsafe in any attribute: the value, or one of its tokens, starts with a
    script/data/file scheme (control characters and spaces inside are ignored, as browsers do)."""
    for token in [value, *value.split()]:
        scheme = scheme_of(token)
        if scheme in UNSAFE_SCHEMES:
            label = etree.QName(attr).localname if attr.startswith("{") else attr
            out.error(
                f'{name}/@{label} "{short(token)}" uses the unsafe {scheme}: '
                "scheme; use an #id, a relative path or an http(s) URL",
                "link.unsafe",
            )
            return


def _check_pointer_list(doc: Document, out: _Outcome, name: str, attr: str, value: str, prefixes) -> None:
    what = f"{name}/@{attr}"
    if not value.split():
        return out.error(f"{what} is empty; add a pointer or remove the attribute", "ref.unresolved")
    if scheme_of(value) in UNSAFE_SCHEMES:
        return _check_unsafe(out, name, attr, value)
    for token in value.split():
        shown = f'{what} "{short(token)}"'
        pointer = _as_pointer(doc, out, shown, attr, token, prefixes)
        if pointer is not None:
            _follow(doc, out, shown, name, attr, pointer)


def _as_pointer(doc: Document, out: _Outcome, shown: str, attr: str, token: str, prefixes) -> str | None:
    """The token as a pointer (`file.xml#id`, `#id`) with its prefix expanded, or None when
    there is nothing to follow: a problem (added to `out`) or an allowed link out."""
    scheme = scheme_of(token)
    if scheme in UNSAFE_SCHEMES:
        out.error(
            f"{shown} uses the unsafe {scheme}: scheme; use an #id, a relative path or an http(s) URL",
            "link.unsafe",
        )
        return None
    if token.startswith(("//", "\\\\")):
        out.error(
            f"{shown} is a protocol-relative link to another host; write the full https:// URL or a relative path",
            "link.unsafe",
        )
        return None
    if token.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", token):
        out.error(f"{shown} is an absolute path; use a path relative to {doc.shown} or an #id", "link.unsafe")
        return None
    if not scheme:
        return token
    if scheme not in prefixes:
        if scheme in WEB_SCHEMES and attr != "ref":
            return None  # an external link in @target/@corresp is allowed
        if scheme in WEB_SCHEMES or token.split(":", 1)[1].startswith("//"):
            if attr == "ref":
                out.warning(
                    f"{shown} points out of the project; use a register "
                    "key (e.g. per:key) and put the URL in the register entry",
                    "ref.external",
                )
            return None
        out.error(
            f'{shown} uses the prefix "{scheme}:", which has no <prefixDef '
            f'ident="{scheme}"> in this document; add one to '
            "encodingDesc/listPrefixDef or fix the prefix",
            "ref.prefix",
        )
        return None
    pointer, problem, code = _expand_prefix(token, scheme, prefixes[scheme])
    if problem:
        out.error(f"{shown} {problem}", code)
        return None
    return pointer


def _check_image(doc: Document, out: _Outcome, name: str, value: str) -> None:
    """graphic/@url: a file of the project, never an image on another host (fetching it would
    tell that host who reads the edition) nor a file outside the project."""
    shown = f'{name}/@url "{short(value)}"'
    if scheme_of(value) in WEB_SCHEMES:
        return out.error(
            f"{shown} is an image on another host, which the editions never fetch; "
            "copy the image into the project and give its path relative to the document",
            "link.unsafe",
        )
    path = _as_pointer(doc, out, shown, "url", value, {})
    if path is not None:
        _inside_project(doc, out, shown, path.partition("#")[0])


def _inside_project(doc: Document, out: _Outcome, shown: str, file: str) -> str | None:
    """The path of a relative file pointer as the corpus names it, or None (and link.unsafe)
    when it climbs out of the project: the current folder, or for a document outside it, the
    document's own folder (a register's: the folder above registers/)."""
    joined = posixpath.normpath(posixpath.join(_dirname(doc.shown), file))
    if climbs_out(doc.shown, joined):
        out.error(f"{shown} leads outside the project; point at a file inside it, or an #id", "link.unsafe")
        return None
    return joined


def _follow(doc: Document, out: _Outcome, shown: str, name: str, attr: str, pointer: str) -> None:
    """A pointer into another file goes to `out.pending`; one into this document is resolved."""
    file, _, fragment = pointer.partition("#")
    if file:
        joined = _inside_project(doc, out, shown, file)
        if joined is None:
            return
        out.pending.append((document_key(joined), joined, fragment, shown, name, attr))
        return
    if not fragment:
        return out.error(f"{shown} is an empty pointer; write #id", "ref.unresolved")
    target_el = doc.elements_by_id.get(fragment)
    if target_el is None:
        return out.error(*_missing_id(shown, fragment, doc.shown, is_register(doc.shown)))
    out.targets.append((document_key(doc.shown), fragment))
    problem = _kind_problem(shown, name, attr, name_of(target_el))
    if problem:
        out.error(*problem)


# --- the corpus ----------------------------------------------------------------------------------


def combine(reports: list[Report], locate: Locate) -> tuple[list[Diagnostic], set[tuple[str, str]]]:
    """The reports' pointers into other files resolved (ref.unresolved, ref.kind), and every
    (document key, xml:id) that an @ref of a non-register document reaches."""
    corpus = {r.key: r for r in reports}
    ids = {r.key: _first_ids(r) for r in reports}
    found: list[Diagnostic] = []
    used: set[tuple[str, str]] = set()
    for r in reports:
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
                    found.extend(
                        Diagnostic(r.path, line, col, severity, message, code) for severity, message, code in problems
                    )
            if attr == "ref" and not r.is_register:
                used.update(targets)
    return found, used


def _first_ids(r: Report) -> dict[str, str]:
    found: dict[str, str] = {}
    for value, name in r.ids:
        found.setdefault(value, name)
    return found


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


def _missing_id(shown: str, fragment: str, path: str, in_register: bool) -> tuple[str, str]:
    if in_register:
        return (f"{shown} has no register entry; add one to {_register_name(path)} or fix the key", "ref.unresolved")
    return (
        f'{shown} points to xml:id "{fragment}", which {path} does not have; fix the pointer or add the id',
        "ref.unresolved",
    )


def _kind_problem(shown: str, name: str, attr: str, target_name: str) -> tuple[str, str] | None:
    kind = KIND_OF_NAME.get(name) if attr == "ref" else KIND_OF_POINTER.get((name, attr))
    if kind and target_name != kind:
        where = (
            f"an entry of {REGISTER_OF_KIND[kind]}"
            if kind in REGISTER_OF_KIND
            else "a <witness> of the header's listWit"
            if kind == "witness"
            else f"an <{kind}> of this document"
        )
        return (f"{shown} points to a <{target_name}>, not a <{kind}>; point it at {where}", "ref.kind")
    return None


@functools.lru_cache(maxsize=4096)
def _dirname(path: str) -> str:
    return posixpath.dirname(path.replace("\\", "/"))


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
