"""`tei-edition evaluate`: the converter measured against reference annotations.

Each GOLD_DIR is a set of annotated texts (tests/gold format). Its texts are converted
as a user converts them (with their own .toml metadata where there is one, into a
temporary folder with a copy of the project's registers), or taken from --tei, then
compared with the annotation: precision and recall of each type, register keys and date
values, the errors as classes (missed, spurious, split, merged, boundary, wrong type,
wrong value, with context), genre, clauses, clutter lines and words lost.

A set named with --dated is measured a second time, each text converted with the date of
its source sidecar (`<stem>.source.toml`'s [[date]], the page's date as an editor records
it) and nothing else: how the text's own dates ("7 окт", "в пятницу", "1 декабря") are
counted from the document's date, which a stored copy of a page often leaves out."""

from __future__ import annotations

import tempfile
from pathlib import Path

from toolkit.model.diagnostics import emit, error


def run(
    gold_dirs: list[Path],
    *,
    echo,
    tei_dir: Path | None = None,
    registers: Path = Path("tei/registers"),
    source_dirs: list[Path] = (),
    minimum: float | None = None,
    documents: bool = False,
    limit: int | None = 10,
    table: Path | None = None,
    jobs: int = 1,
    dated: list[Path] = (),
) -> int:
    from toolkit.evaluate.report import Targets, figures_table, report, shortfalls
    from toolkit.evaluate.results import evaluate_texts
    from toolkit.io import fs, project

    missing = [d for d in [*gold_dirs, *dated] if not d.is_dir()]
    if missing:
        for d in missing:
            echo(str(error(fs.rel(d), 0, 0, "no such folder; give the folder of the reference *.json", "io.missing")))
        return 2
    sets, diags = [], []
    for gold_dir, with_date in [(d, False) for d in gold_dirs] + [(d, True) for d in dated]:
        sources = [gold_dir, *source_dirs, Path("seeds")]
        with tempfile.TemporaryDirectory(prefix="tei-edition-evaluate-") as scratch:
            tei = tei_dir
            if tei is None:
                tei, problems = _convert(gold_dir, sources, registers, Path(scratch), jobs, with_date)
                diags += problems
            texts, problems = project.read_evaluation_set(gold_dir, tei, sources)
            diags += problems
            label = fs.rel(gold_dir) + (" (dated)" if with_date else "")
            sets.append(evaluate_texts(texts, label))
    emit(diags, echo)
    for results in sets:
        echo(report(results, documents=documents, limit=limit))
    if table is not None:
        fs.write_atomic(table, _with_table(fs.read_bytes(table)[0], figures_table(sets)).encode())
        echo(f"figures written to {fs.rel(table)}")
    if minimum is None:
        return 0
    targets = Targets(minimum, minimum, minimum, minimum, minimum)
    low = [line for results in sets for line in shortfalls(results, targets)]
    for line in low:
        echo(f"below target: {line}")
    return 1 if low else 0


START, END = "<!-- figures -->", "<!-- /figures -->"


def _with_table(old: bytes | None, table: str) -> str:
    """The file with its figures (between START and END) replaced, or the table alone."""
    text = old.decode("utf-8", "replace") if old else ""
    if START in text and END in text.partition(START)[2]:
        before, _, rest = text.partition(START)
        return f"{before}{START}\n{table}{END}{rest.partition(END)[2]}"
    return table


def _convert(gold_dir: Path, sources: list[Path], registers: Path, scratch: Path, jobs: int, with_date: bool):
    """The annotated texts of `gold_dir` converted into `scratch` (their .toml metadata,
    where they have one, comes with them), against a copy of the project's registers.
    `with_date`: a text without .toml is converted from a copy whose metadata is the
    [[date]] of its source sidecar, and nothing else."""
    import json

    from toolkit.commands.convert import convert_all
    from toolkit.io import fs, project
    from toolkit.io.cache import Cache

    texts = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        data, _ = fs.read_bytes(gold_file)
        try:
            seed = json.loads(data).get("seed") if data else None
        except (ValueError, AttributeError):
            seed = None
        found = next((d / seed for d in sources if seed and (d / seed).is_file()), None)
        if found is not None:
            texts.append(dated_copy(found, scratch / "dated") if with_date else found)
    out = scratch / "tei"
    regs, diags = project.load_registers(registers)
    if regs is None:
        return out, diags
    results = convert_all(texts, out, registers, regs, Cache(None), jobs)
    for src, result in zip(texts, results):
        diags.extend(d for d in result.diagnostics if d.severity == "error")
        if result.payload is not None:
            fs.write_atomic(out / f"{src.stem}.xml", result.payload)
    return out, diags


def dated_copy(text: Path, folder: Path) -> Path:
    """`text` with its sidecar's [[date]] tables as its metadata, copied into `folder`
    (the text itself where it has metadata of its own or no sidecar)."""
    import json
    import tomllib

    from toolkit.io import fs

    sidecar = text.with_suffix(".source.toml")
    if text.with_suffix(".toml").exists() or not sidecar.is_file():
        return text
    data, _ = fs.read_bytes(sidecar)
    try:
        tables = tomllib.loads((data or b"").decode("utf-8")).get("date", [])
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        tables = []  # a broken sidecar gives no date; test_real_corpus checks every sidecar
    lines = []
    for table in tables:  # TOML basic strings take JSON's escapes
        lines += ["[[date]]", *(f"{k} = {json.dumps(str(v), ensure_ascii=False)}" for k, v in table.items())]
    copy = folder / text.name
    fs.write_atomic(copy, fs.read_bytes(text)[0] or b"")
    fs.write_atomic(copy.with_suffix(".toml"), "\n".join(lines).encode())
    return copy
