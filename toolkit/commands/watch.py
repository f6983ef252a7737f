"""`tei-edition watch` and `serve`: re-validate each saved file, rebuild the HTML edition,
and (serve) reload the open pages after each rebuild."""

from __future__ import annotations

import contextlib
from pathlib import Path

from toolkit.commands import validate


def run(tei_dir: Path, edition_toml: Path | None, *, echo, serve_port: int | None = None, stop=lambda: False) -> int:
    """Validate each changed file at once; rebuild the HTML edition after it."""
    import time

    from toolkit.io.watch import watch

    build = None
    site = None
    if serve_port is not None and edition_toml is not None:
        from toolkit.commands.build import output_dir
        from toolkit.io.serve import Build, start

        site = output_dir(edition_toml, "html")
        build = Build()
        server = start(site, build, serve_port)
        echo(f"serving {site} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")

    def on_change(paths: list[Path]) -> None:
        started = time.monotonic()
        xml = [p for p in paths if p.exists()]
        echo(f"changed: {', '.join(str(p) for p in xml)}")
        status = validate.run(xml, echo=echo, jobs=1, cache_dir=None)
        if edition_toml is not None and status == 0:
            from toolkit.commands.build import run_html
            from toolkit.io import config

            # with the cache, the rebuild remakes only the pages that depend on the saved file
            run_html(tei_dir, edition_toml, None, echo=echo, cache_dir=config.cache_dir(None, config.load()))
            if build is not None:
                build.bump()
        echo(f"done in {time.monotonic() - started:.2f} s; watching {tei_dir}")

    with contextlib.suppress(KeyboardInterrupt):
        watch(tei_dir, on_change, stop=stop, on_ready=lambda: echo(f"watching {tei_dir} (Ctrl+C to stop)"))
    return 0


def serve(tei_dir: Path, edition_toml: Path, port: int, *, echo, cache_dir: Path | None) -> int:
    """`tei-edition serve`: build the HTML edition, then serve it and rebuild it on each save."""
    from toolkit.commands.build import run_html

    if run_html(tei_dir, edition_toml, None, echo=echo, cache_dir=cache_dir) != 0:
        return 1
    return run(tei_dir, edition_toml, echo=echo, serve_port=port)
