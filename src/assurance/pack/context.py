"""What building a topic needs: the month's measures, display names, the shift-changeover
windows, and the statistics drawn so far (kept for the tables behind the pack)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assurance.findings.text import Names
from assurance.measures.results import MeasureResult, MeasuresReport
from assurance.pack.analysis import Funnel, Outlook, Spc, spc
from assurance.pack.formats import month_long


@dataclass
class Context:
    """What building a topic needs: the month's measures, names, and charts made so far."""

    report: MeasuresReport
    names: Names
    shift_windows: tuple[tuple[int, int], ...]
    spcs: dict[str, Spc | None] = field(default_factory=dict)
    funnels: dict[str, Funnel] = field(default_factory=dict)
    """Funnel plots drawn, by chart id (for the tables behind the pack)."""
    outlooks: dict[str, Outlook] = field(default_factory=dict)

    @property
    def force(self) -> str:
        return self.report.force

    @property
    def period(self) -> str:
        return f"12 months to {month_long(self.report.month)}"

    def result(self, measure_id: str) -> MeasureResult | None:
        try:
            return self.report.result(measure_id)
        except KeyError:
            return None

    def spc_of(self, r: MeasureResult) -> Spc | None:
        key = r.measure.id
        if key not in self.spcs:
            self.spcs[key] = None if r.measure.compliance else spc(r.measure, r.series, r.target)
        return self.spcs[key]

    def force_names(self) -> dict[str, str]:
        return {f: self.names.force(f) for f in (self.force, *self.report.peers)}


def anchor(chart_id: str) -> str:
    """An HTML id from a chart id."""
    return "chart-" + re.sub(r"[^a-z0-9]+", "-", chart_id.lower()).strip("-")
