"""The statistics the pack draws, computed from measure results with the stats core.

The findings engine makes the same charts to decide what is a finding; the pack makes them
again with the same choices (a p′ chart for a proportion, an XmR chart otherwise, over the
unbroken run of months that ends with the reporting month; the funnel of the force's areas
around the force's value) so that what the pack shows is what the findings rest on. Each
function returns None when there is too little to draw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from assurance.measures.catalogue import NOT_GIVEN, Measure
from assurance.measures.results import Cell, MeasureResult, Series
from assurance.stats.forecast import Forecast, forecast
from assurance.stats.funnel import (
    MIN_UNITS_FOR_DISPERSION,
    Adjust,
    FunnelResult,
    funnel_proportions,
    funnel_ratios,
)
from assurance.stats.pprime import PPrimeResult, pprime
from assurance.stats.spc import XmrResult, xmr
from assurance.stats.spc_rules import DEFAULT_RULES, RuleSet

MIN_SPC_POINTS = 24
"""Months of unbroken history a control chart needs (as the findings engine asks)."""
FUNNEL_GRID = 80
"""Points along each funnel limit line."""
HORIZON = 3


@dataclass(frozen=True)
class Spc:
    """A control chart of one series, whichever kind it is, with the months it covers."""

    kind: str
    """``p-prime`` or ``xmr``."""
    months: tuple[str, ...]
    values: tuple[float, ...]
    centre: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    lower_two_sigma: tuple[float, ...]
    upper_two_sigma: tuple[float, ...]
    point_type: tuple[str, ...]
    rule: tuple[str | None, ...]
    variation: str
    assurance: str | None
    target: float | None
    rules_version: str

    @property
    def flagged(self) -> int:
        return sum(1 for p in self.point_type if p != "common_cause")


def spc(
    m: Measure,
    series: Series,
    target: float | None,
    *,
    values: tuple[float | None, ...] | None = None,
    rules: RuleSet = DEFAULT_RULES,
    min_points: int = MIN_SPC_POINTS,
) -> Spc | None:
    """The control chart of ``series`` (or of ``values`` over its months, for a derived count
    such as the number of emergency incidents, charted as an XmR)."""
    if values is not None:
        n = 0
        for v in reversed(values):
            if v is None or not math.isfinite(v):
                break
            n += 1
        if n < min_points:
            return None
        chart = xmr(np.asarray(values[-n:], dtype=np.float64), improvement="neutral", rules=rules)
        return _wrap("xmr", series.months[-n:], chart, None, rules)
    n = series.usable_months(m.is_proportion)
    if n < min_points:
        return None
    counts = np.asarray(series.numerators[-n:], dtype=np.float64)
    totals = np.asarray(series.denominators[-n:], dtype=np.float64)
    improvement = m.direction
    if m.is_proportion and bool(np.all(counts <= totals)):
        if target is not None and not 0.0 <= target <= 1.0:
            target = None
        p_chart = pprime(
            np.round(counts), np.round(totals), improvement=improvement, target=target, rules=rules
        )
        return _wrap("p-prime", series.months[-n:], p_chart, target, rules)
    x_chart = xmr(
        np.asarray(series.values[-n:], dtype=np.float64),
        improvement=improvement,
        target=target,
        rules=rules,
    )
    return _wrap("xmr", series.months[-n:], x_chart, target, rules)


def _wrap(
    kind: str,
    months: tuple[str, ...],
    chart: XmrResult | PPrimeResult,
    target: float | None,
    rules: RuleSet,
) -> Spc:
    centre = chart.centre if isinstance(chart, PPrimeResult) else chart.mean
    return Spc(
        kind=kind,
        months=tuple(months),
        values=chart.values,
        centre=centre,
        lower=chart.lower,
        upper=chart.upper,
        lower_two_sigma=chart.lower_two_sigma,
        upper_two_sigma=chart.upper_two_sigma,
        point_type=tuple(str(p) for p in chart.point_type),
        rule=tuple(chart.rule),
        variation=str(chart.variation),
        assurance=chart.assurance,
        target=target,
        rules_version=rules.version,
    )


@dataclass(frozen=True)
class Funnel:
    """A funnel plot of units (areas or forces), with display names and the unit to mark."""

    result: FunnelResult
    names: tuple[str, ...]
    highlight: str | None
    """The label of the unit drawn out (the force among its peers), if any."""
    rate: bool
    """True when the units are rates per 1,000 residents drawn as ratios to expected."""
    per: float = 1.0
    """For rates: the overall crimes per resident (expected = per × population)."""


def _cells(cells: tuple[Cell, ...]) -> list[Cell]:
    return [
        c
        for c in cells
        if c.key != NOT_GIVEN and c.value.value is not None and (c.value.denominator or 0) > 0
    ]


def _funnel(m: Measure, cells: list[Cell], grid: int) -> FunnelResult | None:
    if len(cells) < 3:
        return None
    keys = [c.key for c in cells]
    nums = np.array([c.value.numerator or 0.0 for c in cells])
    dens = np.array([c.value.denominator or 0.0 for c in cells])
    adjust: Adjust = "auto" if len(cells) >= MIN_UNITS_FOR_DISPERSION else "never"
    if m.is_proportion:
        if np.any(nums > dens):
            return None
        return funnel_proportions(
            np.round(nums), np.round(dens), labels=keys, adjust=adjust, grid_size=grid
        )
    if m.statistic == "rate_per_1000" and nums.sum() > 0:
        rate = nums.sum() / dens.sum()
        return funnel_ratios(
            np.round(nums), rate * dens, labels=keys, adjust=adjust, grid_size=grid
        )
    return None


def area_funnel(r: MeasureResult, area_name: dict[str, str]) -> Funnel | None:
    """The force's areas over the 12 months, around the force's own value."""
    b = r.breakdown("area", "12m")
    if b is None:
        return None
    cells = _cells(b.cells)
    result = _funnel(r.measure, cells, FUNNEL_GRID)
    if result is None:
        return None
    names = tuple(area_name.get(c.key, c.key) for c in cells)
    return Funnel(result, names, None, *_rate(r, cells))


def peer_funnel(r: MeasureResult, force_name: dict[str, str]) -> Funnel | None:
    """The force and each force of its most similar group, over the 12 months."""
    if not r.measure.peers or len(r.peers) < 4:
        return None
    cells = _cells(r.peers)
    result = _funnel(r.measure, cells, FUNNEL_GRID)
    if result is None:
        return None
    names = tuple(force_name.get(c.key, c.key) for c in cells)
    return Funnel(result, names, r.force, *_rate(r, cells))


def _rate(r: MeasureResult, cells: list[Cell]) -> tuple[bool, float]:
    if r.measure.statistic != "rate_per_1000":
        return False, 1.0
    people = sum(c.value.denominator or 0.0 for c in cells)
    return True, sum(c.value.numerator or 0.0 for c in cells) / people


@dataclass(frozen=True)
class Outlook:
    """A forecast of the next months, with the months it forecasts and what it is against."""

    months: tuple[str, ...]
    history: tuple[str, ...]
    values: tuple[float, ...]
    forecast: Forecast
    target: float | None
    probability_of_miss: float | None


def outlook(r: MeasureResult, months_ahead: tuple[str, ...], history: int = 24) -> Outlook | None:
    """The ETS forecast of a measure's series (the findings' predicted-breach rule uses the
    same forecast); the last ``history`` months are kept for drawing."""
    m = r.measure
    n = r.series.usable_months(m.is_proportion)
    if n < MIN_SPC_POINTS:
        return None
    values = np.asarray(r.series.values[-n:], dtype=np.float64)
    result = forecast(values, horizon=len(months_ahead))
    miss = None
    if r.target is not None and m.direction != "neutral":
        miss = result.probability_missing(r.target, m.direction)[-1]
    keep = min(history, n)
    return Outlook(
        months=months_ahead,
        history=tuple(r.series.months[-keep:]),
        values=tuple(float(v) for v in values[-keep:]),
        forecast=result,
        target=r.target,
        probability_of_miss=miss,
    )
