"""Comparisons across units: the force's areas on a funnel plot, and the force against its
most similar group.

Areas: every proportion (and the crime rate, as a ratio to the rate expected from population)
is put on a funnel plot of the force's areas over the 12-month window, against the force's own
pooled value. Each area is a test (its two-sided p value from the funnel's z-score, adjusted
for over-dispersion when that was estimated); an area outside the 95% limits whose q value
survives the false-discovery step is an outlier, ``funnel-998`` when outside the 99.8% limits
too, ``funnel-95`` (lower severity) otherwise. With fewer than 10 areas over-dispersion cannot
be estimated reliably, so the exact limits are used, as docs/methodology.md advises.

Peers: the force's 12-month value against the pooled value of its most similar group (the
force itself left out), with Newcombe's interval for the difference and the two-proportion z
test; for the crime rate, the force's share of the group's crimes against its share of the
group's population.
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from assurance.findings.common import RuleInput, chart_id, severity_for, two_sided
from assurance.findings.model import Check, Finding, Scope
from assurance.findings.text import capitalised, number, points, window_text, with_interval
from assurance.measures.catalogue import NOT_GIVEN
from assurance.measures.periods import Window
from assurance.measures.results import MeasureResult
from assurance.stats._arrays import FloatArray
from assurance.stats.funnel import (
    MIN_UNITS_FOR_DISPERSION,
    Adjust,
    FunnelResult,
    funnel_proportions,
    funnel_ratios,
)
from assurance.stats.intervals import difference, proportion_test

WINDOW: Window = "12m"


def _funnel(r: MeasureResult, inp: RuleInput) -> tuple[FunnelResult, list[str]] | None:
    m = r.measure
    area = r.breakdown("area", WINDOW)
    if area is None:
        return None
    cells = [
        c
        for c in area.cells
        if c.key != NOT_GIVEN and c.value.value is not None and c.value.denominator
    ]
    if len(cells) < 3:
        return None
    keys = [c.key for c in cells]
    adjust: Adjust = "auto" if len(cells) >= MIN_UNITS_FOR_DISPERSION else "never"
    grid = inp.options.funnel_grid
    nums = np.array([c.value.numerator or 0.0 for c in cells])
    dens = np.array([c.value.denominator or 0.0 for c in cells])
    if m.is_proportion:
        if np.any(nums > dens):
            return None
        result = funnel_proportions(
            np.round(nums), np.round(dens), labels=keys, adjust=adjust, grid_size=grid
        )
    elif m.statistic == "rate_per_1000":
        rate = nums.sum() / dens.sum()
        result = funnel_ratios(nums, rate * dens, labels=keys, adjust=adjust, grid_size=grid)
    else:
        return None
    return result, keys


#: Below this |z|, with every case count at least ``SCREEN_MIN_CASES``, an area cannot be
#: outside even the 95% exact limits.
SCREEN_Z = 1.5
SCREEN_MIN_CASES = 50


def _area_z(r: MeasureResult) -> tuple[FloatArray, FloatArray] | None:
    """The z-scores a funnel of fewer than 10 areas gives them (exact limits, no
    over-dispersion adjustment), computed as :mod:`assurance.stats.funnel` does, with each
    area's cases for a proportion; None when there is no such funnel."""
    m = r.measure
    area = r.breakdown("area", WINDOW)
    if area is None or not (m.is_proportion or m.statistic == "rate_per_1000"):
        return None
    cells = [
        c.value
        for c in area.cells
        if c.key != NOT_GIVEN and c.value.value is not None and c.value.denominator
    ]
    if not 3 <= len(cells) < MIN_UNITS_FOR_DISPERSION:
        return None
    nums = np.array([v.numerator or 0.0 for v in cells])
    dens = np.array([v.denominator or 0.0 for v in cells])
    if m.is_proportion:
        counts, totals = np.round(nums), np.round(dens)
        theta = float(counts.sum() / totals.sum())
        if not 0.0 < theta < 1.0 or np.any(nums > dens):
            return None
        z = (counts / totals - theta) / np.sqrt(theta * (1.0 - theta) / totals)
        return z, totals
    rate = nums.sum() / dens.sum()
    if not rate > 0:
        return None
    # the Poisson funnel of a rate: no case count makes an area surely inside
    return 2.0 * (np.sqrt(nums) - np.sqrt(1.0 * (rate * dens))), np.zeros(nums.size)


def _area_finding(
    r: MeasureResult, inp: RuleInput, funnel: FunnelResult, keys: list[str], i: int
) -> Finding | None:
    """The finding for the ``i``-th area of a funnel: None when it is within the 95% limits."""
    m, key, flag = r.measure, keys[i], funnel.flag[i]
    if flag == "within":
        return None
    area = r.breakdown("area", WINDOW)
    v = area.cell(key) if area is not None else None
    assert v is not None and v.value is not None
    wide = flag.endswith("998")
    high = funnel.values[i] > funnel.target
    force_value = r.window(WINDOW).value
    centre = number(funnel.target if force_value is None else force_value, m)
    text = (
        f"{capitalised(m.name)} in {inp.names.area(key)} was {with_interval(v, m)} "
        f"{window_text(WINDOW, inp.month)}, {'above' if high else 'below'} the "
        f"{'99.8%' if wide else '95%'} limits of the area funnel plot around the force's "
        f"{centre}."
    )
    return Finding(
        measure=m.id,
        window=WINDOW,
        scope=Scope(inp.force, area=key),
        kind="outlier-high" if high else "outlier-low",
        value=v.value,
        interval=v.interval,
        target=r.target,
        rule="funnel-998" if wide else "funnel-95",
        severity=severity_for(m, 1.0 if high else -1.0, wide) if wide else "low",
        text=text,
        p_value=two_sided(funnel.z_adjusted[i]),
        chart=chart_id("funnel", m.id, inp.force, "area", WINDOW),
        evidence=(
            ("funnel_centre", funnel.target),
            ("lower_95", funnel.lower_95[i]),
            ("upper_95", funnel.upper_95[i]),
            ("lower_998", funnel.lower_998[i]),
            ("upper_998", funnel.upper_998[i]),
            ("z", funnel.z_adjusted[i]),
            ("overdispersion_adjusted", funnel.adjusted),
            ("units", len(keys)),
        ),
    )


