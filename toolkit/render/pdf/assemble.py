"""Putting rendered parts together into one PDF (pypdf): the pages in order, a blank page
where the next part must start on a right-hand page, every internal link turned into a
page destination (links cross parts, which WeasyPrint rendered separately), the outline,
page labels (front matter in roman numerals), metadata, the TEI files as attachments,
and for PDF/A-3b the XMP identification and the sRGB output intent; one font program per
face (shared_fonts.py).

Also the last line of defence: an annotation that is not a link to a page of this book or
an http(s) address, or that would attach a file, is removed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from datetime import UTC, datetime
from importlib import resources
from urllib.parse import unquote
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from toolkit.render.linking import WEB_LINK
from toolkit.render.pdf.reading import INTERNAL
from toolkit.render.pdf.shared_fonts import share_fonts

PRODUCER = "tei-edition (WeasyPrint, pypdf)"


@dataclasses.dataclass
class Part:
    pdf: bytes
    anchors: dict[str, tuple[int, float, float]]  # anchor → (page index in the part, x pt, y pt from top)
    right_start: bool = True  # starts on a right-hand page (a blank page is put before it if needed)


@dataclasses.dataclass
class OutlineItem:
    title: str
    anchor: str
    children: list[OutlineItem] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Attachment:
    name: str
    data: bytes
    description: str
    mime: str = "application/xml"


@dataclasses.dataclass
class Meta:
    title: str
    authors: tuple[str, ...]
    subject: str
    epoch: int  # SOURCE_DATE_EPOCH: creation and modification date
    language: str = "ru"


def pdf_date(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("D:%Y%m%d%H%M%SZ")


def xmp_date(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def assemble(
    parts: list[Part],
    *,
    meta: Meta,
    outline: list[OutlineItem],
    labels: list[tuple[int, str, int]],
    attachments: list[Attachment],
    pdfa: bool,
    fonts: list[bytes] | None = None,
    blank: bytes | None = None,
) -> bytes:
    """`labels`: (first part index, style "/r" or "/D", first number) for page labels;
    `fonts`: the original files of the faces the parts embed subsets of (see share_fonts);
    `blank`: a rendered empty page (with bleed, it carries the crop marks) used for the
    blank versos, else they are plain empty pages of the same boxes."""
    writer = PdfWriter()
    anchors, starts = _add_parts(writer, parts, blank)
    page_refs = [p.indirect_reference for p in writer.pages]
    heights = [_top(p) for p in writer.pages]

    def destination(anchor: str):
        k, x, y = anchors[anchor]
        return ArrayObject(
            [
                page_refs[k],
                NameObject("/XYZ"),
                FloatObject(round(x, 2)),
                FloatObject(round(heights[k] - y, 2)),
                NullObject(),
            ]
        )

    _fix_annotations(writer, anchors, destination, pdfa)
    if fonts and len(parts) > 1:
        share_fonts(writer, fonts)
    _outline(writer, outline, anchors, destination)
    _page_labels(writer, labels, starts)
    _metadata(writer, meta, pdfa)
    _attach(writer, attachments, meta, pdfa)
    if pdfa:
        _output_intent(writer)
    ident = ByteStringObject(_document_id(parts, attachments, meta, pdfa))
    writer._ID = ArrayObject([ident, ident])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add_parts(writer: PdfWriter, parts: list[Part], blank: bytes | None) -> tuple[dict, list[int]]:
    """The parts' pages in order, a blank verso before a part that starts on a right-hand
    page; returns every anchor (name → (page, x, y)) and the first page of each part."""
    blank_page = PdfReader(io.BytesIO(blank)).pages[0] if blank else None
    anchors: dict[str, tuple[int, float, float]] = {}
    starts: list[int] = []
    for part in parts:
        reader = PdfReader(io.BytesIO(part.pdf))
        if part.right_start and len(writer.pages) % 2 == 1:
            if blank_page is not None:
                writer.add_page(blank_page)
            else:
                _blank(writer)
        start = len(writer.pages)
        starts.append(start)
        for page in reader.pages:
            writer.add_page(page)
        for name, (k, x, y) in part.anchors.items():
            anchors.setdefault(name, (start + k, x, y))
    return anchors, starts


def _page_labels(writer: PdfWriter, labels: list[tuple[int, str, int]], starts: list[int]) -> None:
    for first_part, style, number in labels:
        if first_part >= len(starts):
            continue
        # a label range runs to the next range's start
        later = [starts[p] for p, _, _ in labels if p > first_part and p < len(starts)]
        end = (min(later) - 1) if later else len(writer.pages) - 1
        writer.set_page_label(starts[first_part], end, style=style, start=number)


def _document_id(parts: list[Part], attachments: list[Attachment], meta: Meta, pdfa: bool) -> bytes:
    """The PDF's /ID: a digest of what went in, so the same input gives the same bytes."""
    digest = hashlib.md5()
    for part in parts:
        digest.update(hashlib.md5(part.pdf).digest())
    for a in attachments:
        digest.update(a.name.encode() + hashlib.md5(a.data).digest())
    digest.update(repr((meta, pdfa)).encode())
    return digest.digest()


