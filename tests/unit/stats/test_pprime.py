"""Laney p′ chart: a hand-worked example and its behaviour at the edges."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from assurance.stats.pprime import pprime

COUNTS = [45, 52, 38, 60, 41, 55, 47, 50, 44, 58, 39, 51, 49, 53]
TOTALS = [100, 110, 90, 120, 95, 105, 100, 98, 92, 115, 85, 104, 101, 99]


def hand_worked() -> tuple[float, list[float], float]:
    """p̄, the per-month sigma and sigma_z computed step by step in plain Python."""
    p_bar = sum(COUNTS) / sum(TOTALS)
    sigma = [math.sqrt(p_bar * (1 - p_bar) / n) for n in TOTALS]
    z = [(c / n - p_bar) / s for c, n, s in zip(COUNTS, TOTALS, sigma, strict=True)]
    moving = [abs(b - a) for a, b in itertools.pairwise(z)]
    sigma_z = (sum(moving) / len(moving)) / 1.128
    return p_bar, sigma, sigma_z


def test_matches_the_hand_worked_chart() -> None:
    p_bar, sigma, sigma_z = hand_worked()
    chart = pprime(COUNTS, TOTALS)
    assert chart.centre[0] == pytest.approx(p_bar)
    assert chart.sigma_z[0] == pytest.approx(sigma_z)
    for i, s in enumerate(sigma):
        assert chart.upper[i] == pytest.approx(p_bar + 3 * s * sigma_z)
        assert chart.lower[i] == pytest.approx(p_bar - 3 * s * sigma_z)
        assert chart.upper_two_sigma[i] == pytest.approx(p_bar + 2 * s * sigma_z)
        assert chart.z[i] == pytest.approx((COUNTS[i] / TOTALS[i] - p_bar) / s)
    assert chart.values[0] == pytest.approx(0.45)
    assert chart.warnings == ()


def test_binomial_data_gives_sigma_z_near_one() -> None:
    rng = np.random.default_rng(11)
    totals = rng.integers(800, 1200, size=200)
    counts = rng.binomial(totals, 0.85)
    assert pprime(counts, totals).sigma_z[0] == pytest.approx(1.0, abs=0.15)


def test_overdispersed_data_widens_the_limits() -> None:
    rng = np.random.default_rng(12)
    totals = rng.integers(5000, 6000, size=36)
    counts = rng.binomial(totals, rng.normal(0.85, 0.02, size=36).clip(0, 1))
    chart = pprime(counts, totals)
    assert chart.sigma_z[0] > 2.0
    # A plain p chart would flag most months; p′ flags few or none.
    assert sum(kind != "common_cause" for kind in chart.point_type) < 6


def test_a_drop_is_flagged_as_concern() -> None:
    counts = [*COUNTS, 15]
    totals = [*TOTALS, 100]
    chart = pprime(counts, totals, improvement="increase", target=0.4)
    assert chart.rule[-1] == "outside-limits"
    assert chart.point_type[-1] == "special_cause_concern"
    assert chart.variation == "concern_low"
    assert chart.assurance == "inconsistent"


def test_limits_are_clipped_to_zero_and_one() -> None:
    chart = pprime([1, 0, 2, 1, 0, 3, 1, 0, 1, 2, 0, 1, 2], [20] * 13)
    assert min(chart.lower) == 0.0
    assert all(0.0 <= v <= 1.0 for v in chart.upper)


def test_all_zero_series_has_flat_limits_and_a_warning() -> None:
    chart = pprime([0] * 13, [50] * 13)
    assert chart.upper == chart.lower == (0.0,) * 13
    assert set(chart.point_type) == {"common_cause"}
    assert any("0%" in w for w in chart.warnings)


def test_rebase_and_fixed_baseline() -> None:
    chart = pprime(COUNTS + COUNTS, TOTALS + TOTALS, rebase_at=[len(COUNTS)])
    assert chart.segment[-1] == 1
    assert chart.upper[len(COUNTS)] == pytest.approx(chart.upper[0])
    fixed = pprime(COUNTS, TOTALS, fix_after_n_points=12)
    assert fixed.centre[0] == pytest.approx(sum(COUNTS[:12]) / sum(TOTALS[:12]))


@pytest.mark.parametrize(
    ("counts", "totals", "message"),
    [([1, 2], [10], "differ in length"), ([5], [0], "positive"), ([11], [10], "between 0")],
)
def test_bad_input(counts: list[int], totals: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pprime(counts, totals)
