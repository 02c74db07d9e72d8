"""The pack model: one frozen document, laid out like the meeting's agenda, that every
renderer (HTML, PDF, XLSX) draws from, so the three always say the same thing.

:func:`assurance.pack.assemble.build_model` makes it from a month's measures, its findings and
(optionally) the meeting record. Text in the model is plain text: renderers escape it (HTML)
or pass it as data (typst), so nothing in it can become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from assurance.pack.icons import Icon

Severity = Literal["high", "medium", "low"]
ColumnFormat = Literal["text", "percent", "decimal", "integer", "date", "number", "value"]
"""``value``: formatted by the unit in the row's ``Unit`` column (share, minutes, count...)."""

SEVERITY_LABEL: dict[str, str] = {"high": "Concern", "medium": "Watch", "low": "Note"}
SEVERITY_HEADING: dict[str, str] = {
    "high": "Of concern",
    "medium": "To watch",
    "low": "Good news and for information",
}


@dataclass(frozen=True)
class FindingLine:
    """A finding as the pack prints it."""

    severity: Severity
    kind: str
    measure: str
    measure_title: str
    where: str
    text: str
    section: str
    """The number of the agenda section that discusses it (``4a``)."""
    topic: str
    chart: str | None
    """The id of the pack chart that shows it, when the pack has that chart."""
    good: bool = False
    """Good news: an improvement, or a difference in the better direction."""

    @property
    def tag(self) -> str:
        """The word on the finding's label: it says what the severity means."""
        if self.severity == "low":
            return "Good news" if self.good else "Note"
        return SEVERITY_LABEL[self.severity]


@dataclass(frozen=True)
class Row:
    """One measure in a topic's summary table (display text and the numbers behind it)."""

    measure: str
    title: str
    unit: str
    month_text: str
    year_text: str
    interval_text: str
    target_text: str
    peer_text: str
    variation: Icon | None
    assurance: Icon | None
    month_value: float | None
    year_value: float | None
    lower: float | None
    upper: float | None
    target: float | None
    peer_value: float | None
    cases: float | None
    """The 12-month denominator (survey answers, incidents, audits...), when there is one."""
    note: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart: its Vega-Lite spec, title, and a text alternative made from its data."""

    id: str
    anchor: str
    """An HTML id for links from findings."""
    title: str
    alt: str
    spec: dict[str, Any] = field(hash=False, compare=False)
    caption: str = ""


@dataclass(frozen=True)
class Topic:
    title: str
    intro: str
    findings: tuple[FindingLine, ...]
    rows: tuple[Row, ...]
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class ActionLine:
    """An action still open from an earlier meeting ("Outstanding matters")."""

    number: int
    text: str
    owners: str
    raised: date
    item: str
    due: date | None
    status: str
    overdue_days: int
    latest_update: str = ""


@dataclass(frozen=True)
class Section:
    """An item of the agenda. ``paragraphs`` are plain text; ``findings`` (section 2) and
    ``actions`` (section 1) are listed before any topics."""

    number: str
    title: str
    sub: bool
    paragraphs: tuple[str, ...] = ()
    findings: tuple[FindingLine, ...] = ()
    opportunities: tuple[FindingLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    topics: tuple[Topic, ...] = ()

    @property
    def anchor(self) -> str:
        return f"section-{self.number}"

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.sub else f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Column:
    name: str
    format: ColumnFormat = "text"
    width: int = 14


@dataclass(frozen=True)
class Table:
    """A table behind the pack (one XLSX sheet each)."""

    sheet: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class Pack:
    force: str
    force_name: str
    month: str
    month_name: str
    title: str
    meeting_date: date
    meeting_recorded: bool
    next_meeting: date
    peers: tuple[str, ...]
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    counts: dict[str, int] = field(hash=False, compare=False)
    """Findings by severity, and the tests behind them."""
    about: tuple[str, ...] = ()

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(c for s in self.sections for t in s.topics for c in t.charts)

    @property
    def findings(self) -> tuple[FindingLine, ...]:
        return tuple(f for s in self.sections for t in s.topics for f in t.findings)

    def section(self, number: str) -> Section:
        for s in self.sections:
            if s.number == number:
                return s
        raise KeyError(number)
