"""`python -m toolkit.validate.reference [--check] [XSD]`: write docs/encoding-reference.md
from the XSD, with examples from tei/ (its documents, then its registers) and the
every-element document; --check exits 1 if the file is out of date (and writes nothing);
exit 2 if the schema admits an element or attribute it does not describe."""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from toolkit.model.xmlparse import safe_parser
from toolkit.validate.reference import reference, undescribed
from toolkit.validate.reference.markdown import markdown
from toolkit.validate.schema import EVERY_ELEMENT, XSD

ROOT = XSD.parent.parent
DOC = ROOT / "docs" / "encoding-reference.md"


def samples(tei: Path = ROOT / "tei") -> list[tuple[str, etree._ElementTree]]:
    """The sample documents, in order of preference, as (path from the project root, tree)."""
    files = sorted(tei.glob("*.xml")) + sorted((tei / "registers").glob("*.xml"))
    files += [EVERY_ELEMENT] if EVERY_ELEMENT.is_file() else []
    parser = safe_parser()
    return [(path.relative_to(ROOT).as_posix(), etree.parse(str(path), parser)) for path in files]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    xsd = Path(next((a for a in args if a != "--check"), XSD))
    entries = reference(etree.parse(str(xsd)).getroot(), samples())
    missing = undescribed(entries)
    if missing:
        print(
            f"{xsd}: error: the schema admits what it does not describe: {', '.join(missing)}; give each an "
            "xs:annotation/xs:documentation saying what it means in this edition",
            file=sys.stderr,
        )
        return 2
    text = markdown(entries)
    if "--check" in args:
        if not DOC.is_file() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC}: out of date with {XSD.name}; run python -m toolkit.validate.reference", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"{DOC}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
