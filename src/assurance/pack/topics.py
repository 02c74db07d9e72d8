"""The charts of a topic of "holding to account", as it asks for them
(:class:`assurance.pack.agenda.ChartRequest`), from the measure results and the statistics of
:mod:`assurance.pack.analysis`. A builder returns None when the data cannot support its chart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assurance.measures.catalogue import NOT_GIVEN, Measure
from assurance.measures.results import MeasureResult, Series
from assurance.pack import charts as ch
from assurance.pack import charts_compare as cc
from assurance.pack import charts_forecast as chf
from assurance.pack import charts_funnel as cf
from assurance.pack.agenda import ChartRequest, DemandCount
from assurance.pack.analysis import (
    Spc,
    area_funnel,
    outlook,
    peer_funnel,
    spc,
)
from assurance.pack.context import Context, anchor
from assurance.pack.formats import (
    month_long,
    value_text,
)
from assurance.pack.model import Chart
from assurance.pack.rows import demand_measure, demand_spc

STAGES = (
    ("satisfaction.ease_of_contact", "Ease of contact"),
    ("satisfaction.actions_taken", "Actions taken"),
    ("satisfaction.kept_informed", "Kept informed (follow-up)"),
    ("satisfaction.treatment", "Treatment"),
    ("satisfaction.whole_experience", "Whole experience"),
)


def _make(chart_id: str, title: str, alt: str, spec: dict[str, Any], caption: str) -> Chart:
    return Chart(
        id=chart_id, anchor=anchor(chart_id), title=title, alt=alt, spec=spec, caption=caption
    )


SPC_CAPTION = (
    "Each point is a month. The solid grey line is the mean and the dashed lines the process "
    "limits; points outside them, long runs and trends are special causes, marked by shape "
    "and colour."
)
FUNNEL_CAPTION = (
    "Each point is one {units}, placed by its number of cases: the funnel's dashed lines are "
    "95% limits and its solid lines 99.8% limits. A point outside them differs by more than "
    "chance would explain."
)


def spc_chart(ctx: Context, m: Measure, chart: Spc, chart_id: str, what: str, title: str) -> Chart:
    kind = "p′ chart" if chart.kind == "p-prime" else "XmR chart"
    sub = f"{kind}, monthly, {month_long(chart.months[0])} to {month_long(chart.months[-1])}"
    spec = ch.spc_spec(chart, m, title, subtitle=sub)
    return _make(chart_id, title, ch.spc_alt(chart, m, what), spec, SPC_CAPTION)


def group_spc_chart(ctx: Context, r: MeasureResult, series: Series) -> Chart | None:
    """The control chart of one offence group's series."""
    if series.group is None:
        return None
    dimension, key = series.group
    chart = spc(r.measure, series, None)
    if chart is None:
        return None
    group = ctx.names.group(dimension, key)
    chart_id = f"spc/{r.measure.id}/{ctx.force}/{key}"
    title = f"{r.measure.title}: {group}"
    return spc_chart(ctx, r.measure, chart, chart_id, f"{r.measure.name} for {group}", title)


def build_chart(
    ctx: Context, request: ChartRequest, demand: Mapping[str, DemandCount]
) -> Chart | None:
    """The chart a topic asks for, or None when the data cannot support it."""
    if request.kind == "demand":
        d = demand[request.measure]
        chart = demand_spc(ctx, d)
        if chart is None:
            return None
        return spc_chart(
            ctx,
            demand_measure(d),
            chart,
            f"spc/{d.id}/{ctx.force}",
            d.title.lower(),
            f"{d.title} each month",
        )
    r = ctx.result(request.measure)
    if r is None:
        return None
    builder = BUILDERS[request.kind]
    return builder(ctx, r)


def _spc(ctx: Context, r: MeasureResult) -> Chart | None:
    chart = ctx.spc_of(r)
    if chart is None:
        return None
    m = r.measure
    return spc_chart(ctx, m, chart, f"spc/{m.id}/{ctx.force}", m.name, f"{m.title} each month")


