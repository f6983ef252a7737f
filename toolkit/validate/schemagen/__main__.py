"""`python -m toolkit.validate.schemagen [--check] [XSD]`: write the generated schema files
beside the XSD, or (--check) exit 1 if they are out of date; exit 2 if the XSD cannot be
converted."""

from __future__ import annotations

import sys
from pathlib import Path

from toolkit.validate.schema import XSD
from toolkit.validate.schemagen import generate
from toolkit.validate.xsd import Unsupported


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    xsd_path = Path(next((a for a in args if a != "--check"), XSD))
    try:
        outputs = generate(xsd_path)
    except Unsupported as exc:
        print(f"{xsd_path}: error: cannot convert: {exc}", file=sys.stderr)
        return 2
    stale = [path for path, text in outputs.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    for path in stale:
        if check:
            print(
                f"{path}: out of date with {xsd_path.name}; run python -m toolkit.validate.schemagen", file=sys.stderr
            )
        else:
            path.write_text(outputs[path], encoding="utf-8")
            print(f"{path}: written")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
