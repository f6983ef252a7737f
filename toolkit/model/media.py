"""The local files a document names for the editions to publish: the images of its
<graphic>s (@url) and the facsimiles of its page breaks (<pb facs>).

Only an image inside the project is ever published: @url is a relative path that, joined
to the document's folder, stays inside the project (model.xmlparse's rule for
<?xml-model?>), and names a PNG, JPEG, GIF, WebP or SVG file. Anything else (an http(s)
or file: URL, a path out of the project) is refused: `local_path` gives the reason, the
renderers say it as a located warning and publish nothing. io.project reads the files
(`read_media`), checking that the bytes are such an image; an SVG only if nothing in it
runs or reaches out (no script, event handler, foreign object, or reference but to
itself: a browser opening the published file would run it as a page of the site).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

from lxml import etree

from toolkit.model.tei import TEI_NS, local
from toolkit.model.xmlparse import href_inside_project, parse_xml

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
MEDIA_ATTRS = {"graphic": "url", "pb": "facs"}  # the elements that name a local file, and the attribute
SAFE_PATH = re.compile(r"^[\w\-][\w.\-]*(?:/[\w\-][\w.\-]*)*$")  # letters, digits, _ - . in each step
SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
MAX_BYTES = 20 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class MediaRef:
    element: etree._Element
    value: str  # the attribute as written
    path: str | None  # the file's path in the project ("tei/images/x.png"), None if refused
    problem: str  # why it is refused ("" if not)


def local_path(value: str, shown: str) -> tuple[str | None, str]:
    """The project path of the image a document at `shown` (its path in the project) names
    with `value`, or None and why it is refused."""
    value = value.strip()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", value) or value.startswith("//"):
        return None, "is an address, not an image in the project; copy the image into the project and name its path"
    if not href_inside_project(value, shown):
        return None, "leads out of the project; only images inside the project are published"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(shown.replace("\\", "/")), value))
    if joined.startswith("/"):  # a document outside the project (an absolute path): its own folder
        joined = posixpath.normpath(value)
    if not SAFE_PATH.match(joined):
        return None, "is not a plain path (letters, digits, - _ . in each step, / between them)"
    if posixpath.splitext(joined)[1].lower() not in IMAGE_TYPES:
        return None, f"is not an image the editions show ({', '.join(sorted(IMAGE_TYPES))})"
    return joined, ""


def media_refs(root: etree._Element, shown: str) -> list[MediaRef]:
    """Every <graphic url> and <pb facs> under `root` (a document's <text>), with the
    project path of its image or why it is refused."""
    out = []
    for el in root.iter(*[f"{{{TEI_NS}}}{name}" for name in MEDIA_ATTRS]):
        value = el.get(MEDIA_ATTRS[local(el)])
        if value is None or not value.strip():
            continue
        path, problem = local_path(value, shown)
        out.append(MediaRef(el, value, path, problem))
    return out


def is_image(data: bytes, path: str = "") -> bool:
    """Whether the bytes are those of a PNG, JPEG, GIF or WebP file, or (for a .svg `path`)
    of an SVG drawing that runs nothing and reaches nothing outside itself."""
    if posixpath.splitext(path)[1].lower() == ".svg":
        return safe_svg(data)
    return data.startswith(SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


SVG_NS = "http://www.w3.org/2000/svg"
UNSAFE_SVG = {"script", "foreignObject", "iframe", "object", "embed", "handler", "listener", "set", "animate"}


def safe_svg(data: bytes) -> bool:
    """An SVG drawing with no script, event handler, foreign object or animation, and no
    reference (href, url(), @import) but to its own #ids."""
    tree, problems = parse_xml(data, "image.svg")
    if tree is None or any(p.severity == "error" for p in problems) or tree.getroot().tag != f"{{{SVG_NS}}}svg":
        return False
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el)
        if name.namespace != SVG_NS or name.localname in UNSAFE_SVG or name.localname.startswith("animate"):
            return False
        if name.localname == "style" and _outside(el.text or ""):
            return False
        for attr, value in el.attrib.items():
            attr = etree.QName(attr).localname
            if attr.lower().startswith("on") or (attr == "href" and not value.strip().startswith("#")):
                return False
            if _outside(value):
                return False
    return True


def _outside(css: str) -> bool:
    """Whether a value or style sheet refers outside the drawing (url() not to a #id, @import)."""
    return "@import" in css.lower() or bool(re.search(r"url\(\s*['\"]?(?!#)", css, re.IGNORECASE))


def mime_type(path: str) -> str:
    return IMAGE_TYPES.get(posixpath.splitext(path)[1].lower(), "application/octet-stream")
