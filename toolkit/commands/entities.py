"""`tei-edition entities`: the candidate register entries and the unlinked mentions;
`tei-edition entities accept KEY`: a reviewed candidate promoted to an entry;
`tei-edition entities merge SOURCE TARGET`: a candidate that is an entry the registers
already have, merged into it (model.merge)."""

from __future__ import annotations

from pathlib import Path

from toolkit.model.diagnostics import emit, error


def _corpus_mentions(files):
    """(document path, element) for every persName/placeName/orgName in the reading text of
    the documents read (model.corpus.CorpusFiles), and the problems of parsing them."""
    from toolkit.model.registers import KINDS, NAME_OF_KIND
    from toolkit.model.tei import t
    from toolkit.model.xmlparse import parse_xml

    out, diags = [], []
    for _path, shown, data in files.documents:
        tree, problems = parse_xml(data, shown)
        diags.extend(problems)
        if tree is None:
            continue
        text_el = tree.getroot().find(t("text"))
        if text_el is None:
            continue
        for el in text_el.iter(*(t(NAME_OF_KIND[kind]) for kind in KINDS)):
            out.append((shown, el))
    return out, diags


def run(tei_dir: Path, *, echo) -> int:
    """List candidate entries (unreviewed) and mentions with no register link."""
    from collections import defaultdict

    from toolkit.convert.names.suggest import likely_entries
    from toolkit.io import project
    from toolkit.model.registers import KINDS
    from toolkit.model.tei import text_of

    registers, files, diags = project.read_corpus(tei_dir)
    if registers is None:
        emit(diags, echo)
        return 1
    mentions, mdiags = _corpus_mentions(files)
    diags.extend(mdiags)
    uses: dict[str, list[str]] = defaultdict(list)
    unlinked: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, el in mentions:
        ref = el.get("ref")
        text = text_of(el)
        if ref and registers.get(ref):
            uses[ref].append(path)
        else:
            unlinked[(el.tag.rpartition("}")[2], text)].append(f"{path}:{el.sourceline}")
    candidates = [e for kind in KINDS for e in registers.all(kind) if e.candidate]
    echo(f"Candidates (unreviewed register entries): {len(candidates)}")
    for e in sorted(candidates, key=lambda e: (e.kind, e.key)):
        docs = sorted(set(uses.get(e.ref, [])))
        echo(
            f"  {e.key:24} {e.kind:6} {e.name}  — {len(uses.get(e.ref, []))} mention(s) in {', '.join(docs) or 'no document'}"
        )
        for other in likely_entries(registers, e):
            echo(f"  {'':24} perhaps {other.ref} ({other.name}): tei-edition entities merge {e.ref} {other.ref}")
    echo(f"Unlinked mentions (no @ref, or @ref without entry): {sum(len(v) for v in unlinked.values())}")
    for (kind, text), where in sorted(unlinked.items()):
        echo(f"  {kind:9} {text}  — {', '.join(where)}")
    if candidates:
        echo(
            "Review each candidate in tei/registers/, then: tei-edition entities accept KEY "
            "(a new entry), or tei-edition entities merge KEY INTO (an entry the registers have)"
        )
    return 1 if any(d.severity == "error" for d in diags) else 0


def _registers(reg_dir: Path, echo):
    """The registers of `reg_dir`, or None once what stops their reading is said."""
    from toolkit.io import project

    registers, diags = project.load_registers(reg_dir)
    if registers is None:
        emit(diags, echo)
    return registers


def accept(tei_dir: Path, keys: list[str], *, echo) -> int:
    from toolkit.io import fs
    from toolkit.model.latin import with_latin_names
    from toolkit.model.registers import FILE_OF_KIND
    from toolkit.model.serialize import to_bytes

    reg_dir = tei_dir / "registers"
    registers = _registers(reg_dir, echo)
    if registers is None:
        return 1
    status = 0
    for key in keys:
        entry = next((e for kind in FILE_OF_KIND for e in registers.all(kind) if e.key == key), None)
        if entry is None:
            echo(
                str(
                    error(
                        fs.rel(reg_dir),
                        0,
                        0,
                        f'no register entry "{key}"; see `tei-edition entities` for the candidates',
                        "entities.unknown",
                    )
                )
            )
            status = 1
            continue
        if not entry.candidate:
            echo(f"{key}: already reviewed, nothing to do")
            continue
        registers.accept(key)
        path = reg_dir / FILE_OF_KIND[entry.kind]
        tree, _ = with_latin_names(registers.trees[entry.kind], entry.kind)
        registers.trees[entry.kind] = tree
        fs.write_register(path, to_bytes(tree))
        echo(
            f'{key}: accepted in {fs.rel(path)} (candidate note and cert="low" removed, its name in Latin script written; add variants, role and a checked Wikidata id by hand)'
        )
    return status


