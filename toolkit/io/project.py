"""The project's inputs, read through io.fs: source texts with their metadata, TEI
files and folders, the registers, the edition files. Files that lead out of the project
(symbolic links) are never read: they could publish a file from anywhere."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from toolkit.convert.seedmeta import SeedMeta, parse_meta
from toolkit.convert.sources import decode_source
from toolkit.io import fs
from toolkit.io.fs import escapes, outside_message, rel
from toolkit.model.diagnostics import Diagnostic, error


def read_source(path: Path) -> tuple[str | None, bytes, SeedMeta | None, list[Diagnostic]]:
    shown = rel(path)
    if path.is_symlink() and escapes(path, Path.cwd()):
        return None, b"", None, [outside_message(path)]
    if not path.exists():
        return None, b"", None, [error(shown, 0, 0, "no such file; check the path", "io.missing")]
    if path.is_dir():
        return (
            None,
            b"",
            None,
            [error(shown, 0, 0, "is a directory, not a source text; give the .txt files in it", "io.directory")],
        )
    data, diags = fs.read_bytes(path)
    if data is None:
        return None, b"", None, diags
    text, diags = decode_source(data, shown)
    meta = None
    toml = path.with_suffix(".toml")
    if toml.exists():
        raw, mdiags = fs.read_bytes(toml)
        if raw is not None:
            meta, more = parse_meta(raw, rel(toml))
            mdiags += more
        diags.extend(mdiags)
    return text, data, meta, diags


def load_registers(folder: Path):
    """The registers in `folder`, or empty ones where a file does not exist yet."""
    from toolkit.model.registers import FILE_OF_KIND, KINDS, Registers, new_register
    from toolkit.model.xmlparse import parse_xml

    trees = {}
    diags: list[Diagnostic] = []
    for kind in KINDS:
        path = folder / FILE_OF_KIND[kind]
        if path.is_symlink() and escapes(path, folder):
            return None, diags + [outside_message(path)]
        if path.exists():
            data, problems = fs.read_bytes(path)
            tree, more = parse_xml(data, rel(path)) if data is not None else (None, [])
            diags.extend(problems + more)
            if tree is None:
                return None, diags
            trees[kind] = tree
        else:
            trees[kind] = etree.ElementTree(new_register(kind))
    return Registers(trees), diags


def collect_xml(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files to validate: the given files, and *.xml under given folders (registers too)."""
    files: list[Path] = []
    diags: list[Diagnostic] = []
    for p in paths:
        if p.is_dir():
            for x in sorted(p.rglob("*.xml")):
                if escapes(x, p):
                    diags.append(outside_message(x))
                elif x.is_file():
                    files.append(x)
        elif p.is_symlink() and escapes(p, Path.cwd()):
            diags.append(outside_message(p))
        elif p.exists():
            files.append(p)
        else:
            diags.append(error(rel(p), 0, 0, "no such file or directory; check the path", "io.missing"))
    return files, diags


def read_corpus(tei_dir: Path, selection: tuple[str, ...] | None = None):
    """The registers and the bytes of the TEI documents of `tei_dir` (all, or the selected
    stems): (registers, model.corpus.CorpusFiles), or (None, None) if the folder or the
    registers cannot be read at all, and the diagnostics."""
    from toolkit.model.corpus import CorpusFiles

    tei_dir = Path(tei_dir)
    if not tei_dir.is_dir():
        return None, None, [error(rel(tei_dir), 0, 0, "no such folder of TEI documents; check the path", "io.missing")]
    registers, diags = load_registers(tei_dir / "registers")
    if registers is None:
        return None, None, diags
    files = []
    for p in sorted(tei_dir.glob("*.xml")):
        if escapes(p, tei_dir):
            diags.append(outside_message(p))  # never read: it could publish a file from anywhere
        elif p.is_file():
            files.append(p)
    if selection is not None:
        by_stem = {p.stem: p for p in files}
        files = [by_stem[stem] for stem in selection if stem in by_stem]
        diags.extend(
            error(
                rel(tei_dir / f"{stem}.xml"),
                0,
                0,
                "selected by the edition but not found; check the edition's documents list",
                "edition.missing-document",
            )
            for stem in selection
            if stem not in by_stem
        )
    documents = []
    for path in files:
        data, problems = fs.read_bytes(path)
        diags.extend(problems)
        if data is not None:
            documents.append((path, rel(path), data))
    register_files = {}
    for path in sorted((tei_dir / "registers").glob("*.xml")):
        if escapes(path, tei_dir):
            continue
        data, _ = fs.read_bytes(path)
        if data is not None:
            register_files[path.name] = data
    return registers, CorpusFiles(tei_dir, rel(tei_dir), documents, register_files), diags


def load_corpus(tei_dir: Path, selection: tuple[str, ...] | None = None, memo=None, gate=None):
    """read_corpus, then model.corpus.build_corpus: (Corpus or None, diagnostics). With a
    `gate` (the builds pass validate.gate.schema_problems), the documents' bytes are
    checked first, and nothing is built if it finds an error."""
    from toolkit.model.corpus import build_corpus

    registers, files, diags = read_corpus(tei_dir, selection)
    if files is None:
        return None, diags
    parsed: dict = {}  # what the gate parsed, the corpus takes as it is
    if gate is not None:
        diags += gate(files.documents, memo, parsed)
        if any(d.severity == "error" for d in diags):
            return None, diags
    corpus, more = build_corpus(files, registers, memo, parsed)
    corpus.media, corpus.media_problems = read_media(corpus.documents)
    return corpus, diags + more


