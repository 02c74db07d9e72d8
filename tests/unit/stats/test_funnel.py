"""Funnel plots: exact limits against direct quantile searches, τ² by hand, and flags."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy import stats

from assurance.stats.funnel import (
    funnel_limits,
    funnel_proportions,
    funnel_ratios,
    overdispersion,
    winsorise,
)


def interpolated_limit(cdf: list[float], tail: float) -> float:
    """Spiegelhalter's interpolated quantile, by a plain search over a table of the CDF."""
    r = next(k for k, value in enumerate(cdf) if value >= tail)
    below = cdf[r - 1] if r > 0 else 0.0
    alpha = (cdf[r] - tail) / (cdf[r] - below)
    return r - alpha


@pytest.mark.parametrize("n", [5, 20, 137, 1000])
@pytest.mark.parametrize("theta", [0.05, 0.5, 0.85])
@pytest.mark.parametrize("tail", [0.001, 0.025, 0.975, 0.999])
def test_binomial_limits_match_a_direct_quantile_search(n: int, theta: float, tail: float) -> None:
    cdf = [float(stats.binom.cdf(k, n, theta)) for k in range(n + 1)]
    expected = min(max(interpolated_limit(cdf, tail) / n, 0.0), 1.0)
    limits = funnel_limits([n], kind="proportion", target=theta)
    got = {0.025: limits.lower_95, 0.975: limits.upper_95, 0.001: limits.lower_998}.get(
        tail, limits.upper_998
    )[0]
    assert got == pytest.approx(expected, abs=1e-12)
    # The uninterpolated quantile brackets it.
    r = stats.binom.ppf(tail, n, theta)
    assert (r - 1) / n - 1e-12 <= got <= r / n + 1e-12


@pytest.mark.parametrize("expected_count", [0.7, 4.0, 25.5, 300.0])
@pytest.mark.parametrize("tail", [0.001, 0.025, 0.975, 0.999])
def test_poisson_limits_match_a_direct_quantile_search(expected_count: float, tail: float) -> None:
    cdf = [float(stats.poisson.cdf(k, expected_count)) for k in range(2000)]
    expected = max(interpolated_limit(cdf, tail) / expected_count, 0.0)
    limits = funnel_limits([expected_count], kind="ratio", target=1.0)
    got = {0.025: limits.lower_95, 0.975: limits.upper_95, 0.001: limits.lower_998}.get(
        tail, limits.upper_998
    )[0]
    assert got == pytest.approx(expected, abs=1e-12)


def test_exact_limits_approach_the_normal_ones_for_large_denominators() -> None:
    n, theta = 200_000, 0.3
    limits = funnel_limits([n], kind="proportion", target=theta)
    se = np.sqrt(theta * (1 - theta) / n)
    assert limits.upper_998[0] == pytest.approx(theta + 3.0902 * se, abs=2e-5)
    assert limits.lower_95[0] == pytest.approx(theta - 1.96 * se, abs=2e-5)


def test_winsorising_pulls_in_the_tails() -> None:
    # Eleven values: numpy's 10th and 90th percentiles fall exactly on the 2nd and 10th.
    z = [-9.0, -2.0, -1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 8.0]
    assert list(winsorise(z)) == [-2.0, -2.0, -1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.0]
    assert list(winsorise(z, 0.0)) == z


def test_tau2_by_hand_without_winsorising() -> None:
    z = [-2.0, -1.0, 0.0, 1.0, 3.0]
    s = [0.1, 0.2, 0.1, 0.05, 0.1]
    result = overdispersion(z, s, winsor_fraction=0.0)
    # phi = (4 + 1 + 0 + 1 + 9) / 5 = 3; I·phi = 15 on 4 degrees of freedom.
    assert result.phi == pytest.approx(3.0)
    assert result.statistic == pytest.approx(15.0)
    assert result.p_value == pytest.approx(stats.chi2.sf(15.0, 4))
    # w = 1/s² = 100, 25, 100, 400, 100: Σw = 725, Σw² = 190625.
    assert result.tau2 == pytest.approx((15.0 - 4.0) / (725.0 - 190625.0 / 725.0))


