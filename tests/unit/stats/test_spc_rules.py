"""The special-cause rules in isolation, with fixed lines so one rule fires at a time.

Several cases restate the unit tests of NHSRplotthedots (tests/testthat/
test-ptd_calculate_point_type.R) at the level of a whole series.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from assurance.stats.spc_rules import (
    DEFAULT_RULES,
    SIX_POINT_RULES,
    Improvement,
    PointType,
    RuleEvaluation,
    RuleSet,
    assurance_against,
    evaluate_rules,
    point_type,
    variation_icon,
)


def run(
    y: Sequence[float],
    *,
    limit: float = 100.0,
    two_sigma: float = 50.0,
    segments: Sequence[int] | None = None,
    rules: RuleSet = DEFAULT_RULES,
) -> RuleEvaluation:
    """Evaluate the rules with the mean at 0 and symmetric lines."""
    values = np.asarray(y, dtype=float)
    n = values.size
    seg = np.zeros(n) if segments is None else np.asarray(segments, dtype=float)
    return evaluate_rules(
        values,
        np.zeros(n),
        np.full(n, -limit),
        np.full(n, limit),
        np.full(n, -two_sigma),
        np.full(n, two_sigma),
        seg,
        rules,
    )


def flagged(evaluation: RuleEvaluation, rule: str) -> list[int]:
    return [i for i, names in enumerate(evaluation.rules_fired) if rule in names]


class TestTrend:
    def test_seven_rising_points_are_all_flagged(self) -> None:
        result = run([2, 1, 2, 3, 4, 5, 6, 7, 3])
        assert flagged(result, "trend") == [1, 2, 3, 4, 5, 6, 7]
        assert all(result.side[i] == 1 for i in range(1, 8))

    def test_six_rising_points_are_not_a_trend(self) -> None:
        assert flagged(run([1, 2, 3, 4, 5, 6]), "trend") == []

    def test_a_longer_run_is_flagged_whole(self) -> None:
        assert flagged(run(range(1, 10)), "trend") == list(range(9))

    def test_equal_values_break_a_trend(self) -> None:
        assert flagged(run([1, 2, 3, 3, 4, 5, 6]), "trend") == []

    def test_falling_trend_is_low_even_above_the_mean(self) -> None:
        result = run([17, 16, 15, 14, 13, 12, 11])
        assert flagged(result, "trend") == list(range(7))
        # Above the mean for 7 points too, but the trend comes first and sets the direction.
        assert result.rule == ("trend",) * 7
        assert set(result.side) == {-1}

    def test_six_point_rule_set(self) -> None:
        assert flagged(run([1, 2, 3, 4, 5, 6], rules=SIX_POINT_RULES), "trend") == list(range(6))


class TestShift:
    def test_seven_points_above_the_mean(self) -> None:
        result = run([1] * 8 + [-1])
        assert flagged(result, "shift") == list(range(8))
        assert result.rule[:8] == ("shift",) * 8
        assert result.rule[8] is None

    def test_seven_points_below_the_mean(self) -> None:
        result = run([-1] * 7)
        assert set(result.side) == {-1}

    def test_six_points_are_not_a_shift(self) -> None:
        assert flagged(run([1] * 6 + [-1]), "shift") == []
        assert flagged(run([1] * 6, rules=SIX_POINT_RULES), "shift") == list(range(6))

    def test_a_point_on_the_mean_breaks_a_shift(self) -> None:
        assert flagged(run([1, 1, 1, 0, 1, 1, 1, 1]), "shift") == []

    def test_rules_do_not_cross_a_rebase(self) -> None:
        result = run([1] * 8, segments=[0, 0, 0, 0, 1, 1, 1, 1])
        assert flagged(result, "shift") == []


class TestTwoOfThree:
    # The sides alternate so that no shift can form; 60 is beyond the two-sigma line (50).
    def test_two_close_points_in_a_window_of_same_side_points(self) -> None:
        result = run([-1, -1, 60, 1, 60, 1, -1])
        assert flagged(result, "two-of-three") == [2, 4]
        assert result.side[2] == 1

    def test_close_points_three_apart_are_not_flagged(self) -> None:
        assert flagged(run([60, 1, 1, 60, -1]), "two-of-three") == []

    def test_later_pair_is_flagged(self) -> None:
        assert flagged(run([60, 1, 1, 60, 60]), "two-of-three") == [3, 4]

    def test_all_three_points_must_share_a_side(self) -> None:
        # Two close points above the mean, but the third point of the window is below.
        assert flagged(run([60, 60, -1]), "two-of-three") == []
        assert flagged(run([60, -1, 60]), "two-of-three") == []

    def test_opposite_sides_are_not_flagged(self) -> None:
        assert flagged(run([1, -1, 60, -60, 1, -1]), "two-of-three") == []

    def test_points_beyond_three_sigma_do_not_count_by_default(self) -> None:
        result = run([-1, 150, 60, 1, -1])
        assert flagged(result, "two-of-three") == []
        assert result.rule[1] == "outside-limits"

    def test_option_to_count_points_beyond_three_sigma(self) -> None:
        rules = RuleSet(version="test", two_of_three_includes_beyond_three_sigma=True)
        result = run([-1, 150, 60, 1, -1], rules=rules)
        assert flagged(result, "two-of-three") == [1, 2]
        assert result.rule[1] == "outside-limits"
        assert result.rule[2] == "two-of-three"


class TestPriorityAndClassification:
    def test_outside_limits_comes_first(self) -> None:
        result = run([1, 1, 1, 150, 1, 1, 1])
        assert result.rule[3] == "outside-limits"
        assert result.rules_fired[3] == ("outside-limits", "shift")
        assert result.rule[0] == "shift"

    def test_point_type_by_direction(self) -> None:
        assert point_type(1, "increase") == "special_cause_improvement"
        assert point_type(-1, "increase") == "special_cause_concern"
        assert point_type(1, "decrease") == "special_cause_concern"
        assert point_type(-1, "decrease") == "special_cause_improvement"
        assert point_type(1, "neutral") == "special_cause_neutral_high"
        assert point_type(-1, "neutral") == "special_cause_neutral_low"
        assert point_type(0, "decrease") == "common_cause"

    @pytest.mark.parametrize(
        ("kind", "improvement", "icon"),
        [
            ("common_cause", "increase", "common_cause"),
            ("special_cause_improvement", "increase", "improvement_high"),
            ("special_cause_improvement", "decrease", "improvement_low"),
            ("special_cause_concern", "increase", "concern_low"),
            ("special_cause_concern", "decrease", "concern_high"),
            ("special_cause_neutral_high", "neutral", "neutral_high"),
            ("special_cause_neutral_low", "neutral", "neutral_low"),
        ],
    )
    def test_variation_icons_follow_the_package(
        self, kind: PointType, improvement: Improvement, icon: str
    ) -> None:
        assert variation_icon(kind, improvement) == icon

    @pytest.mark.parametrize(
        ("target", "improvement", "expected"),
        [
            (12.0, "increase", "consistently_fail"),
            (-12.0, "increase", "consistently_hit"),
            (12.0, "decrease", "consistently_hit"),
            (-12.0, "decrease", "consistently_fail"),
            (5.0, "increase", "inconsistent"),
            (5.0, "neutral", None),
            (None, "increase", None),
        ],
    )
    def test_assurance(
        self, target: float | None, improvement: Improvement, expected: str | None
    ) -> None:
        assert assurance_against(target, -10.0, 10.0, improvement) == expected


class TestRuleSet:
    def test_default_matches_package(self) -> None:
        assert DEFAULT_RULES.shift_points == 7
        assert DEFAULT_RULES.trend_points == 7
        assert DEFAULT_RULES.two_of_three_includes_beyond_three_sigma is False
        assert DEFAULT_RULES.version

    def test_is_frozen(self) -> None:
        with pytest.raises(AttributeError):
            setattr(DEFAULT_RULES, "shift_points", 6)  # noqa: B010 (frozen: must raise)

    @pytest.mark.parametrize("kwargs", [{"shift_points": 1}, {"trend_points": 0}, {"version": ""}])
    def test_rejects_nonsense(self, kwargs: dict[str, Any]) -> None:
        with pytest.raises(ValueError):
            RuleSet(**kwargs)
