"""Building the figures' SVG with lxml: text is always a text node, numbers are rounded
the same way every time, and every visual property is a presentation attribute (no
`style` attribute, no <style>: the site's Content-Security-Policy forbids inline styles,
and a presentation attribute works in the browser, in WeasyPrint and in a file alike).

The elements carry no namespace, like the HTML edition's own trees (render/dom.py): they
are meant to be put inside an HTML page, where the parser gives them the SVG namespace.
`standalone` makes an SVG file of one.
"""

from __future__ import annotations

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
# PT Serif is the book face (PDF) and the site's first choice; "Edition Serif" is the name
# the book's @font-face gives it (render/pdf/fonts.py). Label widths are measured with it (render/fonts.py).
FONT_FAMILY = "'PT Serif', 'Edition Serif', 'Noto Serif', Georgia, serif"
INK = "#1d1d1f"
MUTED = "#5a5a60"  # 6.7:1 on white: text stays readable in greyscale
LIGHT = "#d9d9d9"
PAPER = "#ffffff"


def num(x: float, digits: int = 1) -> str:
    """A coordinate as written: one decimal (or `digits`), no "-0", no trailing ".0"."""
    if digits == 0:
        return str(round(x) + 0)
    r = round(x, digits) + 0.0
    s = f"{r:.1f}"
    return s[:-2] if s.endswith(".0") else s


def el(parent: etree._Element | None, tag: str, attrs: dict | None = None, text: str | None = None):
    """An element (a child of `parent` if given); float values are rounded with `num`,
    None values are left out; `text` is a text node."""
    node = etree.Element(tag) if parent is None else etree.SubElement(parent, tag)
    for key, value in (attrs or {}).items():
        if value is None:
            continue
        node.set(key, num(value) if isinstance(value, float) else str(value))
    if text:
        node.text = text
    return node


def root(prefix: str, width: float, height: float, title: str, desc: str, cls: str) -> etree._Element:
    """The <svg>: its size, its accessible name (<title>) and description (<desc>).
    `prefix` makes the ids unique on a page that carries more than one figure."""
    svg = el(
        None,
        "svg",
        {
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "width": float(width),
            "height": float(height),
            "class": f"figure-svg {cls}",
            "role": "group",  # not "img": the figure holds links a reader can reach
            "aria-labelledby": f"{prefix}-title",
            "aria-describedby": f"{prefix}-desc",
            "font-family": FONT_FAMILY,
            "fill": INK,
        },
    )
    el(svg, "title", {"id": f"{prefix}-title"}, title)
    el(svg, "desc", {"id": f"{prefix}-desc"}, desc)
    return svg


def link(parent: etree._Element, href: str | None, label: str, cls: str, box=None) -> etree._Element:
    """A linked mark: <a href aria-label><title>label</title>…</a>, or a <g> with the same
    name where there is nowhere to link to. `box` (x0, y0, x1, y1) is the mark's hit area,
    kept as `data-box` for the book, where WeasyPrint does not link SVG and the plate lays
    HTML links over the picture instead (render/pdf/plates.py)."""
    attrs = {"class": cls, "aria-label": label}
    if href:
        attrs["href"] = href
    else:
        attrs["role"] = "img"
    if box is not None:
        attrs["data-box"] = " ".join(num(v) for v in box)
    node = el(parent, "a" if href else "g", attrs)
    el(node, "title", None, label)
    return node


def path_data(rings: list[list[tuple[float, float]]], closed: bool = True, digits: int = 1) -> str:
    """SVG path data of rings (closed) or lines (open), coordinates rounded to `digits`
    decimals (repeated points left out)."""
    parts = []
    for ring in rings:
        points = []
        for x, y in ring:
            p = f"{num(x, digits)} {num(y, digits)}"
            if not points or points[-1] != p:
                points.append(p)
        if len(points) < 2:
            continue
        parts.append("M" + "L".join(points) + ("Z" if closed else ""))
    return "".join(parts)


def standalone(svg: etree._Element) -> bytes:
    """The figure as an SVG file: the same tree in the SVG namespace."""

    def copy(src: etree._Element, parent: etree._Element | None) -> etree._Element:
        tag = f"{{{SVG_NS}}}{src.tag}"
        node = etree.Element(tag, nsmap={None: SVG_NS}) if parent is None else etree.SubElement(parent, tag)
        for key, value in src.attrib.items():
            node.set(key, value)
        node.text = src.text
        node.tail = src.tail if parent is not None else None
        for child in src:
            if isinstance(child.tag, str):
                copy(child, node)
        return node

    return etree.tostring(copy(svg, None), xml_declaration=True, encoding="utf-8") + b"\n"


def to_bytes(svg: etree._Element) -> bytes:
    """The figure as it goes into a page (no namespace), for comparing two builds."""
    return etree.tostring(svg, encoding="utf-8")
