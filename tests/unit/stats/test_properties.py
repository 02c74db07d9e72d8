"""Property tests (hypothesis) for the XmR chart and the Wilson interval."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assurance.stats.intervals import proportion_test, wilson
from assurance.stats.spc import xmr
from assurance.stats.spc_rules import Improvement

# Whole numbers keep the arithmetic exact enough that a shift or scale cannot move a point
# across a line by rounding alone; the charts themselves accept any finite numbers.
series = st.lists(st.integers(-50, 50).map(float), min_size=2, max_size=40)
directions: st.SearchStrategy[Improvement] = st.sampled_from(["increase", "decrease", "neutral"])
SWAP = {
    "special_cause_improvement": "special_cause_concern",
    "special_cause_concern": "special_cause_improvement",
}


@settings(max_examples=150, deadline=None)
@given(series, st.booleans())
def test_limits_are_symmetric_about_the_mean(values: list[float], screen: bool) -> None:
    chart = xmr(values, screen_outliers=screen)
    for mean, low, high, low2, high2 in zip(
        chart.mean,
        chart.lower,
        chart.upper,
        chart.lower_two_sigma,
        chart.upper_two_sigma,
        strict=True,
    ):
        assert high - mean == pytest.approx(mean - low, abs=1e-9)
        assert high2 - mean == pytest.approx(mean - low2, abs=1e-9)
        assert low <= low2 <= mean <= high2 <= high


@settings(max_examples=150, deadline=None)
@given(series, st.integers(-1000, 1000).map(float), directions)
def test_shifting_the_data_shifts_the_lines(
    values: list[float], shift: float, way: Improvement
) -> None:
    base = xmr(values, improvement=way)
    moved = xmr([v + shift for v in values], improvement=way)
    assert np.allclose(moved.mean, np.add(base.mean, shift), atol=1e-9)
    assert np.allclose(moved.upper, np.add(base.upper, shift), atol=1e-9)
    assert np.allclose(moved.lower, np.add(base.lower, shift), atol=1e-9)
    assert moved.point_type == base.point_type
    assert moved.rule == base.rule


@settings(max_examples=150, deadline=None)
@given(series, st.sampled_from([0.25, 0.5, 2.0, 3.0, 7.5, 100.0]), directions)
def test_scaling_the_data_scales_the_lines(
    values: list[float], scale: float, way: Improvement
) -> None:
    base = xmr(values, improvement=way)
    scaled = xmr([v * scale for v in values], improvement=way)
    assert np.allclose(scaled.upper, np.multiply(base.upper, scale), atol=1e-9)
    assert np.allclose(scaled.lower, np.multiply(base.lower, scale), atol=1e-9)
    assert scaled.point_type == base.point_type


@settings(max_examples=150, deadline=None)
@given(series)
def test_reversing_the_direction_swaps_improvement_and_concern(values: list[float]) -> None:
    up = xmr(values, improvement="increase")
    down = xmr(values, improvement="decrease")
    assert down.point_type == tuple(SWAP.get(kind, kind) for kind in up.point_type)
    assert down.rule == up.rule


@settings(max_examples=150, deadline=None)
@given(series)
def test_mirroring_the_data_and_the_direction_keeps_the_verdicts(values: list[float]) -> None:
    up = xmr(values, improvement="increase")
    mirrored = xmr([-v for v in values], improvement="decrease")
    assert mirrored.point_type == up.point_type


@st.composite
def counts_and_totals(draw: st.DrawFn) -> tuple[int, int]:
    total = draw(st.integers(1, 100_000))
    return draw(st.integers(0, total)), total


@settings(max_examples=300, deadline=None)
@given(counts_and_totals(), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_contains_the_estimate_within_zero_and_one(
    pair: tuple[int, int], confidence: float
) -> None:
    count, total = pair
    interval = wilson(count, total, confidence=confidence)
    assert 0.0 <= interval.lower <= interval.estimate <= interval.upper <= 1.0
    assert interval.contains(count / total)


@settings(max_examples=300, deadline=None)
@given(counts_and_totals(), st.floats(0.01, 0.99))
def test_score_test_agrees_with_the_wilson_interval(pair: tuple[int, int], target: float) -> None:
    count, total = pair
    interval = wilson(count, total)
    test = proportion_test(count, total, target)
    # Skip knife-edge cases where the target sits on an end of the interval.
    if min(abs(target - interval.lower), abs(target - interval.upper)) < 1e-9:
        return
    assert (test.p_value < 0.05) == (not interval.contains(target))
    assert math.isfinite(test.statistic)
