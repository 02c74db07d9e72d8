"""Every table behind the pack, as plain rows (one XLSX sheet each): the summary tables, the
findings, the outstanding actions, and the data under every chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assurance.findings.model import Finding
from assurance.measures.results import MeasuresReport, Value
from assurance.pack.model import Column, ColumnFormat, Pack, Table

if TYPE_CHECKING:
    from assurance.pack.context import Context

POINT_WORDS = {
    "common_cause": "Common cause",
    "special_cause_concern": "Special cause: concern",
    "special_cause_improvement": "Special cause: improvement",
    "special_cause_neutral_high": "Special cause: neutral, higher",
    "special_cause_neutral_low": "Special cause: neutral, lower",
}


def _c(name: str, fmt: ColumnFormat = "text", width: int = 14) -> Column:
    return Column(name, fmt, width)


#: The columns of one measured value: the value, its numerator and denominator, its interval.
_VALUE_COLUMNS = (
    _c("Value", "value"),
    _c("Numerator", "decimal"),
    _c("Denominator", "decimal"),
    _c("95% CI lower", "value"),
    _c("95% CI upper", "value"),
)


def _value_cells(v: Value) -> tuple[Any, ...]:
    """A measured value as the cells of ``_VALUE_COLUMNS``."""
    lower, upper = v.interval or (None, None)
    return (v.value, v.numerator, v.denominator, lower, upper)


def _summary(pack: Pack) -> Table:
    rows = []
    for s in pack.sections:
        for t in s.topics:
            for r in t.rows:
                rows.append(
                    (
                        s.number,
                        t.title,
                        r.measure,
                        r.title,
                        r.unit,
                        r.month_value,
                        r.year_value,
                        r.lower,
                        r.upper,
                        r.target,
                        r.peer_value,
                        r.cases,
                        r.variation.label if r.variation else "",
                        r.assurance.label if r.assurance else "",
                        r.note,
                    )
                )
    columns = (
        _c("Section", width=8),
        _c("Topic", width=28),
        _c("Measure id", width=34),
        _c("Measure", width=44),
        _c("Unit", width=18),
        _c(f"{pack.month_name}", "value"),
        _c(f"12 months to {pack.month_name}", "value", 16),
        _c("95% CI lower", "value"),
        _c("95% CI upper", "value"),
        _c("Target", "value", 10),
        _c("Most similar group", "value", 16),
        _c("Cases (12 months)", "integer", 16),
        _c("Variation", width=26),
        _c("Assurance", width=26),
        _c("Note", width=40),
    )
    return Table("Summary", "Summary of every measure", columns, tuple(rows))


def _findings(pack: Pack, report: MeasuresReport, findings: Sequence[Finding]) -> Table:
    placed = {(f.measure, f.text): f for f in pack.findings}
    rows = []
    for f in findings:
        line = placed.get((f.measure, f.text))
        unit = _unit(report, f.measure)
        rows.append(
            (
                f.severity,
                line.section if line else "",
                line.topic if line else "",
                f.kind,
                f.measure,
                unit,
                line.where if line else f.scope.label,
                f.window,
                f.value,
                f.interval[0] if f.interval else None,
                f.interval[1] if f.interval else None,
                f.target,
                f.rule or "",
                f.p_value,
                f.q_value,
                f.text,
            )
        )
    columns = (
        _c("Severity", width=10),
        _c("Section", width=8),
        _c("Topic", width=26),
        _c("Kind", width=24),
        _c("Measure id", width=34),
        _c("Unit", width=18),
        _c("Where", width=26),
        _c("Window", width=8),
        _c("Value", "value"),
        _c("Interval lower", "value"),
        _c("Interval upper", "value"),
        _c("Target", "value", 10),
        _c("Rule", width=18),
        _c("p value", "number", 12),
        _c("q value", "number", 12),
        _c("Finding", width=100),
    )
    return Table("Findings", "Every finding, most severe first", columns, tuple(rows))


def _unit(report: MeasuresReport, measure_id: str) -> str:
    try:
        return report.result(measure_id).measure.unit
    except KeyError:
        return "count" if measure_id.startswith("demand.") else ""


def _actions(pack: Pack) -> Table:
    rows = tuple(
        (
            a.number,
            a.text,
            a.owners,
            a.raised,
            a.item,
            a.due,
            a.status,
            a.overdue_days,
            a.latest_update,
        )
        for a in pack.section("1").actions
    )
    columns = (
        _c("Action", "integer", 8),
        _c("What is to be done", width=70),
        _c("Owners", width=12),
        _c("Raised", "date", 12),
        _c("Agenda item", width=30),
        _c("Due", "date", 12),
        _c("Status", width=12),
        _c("Working days overdue", "integer", 12),
        _c("Latest update", width=50),
    )
    return Table("Outstanding actions", "Actions open from earlier meetings", columns, rows)


def _series(report: MeasuresReport) -> Table:
    rows: list[tuple[Any, ...]] = []
    for r in report.results:
        m = r.measure
        for series in (r.series, *r.group_series):
            group = series.group[1] if series.group else ""
            for mo, v, n, d in zip(
                series.months, series.values, series.numerators, series.denominators, strict=True
            ):
                if v is None:
                    continue
                rows.append((m.id, m.unit, group, mo, v, n, d))
    columns = (
        _c("Measure id", width=34),
        _c("Unit", width=18),
        _c("Offence group", width=26),
        _c("Month", width=10),
        _c("Value", "value"),
        _c("Numerator", "decimal"),
        _c("Denominator", "decimal"),
    )
    return Table(
        "Monthly series", "Every monthly series (force, and offence groups)", columns, tuple(rows)
    )


def _breakdowns(report: MeasuresReport) -> Table:
    rows = []
    for r in report.results:
        m = r.measure
        for b in r.breakdowns:
            for cell in b.cells:
                rows.append(
                    (m.id, m.unit, b.dimension, b.window, cell.key, *_value_cells(cell.value))
                )
    columns = (
        _c("Measure id", width=34),
        _c("Unit", width=18),
        _c("Breakdown", width=14),
        _c("Window", width=8),
        _c("Group", width=28),
        *_VALUE_COLUMNS,
    )
    return Table("Breakdowns", "Every breakdown, both windows", columns, tuple(rows))


def _peers(report: MeasuresReport) -> Table:
    rows = []
    for r in report.results:
        for i, cell in enumerate(r.peers):
            this = "yes" if i == 0 else ""
            rows.append((r.measure.id, r.measure.unit, cell.key, this, *_value_cells(cell.value)))
    columns = (
        _c("Measure id", width=34),
        _c("Unit", width=18),
        _c("Force", width=18),
        _c("This force", width=10),
        *_VALUE_COLUMNS,
    )
    return Table(
        "Peer forces", "The force and its most similar group, 12 months", columns, tuple(rows)
    )


def _control(report: MeasuresReport, ctx: Context) -> Table:
    rows = []
    for measure_id, chart in ctx.spcs.items():
        if chart is None:
            continue
        unit = _unit(report, measure_id)
        for i, mo in enumerate(chart.months):
            rows.append(
                (
                    measure_id,
                    unit,
                    chart.kind,
                    mo,
                    chart.values[i],
                    chart.centre[i],
                    chart.lower[i],
                    chart.upper[i],
                    chart.lower_two_sigma[i],
                    chart.upper_two_sigma[i],
                    POINT_WORDS.get(chart.point_type[i], ""),
                    chart.rule[i] or "",
                )
            )
    columns = (
        _c("Measure id", width=34),
        _c("Unit", width=18),
        _c("Chart", width=9),
        _c("Month", width=10),
        _c("Value", "value"),
        _c("Mean", "value"),
        _c("Lower limit", "value"),
        _c("Upper limit", "value"),
        _c("Lower two-sigma", "value"),
        _c("Upper two-sigma", "value"),
        _c("Point", width=28),
        _c("Rule", width=16),
    )
    return Table("Control charts", "Control chart lines and points", columns, tuple(rows))


def _funnels(report: MeasuresReport, ctx: Context) -> Table:
    rows = []
    for chart_id, funnel in ctx.funnels.items():
        r = funnel.result
        measure_id = chart_id.split("/")[1]
        for i, label in enumerate(r.labels):
            rows.append(
                (
                    chart_id,
                    label,
                    funnel.names[i],
                    r.numerators[i],
                    r.denominators[i],
                    r.values[i],
                    r.target,
                    r.lower_95[i],
                    r.upper_95[i],
                    r.lower_998[i],
                    r.upper_998[i],
                    r.flag[i],
                    _unit(report, measure_id),
                )
            )
    columns = (
        _c("Chart", width=50),
        _c("Unit code", width=22),
        _c("Name", width=22),
        _c("Numerator", "decimal"),
        _c("Denominator or expected", "decimal", 16),
        _c("Value or ratio", "number"),
        _c("Centre", "number"),
        _c("Lower 95%", "number"),
        _c("Upper 95%", "number"),
        _c("Lower 99.8%", "number"),
        _c("Upper 99.8%", "number"),
        _c("Flag", width=18),
        _c("Measure unit", width=18),
    )
    return Table("Funnel plots", "Funnel plot units and their limits", columns, tuple(rows))


def _forecasts(report: MeasuresReport, ctx: Context) -> Table:
    rows = []
    for measure_id, view in ctx.outlooks.items():
        f = view.forecast
        for i, mo in enumerate(view.months):
            rows.append(
                (
                    measure_id,
                    _unit(report, measure_id),
                    mo,
                    f.mean[i],
                    f.lower_80[i],
                    f.upper_80[i],
                    f.lower_95[i],
                    f.upper_95[i],
                    f.model,
                )
            )
    columns = (
        _c("Measure id", width=34),
        _c("Unit", width=18),
        _c("Month", width=10),
        _c("Forecast", "value"),
        _c("80% lower", "value"),
        _c("80% upper", "value"),
        _c("95% lower", "value"),
        _c("95% upper", "value"),
        _c("Model", width=10),
    )
    return Table("Forecasts", "Forecasts for the next three months", columns, tuple(rows))


def tables(
    pack: Pack, report: MeasuresReport, findings: Sequence[Finding], ctx: Context
) -> tuple[Table, ...]:
    """Every table behind ``pack`` (``ctx`` holds the charts' statistics)."""
    out = [
        _summary(pack),
        _findings(pack, report, findings),
        _actions(pack),
        _series(report),
        _breakdowns(report),
        _peers(report),
        _control(report, ctx),
        _funnels(report, ctx),
        _forecasts(report, ctx),
    ]
    return tuple(
        t for t in out if t.rows or t.sheet in ("Summary", "Findings", "Outstanding actions")
    )