class _Deferred:
    """A measure's funnel, computed only when one of its areas is asked for its finding."""

    def __init__(self, r: MeasureResult, inp: RuleInput) -> None:
        self.r, self.inp = r, inp
        self._made: tuple[FunnelResult, list[str]] | None = None
        self._done = False

    def finding(self, i: int) -> Finding | None:
        if not self._done:
            self._made, self._done = _funnel(self.r, self.inp), True
        if self._made is None:
            return None
        funnel, keys = self._made
        return _area_finding(self.r, self.inp, funnel, keys, i)


def _exact_tests(r: MeasureResult, inp: RuleInput, z: FloatArray, cases: FloatArray) -> list[Check]:
    """The tests of a funnel with exact limits, from the areas' z-scores alone.

    An area becomes a finding only when it is outside the 95% limits and its q value is below
    the false discovery rate. Neither can happen to an area whose p value is at least that
    rate (a q value is never below its p value), nor to one well inside ±1.96 with enough
    cases for the binomial to be close to normal. Any other area's finding is deferred: the
    funnel (its exact limits) is computed only if the false-discovery step keeps its test.
    """
    inside = (np.abs(z) < SCREEN_Z) & (cases >= SCREEN_MIN_CASES)
    deferred = _Deferred(r, inp)
    tests = []
    for i, (score, well_inside) in enumerate(zip(z.tolist(), inside.tolist(), strict=True)):
        p = two_sided(score)
        could = p < inp.options.fdr and not well_inside
        tests.append(Check("funnel", p, partial(deferred.finding, i) if could else None))
    return tests


def area_outliers(inp: RuleInput) -> list[Check]:
    """One test per area and funnel; findings for areas outside the 95% limits."""
    tests: list[Check] = []
    for r in inp.results():
        if r.measure.compliance:
            continue
        scores = _area_z(r)
        if scores is not None:
            tests.extend(_exact_tests(r, inp, *scores))
            continue
        made = _funnel(r, inp)
        if made is None:
            continue
        funnel, keys = made
        for i in range(len(keys)):
            p = two_sided(funnel.z_adjusted[i])
            tests.append(Check("funnel", p, _area_finding(r, inp, funnel, keys, i)))
    return tests


def _peer_test(r: MeasureResult) -> tuple[float, float, float, tuple[float, float]] | None:
    """(p, force value, peer value, interval of the difference) or None."""
    m = r.measure
    own = r.peers[0].value if r.peers else None
    others = [c.value for c in r.peers[1:] if c.value.value is not None and c.value.denominator]
    if own is None or own.value is None or not own.denominator or len(others) < 3:
        return None
    num = sum(v.numerator or 0.0 for v in others)
    den = sum(v.denominator or 0.0 for v in others)
    if m.is_proportion:
        a, n_a, b, n_b = round(own.numerator or 0), round(own.denominator), round(num), round(den)
        if not (0 <= a <= n_a and 0 <= b <= n_b and n_b > 0):
            return None
        d = difference(a, n_a, b, n_b)
        return d.p_value, own.value, b / n_b, (d.lower, d.upper)
    if m.statistic == "rate_per_1000" and own.numerator:
        share = own.denominator / (own.denominator + den)
        total = round(own.numerator + num)
        test = proportion_test(round(own.numerator), total, share)
        peer_rate = 1000.0 * num / den
        return test.p_value, own.value, peer_rate, (math.nan, math.nan)
    return None


def peer_comparisons(inp: RuleInput) -> list[Check]:
    """One test per measure compared with the most similar group."""
    tests: list[Check] = []
    for r in inp.results():
        m = r.measure
        if not m.peers or m.compliance:
            continue
        made = _peer_test(r)
        if made is None:
            continue
        p, own, peer, (lower, upper) = made
        if p >= inp.options.fdr:
            tests.append(Check("peers", p, None))
            continue
        higher = own > peer
        gap = (
            f"{points(own - peer)} {'higher' if higher else 'lower'}"
            if m.unit == "share"
            else f"{'higher' if higher else 'lower'}"
        )
        text = (
            f"{capitalised(m.name)} was {number(own, m)} {window_text(WINDOW, inp.month)}, "
            f"{gap} than the average of its most similar group of forces "
            f"({number(peer, m)}, {len(r.peers) - 1} forces)."
        )
        v = r.peers[0].value
        finding = Finding(
            measure=m.id,
            window=WINDOW,
            scope=Scope(inp.force),
            kind="peer-above" if higher else "peer-below",
            value=own,
            interval=v.interval,
            target=r.target,
            rule="msg-difference",
            severity=severity_for(m, own - peer, strong=False),
            text=text,
            p_value=p,
            chart=chart_id("peers", m.id, inp.force, WINDOW),
            evidence=(
                ("peer_value", peer),
                ("difference_lower", lower),
                ("difference_upper", upper),
                ("peers", [c.key for c in r.peers[1:]]),
            ),
        )
        tests.append(Check("peers", p, finding))
    return tests
