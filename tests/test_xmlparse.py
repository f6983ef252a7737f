"""parse_xml refuses broken and hostile input with a located diagnostic, never a traceback.

Each case file in tests/cases/validate/ is pinned to its diagnostic: (code, line, col, severity).
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from lxml import etree

from toolkit.model import xmlparse
from toolkit.model.xmlparse import href_inside_project, parse_xml, safe_parser

CASES = Path(__file__).parent / "cases" / "validate"

REFUSED = {
    "internal-entity.xml": ("xml.doctype", 2, 1),
    "external-entity.xml": ("xml.doctype", 3, 1),
    "external-dtd.xml": ("xml.doctype", 2, 1),
    "parameter-entity.xml": ("xml.doctype", 3, 3),
    "billion-laughs.xml": ("xml.doctype", 2, 1),
    "quadratic-blowup.xml": ("xml.doctype", 2, 1),
    "xinclude.xml": ("xml.xinclude", 5, 20),
    "not-well-formed.xml": ("xml.syntax", 5, 31),
    "empty.xml": ("xml.empty", 1, 1),
    "binary.xml": ("xml.binary", 3, 1),
    "invalid-utf8.xml": ("xml.encoding", 3, 21),
    "utf16-bom.xml": ("xml.encoding", 1, 1),
    "utf16-nobom.xml": ("xml.encoding", 1, 1),
}


def parse_case(name: str):
    path = f"tests/cases/validate/{name}"
    return parse_xml((CASES / name).read_bytes(), path)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_case(name):
    code, line, col = REFUSED[name]
    tree, diagnostics = parse_case(name)
    assert tree is None
    assert [(d.code, d.line, d.col, d.severity) for d in diagnostics] == [(code, line, col, "error")]
    assert diagnostics[0].path == f"tests/cases/validate/{name}"


def test_messages_say_what_to_do():
    assert parse_case("internal-entity.xml")[1][0].message == (
        "DOCTYPE declarations are not allowed in project TEI; remove it"
    )
    assert "save the file as UTF-8" in parse_case("invalid-utf8.xml")[1][0].message
    assert "0xE9" in parse_case("invalid-utf8.xml")[1][0].message
    assert "save the file as UTF-8" in parse_case("utf16-bom.xml")[1][0].message
    syntax = parse_case("not-well-formed.xml")[1][0]
    assert "Opening and ending tag mismatch" in syntax.message
    assert str(syntax).startswith("tests/cases/validate/not-well-formed.xml:5:31: error: not well-formed XML")
    assert str(syntax).endswith("[xml.syntax]")


def test_stylesheet_to_http_is_a_warning_and_never_followed():
    tree, diagnostics = parse_case("stylesheet-http.xml")
    assert tree is not None
    assert [(d.code, d.line, d.col, d.severity) for d in diagnostics] == [("xml.pi-href", 3, 1, "warning")]
    assert "http://example.invalid/steal.xsl" in diagnostics[0].message


def test_valid_files_parse_cleanly():
    for name in ("valid.xml", "registers/persons.xml", "registers/places.xml", "registers/orgs.xml"):
        tree, diagnostics = parse_case(name)
        assert diagnostics == []
        assert tree.getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"


def test_deep_nesting_is_refused_without_recursion(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_bytes(b"<a>\n" * 10_000 + b"</a>" * 10_000)
    tree, diagnostics = parse_xml(path.read_bytes(), "deep.xml")
    assert tree is None
    assert [(d.code, d.line, d.col, d.severity) for d in diagnostics] == [("xml.depth", 257, 1, "error")]


def test_nesting_of_256_is_fine():
    tree, diagnostics = parse_xml(b"<a>" * 256 + b"</a>" * 256, "ok.xml")
    assert tree is not None and diagnostics == []


def test_the_parser_itself_refuses_nesting_of_257():
    """The depth limit is libxml2's own (there is no second walk over the tree): pinned at
    exactly MAX_DEPTH, so a libxml2 with another limit fails here, not in the field."""
    assert xmlparse.MAX_DEPTH == 256
    tree, diagnostics = parse_xml(b"<a>\n" * 257 + b"</a>" * 257, "x.xml")
    assert tree is None
    assert [(d.code, d.line, d.col, d.severity) for d in diagnostics] == [("xml.depth", 257, 1, "error")]
    assert "deeper than 256 levels" in diagnostics[0].message


def test_huge_text_node_does_not_crash():
    data = b"<a>" + b"x" * (11 * 1024 * 1024) + b"</a>"
    tree, diagnostics = parse_xml(data, "huge.xml")
    assert tree is None
    assert [(d.code, d.line, d.severity) for d in diagnostics] == [("xml.size", 1, "error")]


@pytest.mark.parametrize(
    "data, code",
    [
        (b"   \n\t ", "xml.empty"),
        (b"\xef\xbb\xbf", "xml.empty"),
        ("<a/>".encode("utf-32"), "xml.encoding"),
        (b'<?xml version="1.0" encoding="windows-1251"?><a>\xe6</a>', "xml.encoding"),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>', "xml.encoding"),
        (b"<a>&nbsp;</a>", "xml.syntax"),
        (b"<a>\x01</a>", "xml.syntax"),
        (b"<a", "xml.syntax"),
        (b"<a/><b/>", "xml.syntax"),
        (b"<a><!DOCTYPE a></a>", "xml.doctype"),
        (b"<!doctype html><html/>", "xml.doctype"),
        (b'<a xmlns:xi="http://www.w3.org/2003/XInclude"><xi:include href="x.xml"/></a>', "xml.xinclude"),
        (b"<!-- <!DOCTYPE is only text here", "xml.syntax"),
    ],
)
def test_small_refusals(data, code):
    tree, diagnostics = parse_xml(data, "x.xml")
    assert tree is None
    assert [d.code for d in diagnostics] == [code]
    assert all(d.line >= 1 and d.col >= 1 for d in diagnostics)


def test_utf8_with_bom_and_doctype_in_comment_are_fine():
    data = b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>\n<!-- <!DOCTYPE x> --><a><![CDATA[<!ENTITY y>]]></a>'
    tree, diagnostics = parse_xml(data, "x.xml")
    assert diagnostics == [] and tree.getroot().text == "<!ENTITY y>"


def test_nothing_is_removed_silently():
    data = b"<a><!-- note --><?editor check?>\n  <b/>\n</a>"
    tree, _ = parse_xml(data, "x.xml")
    assert etree.tostring(tree) == data


def test_duplicate_ids_are_left_to_the_rules():
    tree, diagnostics = parse_xml(b'<a xml:id="x"><b xml:id="x"/></a>', "x.xml")
    assert tree is not None and diagnostics == []


@pytest.mark.parametrize(
    "href, inside",
    [
        ("../../../schema/tei-edition.rng", True),
        ("../schema/tei-edition.rng", True),
        ("tei.css", True),
        ("../../../../etc/passwd", False),
        ("http://example.org/tei_all.rng", False),
        ("https://example.org/tei_all.rng", False),
        ("file:///etc/passwd", False),
        ("/etc/passwd", False),
        ("//evil.example/x.xsl", False),
        ("C:/x.xsl", False),
    ],
)
def test_pi_href(href, inside):
    assert href_inside_project(href, "tests/cases/validate/x.xml") is inside


def test_xml_model_pointing_outside_is_a_warning():
    data = b'<?xml-model href="file:///etc/schema.rng"?>\n<?xml-model href="../x.rng"?>\n<a/>'
    tree, diagnostics = parse_xml(data, "tei/000.xml")
    assert tree is not None
    assert [(d.code, d.line, d.col, d.severity) for d in diagnostics] == [("xml.pi-href", 1, 1, "warning")]


def test_any_exception_from_lxml_becomes_a_diagnostic(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("libxml2 exploded")

    monkeypatch.setattr(xmlparse.etree, "fromstring", boom)
    tree, diagnostics = parse_xml(b"<a/>", "x.xml")
    assert tree is None
    assert [(d.code, d.line, d.col) for d in diagnostics] == [("xml.syntax", 1, 1)]
    assert "libxml2 exploded" in diagnostics[0].message


# --- hostile input leaks nothing and touches no network ------------------------------------


@pytest.fixture
def listener():
    """A local TCP server that records every connection attempt."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