def read_media(documents) -> tuple[dict[str, bytes], dict[str, str]]:
    """The images the documents name (model.media: <graphic url>, <pb facs>) that may be
    published: {project path: bytes}, and {project path: why not} for those that cannot (no
    such file, a link out of the project, not an image, too large). The renderers warn,
    located at the element, about every image they do not publish."""
    import os

    from toolkit.model.media import MAX_BYTES, is_image, media_refs

    media: dict[str, bytes] = {}
    problems: dict[str, str] = {}
    for doc in documents:
        if b"graphic" not in doc.data and b"facs" not in doc.data:
            continue  # most documents name no image: not worth parsing one the cache knows
        text = doc.text
        for ref in media_refs(text, doc.shown) if text is not None else []:
            if ref.path is None or ref.path in media or ref.path in problems:
                continue
            file = doc.path.parent / ref.value.strip()
            boundary = doc.path.parent if os.path.isabs(doc.shown) else Path.cwd()
            if escapes(file, boundary):
                problems[ref.path] = "leads out of the project (through a symbolic link)"
            elif not file.is_file():
                problems[ref.path] = "no such file in the project"
            elif file.stat().st_size > MAX_BYTES:
                problems[ref.path] = f"is larger than {MAX_BYTES // (1024 * 1024)} MB"
            else:
                data, _ = fs.read_bytes(file)
                if data is None:
                    problems[ref.path] = "cannot be read"
                elif not is_image(data, ref.path):
                    problems[ref.path] = (
                        "is not an image the editions show (a PNG, JPEG, GIF, WebP, or an SVG with no script "
                        "and no reference outside itself)"
                    )
                else:
                    media[ref.path] = data
    return media, problems


def read_edition(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of an edition file (editions/<name>.toml), or a located error."""
    try:
        return Path(path).read_bytes(), []
    except OSError as exc:
        return None, [
            error(rel(path), 0, 0, f"edition file cannot be read ({exc.strerror}); check the path", "io.read")
        ]


def load_edition(path: Path):
    """read_edition, then model.edition.parse_edition: (EditionConfig or None, diagnostics)."""
    from toolkit.model.edition import parse_edition

    data, diags = read_edition(path)
    if data is None:
        return None, diags
    return parse_edition(data, rel(path), Path(path).stem)


def read_evaluation_set(gold_dir: Path, tei_dir: Path, source_dirs: list[Path]):
    """The annotated texts of `gold_dir` (*.json with "mentions", tests/gold format) that
    have a TEI file in `tei_dir` and a source text in one of `source_dirs` (searched in
    order), as evaluate.results.Text; and the located problems of those it could not read."""
    import json

    from toolkit.evaluate.results import Text
    from toolkit.model.xmlparse import parse_xml

    texts, diags = [], []
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        data, problems = fs.read_bytes(gold_file)
        try:
            gold = json.loads(data) if data is not None else None
        except ValueError as exc:
            diags.append(error(rel(gold_file), 1, 1, f"not JSON ({exc}); fix the annotation", "evaluate.gold"))
            continue
        diags.extend(problems)
        if not isinstance(gold, dict) or "mentions" not in gold:
            continue
        stem = Path(gold.get("seed", gold_file.stem + ".txt")).stem
        source = next((d / f"{stem}.txt" for d in source_dirs if (d / f"{stem}.txt").is_file()), None)
        tei_file = Path(tei_dir) / f"{stem}.xml"
        if source is None or not tei_file.is_file():
            what = "source text" if source is None else f"TEI file {rel(tei_file)}"
            diags.append(
                error(rel(gold_file), 1, 1, f"no {what} for this annotation; it is left out", "evaluate.missing")
            )
            continue
        raw, problems = fs.read_bytes(source)  # as the annotation's offsets count: the file's own characters
        text = raw.decode("utf-8", "replace") if raw is not None else None
        tree_bytes, more = fs.read_bytes(tei_file)
        tree, more2 = parse_xml(tree_bytes, rel(tei_file)) if tree_bytes is not None else (None, [])
        diags.extend(d for d in problems + more + more2 if d.severity == "error")
        if text is not None and tree is not None:
            texts.append(Text(stem, gold, text, tree))
    return texts, diags


def edition_files(edition_toml: Path) -> list[Path]:
    """Every edition file beside the given one (editions/*.toml)."""
    folder = Path(edition_toml).parent
    return sorted(p for p in folder.glob("*.toml") if p.is_file() and not escapes(p, folder))


def read_published(manifests: list[Path]) -> tuple[list[tuple[str, bytes]], list[Diagnostic]]:
    """The manifests of published ids that exist (built sites' api/citable-ids.json), as
    (path as shown, bytes); a missing one is simply a site not built yet."""
    found, diags = [], []
    for path in manifests:
        if not path.is_file() or path.is_symlink():
            continue
        data, problems = fs.read_bytes(path)
        diags.extend(problems)
        if data is not None:
            found.append((rel(path), data))
    return found, diags


def xml_names(folder: Path) -> set[str]:
    """The names of the *.xml files in a folder (none if it does not exist)."""
    folder = Path(folder)
    return {p.name for p in folder.glob("*.xml")} if folder.is_dir() else set()
