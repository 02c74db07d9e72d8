"""Plan targets: is the measure significantly below or above its target (force and areas),
and is it forecast to miss it?

A target test is two-sided: the score test for a proportion (it agrees with the Wilson interval
shown), a z test for a mean, a Poisson z test for a rate. Its p value joins the month's
false-discovery family. Compliance measures (a target of 100%: every case must keep the rule)
are judged case by case in :mod:`assurance.findings.compliance` instead.
"""

from __future__ import annotations

import math

import numpy as np

from assurance.findings.common import RuleInput, chart_id, severity_for, two_sided
from assurance.findings.model import Check, Finding, Kind, Scope
from assurance.findings.text import (
    capitalised,
    number,
    percent,
    percent_range,
    target_text,
    window_text,
    with_interval,
)
from assurance.measures.catalogue import Measure
from assurance.measures.periods import Window, month_key, month_name
from assurance.measures.results import MeasureResult, Value
from assurance.stats.forecast import Forecast, forecast
from assurance.stats.intervals import proportion_test

WINDOW: Window = "12m"


def _p_value(m: Measure, v: Value, target: float) -> float | None:
    if v.value is None or not v.denominator:
        return None
    if m.is_proportion:
        count, total = round(v.numerator or 0.0), round(v.denominator)
        if not 0 < target < 1 or not 0 <= count <= total:
            return None
        return proportion_test(count, total, target).p_value
    if m.statistic == "mean" and v.sd:
        return two_sided((v.value - target) / (v.sd / math.sqrt(v.denominator)))
    if m.statistic == "rate_per_1000" and v.numerator is not None:
        expected = target * v.denominator / 1000.0
        return two_sided((v.numerator - expected) / math.sqrt(expected)) if expected > 0 else None
    return None


def _target_test(
    r: MeasureResult, inp: RuleInput, v: Value, scope: Scope, where: str
) -> Check | None:
    m, target = r.measure, r.target
    assert target is not None
    p = _p_value(m, v, target)
    if p is None or v.value is None:
        return None
    gap = v.value - target
    below = gap < 0
    kind: Kind = "below-target" if below else "above-target"
    period = window_text(WINDOW, inp.month)
    side = "below" if below else "above"
    text = (
        f"{capitalised(m.name)}{where} was {with_interval(v, m)} {period}, significantly {side} "
        f"the {number(target, m) if m.unit != 'share' else target_text(target)} "
        "Police and Crime Plan target."
    )
    finding = Finding(
        measure=m.id,
        window=WINDOW,
        scope=scope,
        kind=kind,
        value=v.value,
        interval=v.interval,
        target=target,
        rule="score-test" if m.is_proportion else "z-test",
        severity=severity_for(m, gap, strong=True),
        text=text,
        p_value=p,
        chart=chart_id("bar", m.id, inp.force, WINDOW),
        evidence=(
            ("numerator", v.numerator),
            ("denominator", v.denominator),
            ("gap", gap),
        ),
    )
    return Check("target", p, finding if p < inp.options.fdr else None)


def target_tests(inp: RuleInput) -> list[Check]:
    """Below- and above-target tests for the force and each area, 12-month window."""
    tests: list[Check] = []
    for r in inp.results():
        m = r.measure
        if r.target is None or m.compliance:
            continue
        scopes = [(r.window(WINDOW), Scope(inp.force), "")]
        area = r.breakdown("area", WINDOW)
        if area is not None:
            for cell in area.cells:
                where = f" in {inp.names.area(cell.key)}"
                scopes.append((cell.value, Scope(inp.force, area=cell.key), where))
        for value, scope, where in scopes:
            test = _target_test(r, inp, value, scope, where)
            if test is not None:
                tests.append(test)
    return tests


def predicted_breaches(inp: RuleInput, already: set[str]) -> list[Check]:
    """Forecast each targeted measure three months ahead; a finding when a miss is likely.

    ``already`` holds the measures already significantly on the wrong side of their target
    (a forecast adds nothing to those). The rule has no p value: it stands on the forecast's
    probability (``Options.forecast_probability``) at the third month.
    """
    tests: list[Check] = []
    for r in inp.results():
        m = r.measure
        if r.target is None or m.compliance or m.direction == "neutral" or m.id in already:
            continue
        values = _tail(r.series.values)
        if len(values) < inp.options.min_spc_points:
            continue
        result = _forecast(np.asarray(values))
        miss = result.probability_missing(r.target, m.direction)[-1]
        if miss < inp.options.forecast_probability:
            continue
        ahead = month_name(month_key(inp.month) + 3)
        mean = result.mean[-1]
        lower, upper = result.lower_80[-1], result.upper_80[-1]
        shown = (
            f"{percent(mean)} (80% prediction interval {percent_range(lower, upper)})"
            if m.unit == "share"
            else f"{number(mean, m)} (80% prediction interval {number(lower, m)} to "
            f"{number(upper, m)})"
        )
        target = target_text(r.target) if m.unit == "share" else number(r.target, m)
        chance = "a more than 99%" if miss > 0.99 else f"a {percent(miss, 0)}"
        text = (
            f"On its recent course, {m.name} is forecast at {shown} in {ahead}: "
            f"{chance} chance of missing the {target} target."
        )
        finding = Finding(
            measure=m.id,
            window="month",
            scope=Scope(inp.force),
            kind="predicted-breach",
            value=mean,
            interval=(lower, upper),
            target=r.target,
            rule="ets-forecast",
            severity="medium",
            text=text,
            chart=chart_id("forecast", m.id, inp.force),
            evidence=(
                ("probability_of_miss", miss),
                ("horizon_months", 3),
                ("model", result.model),
                ("forecast", list(result.mean)),
            ),
        )
        tests.append(Check("forecast", None, finding))
    return tests


#: Months of history before a 12-month seasonal pattern is even considered.
SEASONAL_MONTHS = 48


def _forecast(y: np.ndarray) -> Forecast:
    """The forecast behind a predicted breach.

    A seasonal model is considered only with four years of history, and kept only when its
    AICc beats the model without a season: fitted to two or three years of a series with no
    real season, a seasonal model takes noise for a pattern and its intervals come out too
    narrow (in simulations of 36 stable months it gave a 95% "certain" miss in 5% of cases,
    against none without the season).
    """
    plain = forecast(y, horizon=3, seasonal=False)
    if y.size < SEASONAL_MONTHS:
        return plain
    seasonal = forecast(y, horizon=3, seasonal=True)
    return seasonal if seasonal.aicc < plain.aicc else plain


def _tail(values: tuple[float | None, ...]) -> list[float]:
    """The longest run of months with a value that ends with the latest month."""
    out: list[float] = []
    for v in reversed(values):
        if v is None or not math.isfinite(v):
            break
        out.append(v)
    return out[::-1]
