"""docs/data-contract.md carries exactly the tables the contract definitions generate."""

from __future__ import annotations

from pathlib import Path

from assurance.domain.contract_doc import BEGIN, END, generated

DOC = Path(__file__).resolve().parents[3] / "docs" / "data-contract.md"


def test_doc_tables_match_the_contract() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:stop] == generated(), (
        "docs/data-contract.md is out of date: regenerate its tables with "
        "`python -m assurance.domain.contract_doc`"
    )
