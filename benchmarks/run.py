"""`make bench`: how fast the real `tei-edition` CLI is, and how much memory it takes.

    .venv/bin/python benchmarks/run.py [--quick] [--sizes 100,1000,10000] [--convert-max 1000]
                                       [--runs 3] [--out benchmarks/results.md] [--keep]

Every stage runs the installed command (`.venv/bin/tei-edition …`) as a subprocess in a
scratch folder holding a copy of the project's tei/registers, so the checked-in tei/ and
the project's cache are never touched. For each stage:

* the median wall time over the runs (3 by default; a stage whose first run takes longer
  than SLOW_S runs once) and documents per second;
* peak memory, two ways: the peak RSS of the largest single process of the run
  (ru_maxrss from os.wait4: the child's own rusage, which covers its reaped children, not
  a cumulative RUSAGE_CHILDREN figure), and the peak of the summed PSS of the whole
  process tree (parallel workers included), sampled every SAMPLE_S from /proc;
* how much CPU other processes used meanwhile (/proc/stat minus the run's own CPU time):
  the machine may be shared, and a median marked † was measured under such load.

Convert and validate run as a user runs them (default worker count: all cores) but with
`--no-cache` for the cold figures; separate rows show the serial (`--jobs 1`) and the
warm-cache (unchanged files) cases, where the CLI has those options.

Corpora: the five seeds, and synthetic sources from benchmarks/synth.py (seed 0). Sizes up
to --convert-max are converted by the CLI (and that TEI is what validate reads); larger
validate corpora are copies of the largest converted set with xml:ids and file names
renamed, so they stay valid and ids stay unique. Beside each validate, jing checks the
same files against the official schema/tei_all.rng (`pyjing`, batched under the
argument-length limit).

Prints one markdown table and writes it, with the machine's description, to
benchmarks/results.md (with --quick only to --out, if given). Exit status 0 when every
stage ran with exit 0 — also when targets are missed (see the Result column) — 1 when a
stage failed, 2 when the tools are missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# beside this script, found through the path set above
import edition_stages
import stages
from machine import machine
from measure import CLI, PYJING, ROOT, Bench, Row, code_snapshot, table

RESULTS = ROOT / "benchmarks" / "results.md"


def bench(sizes: list[int], convert_max: int, runs: int, work: Path) -> tuple[list[Row], list[str]]:
    """Every stage in order (benchmarks/stages.py): the rows of the table and the notes."""
    run = stages.Run(Bench(work, runs), work, sizes, convert_max, runs)
    before = code_snapshot()
    stages.prepare(run)
    stages.start_up(run)
    stages.convert_seeds(run)
    stages.convert_synthetic(run)
    stages.convert_variants(run)
    stages.validate_and_jing(run)
    edition_stages.html_builds(run, site_note)
    edition_stages.html_incremental(run)
    pdf5, pdf_big = edition_stages.pdf_builds(run)
    edition_stages.pdf_layout_hooks(run, pdf5, pdf_big)
    stages.closing_notes(run)
    after = code_snapshot()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if changed:
        run.notes.insert(
            0,
            f"**Warning: the code changed while the benchmark ran** ({', '.join(changed)}): "
            "rows measured before and after the change mix two versions; run again.",
        )
    return run.rows, run.notes


def render(rows: list[Row], notes: list[str], quick: bool) -> str:
    title = "# `make bench` results" + (" (--quick smoke run)" if quick else "")
    parts = [title, "", "Machine:", "", *machine(), "", table(rows), ""]
    parts += [f"- {n}" for n in notes]
    return "\n".join(parts) + "\n"


def site_note(folder: Path, n: int) -> str:
    """What the HTML edition of n documents is made of: files and megabytes in all, and in its
    data (the DTS API, the references to download, the exports)."""

    def count(sub: str) -> tuple[int, float]:
        files = [p for p in (folder / sub).rglob("*") if p.is_file()] if (folder / sub).exists() else []
        return len(files), sum(p.stat().st_size for p in files) / 1e6

    parts = [("", "in all"), ("api", "the DTS API and the published ids"), ("cite", "references to download")]
    parts += [("exports", "exports"), ("documents", "document pages")]
    said = [f"{c[0]:,} files, {c[1]:.0f} MB {label}" for sub, label in parts for c in [count(sub)]]
    return f"The HTML edition of {n:,} documents: " + "; ".join(said) + "."


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(x.replace("_", "")) for x in text.split(",") if x.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}") from None
    if not sizes or sizes[0] < 1 or sizes[-1] > 99_999:
        raise argparse.ArgumentTypeError("sizes must be between 1 and 99,999")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark the tei-edition CLI (make bench).")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: N=20/100, one run per stage (three where a time is a target, five for the book "
        "beside WeasyPrint alone), 20 converted (100 = copies); results.md untouched",
    )
    ap.add_argument(
        "--sizes",
        type=parse_sizes,
        default=None,
        help="validate corpus sizes, comma-separated (default 100,1000,10000)",
    )
    ap.add_argument(
        "--convert-max",
        type=int,
        default=None,
        help="largest size converted by the CLI; larger corpora are renamed copies (default 1000)",
    )
    ap.add_argument("--runs", type=int, default=None, help="runs per stage, median reported (default 3)")
    ap.add_argument("--out", type=Path, default=None, help="markdown file to write (default benchmarks/results.md)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    args = ap.parse_args(argv)

    sizes = args.sizes or ([20, 100] if args.quick else [100, 1000, 10000])
    convert_max = args.convert_max or (20 if args.quick else 1000)
    runs = args.runs or (1 if args.quick else 3)
    out = args.out if args.out is not None else (None if args.quick else RESULTS)
    for tool in (CLI, PYJING):
        if not tool.exists():
            print(f"bench: {tool} is missing; run `make setup` (pip install -e '.[test]')", file=sys.stderr)
            return 2

    work = Path(tempfile.mkdtemp(prefix="tei-bench-"))
    try:
        t0 = time.perf_counter()
        rows, notes = bench(sizes, convert_max, runs, work)
        notes.append(f"Whole benchmark: {time.perf_counter() - t0:.0f} s.")
        report = render(rows, notes, args.quick)
    finally:
        if args.keep:
            print(f"bench: scratch folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report, end="")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
        print(f"\n(written to {os.path.relpath(out)})", file=sys.stderr)
    return 1 if any(r.failed_rc is not None for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
