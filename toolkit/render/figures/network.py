"""Who appears with whom: the persons and organisations named in the same documents, as
a network. A node is an index entry (its area proportional to the documents it is named
in), an edge joins two entries named in the same document (its width grows with the
number of such documents).

- Persons are circles, organisations squares: shape, not colour. An entry an editor has
  not yet checked (a candidate) has a dashed outline.
- The layout is networkx's spring layout (Fruchterman–Reingold) with a fixed seed over
  nodes and edges in a fixed order, its coordinates rounded: the same corpus, the same
  picture. A large corpus shows the `limit` entries named in the most documents (the
  description says how many are left out; the indexes list them all).
- Every node links to its index entry (`href(ref)`, the caller's), named in Russian.

`cooccurrence` derives the input from the model; `network_svg` is pure over it.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable

from lxml import etree

from toolkit.model.corpus import Corpus
from toolkit.model.index import Index, ru_sort_key
from toolkit.model.registers import KIND_OF_PREFIX, Entry
from toolkit.render.figures import labels
from toolkit.render.figures.labels import Box, Placer
from toolkit.render.figures.svg import INK, MUTED, PAPER, el, link, root
from toolkit.render.wording import cut, plural

Href = Callable[[str], str | None]
SEED = 16  # the layout's random seed (issue 16)
WIDTH, HEIGHT = 800.0, 560.0
MARGIN = 24.0
FONT = 12.0
MAX_R = 14.0
LIMIT = 40
LABEL_MAX = 28  # longer names are cut in the label (the node's name stays whole)


@dataclasses.dataclass(frozen=True)
class Node:
    ref: str  # "per:tokayev", "org:csto"
    name: str  # the entry's name in reading order (its accessible name)
    label: str  # as written beside the node: short (see short_name)
    kind: str  # "person" or "org"
    documents: int  # documents it is named in
    candidate: bool = False


@dataclasses.dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]  # the most-named first
    edges: tuple[tuple[str, str, int], ...]  # (ref, ref, documents in common), refs in node order
    left_out: int = 0  # entries not shown (over the limit)


def short_name(entry: Entry) -> str:
    """A node's label: a person's initials and surname ("К.-Ж. К. Токаев" is too long for a
    node: "К.-Ж. Токаев"), an organisation's abbreviation if it has one."""
    if entry.kind == "person" and "," in entry.name:
        surname, _, given = entry.name.partition(",")
        first = given.split()[0] if given.split() else ""
        initials = "-".join(part[:1] + "." for part in first.split("-") if part)
        return f"{initials}\u00a0{surname.strip()}" if initials else surname.strip()
    if entry.kind == "org" and entry.abbreviations:
        return entry.abbreviations[0]
    return cut(entry.display_name, LABEL_MAX)


def cooccurrence(corpus: Corpus, index: Index, limit: int = LIMIT) -> Network:
    """The persons and organisations of the edition (header included: a document's issuer
    appears in it) and the documents each pair shares."""
    per_doc = {}
    for doc in corpus.documents:
        refs = index.refs_in(doc.docid)
        per_doc[doc.docid] = {r for r in refs if KIND_OF_PREFIX.get(r.partition(":")[0]) in ("person", "org")}
    entries = {ref: corpus.registers.get(ref) for refs in per_doc.values() for ref in refs}
    return network_of(per_doc, {ref: e for ref, e in entries.items() if e is not None}, limit)


def network_of(per_doc: dict[str, set[str]], entries: dict[str, Entry], limit: int = LIMIT) -> Network:
    """The network of documents' entries (docid → refs; ref → register entry): the `limit`
    entries named in the most documents (ties in Russian alphabetical order), the pairs
    among them with the documents they share."""
    counts: dict[str, int] = {}
    for refs in per_doc.values():
        for ref in refs:
            if ref in entries:
                counts[ref] = counts.get(ref, 0) + 1
    ranked = sorted(counts, key=lambda r: (-counts[r], ru_sort_key(entries[r].name), r))
    shown = ranked[:limit]
    position = {ref: k for k, ref in enumerate(shown)}
    pairs: dict[tuple[str, str], int] = {}
    for docid in sorted(per_doc):
        inside = sorted((r for r in per_doc[docid] if r in position), key=position.__getitem__)
        for a, b in itertools.combinations(inside, 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    edges = tuple(sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda e: (position[e[0]], position[e[1]])))
    nodes = tuple(
        Node(
            ref,
            entries[ref].display_name,
            short_name(entries[ref]),
            entries[ref].kind,
            counts[ref],
            entries[ref].candidate,
        )
        for ref in shown
    )
    return Network(nodes, edges, len(ranked) - len(shown))


def layout(network: Network, width: float = WIDTH, height: float = HEIGHT) -> dict[str, tuple[float, float]]:
    """Node → (x, y) inside the frame, from networkx's spring layout with a fixed seed."""
    import networkx as nx  # imported here: a rebuild that draws no network need not pay its 0.2 s

    graph = nx.Graph()
    graph.add_nodes_from(n.ref for n in network.nodes)
    # the springs pull with 1 + log(documents shared): with the raw counts a large corpus's
    # few heavy pairs pull everything into a knot and fling an entry named once to the edge
    # of the frame (1,000 documents: 2 of 31 labels found no room); an edge's width still
    # shows the count itself
    graph.add_weighted_edges_from((a, b, 1.0 + math.log(n)) for a, b, n in network.edges)
    if not network.nodes:
        return {}
    if len(network.nodes) == 1:
        return {network.nodes[0].ref: (width / 2, height / 2)}
    k = 1.6 / math.sqrt(len(network.nodes))  # a little more room than the default, for labels
    pos = nx.spring_layout(graph, k=k, iterations=200, seed=SEED, weight="weight")
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    inner_w, inner_h = width - 2 * MARGIN - 120, height - 2 * MARGIN - 20  # room for the labels at the sides
    out = {}
    for ref, p in pos.items():
        x = MARGIN + 60 + (float(p[0]) - x0) / ((x1 - x0) or 1) * inner_w
        y = MARGIN + 10 + (float(p[1]) - y0) / ((y1 - y0) or 1) * inner_h
        out[ref] = (round(x, 1), round(y, 1))
    return out


