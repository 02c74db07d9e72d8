"""The measures report as a terminal table (rich), for ``assurance measures``."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from assurance.measures.catalogue import Measure
from assurance.measures.periods import month_key, month_name
from assurance.measures.results import MeasureResult, MeasuresReport, Value

SPARKS = "▁▂▃▄▅▆▇█"
DIRECTION = {"increase": "↑ better", "decrease": "↓ better", "neutral": "–"}
#: The measures shown for every force by ``assurance measures --all-forces`` (one a theme).
HEADLINES = (
    "satisfaction.whole_experience",
    "response.emergency.within_target",
    "crime.rate_per_1000",
    "outcomes.positive_rate",
    "integrity.recorded_within_24h",
    "disposals.audit_coverage",
)


def shown(v: Value, m: Measure, interval: bool = False) -> str:
    """A value in its unit, with its 95% interval when asked and available."""
    if v.value is None:
        return "no data"
    if m.unit == "share":
        text = f"{100 * v.value:.1f}%"
        if interval and v.interval is not None:
            text += f" ({100 * v.interval[0]:.1f}–{100 * v.interval[1]:.1f})"
        return text
    if m.unit == "minutes":
        return f"{v.value:.1f} min"
    if m.unit == "per 1,000 residents":
        return f"{v.value:.1f}"
    return f"{v.value:,.0f}"


def spark(r: MeasureResult, months: int = 12) -> str:
    """The last months of the series as a sparkline (blank where there is no value)."""
    values = r.series.values[-months:]
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    span = (high - low) or 1.0
    return "".join(
        " " if v is None else SPARKS[min(7, int((v - low) / span * 7.999))] for v in values
    )


def peer_average(r: MeasureResult) -> str:
    others = [c.value for c in r.peers[1:] if c.value.value is not None]
    if not others:
        return ""
    m = r.measure
    if m.denominator and all(v.denominator for v in others):
        num = sum(v.numerator or 0.0 for v in others)
        den = sum(v.denominator or 0.0 for v in others)
        if m.statistic == "rate_per_1000":
            return shown(Value(1000.0 * num / den), m)
        if m.is_proportion:
            return shown(Value(num / den), m)
    return shown(Value(sum(v.value or 0.0 for v in others) / len(others)), m)


def measures_table(report: MeasuresReport) -> Table:
    """One row per measure: the month, the 12 months with interval, target, trend, peers."""
    month = month_name(month_key(report.month))
    table = Table(
        title=f"Measures: {report.force}, {month} (peers: {len(report.peers)})",
        title_justify="left",
    )
    table.add_column("measure")
    table.add_column(month, justify="right")
    table.add_column("12 months (95% CI)", justify="right")
    table.add_column("target", justify="right")
    table.add_column("last 12 months")
    table.add_column("peer average", justify="right")
    table.add_column("direction")
    theme = None
    for r in report.results:
        m = r.measure
        if theme is not None and m.theme != theme:
            table.add_section()
        theme = m.theme
        target = "" if r.target is None else shown(Value(r.target), m)
        table.add_row(
            m.id,
            shown(r.window("month"), m),
            shown(r.window("12m"), m, interval=True),
            target,
            spark(r),
            peer_average(r),
            DIRECTION[m.direction],
        )
    return table


def print_measures(report: MeasuresReport, console: Console | None = None) -> None:
    """Print the measures table (to stdout by default)."""
    (console or Console()).print(measures_table(report))


def forces_table(month: str, reports: Mapping[str, MeasuresReport]) -> Table:
    """One row per force: the 12-month value of each headline measure."""
    table = Table(
        title=f"Measures: {len(reports)} forces, 12 months to {month_name(month_key(month))}",
        title_justify="left",
    )
    table.add_column("force")
    for measure_id in HEADLINES:
        table.add_column(measure_id, justify="right")
    for force, report in reports.items():
        cells = []
        for measure_id in HEADLINES:
            r = report.result(measure_id)
            cells.append(shown(r.window("12m"), r.measure))
        table.add_row(force, *cells)
    return table


def print_forces_measures(
    month: str, reports: Mapping[str, MeasuresReport], console: Console | None = None
) -> None:
    """Print one line per force (``assurance measures --all-forces``)."""
    (console or Console()).print(forces_table(month, reports))
