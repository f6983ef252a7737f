"""The search page: one form for both engines of assets/search.js (Pagefind over http,
the offline engine from file://), with filters for genre, year, person, place and
organisation; results are filled in by the script."""

from __future__ import annotations

from toolkit.model.registers import KINDS
from toolkit.render.dom import h
from toolkit.render.html import paths
from toolkit.render.html.links import SiteLinks
from toolkit.render.html.search_data import FACET_OF_KIND

FACET_LABELS = {"person": "Лицо", "place": "Место", "org": "Организация"}


def _select(name: str, label: str):
    """One filter: a labelled <select> the script fills with the values found."""
    return h(
        "p",
        {"class": "field"},
        h("label", {"for": f"filter-{name}"}, label),
        h("select", {"id": f"filter-{name}", "name": name, "data-filter": name}, h("option", {"value": ""}, "все")),
    )


def _form(links: SiteLinks, shards: list[str] | None):
    return h(
        "form",
        {
            "id": "search-form",
            "class": "search-form",
            "role": "search",
            "action": links.to(paths.SEARCH),
            "data-merge-index": " ".join(links.to(s) + "/" for s in shards or []) or None,
        },
        h(
            "p",
            {"class": "field field-q"},
            h("label", {"for": "search-q"}, "Слова для поиска"),
            h(
                "input",
                {
                    "type": "search",
                    "id": "search-q",
                    "name": "q",
                    "autocomplete": "off",
                    "placeholder": "например: безопасность, Токаев, Tokayev, Бишкек, CSTO",
                },
            ),
        ),
        h(
            "fieldset",
            {"class": "filters"},
            h("legend", None, "Фильтры"),
            _select("genre", "Жанр"),
            _select("year", "Год"),
            *[_select(FACET_OF_KIND[kind], FACET_LABELS[kind]) for kind in KINDS],
        ),
        h("p", None, h("button", {"type": "submit", "class": "button"}, "Найти")),
    )


def search_page(links: SiteLinks, shards: list[str] | None = None) -> list:
    """The page's <main>. `shards`: the site paths of further Pagefind bundles that the
    script merges into the main one (a large edition's index is split; see build.py)."""
    return [
        h("h1", None, "Поиск"),
        h(
            "p",
            {"class": "lead"},
            "Поиск по текстам документов с учётом русских словоформ "
            "(«безопасности» находит и «безопасность»). Фильтры сужают поиск по жанру, году, лицам и местам.",
        ),
        _form(links, shards),
        h("p", {"id": "search-mode", "class": "hint", "aria-live": "polite"}),
        h(
            "noscript",
            None,
            h(
                "p",
                {"class": "warning"},
                "Поиск работает в браузере и требует JavaScript. Без него пользуйтесь указателями и хронологией.",
            ),
        ),
        h("div", {"id": "search-entries", "class": "entries", "aria-live": "polite"}),
        h("p", {"id": "search-status", "role": "status", "aria-live": "polite"}),
        h("ol", {"id": "search-results", "class": "results"}),
    ]
