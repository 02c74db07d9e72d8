"""The column tables of docs/data-contract.md, generated from the contract definitions.

``python -m assurance.domain.contract_doc`` prints them; a test checks the doc holds exactly
these tables, so the documentation cannot drift from what ingestion enforces.
"""

from __future__ import annotations

from assurance.domain.contract import RECORD_FILES, Column, RecordFile
from assurance.domain.police_uk import OUTCOMES, STREET

_TYPE_WORDS = {
    "code": "code",
    "text": "text",
    "integer": "integer",
    "decimal": "decimal",
    "date": "date `YYYY-MM-DD`",
    "datetime": "date-time",
    "month": "month `YYYY-MM`",
    "boolean": "boolean",
    "outcome": "outcome code",
    "measure": "measure id",
}


def _type(col: Column) -> str:
    words = _TYPE_WORDS[col.type]
    if col.minimum is not None and col.maximum is not None:
        words += f" {col.minimum:g}–{col.maximum:g}"
    elif col.minimum is not None:
        words += f" ≥ {col.minimum:g}"
    return words + ("" if col.required else ", optional")


def _notes(col: Column) -> str:
    parts = [col.note] if col.note else []
    if col.codes:
        parts.append(", ".join(f"`{c}`" for c in col.codes))
    return "; ".join(parts)


def table(spec: RecordFile) -> str:
    """The markdown section for one file."""
    lines = [
        f"### `{spec.kind}`",
        "",
        f"{spec.description} Key: `{', '.join(spec.key)}`.",
        "",
        "| column | type | notes |",
        "|---|---|---|",
    ]
    lines += [f"| {c.name} | {_type(c)} | {_notes(c)} |" for c in spec.columns]
    if spec.rules:
        lines += ["", "Row rules (a row that breaks one is rejected):", ""]
        lines += [f"- `{r.name}`: {r.message}." for r in spec.rules]
    if spec.references:
        lines += ["", "References:", ""]
        for ref in spec.references:
            lines.append(
                f"- `{', '.join(ref.columns)}` → `{ref.target}` ({ref.severity}): "
                + ref.message.format(value="…")
                + "."
            )
    return "\n".join(lines)


BEGIN = "<!-- generated from src/assurance/domain/contract.py: begin -->"
END = "<!-- generated from src/assurance/domain/contract.py: end -->"


def generated() -> str:
    """Every file's section, between the markers the doc carries."""
    sections = [table(spec) for spec in (*RECORD_FILES, STREET, OUTCOMES)]
    return BEGIN + "\n\n" + "\n\n".join(sections) + "\n\n" + END


if __name__ == "__main__":  # pragma: no cover
    print(generated())