def _area_funnel(ctx: Context, r: MeasureResult) -> Chart | None:
    funnel = area_funnel(r, dict(ctx.names.areas))
    if funnel is None:
        return None
    m = r.measure
    title = f"{m.title} by area"
    sub = f"Funnel plot, {ctx.period}, around the force's {value_text(r.window('12m').value, m)}"
    spec = cf.funnel_spec(funnel, m, title, subtitle=sub)
    alt = cf.funnel_alt(funnel, m, f"{m.name} in the {ctx.period}", "areas")
    chart_id = f"funnel/{m.id}/{ctx.force}/area/12m"
    ctx.funnels[chart_id] = funnel
    return _make(chart_id, title, alt, spec, FUNNEL_CAPTION.format(units="area"))


def _peer_funnel(ctx: Context, r: MeasureResult) -> Chart | None:
    funnel = peer_funnel(r, ctx.force_names())
    if funnel is None:
        return None
    m = r.measure
    title = f"{m.title}: the force and its most similar group"
    sub = f"Funnel plot, {ctx.period}; {ctx.names.force(ctx.force)} in bold"
    spec = cf.funnel_spec(funnel, m, title, subtitle=sub)
    alt = cf.funnel_alt(funnel, m, f"{m.name} in the {ctx.period}", "forces")
    chart_id = f"peers/{m.id}/{ctx.force}/12m"
    ctx.funnels[chart_id] = funnel
    return _make(chart_id, title, alt, spec, FUNNEL_CAPTION.format(units="force"))


MIN_CASES = 30
"""Cases a group needs to be drawn among the bars of a share (fewer give intervals so wide
they swamp the chart); the subtitle says how many groups were left out."""


def _bars(ctx: Context, r: MeasureResult, dimension: str) -> tuple[list[cc.Bar], int]:
    """The groups' bars, and how many small groups were left out."""
    b = r.breakdown(dimension, "12m")
    if b is None:
        return [], 0
    bars: list[cc.Bar] = []
    small = 0
    for c in b.cells:
        if c.key == NOT_GIVEN or c.value.value is None:
            continue
        if r.measure.is_proportion and (c.value.denominator or 0) < MIN_CASES:
            small += 1
            continue
        name = ctx.names.group(dimension, c.key)
        bars.append(cc.Bar(name[:1].upper() + name[1:], c.value.value, *_ci(c.value.interval)))
    return bars, small


def _ci(interval: tuple[float, float] | None) -> tuple[float | None, float | None]:
    return (None, None) if interval is None else interval


def _area_bars(ctx: Context, r: MeasureResult) -> Chart | None:
    m = r.measure
    year = r.window("12m")
    bars, _ = _bars(ctx, r, "area")
    if not bars or year.value is None:
        return None
    force = cc.Bar(ctx.names.force(ctx.force), year.value, *_ci(year.interval), highlight=True)
    bars = [force, *sorted(bars, key=lambda b: -b.value)]
    title = f"{m.title}: force and areas"
    sub = f"{ctx.period}; the lines across each bar are 95% confidence intervals"
    spec = cc.bars_spec(bars, m, title, subtitle=sub, target=r.target)
    alt = cc.bars_alt(bars, m, f"{m.name} by area, {ctx.period}", r.target)
    return _make(f"bar/{m.id}/{ctx.force}/12m", title, alt, spec, "")


def _offence_bars(ctx: Context, r: MeasureResult) -> Chart | None:
    m = r.measure
    bars, small = _bars(ctx, r, "offence_group")
    if not bars:
        return None
    bars = sorted(bars, key=lambda b: -b.value)
    if m.unit == "count":
        bars = bars[:12]
    title = f"{m.title} by offence group"
    sub = ctx.period + ("; the 12 largest groups" if m.unit == "count" else "; with 95% intervals")
    if small:
        sub += f"; {small} group{'s' if small != 1 else ''} with under {MIN_CASES} cases left out"
    spec = cc.bars_spec(bars, m, title, subtitle=sub, target=r.target)
    alt = cc.bars_alt(bars, m, f"{m.name} by offence group, {ctx.period}", r.target)
    return _make(f"breakdown/{m.id}/{ctx.force}/offence_group/12m", title, alt, spec, "")


