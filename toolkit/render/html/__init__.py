"""The HTML edition: a static site from the TEI corpus (issue 4).

build_html(corpus_dir, edition) -> {relative path: bytes}   pure (reads the corpus)
run_build_html(tei_dir, edition_toml, out_dir, echo) -> int  writes editions/<name>/html
"""

from __future__ import annotations

from toolkit.render.html.build import SiteFiles, build_html, default_output, run_build_html

__all__ = ["SiteFiles", "build_html", "default_output", "run_build_html"]