def _hostile(secret: Path, port: int) -> bytes:
    return f'''<?xml version="1.0"?>
<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/tei.dtd" [
  <!ENTITY % remote SYSTEM "http://127.0.0.1:{port}/evil.dtd">
  <!ENTITY secret SYSTEM "{secret.as_uri()}">
  <!ENTITY web SYSTEM "http://127.0.0.1:{port}/web.txt">
]>
<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:{port}/steal.xsl"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">
  <p>&secret;&web;</p>
  <xi:include href="{secret.as_uri()}" parse="text"/>
</TEI>
'''.encode()


def test_external_entity_never_leaks_and_no_network_is_touched(tmp_path, listener):
    port, hits = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CANARY")
    tree, diagnostics = parse_xml(_hostile(secret, port), "hostile.xml")
    assert tree is None
    assert [d.code for d in diagnostics] == ["xml.doctype"]
    assert all("TOP-SECRET-CANARY" not in str(d) for d in diagnostics)
    assert hits == []


def test_the_lxml_parser_itself_is_configured_safely(tmp_path, listener):
    """Defence in depth: even if the DOCTYPE check were bypassed, lxml expands nothing."""
    port, hits = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CANARY")
    try:
        root = etree.fromstring(_hostile(secret, port), safe_parser())
    except etree.XMLSyntaxError as exc:
        output = str(exc)
    else:
        output = etree.tostring(root, encoding="unicode") + "".join(root.itertext())
    assert "TOP-SECRET-CANARY" not in output
    assert hits == []


def test_the_lxml_parser_leaves_file_entities_unexpanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CANARY")
    data = (f'<!DOCTYPE a [<!ENTITY secret SYSTEM "{secret.as_uri()}">]><a>&secret;</a>').encode()
    root = etree.fromstring(data, safe_parser())
    assert "TOP-SECRET-CANARY" not in etree.tostring(root, encoding="unicode")
    assert "TOP-SECRET-CANARY" not in "".join(root.itertext())


def test_real_passwd_entity_never_leaks():
    tree, diagnostics = parse_case("external-entity.xml")
    assert tree is None
    text = " ".join(str(d) for d in diagnostics)
    assert "root:" not in text and "/bin/" not in text