def test_tau2_by_hand_with_winsorising() -> None:
    z = [-9.0, -2.0, -1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 8.0]
    s = [0.1] * 11
    result = overdispersion(z, s)
    squares = [4.0, 4.0, 1.0, 0.0, 0.25, 1.0, 2.25, 4.0, 6.25, 9.0, 9.0]
    phi = sum(squares) / 11
    assert result.phi == pytest.approx(phi)
    # Equal weights w = 100: Σw − Σw²/Σw = 1100 − 100 = 1000.
    assert result.tau2 == pytest.approx((11 * phi - 10) / 1000.0)


def test_tau2_is_zero_without_overdispersion() -> None:
    assert overdispersion([0.1, -0.2, 0.3, 0.0], [1.0] * 4).tau2 == 0.0


def test_binomial_units_are_not_overdispersed_and_flags_follow_the_limits() -> None:
    rng = np.random.default_rng(20160501)
    totals = rng.integers(200, 2000, size=40)
    counts = rng.binomial(totals, 0.8)
    counts[0] = int(totals[0] * 0.6)  # one clear low outlier
    result = funnel_proportions(counts, totals)
    assert result.target == pytest.approx(counts.sum() / totals.sum())
    assert not result.adjusted and result.limits_method == "exact"
    assert result.flag[0] == "outlier-low-998"
    for value, low95, high95, low998, high998, flag in zip(
        result.values,
        result.lower_95,
        result.upper_95,
        result.lower_998,
        result.upper_998,
        result.flag,
        strict=True,
    ):
        if flag == "within":
            assert low95 <= value <= high95
        elif flag in ("high-95", "low-95"):
            assert low998 <= value <= high998
    assert result.grid.denominators[0] < min(totals) < max(totals) < result.grid.denominators[-1]
    assert all(lo <= hi for lo, hi in zip(result.grid.lower_998, result.grid.lower_95, strict=True))


def test_overdispersed_units_get_wider_limits() -> None:
    rng = np.random.default_rng(7)
    totals = rng.integers(500, 5000, size=30)
    rates = rng.beta(80, 20, size=30)  # areas really differ
    counts = rng.binomial(totals, rates)
    result = funnel_proportions(counts, totals)
    assert result.overdispersed and result.adjusted and result.tau2 > 0
    never = funnel_proportions(counts, totals, adjust="never")
    assert not never.adjusted
    assert sum(f != "within" for f in result.flag) < sum(f != "within" for f in never.flag)
    se = np.sqrt(result.target * (1 - result.target) / np.asarray(totals))
    expected_z = (np.asarray(result.values) - result.target) / np.sqrt(se**2 + result.tau2)
    assert np.allclose(result.z_adjusted, expected_z)
    assert np.allclose(
        result.upper_998, result.target + stats.norm.isf(0.001) * np.sqrt(se**2 + result.tau2)
    )


def test_ratio_funnel_z_scores_use_the_square_root_scale() -> None:
    observed = [12, 30, 45, 80, 10, 22, 61, 35, 40, 18, 95]
    expected = [10.0, 28.0, 50.0, 70.0, 14.0, 20.0, 60.0, 30.0, 44.0, 20.0, 60.0]
    result = funnel_ratios(observed, expected, labels=[f"area {i}" for i in range(11)])
    assert np.allclose(result.z, 2 * (np.sqrt(observed) - np.sqrt(expected)))
    assert result.values[0] == pytest.approx(1.2)
    assert result.flag[-1] == "outlier-high-998"  # 95 observed where 60 expected
    assert "area 10" in result.flagged()


@pytest.mark.parametrize(
    ("counts", "totals", "kwargs", "message"),
    [
        ([0, 0], [10, 20], {}, "strictly between 0 and 1"),
        ([1, 2], [10, 20], {"target": 1.5}, "strictly between 0 and 1"),
        ([1, 2.5], [10, 20], {}, "whole"),
        ([1, 2], [10, 20], {"adjust": "maybe"}, "adjust"),
    ],
)
def test_funnel_rejects_bad_input(
    counts: list[float], totals: list[int], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        funnel_proportions(counts, totals, **kwargs)


def test_few_units_warn() -> None:
    assert funnel_proportions([5, 8, 9], [50, 60, 70]).warnings
