"""The HTML edition: a static site from the TEI corpus.

build_html(corpus, edition, …) -> SiteFiles ({relative path: bytes})   pure
self_check(files, shown, …) -> (problems, page facts)                  pure
Writing the site is the build command's (commands/build.py).
"""

from __future__ import annotations

from toolkit.render.html.build import SiteFiles, build_html, self_check

__all__ = ["SiteFiles", "build_html", "self_check"]
