"""The NHS "Making Data Count" special-cause rules, shared by the XmR and p′ charts.

The rules and their order follow the NHS-R package NHSRplotthedots (MIT licence,
nhs-r-community/NHSRplotthedots, commit 050b07d, September 2025), re-implemented here from its
documented behaviour:

1. ``outside-limits``: a point above the upper or below the lower process limit.
2. ``trend``: a run of ``trend_points`` (default 7) points, each strictly higher than the one
   before, or each strictly lower. Every point of such a run is flagged, so a run of 9 rising
   points flags all 9. An equal value breaks the run.
3. ``two-of-three``: at least 2 of 3 consecutive points lie beyond the two-sigma line while all
   3 lie on the same side of the mean. Only the points beyond the two-sigma line are flagged.
   By default (as in the package) a point beyond the three-sigma limit does not count towards
   this rule, because rule 1 has already flagged it.
4. ``shift``: a run of ``shift_points`` (default 7) points all above, or all below, the mean.
   A point exactly on the mean breaks the run.

A point may satisfy several rules; its *rule* is the first that fired in the order above, and
that rule decides whether the point counts as high or low. For a trend the direction of the
trend decides (a falling trend is "low" even above the mean); for the other rules the side of
the mean decides.

Rules are applied separately within each segment of a rebased chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from assurance.stats._arrays import FloatArray

Improvement = Literal["increase", "decrease", "neutral"]
RuleName = Literal["outside-limits", "trend", "two-of-three", "shift"]
PointType = Literal[
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
]
Variation = Literal[
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
]
Assurance = Literal["consistently_hit", "consistently_fail", "inconsistent"]

RULE_ORDER: Final[tuple[RuleName, ...]] = ("outside-limits", "trend", "two-of-three", "shift")
IMPROVEMENTS: Final[tuple[Improvement, ...]] = ("increase", "decrease", "neutral")

# Comparisons against a limit or the mean ignore differences smaller than this fraction of the
# chart's scale, so that rounding in the last binary digit cannot move a point across a line.
_RELATIVE_TOLERANCE: Final = 1e-12


@dataclass(frozen=True)
class RuleSet:
    """A versioned, parameterised set of special-cause rules.

    ``version`` names the rule set in stored results so that a finding can always say which
    rules produced it. The default reproduces NHSRplotthedots: 7-point trend and shift, and
    two-of-three counting only points between the two-sigma and three-sigma lines.
    """

    version: str = "nhsr-ptd-1"
    shift_points: int = 7
    trend_points: int = 7
    two_of_three_includes_beyond_three_sigma: bool = False

    def __post_init__(self) -> None:
        if not self.version:
            raise ValueError("RuleSet.version must be a non-empty name.")
        for name in ("shift_points", "trend_points"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 2:
                raise ValueError(f"RuleSet.{name} must be a whole number of at least 2.")


DEFAULT_RULES: Final = RuleSet()
"""The NHSRplotthedots rules: 7-point shift and trend, two-of-three within the limits."""

SIX_POINT_RULES: Final = RuleSet(version="nhsr-ptd-1-six-point", shift_points=6, trend_points=6)
"""A variant used by some NHS organisations: 6-point shift and trend."""


@dataclass(frozen=True)
class RuleEvaluation:
    """The rules that fired at each point of one chart (internal building block)."""

    rule: tuple[RuleName | None, ...]
    rules_fired: tuple[tuple[RuleName, ...], ...]
    side: tuple[int, ...]
    """+1 where the point's special cause is high (above the mean or a rising trend), -1 where
    low, 0 for common cause."""


def _part_of_run(run_end: FloatArray, length: int) -> FloatArray:
    """Flag every point of a run, given flags at the last point of each run of ``length``."""
    flagged = np.zeros(run_end.size, dtype=bool)
    for end in np.flatnonzero(run_end):
        flagged[end - length + 1 : end + 1] = True
    return flagged.astype(np.float64)


def _trend(y: FloatArray, length: int) -> tuple[FloatArray, FloatArray]:
    """Return (flag, direction) for points that belong to a monotonic run of ``length``."""
    n = y.size
    steps = np.sign(np.diff(y))
    run_end = np.zeros(n)
    for i in range(length - 1, n):
        window = steps[i - length + 1 : i]
        if np.all(window == 1) or np.all(window == -1):
            run_end[i] = 1.0
    part = _part_of_run(run_end, length)
    # Direction: the step into the point, unless the next point is also part of a trend, in
    # which case the step out of it (as NHSRplotthedots does).
    left = np.concatenate(([0.0], steps))
    right = np.concatenate((steps, steps[-1:] if steps.size else [0.0]))
    use_right = (part > 0) & (np.concatenate((part[1:], [0.0])) > 0)
    direction = np.where(use_right, right, left)
    return part, np.where(direction == 1, 1.0, -1.0)


def _shift(side: FloatArray, length: int) -> FloatArray:
    n = side.size
    run_end = np.zeros(n)
    for i in range(length - 1, n):
        window = side[i - length + 1 : i + 1]
        if window[-1] != 0 and np.all(window == window[-1]):
            run_end[i] = 1.0
    return _part_of_run(run_end, length)


def _two_of_three(close: FloatArray, side: FloatArray) -> FloatArray:
    n = close.size
    in_window = np.zeros(n, dtype=bool)
    for start in range(n - 2):
        window = slice(start, start + 3)
        if close[window].sum() >= 2 and abs(side[window].sum()) == 3:
            in_window[window] = True
    return (in_window & (close > 0)).astype(np.float64)


def evaluate_rules(
    y: FloatArray,
    centre: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
    lower_two_sigma: FloatArray,
    upper_two_sigma: FloatArray,
    segments: FloatArray,
    rules: RuleSet,
) -> RuleEvaluation:
    """Apply ``rules`` to each segment of a chart and return the per-point result.

    All arrays are per point; ``segments`` holds the segment number of each point (rules never
    look across a segment boundary). Limits that are not a number (a one-point segment) flag
    nothing.
    """
    scale = np.abs(centre) + np.nan_to_num(np.abs(upper - lower)) / 2.0
    tol = _RELATIVE_TOLERANCE * scale
    above = np.nan_to_num(y - upper, nan=-np.inf) > tol
    below = np.nan_to_num(lower - y, nan=-np.inf) > tol
    outside = above | below
    diff = y - centre
    side = np.where(np.abs(diff) <= tol, 0.0, np.sign(diff))
    beyond_two = (np.nan_to_num(y - upper_two_sigma, nan=-np.inf) > tol) | (
        np.nan_to_num(lower_two_sigma - y, nan=-np.inf) > tol
    )
    close = beyond_two if rules.two_of_three_includes_beyond_three_sigma else beyond_two & ~outside
    close_f = close.astype(np.float64)

    trend = np.zeros(y.size)
    trend_dir = np.zeros(y.size)
    shift = np.zeros(y.size)
    two3 = np.zeros(y.size)
    for seg in np.unique(segments):
        idx = np.flatnonzero(segments == seg)
        sl = slice(int(idx[0]), int(idx[-1]) + 1)
        trend[sl], trend_dir[sl] = _trend(y[sl], rules.trend_points)
        shift[sl] = _shift(side[sl], rules.shift_points)
        two3[sl] = _two_of_three(close_f[sl], side[sl])

    fired_flags = (outside, trend > 0, two3 > 0, shift > 0)
    rule: list[RuleName | None] = []
    fired: list[tuple[RuleName, ...]] = []
    direction: list[int] = []
    for i in range(y.size):
        names = tuple(name for name, flag in zip(RULE_ORDER, fired_flags, strict=True) if flag[i])
        fired.append(names)
        first = names[0] if names else None
        rule.append(first)
        if first is None:
            direction.append(0)
        elif first == "trend":
            direction.append(int(trend_dir[i]))
        else:
            direction.append(1 if side[i] > 0 else -1)
    return RuleEvaluation(rule=tuple(rule), rules_fired=tuple(fired), side=tuple(direction))


def point_type(side: int, improvement: Improvement) -> PointType:
    """Classify a point from its special-cause side and the improvement direction."""
    if side == 0:
        return "common_cause"
    if improvement == "neutral":
        return "special_cause_neutral_high" if side > 0 else "special_cause_neutral_low"
    good = 1 if improvement == "increase" else -1
    return "special_cause_improvement" if side == good else "special_cause_concern"


def variation_icon(kind: PointType, improvement: Improvement) -> Variation:
    """Name the Making Data Count variation icon for a point type.

    The names are those of the NHSRplotthedots icon files: ``improvement_high`` when higher is
    better, ``concern_low`` for a concern when higher is better, and so on.
    """
    if kind == "common_cause":
        return "common_cause"
    if kind == "special_cause_neutral_high":
        return "neutral_high"
    if kind == "special_cause_neutral_low":
        return "neutral_low"
    increasing = improvement == "increase"
    if kind == "special_cause_improvement":
        return "improvement_high" if increasing else "improvement_low"
    return "concern_low" if increasing else "concern_high"


def assurance_against(
    target: float | None, lower: float, upper: float, improvement: Improvement
) -> Assurance | None:
    """The Making Data Count assurance icon from the latest process limits and a target.

    ``consistently_hit`` when the limits lie entirely on the good side of the target,
    ``consistently_fail`` when entirely on the bad side, otherwise ``inconsistent``; ``None``
    without a target or when the improvement direction is neutral (as in NHSRplotthedots,
    whose ``consistent_pass`` and ``consistent_fail`` correspond to the first two).
    """
    if target is None or improvement == "neutral":
        return None
    increasing = improvement == "increase"
    if target > upper:
        return "consistently_fail" if increasing else "consistently_hit"
    if target < lower:
        return "consistently_hit" if increasing else "consistently_fail"
    return "inconsistent"


def check_improvement(improvement: str) -> Improvement:
    """Return ``improvement`` as a checked literal or raise ``ValueError``."""
    for option in IMPROVEMENTS:
        if improvement == option:
            return option
    raise ValueError(f"improvement must be one of {', '.join(IMPROVEMENTS)}, not {improvement!r}.")
