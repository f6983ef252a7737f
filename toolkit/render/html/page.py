"""The frame every page shares: doctype, language, charset, viewport, the
Content-Security-Policy (no inline script, scripts only from the site itself; JSON-LD
data blocks are data, never run), the site header with navigation, a skip link, and the
footer with the way to the TEI files, the data exports and the DTS API."""

from __future__ import annotations

from toolkit.model.registers import KINDS
from toolkit.render.data.dts import ENTRY
from toolkit.render.dom import h, serialize
from toolkit.render.html import paths
from toolkit.render.html.typography import typeset
from toolkit.render.wording import KIND_HEADINGS

_POLICY = (
    "default-src 'self'; script-src 'self'{wasm}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
CSP = _POLICY.format(wasm="")
# Pagefind runs its search index as WebAssembly: the search page alone allows compiling it.
CSP_SEARCH = _POLICY.format(wasm=" 'wasm-unsafe-eval'")

NAV = (
    (paths.HOME, "Документы"),
    *[(paths.INDEX_PAGES[kind], KIND_HEADINGS[kind]) for kind in KINDS],
    (paths.CHRONOLOGY, "Хронология"),
    (paths.NETWORK, "Кто с кем"),
    (paths.SEARCH, "Поиск"),
)


def render_page(
    path: str,
    title: str,
    site_title: str,
    main: list,
    *,
    scripts: tuple[str, ...] = (paths.JS,),
    csp: str = CSP,
    main_attrs: dict | None = None,
    head: list | tuple = (),
) -> bytes:
    """A whole page at site path `path`; `main` are the children of <main>, `head` more
    elements for its <head> (meta tags, a JSON-LD block)."""
    main_el = h("main", {"id": "main", **(main_attrs or {})}, *main)
    typeset(main_el)
    head_el = _head(path, title if title == site_title else f"{title} — {site_title}", scripts, csp)
    for el in head:
        head_el.append(el)
    return serialize(h("html", {"lang": "ru"}, head_el, _body(path, site_title, main_el)))


def _head(path: str, title: str, scripts: tuple[str, ...], csp: str):
    head = h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        h("meta", {"http-equiv": "Content-Security-Policy", "content": csp}),
        h("meta", {"name": "referrer", "content": "no-referrer"}),
        h("title", None, title),
        h("link", {"rel": "icon", "href": "data:,"}),
        h("link", {"rel": "stylesheet", "href": paths.relative(path, paths.CSS)}),
    )
    for script in scripts:
        head.append(h("script", {"src": paths.relative(path, script), "defer": True}))
    return head


def _body(path: str, site_title: str, main_el):
    """The site's header with its menu, the page's <main>, the footer."""
    nav = h("ul")
    for target, label in NAV:
        current = "page" if target == path else None
        nav.append(h("li", None, h("a", {"href": paths.relative(path, target), "aria-current": current}, label)))
    return h(
        "body",
        None,
        h("a", {"class": "skip-link", "href": "#main"}, "К основному содержанию"),
        h(
            "header",
            {"class": "site-header"},
            h("a", {"class": "site-title", "href": paths.relative(path, paths.HOME)}, site_title),
            h("nav", {"class": "site-nav", "aria-label": "Разделы издания"}, nav),
        ),
        main_el,
        h(
            "footer",
            {"class": "site-footer"},
            h(
                "p",
                None,
                site_title,
                ". Электронное научное издание; разметка TEI P5 — CC BY 4.0. ",
                h("a", {"href": paths.relative(path, paths.HOME + "#tei-files")}, "Файлы TEI"),
                " · ",
                h("a", {"href": paths.relative(path, paths.ENCODING)}, "О разметке"),
                " · ",
                h("a", {"href": paths.relative(path, f"{paths.HOME}#{paths.DATA_ANCHOR}")}, "Данные издания"),
                " · ",
                h("a", {"href": paths.relative(path, ENTRY), "type": "application/ld+json"}, "API DTS"),
                ".",
            ),
        ),
    )