def _top(page) -> float:
    """The y of the page box's top edge (WeasyPrint draws from the trim box's top-left)."""
    box = page.get("/TrimBox") or page.mediabox
    return float(box[3])


def _blank(writer: PdfWriter) -> None:
    last = writer.pages[-1]
    page = writer.add_blank_page(float(last.mediabox.width), float(last.mediabox.height))
    for key in ("/MediaBox", "/TrimBox", "/BleedBox"):
        if key in last:
            page[NameObject(key)] = ArrayObject([FloatObject(float(v)) for v in last[key]])


def _fix_annotations(writer, anchors, destination, pdfa: bool) -> None:
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        keep = ArrayObject()
        for ref in annots.get_object():
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue  # file attachments, widgets, anything else: not from us
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if action is None or action.get("/S") != "/URI":
                continue
            uri = str(action.get("/URI", ""))
            if uri.startswith(INTERNAL):
                anchor = unquote(uri[len(INTERNAL) :])
                if anchor not in anchors:
                    continue  # its target is not in this PDF (an offprint's link to the index)
                del annot[NameObject("/A")]
                annot[NameObject("/Dest")] = destination(anchor)
            elif not WEB_LINK.match(uri):
                continue
            annot[NameObject("/F")] = NumberObject(4)  # print
            keep.append(ref)
        if keep:
            page[NameObject("/Annots")] = keep
        else:
            del page[NameObject("/Annots")]


def _outline(writer, items: list[OutlineItem], anchors, destination, parent=None) -> None:
    from pypdf.generic import Fit

    for item in items:
        if item.anchor not in anchors:
            continue
        k, x, y = anchors[item.anchor]
        top = float(destination(item.anchor)[3])
        ref = writer.add_outline_item(
            title=item.title,
            page_number=k,
            parent=parent,
            fit=Fit.xyz(left=0, top=top),
            is_open=len(item.children) <= 12,
        )
        if item.children:
            _outline(writer, item.children, anchors, destination, ref)


def _metadata(writer: PdfWriter, meta: Meta, pdfa: bool) -> None:
    writer.add_metadata(
        {
            "/Title": meta.title,
            "/Author": ", ".join(meta.authors),
            "/Subject": meta.subject,
            "/Creator": "tei-edition",
            "/Producer": PRODUCER,
            "/CreationDate": pdf_date(meta.epoch),
            "/ModDate": pdf_date(meta.epoch),
        }
    )
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(meta.language)
    root[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): _true()})
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    stream = DecodedStreamObject()
    stream.set_data(_xmp(meta, pdfa))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    root[NameObject("/Metadata")] = writer._add_object(stream)


def _true():
    from pypdf.generic import BooleanObject

    return BooleanObject(True)


def _xmp(meta: Meta, pdfa: bool) -> bytes:
    authors = "".join(f"<rdf:li>{escape(a)}</rdf:li>" for a in meta.authors)
    ident = (
        (
            '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
            "<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>"
        )
        if pdfa
        else ""
    )
    when = xmp_date(meta.epoch)
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f"{ident}"
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq>{authors}</rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>'
        f"<dc:language><rdf:Bag><rdf:li>{escape(meta.language)}</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate><xmp:CreatorTool>tei-edition</xmp:CreatorTool>"
        "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<pdf:Producer>{escape(PRODUCER)}</pdf:Producer></rdf:Description>"
        "</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return xml.encode("utf-8")


def _attach(writer: PdfWriter, attachments: list[Attachment], meta: Meta, pdfa: bool) -> None:
    if not attachments:
        return
    names = ArrayObject()
    af = ArrayObject()
    when = TextStringObject(pdf_date(meta.epoch))
    for a in sorted(attachments, key=lambda a: a.name):
        stream = StreamObject()
        stream._data = a.data
        stream = stream.flate_encode()
        stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
        stream[NameObject("/Subtype")] = NameObject("/" + a.mime.replace("/", "#2F"))
        stream[NameObject("/Params")] = DictionaryObject(
            {
                NameObject("/Size"): NumberObject(len(a.data)),
                NameObject("/ModDate"): when,
                NameObject("/CheckSum"): ByteStringObject(hashlib.md5(a.data).digest()),
            }
        )
        spec = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Filespec"),
                NameObject("/F"): TextStringObject(a.name),
                NameObject("/UF"): TextStringObject(a.name),
                NameObject("/Desc"): TextStringObject(a.description),
                NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(stream)}),
            }
        )
        spec[NameObject("/AFRelationship")] = NameObject("/Source")
        ref = writer._add_object(spec)
        names.append(TextStringObject(a.name))
        names.append(ref)
        af.append(ref)
    root = writer._root_object
    name_tree = root.get("/Names")
    if name_tree is None:
        name_tree = DictionaryObject()
        root[NameObject("/Names")] = name_tree
    name_tree = name_tree.get_object()
    name_tree[NameObject("/EmbeddedFiles")] = writer._add_object(DictionaryObject({NameObject("/Names"): names}))
    root[NameObject("/AF")] = af


def _output_intent(writer: PdfWriter) -> None:
    icc = (resources.files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()
    stream = StreamObject()
    stream._data = icc
    stream = stream.flate_encode()
    stream[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/DestOutputProfile"): writer._add_object(stream),
        }
    )
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
