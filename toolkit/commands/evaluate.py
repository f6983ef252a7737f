"""`tei-edition evaluate`: precision and recall of the markup against a reference annotation."""

from __future__ import annotations

from pathlib import Path

from toolkit.model.diagnostics import error


def run(gold_dir: Path, tei_dir: Path, sources: Path, minimum: float | None, *, echo) -> int:
    from toolkit.evaluate.score import TYPES, evaluate_dir, report

    if not gold_dir.is_dir():
        echo(
            str(
                error(
                    str(gold_dir),
                    0,
                    0,
                    "no such directory; give the folder with the reference *.json files",
                    "io.missing",
                )
            )
        )
        return 2
    results = evaluate_dir(gold_dir, tei_dir, sources)
    echo(report(results))
    overall = results["overall"]
    if minimum is None:
        return 0
    low = [
        k
        for k in TYPES
        if k in overall
        and (overall[k].precision < minimum or overall[k].recall < minimum or overall[k].key_accuracy < minimum)
    ]
    for k in low:
        echo(f"below {minimum}: {k}")
        for miss in overall[k].misses[:20]:
            echo(f"  {miss}")
    return 1 if low else 0
