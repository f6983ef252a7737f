"""The citable units of a document and their TEI declaration (toolkit/model/citable.py): the
declaration, evaluated as TEI says (XPath with the TEI namespace as default), picks exactly the
ids the reading pages link to; the header with it is valid against tei_all.rng."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import elementpath
import pytest

from toolkit.io.project import load_corpus
from toolkit.model.citable import citable_units, refs_decl, with_refs_decl
from toolkit.model.index import build_index
from toolkit.model.tei import NS, TEI_NS, XML_ID

ROOT = Path(__file__).resolve().parent.parent
APPEAL = "000_5d5ba4abf0d3ebed"


@pytest.fixture(scope="module")
def corpus():
    corpus, _ = load_corpus(ROOT / "tei")
    return corpus


def declared_refs(tree) -> list[str]:
    """Every reference the document's refsDecl yields, evaluated the way a TEI processor does."""
    refs = []
    for cs in tree.getroot().iterfind(".//tei:refsDecl/tei:citeStructure", NS):
        for node in elementpath.select(tree, cs.get("match"), namespaces={"": TEI_NS}):
            refs.append(str(elementpath.select(node, f"string({cs.get('use')})", namespaces={"": TEI_NS})))
    return refs


def test_the_appeal_has_its_clauses_in_document_order(corpus):
    doc = next(d for d in corpus.documents if d.stem == APPEAL)
    units = citable_units(doc.tree)
    ids = [u.id for u in units]
    assert ids[:2] == ["appeal-2019-05-22-opener", "appeal-2019-05-22-PP1"]
    clause3 = next(u for u in units if u.id == "appeal-2019-05-22-3")
    assert (clause3.kind, clause3.n) == ("clause", "3")
    assert "Содействовать развитию контактов" in "".join(clause3.element.itertext())
    assert ids[-1] == "appeal-2019-05-22-closing"


def test_the_declaration_yields_exactly_the_ids_of_the_text(corpus):
    index = build_index(corpus)
    for doc in corpus.documents:
        declared = with_refs_decl(doc.tree)
        refs = declared_refs(declared)
        text_ids = [str(i) for i in doc.tree.getroot().find("tei:text", NS).xpath(".//@xml:id")]
        assert sorted(refs) == sorted(text_ids), doc.stem
        # every occurrence the indexes link to that has an xml:id anchor is a declared unit
        anchored = {o.anchor for occs in index.occurrences.values() for o in occs if o.docid == doc.docid}
        assert {a for a in anchored if a in text_ids} <= set(refs)


def test_one_structure_per_kind_flat_and_by_id(corpus):
    news = next(d for d in corpus.documents if d.stem.startswith("003_"))
    decl = refs_decl(citable_units(news.tree))
    kinds = [cs.get("unit") for cs in decl]
    assert kinds == ["paragraph", "item"]
    assert all(cs.get("use") == "@xml:id" and cs.get("match").startswith("/TEI/text//") for cs in decl)
    assert all(len(cs) == 0 for cs in decl)  # flat: no nested structure


def test_residue_and_header_are_not_citable(corpus):
    doc = next(d for d in corpus.documents if d.stem.startswith("004_"))
    tree = with_refs_decl(doc.tree)
    residue = tree.getroot().find(".//tei:back/tei:div", NS)
    residue[0].set(XML_ID, "residue-id")
    assert "residue-id" not in declared_refs(tree)
    assert "residue-id" not in [u.id for u in citable_units(tree)]
    assert doc.docid not in declared_refs(tree)


def test_with_refs_decl_copies_and_replaces(corpus):
    doc = corpus.documents[0]
    before = doc.data
    once = with_refs_decl(doc.tree)
    twice = with_refs_decl(once)
    assert len(twice.getroot().findall(".//tei:refsDecl", NS)) == 1
    enc = twice.getroot().find(".//tei:encodingDesc", NS)
    names = [c.tag.rpartition("}")[2] for c in enc]
    assert names.index("refsDecl") == names.index("listPrefixDef") - 1
    assert doc.tree.getroot().find(".//tei:refsDecl", NS) is None and doc.data == before


def test_declared_documents_are_valid_tei(corpus, tmp_path):
    pyjing = shutil.which("pyjing", path=str(Path(sys.executable).parent))
    if not pyjing or not shutil.which("java"):
        pytest.skip("jing or Java missing (make test installs them)")
    from toolkit.model.serialize import to_bytes

    files = []
    for doc in corpus.documents:
        out = tmp_path / f"{doc.stem}.xml"
        out.write_bytes(to_bytes(with_refs_decl(doc.tree)))
        files.append(str(out))
    run = subprocess.run([pyjing, str(ROOT / "schema" / "tei_all.rng"), *files], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
