"""What a load did, file by file: the counts that must add up, and the problems found.

The JSON form (``assurance ingest --json``) is documented in docs/ingest.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One problem with one row (or with a whole file when ``line`` is None)."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    message: str

    def sentence(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        what = f"column {self.column}" if self.column else "the row"
        value = "" if self.value is None else f" value {self.value!r}"
        return f"{where}, {what}{value}: {self.message} [{self.rule}]"


@dataclass
class FileSummary:
    """Counts for one file. ``read == inserted + updated + unchanged + rejected`` always."""

    path: str
    kind: str
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    status: str = "loaded"  # loaded | rejected | not-loaded
    errors: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.read == self.inserted + self.updated + self.unchanged + self.rejected

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "kind": self.kind,
            "status": self.status,
            "read": self.read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "warnings": self.warnings,
        }
        if self.errors:
            data["errors"] = [asdict(p) for p in self.errors]
            data["error_count"] = self.error_count
        return data


@dataclass
class DeliverySummary:
    """The outcome of loading one delivery."""

    delivery_id: int | None
    files: list[FileSummary]
    loaded: bool
    kept_as: str | None = None
    problems_report: str | None = None
    quarantine: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(f.inserted or f.updated for f in self.files)

    def to_json(self) -> list[dict[str, Any]]:
        return [f.to_json() for f in self.files]
