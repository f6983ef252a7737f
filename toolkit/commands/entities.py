"""`tei-edition entities`: the candidate register entries and the unlinked mentions;
`tei-edition entities accept KEY`: a reviewed candidate promoted to an entry."""

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
    echo(f"Unlinked mentions (no @ref, or @ref without entry): {sum(len(v) for v in unlinked.values())}")
    for (kind, text), where in sorted(unlinked.items()):
        echo(f"  {kind:9} {text}  — {', '.join(where)}")
    if candidates:
        echo("Review each candidate in tei/registers/, then: tei-edition entities accept KEY")
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
