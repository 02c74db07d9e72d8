"""XmR chart behaviour beyond the package fixture: hand-worked limits and the options."""

from __future__ import annotations

import math
from typing import Any

import pytest

from assurance.stats.spc import LIMIT_FACTOR, xmr
from assurance.stats.spc_rules import SIX_POINT_RULES

STABLE = [10.0, 12.0, 11.0, 13.0, 12.0, 10.0, 11.0, 12.0, 13.0, 11.0, 10.0, 12.0, 11.0, 12.0]


def test_hand_worked_limits() -> None:
    # Mean 3; moving ranges 1, 1, 1, 1 (mean 1); limits 3 ± 2.66; two sigma 3 ± 1.7733.
    chart = xmr([1, 2, 3, 4, 5])
    assert chart.mean == (3.0,) * 5
    assert chart.upper[0] == pytest.approx(5.66)
    assert chart.lower[0] == pytest.approx(0.34)
    assert chart.upper_two_sigma[0] == pytest.approx(3 + 2 * 2.66 / 3)
    assert math.isnan(chart.moving_range[0])
    assert chart.moving_range[1:] == (1.0, 1.0, 1.0, 1.0)


def test_screening_drops_large_moving_ranges_once() -> None:
    # Moving ranges 1 (×9) and 40, 40: mean 89/11 = 8.09; 3.267 × 8.09 = 26.4, so both 40s
    # are dropped and the mean moving range becomes 1.
    values = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 41, 1]
    chart = xmr(values)
    assert chart.mean_moving_range[0] == pytest.approx(1.0)
    unscreened = xmr(values, screen_outliers=False)
    assert unscreened.mean_moving_range[0] == pytest.approx(89 / 11)
    assert chart.rule[10] == "outside-limits"


def test_outlier_above_is_improvement_or_concern_by_direction() -> None:
    values = [*STABLE, 30.0]
    up = xmr(values, improvement="increase")
    down = xmr(values, improvement="decrease")
    neutral = xmr(values, improvement="neutral")
    assert up.point_type[-1] == "special_cause_improvement"
    assert up.variation == "improvement_high"
    assert down.point_type[-1] == "special_cause_concern"
    assert down.variation == "concern_high"
    assert neutral.point_type[-1] == "special_cause_neutral_high"
    assert neutral.variation == "neutral_high"
    assert up.special_cause_indexes == (len(values) - 1,)


def test_rebase_gives_each_segment_its_own_limits() -> None:
    first, second = STABLE, [v + 20 for v in STABLE]
    chart = xmr(first + second, rebase_at=[len(first)])
    alone_first, alone_second = xmr(first), xmr(second)
    assert chart.upper[0] == pytest.approx(alone_first.upper[0])
    assert chart.upper[-1] == pytest.approx(alone_second.upper[0])
    assert chart.segment == (0,) * len(first) + (1,) * len(second)
    assert chart.rebase_at == (len(first),)
    # Without the rebase the step change is special cause.
    assert xmr(first + second).variation != "common_cause"
    assert chart.variation == "common_cause"


def test_fixed_baseline_uses_only_the_first_points() -> None:
    later = [25.0, 26.0, 27.0]
    chart = xmr(STABLE + later, fix_after_n_points=12)
    baseline = xmr(STABLE[:12])
    assert chart.mean[-1] == pytest.approx(baseline.mean[0])
    assert chart.upper[-1] == pytest.approx(baseline.upper[0])
    assert chart.point_type[-1] == "special_cause_improvement"
    assert chart.fix_after_n_points == 12
    assert chart.warnings == ()
    short = xmr(STABLE, fix_after_n_points=5)
    assert any("at least 12" in w for w in short.warnings)


def test_assurance_uses_the_latest_limits() -> None:
    chart = xmr(STABLE, improvement="increase", target=5.0)
    assert chart.lower[-1] > 5.0
    assert chart.assurance == "consistently_hit"
    assert xmr(STABLE, improvement="decrease", target=5.0).assurance == "consistently_fail"
    assert xmr(STABLE, improvement="increase", target=11.5).assurance == "inconsistent"
    assert xmr(STABLE, improvement="neutral", target=5.0).assurance is None
    assert xmr(STABLE).assurance is None


def test_six_point_rules_flag_a_six_point_shift() -> None:
    # Mean 11.375: the final six 12s are above it, the 10 before them below.
    values = [12.0, 10.0] * 5 + [12.0] * 6
    assert set(xmr(values).point_type) == {"common_cause"}
    six = xmr(values, rules=SIX_POINT_RULES)
    assert six.rule[-6:] == ("shift",) * 6
    assert six.variation == "improvement_high"
    assert six.rules.version.endswith("six-point")


def test_constant_series_has_flat_limits() -> None:
    chart = xmr([5.0] * 15)
    assert chart.upper == chart.lower == chart.mean
    assert set(chart.point_type) == {"common_cause"}


def test_short_series_warns_and_one_point_has_no_limits() -> None:
    chart = xmr([4.0])
    assert math.isnan(chart.upper[0])
    assert chart.point_type == ("common_cause",)
    assert len(chart.warnings) == 2


def test_options_are_recorded() -> None:
    chart = xmr(STABLE, improvement="decrease", screen_outliers=False, target=3.0)
    assert (chart.improvement, chart.screen_outliers, chart.target) == ("decrease", False, 3.0)
    assert chart.rules.version == "nhsr-ptd-1"
    assert LIMIT_FACTOR == 2.66


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": [1.0, float("nan"), 2.0]}, "missing"),
        ({"values": []}, "empty"),
        ({"values": [1.0, 2.0], "improvement": "up"}, "improvement"),
        ({"values": [1.0, 2.0], "rebase_at": [5]}, "outside the series"),
        ({"values": [1.0, 2.0], "fix_after_n_points": 1}, "at least 2"),
        ({"values": [[1.0, 2.0]]}, "one-dimensional"),
    ],
)
def test_bad_input_says_what_to_fix(kwargs: dict[str, Any], message: str) -> None:
    values = kwargs.pop("values")
    with pytest.raises(ValueError, match=message):
        xmr(values, **kwargs)
