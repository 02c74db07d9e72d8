"""Golden tests against the NHS-R package NHSRplotthedots (MIT licence).

The expected values were copied from the package's testthat snapshots (commit 050b07d, see
shared/data/real/SOURCES.md); each case is run through our ``xmr`` independently.
"""

from __future__ import annotations

from typing import Any

import pytest

from assurance.stats.spc import xmr

LIMIT_CASES = (
    "r1_screen_outliers_true",
    "r2_point15_set_to_10_screen_outliers_true",
    "r3_point15_set_to_10_screen_outliers_false",
)


def three_significant(value: float) -> float:
    """Round as R prints to 3 significant figures."""
    return float(f"{value:.3g}")


@pytest.mark.parametrize("case_id", LIMIT_CASES)
def test_limits_match_package(nhsr_cases: dict[str, Any], case_id: str) -> None:
    case = nhsr_cases[case_id]
    expected = case["expected"]
    chart = xmr(
        case["y"],
        improvement=case.get("improvement_direction", "increase"),
        screen_outliers=case["screen_outliers"],
    )
    assert chart.mean[0] == pytest.approx(expected["mean"], abs=1e-6)
    assert chart.lower[0] == pytest.approx(expected["lpl"], abs=1e-6)
    assert chart.upper[0] == pytest.approx(expected["upl"], abs=1e-6)
    # One segment: the lines are the same at every point.
    assert len(set(chart.lower)) == 1
    assert len(set(chart.upper)) == 1


def test_point_types_match_package(nhsr_cases: dict[str, Any]) -> None:
    case = nhsr_cases["r1_screen_outliers_true"]
    expected = case["expected"]
    chart = xmr(case["y"], improvement=case["improvement_direction"], screen_outliers=True)
    assert chart.n == expected["n"]
    assert chart.point_type.count("common_cause") == expected["common_cause"]
    assert (
        chart.point_type.count("special_cause_improvement")
        == (expected["special_cause_improvement"])
    )
    assert chart.point_type.count("special_cause_concern") == expected["special_cause_concern"]
    assert chart.variation == "common_cause"
    assert chart.warnings == ()


def test_screening_changes_limits_as_package_does(nhsr_cases: dict[str, Any]) -> None:
    screened = xmr(nhsr_cases["r2_point15_set_to_10_screen_outliers_true"]["y"])
    unscreened = xmr(
        nhsr_cases["r3_point15_set_to_10_screen_outliers_false"]["y"], screen_outliers=False
    )
    assert screened.upper[0] - screened.lower[0] < unscreened.upper[0] - unscreened.lower[0]
    # The point set to 10 is above the screened upper limit.
    assert screened.rule[14] == "outside-limits"
    assert screened.point_type[14] == "special_cause_improvement"


@pytest.mark.parametrize("facet", ["0", "1"])
def test_facets_are_independent_charts(nhsr_cases: dict[str, Any], facet: str) -> None:
    case = nhsr_cases["facet_first10_last10"]
    expected = case["expected"][facet]
    values = [y for y, f in zip(case["y"], case["facet"], strict=True) if str(f) == facet]
    chart = xmr(values, screen_outliers=case["screen_outliers"])
    assert chart.n == expected["n"]
    assert three_significant(chart.mean[0]) == expected["mean"]
    assert three_significant(chart.lower[0]) == expected["lpl"]
    assert three_significant(chart.upper[0]) == expected["upl"]
    assert chart.point_type.count("common_cause") == expected["common_cause"]
    # Ten points is fewer than the package's threshold of 13: a trial-limits warning.
    assert any("trial limits" in w for w in chart.warnings)


def test_two_of_three_needs_the_same_side(nhsr_cases: dict[str, Any]) -> None:
    case = nhsr_cases["two_of_three_close_to_limits_opposite_sides_is_not_special_cause"]
    chart = xmr(case["y"])
    expected = case["expected"]["point_type_last_two"]
    assert list(chart.point_type[-2:]) == expected
    # Both points are beyond their two-sigma lines, on opposite sides, inside the limits.
    assert chart.values[-2] > chart.upper_two_sigma[-2]
    assert chart.values[-1] < chart.lower_two_sigma[-1]
    assert chart.lower[-1] < chart.values[-1] and chart.values[-2] < chart.upper[-2]
