"""The `tei-edition` command: maps arguments to calls and results to exit codes.

Heavy modules (lxml stages, natasha, xmlschema) are imported inside the commands, so
`tei-edition --help` starts fast. Exit codes: 0 clean, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from toolkit import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def jobs_option(what: str = "Worker processes"):
    return click.option(
        "-j", "--jobs", type=int, default=None, help=f"{what} (default: [tool.toolkit] jobs, else all cores)."
    )


def output_option(text: str):
    return click.option(
        "-o", "--output", "out", default=None, type=click.Path(file_okay=False, path_type=Path), help=text
    )


def cache_option(what: str):
    return click.option(
        "--cache/--no-cache", "use_cache", default=None, help=f"{what} (.tei-edition-cache/; default on)."
    )


# natasha's models run on numpy: one BLAS thread per process. With the default (a thread
# per core in every worker process) the threads fight over the cores and conversion is
# about ten times slower (measured in make bench). Set before numpy is first imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="tei-edition")
def main() -> None:
    """TEI edition toolkit: Russian diplomatic texts on the CSTO (ОДКБ) as TEI P5,
    validated, with HTML and PDF editions.

    \b
    Typical use:
      tei-edition convert seeds/*.txt -o tei     plain text → TEI (never overwrites hand edits)
      tei-edition validate                       schema + rules over tei/
    """


@main.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option(
    "Folder for the TEI files (DIR/<stem>.xml) and, in DIR/registers, the registers "
    "(default: [tool.toolkit] tei, else tei/)."
)
@click.option(
    "--force", is_flag=True, help="Overwrite TEI files changed by hand; the old file is kept as <name>.xml.bak."
)
@click.option("--missing-only", is_flag=True, help="Convert only sources whose TEI file does not exist yet.")
@jobs_option()
@cache_option("Reuse conversions of unchanged sources")
def convert(
    sources: tuple[Path, ...],
    out: Path | None,
    force: bool,
    missing_only: bool,
    jobs: int | None,
    use_cache: bool | None,
) -> None:
    """Convert plain-text SOURCES (with seeds/<stem>.toml metadata where present) to TEI.

    Each source becomes OUT/<stem>.xml, validated before it is written. Names that no
    register entry matches are added to OUT/registers as candidates for review
    (see `tei-edition entities`). A TEI file changed since the toolkit wrote it is never
    overwritten without --force. Writes are atomic.
    """
    from toolkit.commands import convert as command
    from toolkit.io import config

    conf = config.load()
    sys.exit(
        command.run(
            list(sources),
            config.tei_dir(out, conf),
            force=force,
            missing_only=missing_only,
            project_tei=config.tei_dir(None, conf),
            echo=click.echo,
            jobs=config.jobs(jobs, conf),
            cache_dir=config.cache_dir(use_cache, conf),
            show_progress=True,
        )
    )


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@jobs_option()
@cache_option("Reuse schema results of unchanged files")
def validate(paths: tuple[Path, ...], jobs: int | None, use_cache: bool | None) -> None:
    """Check TEI files and folders (default: tei/, registers included) against the project
    schema and the rules a grammar cannot express: unique ids, resolving references and
    witnesses, safe links, real dates, clause numbering, register use.

    One line per problem, `path:line:col: error|warning: message [code]`, then a summary.
    A schema message names the element as written, where it starts, what may stand there
    instead, and its section of docs/encoding-reference.md (the HTML edition's «О разметке»).
    A problem a rule also reports is told once.

    TEI from elsewhere (a file without this edition's <?xml-model?> line) is reported in
    two parts: its conformance to TEI P5 (jing over tei_all.rng, needs Java) [tei.conformance],
    and where it departs from this edition's customisation, by element [tei.customisation].

    Exit 0 if there are no errors, 1 if there are, 2 if a path does not exist.
    """
    from toolkit.commands import validate as command
    from toolkit.io import config

    conf = config.load()
    sys.exit(
        command.run(
            list(paths) or [config.tei_dir(None, conf)],
            echo=click.echo,
            jobs=config.jobs(jobs, conf),
            cache_dir=config.cache_dir(use_cache, conf),
            show_progress=True,
        )
    )


TEI_OPTION = click.option(
    "--tei",
    "tei_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="TEI folder, registers in TEI/registers (default: [tool.toolkit] tei, else tei/).",
)
EDITION_OPTION = click.option(
    "--edition",
    "edition_toml",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Edition file: title, editors, selection (default: [tool.toolkit] edition, else editions/odkb.toml).",
)


@main.command(context_settings=CONTEXT)
@click.option("--html", "html", is_flag=True, help="Build the static HTML edition.")
@click.option("--pdf", "pdf", is_flag=True, help="Build the PDF edition.")
@EDITION_OPTION
@TEI_OPTION
@output_option(
    "Output folder (default: editions/<edition>/html and …/pdf); when both editions are built, "
    "the HTML goes into it and the PDF beside it, in pdf/."
)
@click.option("--no-search", is_flag=True, help="Skip the pagefind search index.")
@click.option("--bleed", default=None, help="PDF: add bleed and crop marks, e.g. --bleed 3mm.")
@click.option("--pdfa", is_flag=True, help="PDF: write PDF/A-3b with each document's TEI attached.")
@jobs_option("Worker processes for HTML pages and PDF parts")
@cache_option("Reuse what is unchanged since the last build")
def build(
    html: bool,
    pdf: bool,
    edition_toml: Path | None,
    tei_dir: Path | None,
    out: Path | None,
    no_search: bool,
    bleed: str | None,
    pdfa: bool,
    jobs: int | None,
    use_cache: bool | None,
) -> None:
    """Build the editions from the TEI in tei/ (both when neither --html nor --pdf is given).

    The whole corpus is read and indexed first, then written; invalid TEI is never
    rendered; the output folder is replaced whole, never left half-written. With the
    cache, an HTML rebuild makes again only the pages that depend on what changed.
    """
    from toolkit.commands import build as command
    from toolkit.io import config

    conf = config.load()
    request = command.asked(
        config.tei_dir(tei_dir, conf),
        config.edition(edition_toml, conf),
        html=html,
        pdf=pdf,
        out=out,
        search=not no_search,
        bleed=bleed,
        pdfa=pdfa,
        jobs=config.jobs(jobs, conf),
        cache_dir=config.cache_dir(use_cache, conf),
        progress=True,
    )
    sys.exit(command.run(request, echo=click.echo))


@main.command(context_settings=CONTEXT)
@TEI_OPTION
@EDITION_OPTION
@click.option("--no-build", is_flag=True, help="Only validate; do not rebuild the HTML edition.")
def watch(tei_dir: Path | None, edition_toml: Path | None, no_build: bool) -> None:
    """Re-validate each TEI file in tei/ as soon as it is saved (path:line:col), then rebuild the HTML edition."""
    from toolkit.commands import watch as command
    from toolkit.io import config

    conf = config.load()
    edition_toml = None if no_build else config.edition(edition_toml, conf)
    sys.exit(command.run(config.tei_dir(tei_dir, conf), edition_toml, echo=click.echo))


@main.command(context_settings=CONTEXT)
@TEI_OPTION
@EDITION_OPTION
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
def serve(tei_dir: Path | None, edition_toml: Path | None, port: int) -> None:
    """Serve the HTML edition on 127.0.0.1, rebuild it when tei/ changes, reload the open pages."""
    from toolkit.commands import watch as command
    from toolkit.io import config

    conf = config.load()
    tei_dir, edition_toml = config.tei_dir(tei_dir, conf), config.edition(edition_toml, conf)
    sys.exit(command.serve(tei_dir, edition_toml, port, echo=click.echo, cache_dir=config.cache_dir(None, conf)))


@main.command("format", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; list files that would change and exit 1 if any would.")
def format_(paths: tuple[Path, ...], check: bool) -> None:
    """Pretty-print TEI files (default: tei/, registers included) the way the converter
    writes them.

    Only whitespace between elements that hold no text is touched: text, attributes,
    comments and processing instructions stay identical, and a second run changes
    nothing. Writes are atomic.
    """
    from toolkit.commands import format as command
    from toolkit.io import config

    sys.exit(command.run(list(paths) or [config.tei_dir(None, config.load())], check=check, echo=click.echo))


@main.command(context_settings=CONTEXT)
@click.option("--id", "docid", required=True, help="Document id (xml:id and file name), e.g. statement-2024-05-01.")
@click.option(
    "--genre",
    required=True,
    type=click.Choice(["appeal", "statement", "declaration", "decision", "official-document", "news-report"]),
)
@click.option("--title", required=True, help="Title of the document.")
@click.option("--date", "when", default=None, help="Date of the document, ISO (2024-05-01).")
@output_option("TEI folder (default: [tool.toolkit] tei, else tei/).")
def new(docid: str, genre: str, title: str, when: str | None, out: Path | None) -> None:
    """Start a new TEI document from the template: valid from the start, with a unique id."""
    from toolkit.commands import new as command
    from toolkit.io import config

    out = config.tei_dir(out, config.load())
    sys.exit(command.run(out, docid=docid, genre=genre, title=title, when=when, echo=click.echo))


@main.group(context_settings=CONTEXT, invoke_without_command=True)
@TEI_OPTION
@click.pass_context
def entities(ctx: click.Context, tei_dir: Path | None) -> None:
    """List candidate register entries (names the converter found but no entry matched)
    and mentions without a register link, with their documents."""
    from toolkit.io import config

    ctx.obj = config.tei_dir(tei_dir, config.load())
    if ctx.invoked_subcommand is None:
        from toolkit.commands import entities as command

        sys.exit(command.run(ctx.obj, echo=click.echo))


@entities.command(context_settings=CONTEXT)
@click.argument("keys", nargs=-1, required=True)
@click.pass_obj
def accept(tei_dir: Path, keys: tuple[str, ...]) -> None:
    """Promote reviewed candidates KEYS to register entries."""
    from toolkit.commands import entities as command

    sys.exit(command.accept(tei_dir, list(keys), echo=click.echo))


@entities.command(context_settings=CONTEXT)
@click.argument("source")
@click.argument("target")
@click.pass_obj
def merge(tei_dir: Path, source: str, target: str) -> None:
    """Merge register entry SOURCE (a candidate, say pla:rf) into TARGET (pla:russia): the
    documents' pointers to it are re-pointed, its names become TARGET's variants."""
    from toolkit.commands import entities as command

    sys.exit(command.merge(tei_dir, source, target, echo=click.echo))


@entities.command(context_settings=CONTEXT)
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a transliteration is missing or stale.")
@click.pass_obj
def translit(tei_dir: Path, check: bool) -> None:
    """Write each register entry's name in Latin script (ru-Latn) from its canonical name."""
    from toolkit.commands.entities import translit as run

    sys.exit(run(tei_dir, check=check, echo=click.echo))


@main.command(context_settings=CONTEXT)
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--tei",
    "tei_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Measure the TEI already in this folder instead of converting the texts afresh.",
)
@click.option(
    "--sources",
    "source_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="More folders to look for the annotated texts in (after GOLD_DIR itself; seeds/ last).",
)
@click.option(
    "--dated",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Also measure this set with each text's date from its sidecar (<stem>.source.toml's [[date]]) "
    "as its only metadata.",
)
@click.option("--documents", is_flag=True, help="Also print the figures of each text.")
@click.option("--limit", default=10, show_default=True, help="Errors listed per type and kind (all are counted).")
@click.option(
    "--table",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the figures of every set as one Markdown table to this file.",
)
@click.option(
    "--min",
    "minimum",
    type=float,
    default=None,
    help="Exit 1 if any figure (precision, recall, keys and values, genre, clauses, clutter) is below this.",
)
def evaluate(
    gold_dirs: tuple[Path, ...],
    tei_dir: Path | None,
    source_dirs: tuple[Path, ...],
    dated: tuple[Path, ...],
    documents: bool,
    limit: int,
    table: Path | None,
    minimum: float | None,
) -> None:
    """Measure the converter against reference annotations: each GOLD_DIR holds *.json in
    the format of tests/gold, beside their texts (or in --sources, or seeds/).

    The texts are converted afresh, as a user converts them (with their own .toml where
    there is one), into a temporary folder, unless --tei names converted TEI. Prints, per
    set, precision and recall of persons, places, organisations and dates, the right
    register keys and date values, genre, clauses, clutter lines and words lost, then the
    errors grouped by type and kind (missed, spurious, split, merged, boundary, wrong type,
    wrong value) with what was expected, what was found and the context.
    """
    from toolkit.commands import evaluate as command
    from toolkit.io import config

    conf = config.load()
    sys.exit(
        command.run(
            list(gold_dirs),
            echo=click.echo,
            tei_dir=tei_dir,
            registers=config.tei_dir(None, conf) / "registers",
            source_dirs=list(source_dirs),
            minimum=minimum,
            documents=documents,
            limit=limit,
            table=table,
            jobs=config.jobs(None, conf),
            dated=list(dated),
        )
    )


if __name__ == "__main__":  # pragma: no cover
    main()
