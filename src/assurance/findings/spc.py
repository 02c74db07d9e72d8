"""Special causes: the Making Data Count rules on each monthly series.

Every measure's force series is charted (a p′ chart for proportions, an XmR chart otherwise),
and so is each offence group's series for the measures that have them. Only the *latest*
month's point counts: a signal that ended months ago is history, not a finding.

A rule firing is not yet a finding. Each chart is one test in the month's false-discovery
family; its p value measures how far the run of special-cause points that ends with the latest
month sits from the rest of the series, in units of the chart's own short-term variation
(σ̂ = the distance from the centre line to a process limit, divided by 3):

    z = (mean of the run − mean of the other points) / √(Σσ̂²_run / k² + Σσ̂²_rest / m²)

A chart with no signal at the latest point is a test with p = 1. See docs/methodology.md,
"Findings and the false-finding rate".
"""

from __future__ import annotations

import math

import numpy as np

from assurance.findings.common import RuleInput, chart_id, severity_for, two_sided
from assurance.findings.model import Check, Finding, Kind, Scope
from assurance.findings.text import capitalised, month_words, number, with_interval
from assurance.measures.derive import value_of
from assurance.measures.results import MeasureResult, Series, Value
from assurance.stats.pprime import pprime
from assurance.stats.spc import xmr

RULE_WORDS = {
    "outside-limits": "a point outside the process limits",
    "trend": "a run of {k} months each moving the same way",
    "two-of-three": "two of the last three months beyond the two-sigma line",
    "shift": "{k} months in a row on one side of the average",
}


def _run(point_type: tuple[str, ...]) -> int:
    latest = point_type[-1]
    k = 0
    for kind in reversed(point_type):
        if kind != latest:
            break
        k += 1
    return k


def _shift_test(values: np.ndarray, sigma: np.ndarray, k: int) -> tuple[float, float, float]:
    """(z, mean of the run, mean of the rest) for the last ``k`` points against the others."""
    recent, rest = values[-k:], values[:-k]
    s_recent, s_rest = sigma[-k:], sigma[:-k]
    se = math.sqrt(float(np.sum(s_recent**2)) / k**2 + float(np.sum(s_rest**2)) / rest.size**2)
    diff = float(recent.mean() - rest.mean())
    z = diff / se if se > 0 else (math.inf if diff else 0.0)
    return z, float(recent.mean()), float(rest.mean())


def chart_test(
    r: MeasureResult, series: Series, inp: RuleInput, scope: Scope, where: str
) -> Check | None:
    """The special-cause test of one series (None when too short to chart)."""
    m = r.measure
    n = series.usable_months(m.is_proportion)
    if n < inp.options.min_spc_points:
        return None
    values = np.asarray(series.values[-n:], dtype=np.float64)
    counts = np.asarray(series.numerators[-n:], dtype=np.float64)
    totals = np.asarray(series.denominators[-n:], dtype=np.float64)
    # a group's chart needs enough cases a month for its points to be more than the
    # discreteness of small counts (a month of 6 audits is 100% or 83%, nothing between)
    grouped = scope.offence_group is not None and m.denominator is not None
    if grouped and float(np.mean(totals)) < inp.options.min_group_size:
        return None
    proportion = m.is_proportion and bool(np.all(counts <= totals))
    direction = m.direction
    chart = (
        pprime(np.round(counts), np.round(totals), improvement=direction, rules=inp.options.rules)
        if proportion
        else xmr(values, improvement=direction, rules=inp.options.rules)
    )
    latest_rule = chart.rule[-1]
    if latest_rule is None:
        return Check("spc", 1.0, None)
    centre = np.asarray(chart.centre if proportion else chart.mean)  # type: ignore[union-attr]
    upper, lower = np.asarray(chart.upper), np.asarray(chart.lower)
    sigma = np.maximum(upper - centre, centre - lower) / 3.0
    k = _run(chart.point_type)
    if k >= n - 1:
        return Check("spc", 1.0, None)
    z, recent, rest = _shift_test(np.asarray(chart.values), sigma, k)
    p = two_sided(z)
    point = str(chart.point_type[-1])
    kind: Kind = (
        "special-cause-concern"
        if point == "special_cause_concern"
        else "special-cause-improvement"
        if point == "special_cause_improvement"
        else "special-cause-neutral"
    )
    latest = (
        value_of(m, float(counts[-1]), float(totals[-1]))
        if proportion
        else Value(float(values[-1]), float(counts[-1]))
    )
    rising = recent > rest
    how = RULE_WORDS[latest_rule].format(k=k)
    compared = (
        f"against an average of {number(rest, m)} in the {n - 1} months before"
        if k == 1
        else f"the last {k} months averaged {number(recent, m)}, against {number(rest, m)} before"
    )
    text = (
        f"{capitalised(m.name)}{where} was {with_interval(latest, m)} in "
        f"{month_words(inp.month)}: {how} signals a {'rise' if rising else 'fall'} "
        f"({compared})."
    )
    finding = Finding(
        measure=m.id,
        window="month",
        scope=scope,
        kind=kind,
        value=latest.value,
        interval=latest.interval,
        target=r.target,
        rule=latest_rule,
        severity=severity_for(m, recent - rest, strong=scope.offence_group is None),
        text=text,
        p_value=p,
        chart=chart_id("spc", m.id, inp.force, *_suffix(scope, inp.force)),
        evidence=(
            ("chart", "p-prime" if proportion else "xmr"),
            ("points", n),
            ("run_months", k),
            ("run_mean", recent),
            ("earlier_mean", rest),
            ("centre", float(centre[-1])),
            ("lower_limit", float(lower[-1])),
            ("upper_limit", float(upper[-1])),
            ("z", z),
            ("rules_version", inp.options.rules.version),
        ),
    )
    return Check("spc", p, finding)


def _suffix(scope: Scope, force: str) -> list[str]:
    return [scope.label] if scope.label != force else []


def special_causes(inp: RuleInput) -> list[Check]:
    """Charts of every measure's force series and of its offence-group series."""
    tests: list[Check] = []
    for r in inp.results():
        m = r.measure
        if m.compliance:
            continue
        test = chart_test(r, r.series, inp, Scope(inp.force), "")
        if test is not None:
            tests.append(test)
        for s in r.group_series:
            if s.group is None or s.group[0] != "offence_group":
                continue
            key = s.group[1]
            where = f" for {inp.names.group('offence_group', key)}"
            test = chart_test(r, s, inp, Scope(inp.force, offence_group=key), where)
            if test is not None:
                tests.append(test)
    return tests
