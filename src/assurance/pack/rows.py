"""The rows of a topic's summary table: a measure's values, interval, target, the most
similar group's value and the variation and assurance icons; and the counts of demand derived
from the response and conversion measures."""

from __future__ import annotations

from assurance.measures.catalogue import Measure
from assurance.measures.results import MeasureResult
from assurance.pack.agenda import DemandCount
from assurance.pack.analysis import Spc, spc
from assurance.pack.context import Context
from assurance.pack.formats import DASH, interval_text, target_text, value_text
from assurance.pack.icons import assurance_icon, variation_icon
from assurance.pack.model import Row


def peer_value(r: MeasureResult) -> float | None:
    """The pooled 12-month value of the most similar group, the force left out."""
    m = r.measure
    others = [c.value for c in r.peers[1:] if c.value.value is not None and c.value.denominator]
    if len(others) < 3 or not (m.is_proportion or m.statistic == "rate_per_1000"):
        return None
    num = sum(v.numerator or 0.0 for v in others)
    den = sum(v.denominator or 0.0 for v in others)
    if den <= 0:
        return None
    return 1000.0 * num / den if m.statistic == "rate_per_1000" else num / den


def row(ctx: Context, r: MeasureResult) -> Row:
    m = r.measure
    month, year = r.window("month"), r.window("12m")
    chart = ctx.spc_of(r)
    variation = variation_icon(chart.variation) if chart else None
    assurance = (
        assurance_icon(chart.assurance)
        if chart and r.target is not None and m.direction != "neutral"
        else None
    )
    peer = peer_value(r)
    note = ""
    if m.compliance and year.denominator:
        breaches = round((year.denominator or 0) - (year.numerator or 0))
        note = f"{breaches} breach{'es' if breaches != 1 else ''} of {year.denominator:,.0f}"
    elif chart is None and not m.compliance:
        note = "Too little history for a control chart"
    return Row(
        measure=m.id,
        title=m.title,
        unit=m.unit,
        month_text=value_text(month.value, m, short=True),
        year_text=value_text(year.value, m, short=True),
        interval_text=interval_text(year.interval, m),
        target_text=target_text(r.target, m),
        peer_text=value_text(peer, m, short=True) if peer is not None else DASH,
        variation=variation,
        assurance=assurance,
        month_value=month.value,
        year_value=year.value,
        lower=year.interval[0] if year.interval else None,
        upper=year.interval[1] if year.interval else None,
        target=r.target,
        peer_value=peer,
        cases=year.denominator if m.denominator else None,
        note=note,
    )


def demand_measure(d: DemandCount) -> Measure:
    return Measure(
        id=d.id,
        title=d.title,
        theme="demand",
        definition=d.definition,
        unit="count",
        direction="neutral",
        statistic="count",
        source="",
        numerator="",
    )


def demand_row(ctx: Context, d: DemandCount) -> Row | None:
    r = ctx.result(d.measure)
    if r is None:
        return None
    m = demand_measure(d)
    month, year = r.window("month").denominator, r.window("12m").denominator
    chart = demand_spc(ctx, d)
    return Row(
        measure=d.id,
        title=d.title,
        unit="count",
        month_text=value_text(month, m),
        year_text=value_text(year, m),
        interval_text=DASH,
        target_text=DASH,
        peer_text=DASH,
        variation=variation_icon(chart.variation) if chart else None,
        assurance=None,
        month_value=month,
        year_value=year,
        lower=None,
        upper=None,
        target=None,
        peer_value=None,
        cases=None,
        note=f"Counted as {d.definition}",
    )


def demand_spc(ctx: Context, d: DemandCount) -> Spc | None:
    r = ctx.result(d.measure)
    if r is None:
        return None
    if d.id not in ctx.spcs:
        ctx.spcs[d.id] = spc(demand_measure(d), r.series, None, values=tuple(r.series.denominators))
    return ctx.spcs[d.id]
