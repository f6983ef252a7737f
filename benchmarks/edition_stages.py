"""The editions' stages of `make bench`: the HTML edition from scratch and rebuilt after one
edit, the PDF book beside WeasyPrint alone and beside WeasyPrint's own target-counter()."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from measure import PYTHON, ROOT, Row, run_once
from stages import Run

ALONE = str(ROOT / "benchmarks" / "weasyprint_alone.py")


def html_builds(run: Run, site_note) -> None:
    """The HTML edition of the 5 seeds and of the largest converted corpus, from scratch."""
    run.b.say("HTML edition")
    cold = run.cold("build")
    run.rows.append(
        run.b.measure(
            Row("HTML edition build, search index included (5 seeds)", 5, target="< 2 s", limit_s=2.0),
            lambda: [run.build("html", "tei", "site-5", *cold)],
            run.project,
        )
    )
    at_1000 = run.largest == 1000
    run.rows.append(
        run.b.measure(
            Row(
                "HTML edition build, search index included",
                run.largest,
                target="< 30 s" if at_1000 else "—",
                limit_s=30.0 if at_1000 else None,
            ),
            lambda: [run.build("html", run.big, "site-big", *cold)],
            run.work,
        )
    )
    if (run.work / "site-big").is_dir():
        run.notes.append(site_note(run.work / "site-big", run.largest))


class _Edits:
    """Edits of the copy the incremental rows rebuild: a word in a paragraph, or a mention
    pointed at another entry of its register."""

    def __init__(self, folder: Path):
        self.victims = sorted(folder.glob("*.xml"))
        self.count = iter(range(10_000))

    def text(self) -> None:
        k = next(self.count)
        path = self.victims[(k * 97) % len(self.victims)]
        text = path.read_text(encoding="utf-8")
        m = re.search(r'(<p [^>]*xml:id="[^"]*"[^>]*>)([^<]*? )', text)
        if not m:
            raise RuntimeError(f"{path}: no paragraph to edit")
        path.write_text(text[: m.end(2)] + f"правка{k} " + text[m.end(2) :], encoding="utf-8")

    def mention(self) -> None:
        # one mention now names another entry of its kind used in the same document, so
        # the document's page and that kind's index page (both entries) are made again
        k = next(self.count)
        for step in range(len(self.victims)):
            path = self.victims[(k * 89 + 13 + step) % len(self.victims)]
            text = path.read_text(encoding="utf-8")
            mentions = list(re.finditer(r'<(persName|placeName|orgName) ref="([^"]+)"', text))
            for m in mentions:
                other = next(
                    (o.group(2) for o in mentions if o.group(1) == m.group(1) and o.group(2) != m.group(2)), None
                )
                if other:
                    path.write_text(text[: m.start(2)] + other + text[m.end(2) :], encoding="utf-8")
                    return
        raise RuntimeError("no document has two entries of one kind to move a mention between")


def html_incremental(run: Run) -> None:
    """Rebuilds with the cache after one edit: a copy of the largest corpus, built once
    (untimed); before each timed run one document is edited."""
    if not run.cold("build"):
        return
    inc = run.work / (run.big + "-edited")
    shutil.copytree(run.work / run.big, inc)
    inc_rel = str(inc.relative_to(run.work))
    run_once(run.build("html", inc_rel, "site-inc"), run.work, run.b.log)
    edits = _Edits(inc)
    at_1000 = run.largest == 1000
    for stage, edit in (
        ("HTML incremental rebuild after one document's text changed (cache on)", edits.text),
        ("HTML incremental rebuild after one mention moved to another index entry (cache on)", edits.mention),
    ):
        run.rows.append(
            run.b.measure(
                Row(stage, run.largest, target="< 3 s" if at_1000 else "—", limit_s=3.0 if at_1000 else None),
                lambda: [run.build("html", inc_rel, "site-inc")],
                run.work,
                prepare=edit,
            )
        )
    run.notes.append(
        "Incremental rebuild: the site was built once with the cache (untimed); before each timed run one "
        "document of the copy gets a new word in its first paragraph, and the build remakes that page, "
        "that document's data files (its DTS responses and references), the offline search data and one "
        "Pagefind bundle, and keeps every other file (the first timed run links them from the last build; "
        "later runs start from the site of the build before, kept beside the new one, and touch only what changed). "
        "In the second row one mention of a person, place or organisation is pointed at another entry of its "
        "register, so that index page is made again as well."
    )


def pdf_builds(run: Run) -> tuple[Row, Row]:
    """The book of the 5 seeds beside WeasyPrint alone on the same HTML (the overhead
    target), and the book of the largest corpus. Returns the two book rows."""
    run.b.say("PDF edition")
    project = run.project
    # untimed: the first WeasyPrint run of a fresh environment fills font caches
    run_once(run.build("pdf", "tei", "pdf-warm"), project, run.b.log)
    target = "< 10 s; ≤ 1.3× WeasyPrint alone"
    pdf5 = Row("PDF edition build: book + offprints (5 seeds)", 5, target=target, limit_s=10.0, min_ratio=1 / 1.3)
    # the peer: WeasyPrint alone rendering the same HTML (the book's parts as one document)
    run_once([PYTHON, ALONE, "capture", "tei", str(run.edition), str(run.work / "book-5.html")], project, run.b.log)
    alone = Row("WeasyPrint alone: the same HTML as one document (5 seeds)", 5)
    run.b.measure_in_turn(  # a ratio target: a median of five even in --quick, taken in turn
        [
            (pdf5, lambda: [run.build("pdf", "tei", "pdf-5")]),
            (alone, lambda: [[PYTHON, ALONE, "render", str(run.work / "book-5.html"), str(run.work / "alone-5.pdf")]]),
        ],
        project,
        runs=5,
    )
    run.rows += [pdf5, alone]
    if pdf5.median and alone.median:
        pdf5.ratio = alone.median / pdf5.median
        overhead = pdf5.median / alone.median
        run.notes.append(
            f"PDF overhead against WeasyPrint alone (5 seeds; ours with its default worker count, WeasyPrint alone "
            f"in one process): {overhead:.2f}× its wall time "
            f"(target ≤ 1.3×: {'PASS' if overhead <= 1.3 else 'FAIL'}). Ours also lays out each part with known "
            "page numbers, assembles the book, writes the offprints and checks the result; the ratio is in "
            "the PDF row's peer column."
        )
    at_1000 = run.largest == 1000
    big = run.b.measure(
        Row(
            "PDF edition build: book + offprints",
            run.largest,
            target="< 180 s" if at_1000 else "—",
            limit_s=180.0 if at_1000 else None,
        ),
        lambda: [run.build("pdf", run.big, "pdf-big")],
        run.work,
    )
    run.rows.append(big)
    return pdf5, big


def pdf_layout_hooks(run: Run, pdf5: Row, pdf_big: Row) -> None:
    """What the layout hooks (toolkit/render/pdf/render.py) save: the same books with every
    page number left to WeasyPrint's own target-counter(), laid out as one document."""
    hooks = []
    for n, tei_rel, label in (
        (5, "tei", "5 seeds"),
        (run.small, str(run.converted[run.small].relative_to(run.work)), None),
    ):
        where = run.project if n == 5 else run.work
        tag = str(n)
        ours = pdf5 if n == 5 else pdf_big
        if n not in (5, run.largest):
            ours = run.b.measure(
                Row("PDF edition build: book + offprints", n),
                lambda tei_rel=tei_rel, tag=tag: [run.build("pdf", tei_rel, f"pdf-{tag}")],
                run.work,
            )
            run.rows.append(ours)
        capture = [PYTHON, ALONE, "capture", tei_rel, str(run.edition), str(run.work / f"book-tc-{tag}.html")]
        run_once(capture, where, run.b.log)
        peer = run.b.measure(
            Row(
                "WeasyPrint's own target-counter(): the book as one document, page numbers by CSS"
                + (f" ({label})" if label else ""),
                n,
            ),
            lambda tag=tag: [
                [
                    PYTHON,
                    ALONE,
                    "target-counter",
                    str(run.work / f"book-tc-{tag}.html"),
                    str(run.work / f"tc-{tag}.pdf"),
                ]
            ],
            where,
        )
        run.rows.append(peer)
        if ours.median and peer.median:
            hooks.append(
                f"{n} documents: ours {ours.median:.1f} s, target-counter() {peer.median:.1f} s "
                f"({peer.median / ours.median:.2f}×)"
            )
    if hooks:
        run.notes.append(
            "Layout hooks against WeasyPrint's own target-counter(): " + "; ".join(hooks) + ". Without the hooks "
            "the book is one WeasyPrint document: one process, and WeasyPrint lays out again the pages whose "
            "references change; with them each part is laid out once, in parallel, with its first page number "
            "known, and the indexes merge consecutive pages into ranges."
        )