def merge(tei_dir: Path, source: str, target: str, *, echo) -> int:
    """Merge the register entry `source` into `target` (keys, or refs such as pla:rf): every
    document's pointer to it is re-pointed, its names become the target's variants, and it
    is removed. Nothing is written unless every document parses."""
    from toolkit.convert.names.morph import is_abbreviation
    from toolkit.io import fs, project
    from toolkit.model.merge import merge_entry, retargeted
    from toolkit.model.registers import FILE_OF_KIND
    from toolkit.model.serialize import to_bytes

    reg_dir = tei_dir / "registers"
    registers, files, diags = project.read_corpus(tei_dir)
    if registers is None or files is None:
        emit(diags, echo)
        return 1
    entries = [_entry(registers, name) for name in (source, target)]
    problem = _merge_problem(source, target, *entries)
    if problem:
        echo(str(error(fs.rel(reg_dir), 0, 0, problem, "entities.merge")))
        return 1
    (kind, old), (_, new) = ((e.kind, e.key) for e in entries)
    changed, count = [], 0
    for path, shown, data in files.documents:
        edited, n, problems = retargeted(data, shown, kind, old, new)
        if edited is None:
            emit(problems, echo)
            echo(f"{shown}: fix it, then merge again; nothing was changed")
            return 1
        if n:
            changed.append((path, data, edited))
            count += n
    gained = merge_entry(registers, kind, old, new, is_abbreviation)
    for path, data, edited in changed:  # the documents first: then every pointer reaches an entry
        fs.write_edited(path, data, edited)
    register = reg_dir / FILE_OF_KIND[kind]
    fs.write_register(register, to_bytes(registers.trees[kind]))
    names = ", ".join(f"«{n}»" for n in gained) or "none new"
    echo(
        f"{entries[0].ref} merged into {entries[1].ref}: {count} pointer(s) in {len(changed)} document(s) re-pointed; "
        f"names kept as variants in {fs.rel(register)}: {names}"
    )
    return 0


def _entry(registers, name: str):
    """The entry a key ("rf") or ref ("pla:rf") names; None if none or if a key alone is
    ambiguous (an entry of that key in two registers)."""
    from toolkit.model.registers import KINDS

    if ":" in name:
        return registers.get(name)
    found = [registers.entries[kind][name] for kind in KINDS if name in registers.entries[kind]]
    return found[0] if len(found) == 1 else None


def _merge_problem(source: str, target: str, a, b) -> str | None:
    for name, entry in ((source, a), (target, b)):
        if entry is None:
            return f'no register entry "{name}" (or one in two registers: give it as pla:, per: or org:); see `tei-edition entities`'
    if a.kind != b.kind:
        return f"{a.ref} and {b.ref} are in different registers; only entries of one register merge"
    if a.key == b.key:
        return f"{a.ref} is the entry it would be merged into; name two entries"
    return None


def translit(tei_dir: Path, *, check: bool, echo) -> int:
    """Write each register entry's Latin transliteration (`type="translit" xml:lang="ru-Latn"`,
    model/latin.py) from its canonical name, and `xml:lang="en"` on English names that lack it.
    With `check`, change nothing and exit 1 if a register would change (for CI)."""
    from toolkit.io import fs
    from toolkit.model.latin import SCHEME, with_latin_names
    from toolkit.model.registers import FILE_OF_KIND, KINDS
    from toolkit.model.serialize import to_bytes

    reg_dir = tei_dir / "registers"
    registers = _registers(reg_dir, echo)
    if registers is None:
        return 1
    stale = 0
    for kind in KINDS:
        path = reg_dir / FILE_OF_KIND[kind]
        if not path.exists():
            continue
        tree, changed = with_latin_names(registers.trees[kind], kind)
        if not changed:
            continue
        stale += len(changed)
        if check:
            echo(
                f"{fs.rel(path)}: {len(changed)} entr{'y' if len(changed) == 1 else 'ies'} without an up-to-date transliteration: {', '.join(changed)}"
            )
        else:
            fs.write_register(path, to_bytes(tree))
            echo(
                f"{fs.rel(path)}: transliteration written for {len(changed)} entr{'y' if len(changed) == 1 else 'ies'} ({SCHEME})"
            )
    if not stale:
        echo("every register entry has its transliteration")
    elif check:
        echo("run `tei-edition entities translit` to write them")
    return 1 if check and stale else 0
