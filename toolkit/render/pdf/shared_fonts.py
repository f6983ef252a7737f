"""One font program per face in a book put together from separately rendered parts
(assemble.py): each part embeds its own subset of the book face; the book embeds one
subset holding every part's glyphs instead."""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfWriter
from pypdf.generic import NameObject, NumberObject, StreamObject


def _cids(widths) -> set[int]:
    """The CIDs a CIDFont's /W array gives widths for: [c [w …] c1 c2 w …]."""
    out: set[int] = set()
    items = list(widths or [])
    k = 0
    while k + 1 < len(items):
        first, nxt = int(items[k]), items[k + 1]
        if isinstance(nxt, list):
            out.update(range(first, first + len(nxt)))
            k += 2
        else:
            out.update(range(first, int(nxt) + 1))
            k += 3
    return out


def _postscript_name(data: bytes) -> str | None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        return font["name"].getDebugName(6)
    except (TTLibError, KeyError, AssertionError, ValueError):
        return None


def share_fonts(writer: PdfWriter, originals: list[bytes]) -> None:
    """Parts rendered separately each embed their own subset of the same face. WeasyPrint
    subsets keep glyph ids (CIDToGIDMap /Identity), so one subset of the original font
    holding the union of the glyphs serves every part: embed that once per face and drop
    the per-part programs. Fonts that are not one of `originals` are left alone."""
    by_name = {}
    for data in originals:
        name = _postscript_name(data)
        if name:
            by_name[name] = data
    for key, members in sorted(_faces(writer).items()):
        original = by_name.get(_postscript_name(members[0][2]["/FontFile2"].get_object().get_data()) or "")
        if original is None or len(members) < 2:
            continue
        gids = {0}
        for _, cid, _ in members:
            gids |= _cids(cid.get("/W"))
        data = _subset(original, gids)
        stream = StreamObject()
        stream._data = data
        stream = stream.flate_encode()
        stream[NameObject("/Length1")] = NumberObject(len(data))
        shared = writer._add_object(stream)
        digest = hashlib.md5(key.encode() + repr(sorted(gids)).encode()).digest()
        tag = "".join(chr(65 + b % 26) for b in digest[:6])
        name = NameObject(f"/{tag}+{key}")
        for font, cid, desc in members:
            old = desc.raw_get("/FontFile2")
            desc[NameObject("/FontFile2")] = shared
            font[NameObject("/BaseFont")] = name
            cid[NameObject("/BaseFont")] = name
            desc[NameObject("/FontName")] = name
            if getattr(old, "idnum", None):
                writer._objects[old.idnum - 1] = None  # the part's own program: no longer referenced


def _faces(writer: PdfWriter) -> dict[str, list]:
    """The embedded subsets of each face (by its name without the subset tag) that one
    program could serve: [(Type0 font, CIDFont, font descriptor)]."""
    groups: dict[str, list] = {}
    seen: set[int] = set()
    for page in writer.pages:
        res = page.get("/Resources")
        fonts = res.get_object().get("/Font") if res is not None else None
        for ref in fonts.get_object().values() if fonts is not None else []:
            font = ref.get_object()
            if id(font) in seen or font.get("/Subtype") != "/Type0":
                continue
            seen.add(id(font))
            cid = font["/DescendantFonts"][0].get_object()
            if cid.get("/Subtype") != "/CIDFontType2" or cid.get("/CIDToGIDMap") != "/Identity":
                continue
            desc = cid["/FontDescriptor"].get_object()
            program = desc.get("/FontFile2")
            if program is None or "/CIDSet" in desc:
                continue
            key = str(desc["/FontName"]).partition("+")[2] or str(desc["/FontName"])
            groups.setdefault(key, []).append((font, cid, desc))
    return groups


def _subset(original: bytes, gids: set[int]) -> bytes:
    """The original font cut down to `gids`, every glyph keeping its id."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.retain_gids = True
    options.notdef_outline = True
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "DSIG", "kern"]
    ttf = TTFont(io.BytesIO(original), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(g for g in gids if g < ttf["maxp"].numGlyphs))
    subsetter.subset(ttf)
    buf = io.BytesIO()
    ttf.save(buf)
    return buf.getvalue()
