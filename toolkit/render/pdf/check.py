"""Reading a built PDF back (pypdf): page text, fonts, outline, links, attachments.

Used by the build's self-check (`check_pdf`: every font embedded, no link but to a page
of the book or an http(s) address, no image, no attachment but the TEI) and by the
tests, which check the PDF on structure, never on bytes."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Text of each page as drawn (pypdf): lines as set, hyphens at line ends kept."""
    return [p.extract_text() or "" for p in reader(data).pages]


def norm(text: str, dehyphenate: bool = False) -> str:
    """Lines joined; case, ё and spacing do not matter. A hyphen at a line end is kept
    ("Касым-Жомарт"), or with `dehyphenate` dropped ("Лука-|шенко" → "лукашенко")."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2" if dehyphenate else r"\1-\2", text)
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " "))
    return text.casefold().replace("ё", "е").strip()


def mentions(form: str, text: str) -> bool:
    """`form` (normalised) is in the page text, read with or without its line-end hyphens."""
    return bool(form) and (form in norm(text) or form in norm(text, dehyphenate=True))


def _resources(data: bytes, pages: list[int] | None):
    """The resource dictionary of every page (or of the `pages` given) that has one."""
    r = reader(data)
    for k in range(len(r.pages)) if pages is None else pages:
        res = r.pages[k].get("/Resources")
        if res is not None:
            yield res.get_object()


def fonts(data: bytes, pages: list[int] | None = None) -> list[dict]:
    """Every font resource of every page (or of the `pages` given): name, subtype,
    whether its program is embedded."""
    seen = {}
    for res in _resources(data, pages):
        for ref in (res.get("/Font") or {}).values():
            font = ref.get_object()
            key = id(font)
            desc_font = font
            if font.get("/Subtype") == "/Type0":
                desc_font = font["/DescendantFonts"][0].get_object()
            desc = desc_font.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            seen[(str(font.get("/BaseFont")), key)] = {
                "name": str(font.get("/BaseFont")),
                "subtype": str(font.get("/Subtype")),
                "embedded": embedded,
            }
    return list(seen.values())


def outline(data: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline item, in order."""
    r = reader(data)
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, r.get_destination_page_number(item)))

    walk(r.outline, 0)
    return out


def uris(data: bytes, pages: list[int] | None = None) -> list[str]:
    found = []
    r = reader(data)
    for k in range(len(r.pages)) if pages is None else pages:
        page = r.pages[k]
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            if action is not None and "/URI" in action.get_object():
                found.append(str(action.get_object()["/URI"]))
    return found


def annotation_subtypes(data: bytes, pages: list[int] | None = None) -> set[str]:
    r = reader(data)
    chosen = [r.pages[k] for k in (range(len(r.pages)) if pages is None else pages)]
    return {str(ref.get_object().get("/Subtype")) for page in chosen for ref in (page.get("/Annots") or [])}


def embedded_files(data: bytes) -> dict[str, bytes]:
    return {name: contents[0] for name, contents in reader(data).attachments.items()}


def image_xobjects(data: bytes, pages: list[int] | None = None) -> int:
    count = 0
    for res in _resources(data, pages):
        for ref in (res.get("/XObject") or {}).values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


SAMPLE_ABOVE = 300  # pages; a longer book is checked on a sample of its pages


def check_pdf(data: bytes, allowed_attachments: set[str], images: int = 0) -> list[str]:
    """Problems of a built PDF that would be bugs of the renderer (empty if none): among
    them more images than the `images` the reading text shows (model.media). A book
    of more than SAMPLE_ABOVE pages is checked on its first and last 60 pages and every
    7th page between (reading every page back costs as much as a tenth of the build)."""
    from toolkit.render.linking import WEB_LINK

    r = reader(data)
    n = len(r.pages)
    pages = range(n)
    if n > SAMPLE_ABOVE:
        pages = sorted(set(range(60)) | set(range(n - 60, n)) | set(range(60, n - 60, 7)))
    problems: list[str] = []
    seen_resources: set[int] = set()
    seen_images: set = set()
    for k in pages:
        page = r.pages[k]
        res = page.get("/Resources")
        res = res.get_object() if res is not None else None
        if res is not None and id(res) not in seen_resources:
            seen_resources.add(id(res))
            for ref in (res.get("/Font") or {}).values():
                font = ref.get_object()
                desc_font = font["/DescendantFonts"][0].get_object() if font.get("/Subtype") == "/Type0" else font
                desc = desc_font.get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else {}
                if not any(key in desc for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    problems.append(f"font {font.get('/BaseFont')} is not embedded")
            for ref in (res.get("/XObject") or {}).values():
                if ref.get_object().get("/Subtype") == "/Image":
                    seen_images.add(getattr(ref, "idnum", id(ref)))
                    if len(seen_images) > images:
                        problems.append(f"page {k + 1}: an image the reading text does not show")
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                problems.append(f"page {k + 1}: a {annot.get('/Subtype')} annotation")
                continue
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if action is not None and not WEB_LINK.match(uri):
                problems.append(
                    f"page {k + 1}: link to {uri[:60]!r} is neither a page of the book nor an http(s) address"
                )
    extra = set(r.attachments) - allowed_attachments
    if extra:
        problems.append(f"unexpected attachments: {sorted(extra)}")
    return sorted(set(problems))
