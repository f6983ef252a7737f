"""The encoding reference as docs/encoding-reference.md."""

from __future__ import annotations

from toolkit.model.encoding import AttributeEntry, ElementEntry

NOTICE = (
    "<!-- Generated from schema/tei-edition.xsd by `python -m toolkit.validate.reference`: do not edit. "
    "tests/test_encoding_reference.py fails when it is out of date. -->"
)


def markdown(entries: list[ElementEntry]) -> str:
    out = [
        "# Encoding reference",
        "",
        NOTICE,
        "",
        "Every element and attribute the project schema (`schema/tei-edition.xsd`) admits: what it means in",
        "this edition, where it may stand, what it may contain, and an example, from the corpus (`tei/`) where",
        "one exists, else from `tests/cases/editor/every-element.xml`, the document that uses every element.",
        "The conventions behind them are in `docs/encoding.md`; `tei-edition validate` links each schema",
        "message to the section of its element. The HTML edition publishes this reference as «О разметке».",
        "",
        " · ".join(f"[`{e.name}`](#{e.name})" for e in entries),
        "",
    ]
    for entry in entries:
        out += _element(entry)
    return "\n".join(out).rstrip("\n") + "\n"


def _element(e: ElementEntry) -> list[str]:
    lines = [f'<a id="{e.name}"></a>', "", f"## `<{e.name}>`", "", e.meaning, ""]
    stands = ", ".join(f"[`<{p}>`](#{p})" for p in e.parents) if e.parents else "the root of a file"
    lines.append(f"- **May stand in:** {stands}")
    contains = (["text"] if e.text else []) + [f"[`<{c}>`](#{c})" for c in e.children]
    lines.append(f"- **May contain:** {', '.join(contains) if contains else 'nothing (it is empty)'}")
    if e.attributes:
        lines.append("- **Attributes:**")
        lines += [f"  - {_attribute(a)}" for a in e.attributes]
    else:
        lines.append("- **Attributes:** none")
    if e.example:
        lines += ["", f"Example (`{e.source}`):", "", "```xml", e.example, "```"]
    return [*lines, ""]


def _attribute(a: AttributeEntry) -> str:
    head = f"`@{a.name}`" + (" (required)" if a.required else "")
    if a.values:
        takes = f" Values: {', '.join(f'`{v}`' for v in a.values)}."
    else:
        takes = f" Value: {a.takes.rstrip('.')}." if a.takes else ""
    return f"{head}: {a.meaning}{takes}"
