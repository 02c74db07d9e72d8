"""Intervals and tests for proportions against published values and independent code."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from assurance.stats.intervals import (
    difference,
    proportion_test,
    wilson,
    wilson_arrays,
)

# Newcombe (1998a), "Two-sided confidence intervals for the single proportion", Stat Med
# 17:857, table I, method 3 (Wilson score, no continuity correction), 95%.
NEWCOMBE_SINGLE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]

# Newcombe (1998b), "Interval estimation for the difference between independent
# proportions", Stat Med 17:873, table II, method 10 (hybrid score), 95%.
NEWCOMBE_DIFFERENCE = [
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
]


@pytest.mark.parametrize(("count", "total", "lower", "upper"), NEWCOMBE_SINGLE)
def test_wilson_matches_newcombe(count: int, total: int, lower: float, upper: float) -> None:
    interval = wilson(count, total)
    assert interval.lower == pytest.approx(lower, abs=5e-5)
    assert interval.upper == pytest.approx(upper, abs=5e-5)
    assert interval.estimate == count / total


@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
@pytest.mark.parametrize(("count", "total"), [(0, 7), (3, 7), (7, 7), (81, 263), (901, 1000)])
def test_wilson_matches_statsmodels_and_scipy(count: int, total: int, confidence: float) -> None:
    interval = wilson(count, total, confidence=confidence)
    sm_low, sm_high = proportion_confint(count, total, alpha=1 - confidence, method="wilson")
    ci = stats.binomtest(count, total).proportion_ci(confidence_level=confidence, method="wilson")
    assert interval.lower == pytest.approx(sm_low, abs=1e-12)
    assert interval.upper == pytest.approx(sm_high, abs=1e-12)
    assert interval.lower == pytest.approx(ci.low, abs=1e-12)
    assert interval.upper == pytest.approx(ci.high, abs=1e-12)


def test_wilson_arrays_match_the_scalar_version_and_mark_empty_cells() -> None:
    counts = np.array([[0, 3], [81, 0]])
    totals = np.array([[7, 7], [263, 0]])
    result = wilson_arrays(counts, totals)
    assert result.lower.shape == (2, 2)
    for index in [(0, 0), (0, 1), (1, 0)]:
        single = wilson(int(counts[index]), int(totals[index]))
        assert result.lower[index] == pytest.approx(single.lower)
        assert result.upper[index] == pytest.approx(single.upper)
    assert np.isnan(result.estimate[1, 1]) and np.isnan(result.upper[1, 1])


@pytest.mark.parametrize(
    ("count", "total", "message"),
    [(1, 0, "positive"), (5, 3, "between"), (-1, 3, "between"), (1.5, 3, "whole")],
)
def test_wilson_rejects_impossible_counts(count: Any, total: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wilson(count, total)


@pytest.mark.parametrize(
    ("count", "total", "target"),
    [(81, 263, 0.35), (851, 1000, 0.9), (3, 10, 0.5), (0, 25, 0.1), (20, 20, 0.7), (48, 60, 0.9)],
)
def test_exact_test_matches_scipy(count: int, total: int, target: float) -> None:
    result = proportion_test(count, total, target, method="exact")
    assert result.p_value == pytest.approx(stats.binomtest(count, total, target).pvalue)
    assert result.method == "exact"


@pytest.mark.parametrize(
    ("count", "total", "target"), [(81, 263, 0.35), (851, 1000, 0.9), (3, 10, 0.5), (48, 60, 0.9)]
)
def test_score_test_matches_statsmodels(count: int, total: int, target: float) -> None:
    result = proportion_test(count, total, target)
    z, p = proportions_ztest(count, total, value=target, prop_var=target)
    assert result.statistic == pytest.approx(z)
    assert result.p_value == pytest.approx(p)


def test_direction_of_a_test() -> None:
    below = proportion_test(851, 1000, 0.9)
    assert below.direction == "below" and below.p_value < 0.05
    assert proportion_test(951, 1000, 0.9).direction == "above"
    assert proportion_test(895, 1000, 0.9).direction == "consistent"


@pytest.mark.parametrize(("a", "n_a", "b", "n_b", "lower", "upper"), NEWCOMBE_DIFFERENCE)
def test_difference_matches_newcombe(
    a: int, n_a: int, b: int, n_b: int, lower: float, upper: float
) -> None:
    result = difference(a, n_a, b, n_b)
    assert result.estimate == pytest.approx(a / n_a - b / n_b)
    assert result.lower == pytest.approx(lower, abs=5e-5)
    assert result.upper == pytest.approx(upper, abs=5e-5)
    assert result.direction == "above"


@pytest.mark.parametrize(
    ("a", "n_a", "b", "n_b"), [(56, 70, 48, 80), (5, 56, 0, 29), (0, 10, 0, 20), (10, 10, 0, 20)]
)
def test_difference_matches_statsmodels(a: int, n_a: int, b: int, n_b: int) -> None:
    result = difference(a, n_a, b, n_b)
    low, high = confint_proportions_2indep(a, n_a, b, n_b, method="newcomb", compare="diff")
    assert result.lower == pytest.approx(low, abs=1e-10)
    assert result.upper == pytest.approx(high, abs=1e-10)


def test_difference_z_test_matches_statsmodels() -> None:
    result = difference(56, 70, 48, 80)
    z, p = proportions_ztest([56, 48], [70, 80])
    assert result.z == pytest.approx(z)
    assert result.p_value == pytest.approx(p)


def test_difference_with_no_variation_has_p_value_one() -> None:
    result = difference(0, 10, 0, 20)
    assert result.p_value == 1.0 and result.direction == "consistent"