def _stages(ctx: Context, r: MeasureResult) -> Chart | None:
    bars = []
    for measure_id, label in STAGES:
        s = ctx.result(measure_id)
        if s is None or s.window("12m").value is None:
            continue
        v = s.window("12m")
        assert v.value is not None
        bars.append(
            cc.Bar(
                label,
                v.value,
                *_ci(v.interval),
                highlight=measure_id == "satisfaction.kept_informed",
            )
        )
    if not bars:
        return None
    m = r.measure
    title = "Victim satisfaction at each stage"
    sub = f"{ctx.period}; follow-up (kept informed) drawn darker"
    spec = cc.bars_spec(bars, m, title, subtitle=sub, target=r.target)
    alt = cc.bars_alt(bars, m, f"victim satisfaction by stage, {ctx.period}", r.target)
    return _make(f"stages/satisfaction/{ctx.force}/12m", title, alt, spec, "")


def _hours(ctx: Context, r: MeasureResult) -> Chart | None:
    m = r.measure
    b = r.breakdown("hour_of_day", "12m")
    if b is None:
        return None
    hours = sorted(
        (int(c.key), c.value.value)
        for c in b.cells
        if c.key.isdigit() and c.value.value is not None
    )
    if not hours:
        return None
    title = f"{m.title} by hour of the day"
    overall = r.window("12m").value
    sub = f"{ctx.period}; shift-changeover windows shaded; dashed line: all hours"
    if overall is not None:
        sub += f", {value_text(overall, m)}"
    spec = cc.hours_spec(hours, ctx.shift_windows, m, title, overall=overall, subtitle=sub)
    alt = cc.hours_alt(hours, ctx.shift_windows, m, m.name)
    return _make(f"breakdown/{m.id}/{ctx.force}/shift_change/12m", title, alt, spec, "")


def _forecast(ctx: Context, r: MeasureResult) -> Chart | None:
    from assurance.measures.periods import month_key, month_text

    key = month_key(ctx.report.month)
    ahead = tuple(month_text(key + i) for i in (1, 2, 3))
    view = outlook(r, ahead)
    if view is None:
        return None
    m = r.measure
    title = f"{m.title}: forecast for the next three months"
    sub = "Dashed line: forecast; bands: 80% (darker) and 95% prediction intervals"
    spec = chf.forecast_spec(view, m, title, subtitle=sub)
    ctx.outlooks[m.id] = view
    return _make(
        f"forecast/{m.id}/{ctx.force}",
        title,
        chf.forecast_alt(view, m, m.name),
        spec,
        "Exponential smoothing (ETS) of the monthly series.",
    )


def _compliance(ctx: Context, r: MeasureResult) -> Chart | None:
    m = r.measure
    months = r.series.months[-12:]
    nums = r.series.numerators[-12:]
    dens = r.series.denominators[-12:]
    kept = [round(n or 0) for n in nums]
    breaches = [round((d or 0) - (n or 0)) for n, d in zip(nums, dens, strict=True)]
    if not any(dens):
        return None
    cases = {
        "integrity.sso_cancel_authority": "cancelled",
        "disposals.audit_coverage": "issued",
    }.get(m.id, "cases")
    title = f"{m.title}: breaches each month"
    sub = (
        f"Every case must keep the rule; {month_long(months[0])} to {month_long(months[-1])}; "
        f"under each month, the number {cases}"
    )
    spec = cc.compliance_spec(months, kept, breaches, title, cases=cases, subtitle=sub)
    alt = cc.compliance_alt(months, kept, breaches, m.name)
    return _make(f"compliance/{m.id}/{ctx.force}/12m", title, alt, spec, "")


BUILDERS = {
    "spc": _spc,
    "area-funnel": _area_funnel,
    "peer-funnel": _peer_funnel,
    "area-bars": _area_bars,
    "offence-bars": _offence_bars,
    "stages": _stages,
    "hours": _hours,
    "forecast": _forecast,
    "compliance": _compliance,
}