def node_radius(documents: int, most: int) -> float:
    return round(max(4.0, MAX_R * math.sqrt(documents / max(most, 1))), 1)


def network_svg(
    network: Network, href: Href, *, prefix: str = "fig-network", title: str = "Кто упоминается вместе с кем"
) -> etree._Element:
    """The network (see cooccurrence) as an <svg>; `href(ref)` links each node to its index
    entry (None: not linked)."""
    pos = layout(network)
    most = max((n.documents for n in network.nodes), default=1)
    legend_h = 40.0
    height = HEIGHT + legend_h
    persons = sum(n.kind == "person" for n in network.nodes)
    desc = (
        f"Лиц: {persons}, организаций: {len(network.nodes) - persons}; связей: {len(network.edges)}. "
        "Связь — упоминание в одном документе; чем толще линия, тем больше таких документов."
    )
    if network.left_out:
        desc += f" Не показаны реже упомянутые: {network.left_out}."
    desc += " Полный перечень — в указателях лиц и организаций."
    svg = root(prefix, WIDTH, height, title, desc, "figure-network")
    _edges(svg, network, pos)
    radii = {n.ref: node_radius(n.documents, most) for n in network.nodes}
    placer = Placer(
        Box(0.0, 0.0, WIDTH, HEIGHT),
        [Box(x - radii[r], y - radii[r], x + radii[r], y + radii[r]) for r, (x, y) in sorted(pos.items())],
    )
    nodes = el(svg, "g", {"class": "nodes"})
    for n in network.nodes:
        x, y = pos[n.ref]
        r = radii[n.ref]
        kind = "лицо" if n.kind == "person" else "организация"
        name = f"{n.name} ({kind}) — в {n.documents} {plural(n.documents, 'документе', 'документах', 'документах')}"
        a = link(nodes, href(n.ref), name, f"node {n.kind}", (x - r, y - r, x + r, y + r))
        paint = {"fill": INK if n.kind == "person" else "#8a8a8a", "stroke": INK if n.kind == "org" else PAPER}
        paint["stroke-width"] = "1.2"
        if n.candidate:
            paint.update({"fill": PAPER, "stroke": INK, "stroke-dasharray": "2 1.5"})
        if n.kind == "person":
            el(a, "circle", {"cx": x, "cy": y, "r": r, **paint})
        else:
            s = r * 0.89  # a square of the same area as the circle
            el(a, "rect", {"x": x - s, "y": y - s, "width": round(2 * s, 1), "height": round(2 * s, 1), **paint})
        placement = placer.place(n.label, x, y, r, FONT)
        if placement is not None:
            labels.draw(a, placement)
    _legend(svg, HEIGHT + 8)
    return svg


def _edges(svg, network: Network, pos: dict[str, tuple[float, float]]) -> None:
    """The edges, under the nodes: width grows with the documents a pair shares."""
    strongest = max((e[2] for e in network.edges), default=1)
    g = el(svg, "g", {"class": "edges", "aria-hidden": "true"})
    for a, b, n in network.edges:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        w = 0.6 + 3.0 * math.sqrt(n / strongest)
        el(
            g,
            "line",
            {
                "x1": x1,
                "y1": y1,
                "x2": x2,
                "y2": y2,
                "stroke": "#9a9a9a",
                "stroke-width": round(w, 1),
                "stroke-opacity": "0.7",
            },
        )


def _legend(svg, top: float) -> None:
    g = el(svg, "g", {"class": "legend", "aria-hidden": "true"})
    size = FONT * 0.9
    y = top + 16
    items = [
        ("person", "лицо"),
        ("org", "организация"),
        ("candidate", "запись не проверена редактором"),
        ("edge", "упомянуты в одном документе (толще — в нескольких)"),
    ]
    x = 8.0
    for key, words in items:
        if key == "person":
            el(g, "circle", {"cx": x + 6, "cy": y - 4, "r": 5, "fill": INK, "stroke": PAPER})
        elif key == "org":
            el(g, "rect", {"x": x + 1.5, "y": y - 8.5, "width": 9, "height": 9, "fill": "#8a8a8a", "stroke": INK})
        elif key == "candidate":
            el(
                g,
                "circle",
                {"cx": x + 6, "cy": y - 4, "r": 5, "fill": PAPER, "stroke": INK, "stroke-dasharray": "2 1.5"},
            )
        else:
            el(g, "line", {"x1": x, "y1": y - 4, "x2": x + 14, "y2": y - 4, "stroke": "#9a9a9a", "stroke-width": "2"})
        labels.text(g, words, x + 18, y, size, fill=MUTED if key == "edge" else None)
        x += 18 + labels.text_width(words, size) + 16
