"""The XmR (individuals and moving range) chart by the NHS "Making Data Count" method.

This reproduces the calculations of the NHS-R package NHSRplotthedots (MIT licence):

* the centre line is the mean of the points (of the baseline, when limits are fixed);
* the moving ranges are the absolute differences between consecutive points;
* with outlier screening (the default), moving ranges at or above 3.267 times their mean are
  set aside and the mean moving range is computed again, once;
* the process limits are the mean ± 2.66 × the mean moving range, and the two-sigma lines the
  mean ± (2/3 × 2.66) × the mean moving range;
* the special-cause rules of :mod:`assurance.stats.spc_rules` are applied in order.

Usage::

    from assurance.stats.spc import xmr

    chart = xmr(values, improvement="increase", target=0.9)
    chart.point_type[-1], chart.variation, chart.assurance
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from assurance.stats._arrays import FloatArray, as_series, as_tuple
from assurance.stats.spc_rules import (
    DEFAULT_RULES,
    Assurance,
    Improvement,
    PointType,
    RuleName,
    RuleSet,
    Variation,
    assurance_against,
    check_improvement,
    evaluate_rules,
    point_type,
    variation_icon,
)

__all__ = [
    "LIMIT_FACTOR",
    "MIN_POINTS_FOR_LIMITS",
    "SCREEN_FACTOR",
    "TWO_SIGMA_FACTOR",
    "RuleSet",
    "XmrResult",
    "check_fixed_baseline",
    "segment_starts",
    "xmr",
]

LIMIT_FACTOR: Final = 2.66
"""Three sigma in units of the mean moving range (3 / 1.128, rounded as the NHS method does)."""
TWO_SIGMA_FACTOR: Final = 2.0 * LIMIT_FACTOR / 3.0
SCREEN_FACTOR: Final = 3.267
"""Moving ranges at or above this multiple of their mean are screened out (the URL of the mR
chart, D4 = 3.267)."""
MIN_POINTS_FOR_LIMITS: Final = 13
"""NHSRplotthedots warns when a segment has fewer points than this: the limits are trial
limits that will move as data arrive."""


@dataclass(frozen=True)
class XmrResult:
    """An XmR chart: per-point lines and classifications, the icons, and the options used.

    Per-point fields are tuples of the same length as ``values``. ``rule`` names the first rule
    that fired at each point (``None`` for common cause) and ``rules_fired`` all of them.
    ``variation`` is the icon of the latest point; ``assurance`` compares the latest limits
    with the target (``None`` without a target or when the direction is neutral).
    """

    values: tuple[float, ...]
    mean: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    lower_two_sigma: tuple[float, ...]
    upper_two_sigma: tuple[float, ...]
    moving_range: tuple[float, ...]
    mean_moving_range: tuple[float, ...]
    segment: tuple[int, ...]
    point_type: tuple[PointType, ...]
    rule: tuple[RuleName | None, ...]
    rules_fired: tuple[tuple[RuleName, ...], ...]
    variation: Variation
    assurance: Assurance | None
    warnings: tuple[str, ...]
    improvement: Improvement
    screen_outliers: bool
    fix_after_n_points: int | None
    rebase_at: tuple[int, ...]
    target: float | None
    rules: RuleSet = field(default=DEFAULT_RULES)

    @property
    def n(self) -> int:
        """The number of points."""
        return len(self.values)

    @property
    def special_cause_indexes(self) -> tuple[int, ...]:
        """Positions of the points flagged by any rule."""
        return tuple(i for i, kind in enumerate(self.point_type) if kind != "common_cause")


def segment_starts(n: int, rebase_at: Sequence[int] | None) -> tuple[int, ...]:
    """Check rebase positions and return the sorted start of every segment (0 first).

    ``rebase_at`` holds the zero-based positions where new limits begin; position 0 is
    implied and may be given.
    """
    starts = {0}
    for position in rebase_at or ():
        if isinstance(position, bool) or int(position) != position:
            raise ValueError(f"rebase_at must hold whole positions, not {position!r}.")
        if not 0 <= int(position) < n:
            raise ValueError(f"rebase_at position {position} is outside the series (0 to {n - 1}).")
        starts.add(int(position))
    return tuple(sorted(starts))


def _segment_ids(n: int, starts: tuple[int, ...]) -> FloatArray:
    ids = np.zeros(n)
    for number, start in enumerate(starts):
        ids[start:] = number
    return ids


def check_fixed_baseline(fix_after_n_points: int | None) -> list[str]:
    """Check ``fix_after_n_points`` and return any warning about it."""
    if fix_after_n_points is None:
        return []
    if isinstance(fix_after_n_points, bool) or int(fix_after_n_points) != fix_after_n_points:
        raise ValueError("fix_after_n_points must be a whole number of points.")
    if fix_after_n_points < 2:
        raise ValueError("fix_after_n_points must be at least 2: limits need a moving range.")
    if fix_after_n_points < 12:
        return [
            f"Limits are fixed after {fix_after_n_points} points; the NHS method asks for at "
            "least 12 (NHSRplotthedots refuses fewer)."
        ]
    return []


def _limits(baseline: FloatArray, screen_outliers: bool) -> tuple[float, float, FloatArray]:
    """Return (mean, mean moving range, moving ranges) for one segment's baseline."""
    mean = float(np.mean(baseline))
    ranges = np.abs(np.diff(baseline))
    if ranges.size == 0:
        return mean, float("nan"), ranges
    amr = float(np.mean(ranges))
    # With every moving range zero there is nothing to screen (the R package would give
    # missing limits here; flat limits on the mean are the sensible answer).
    if screen_outliers and amr > 0:
        amr = float(np.mean(ranges[ranges < SCREEN_FACTOR * amr]))
    return mean, amr, ranges


def xmr(
    values: npt.ArrayLike,
    *,
    improvement: Improvement = "increase",
    screen_outliers: bool = True,
    fix_after_n_points: int | None = None,
    rebase_at: Sequence[int] | None = None,
    target: float | None = None,
    rules: RuleSet = DEFAULT_RULES,
) -> XmrResult:
    """Build an XmR chart with Making Data Count rules, as NHSRplotthedots does.

    ``values`` are the points in time order, with no gaps (a missing value raises
    ``ValueError``). ``fix_after_n_points`` computes each segment's limits from its first n
    points only and extends them to later points. ``rebase_at`` lists the zero-based positions
    where a new segment with its own limits starts (for example after a change in process).
    ``target`` gives the assurance icon.
    """
    y = as_series(values, "values")
    direction = check_improvement(improvement)
    warnings = check_fixed_baseline(fix_after_n_points)
    if target is not None and not np.isfinite(target):
        raise ValueError("target must be a finite number or None.")
    starts = segment_starts(y.size, rebase_at)
    segments = _segment_ids(y.size, starts)

    n = y.size
    centre = np.empty(n)
    amr_per_point = np.empty(n)
    moving_range = np.full(n, np.nan)
    bounds = (*starts, n)
    for number, (start, stop) in enumerate(itertools.pairwise(bounds)):
        segment = y[start:stop]
        baseline = segment[:fix_after_n_points] if fix_after_n_points else segment
        mean, amr, _ = _limits(baseline, screen_outliers)
        centre[start:stop] = mean
        amr_per_point[start:stop] = amr
        moving_range[start + 1 : stop] = np.abs(np.diff(segment))
        size = stop - start
        if size < MIN_POINTS_FOR_LIMITS:
            warnings.append(
                f"Segment {number + 1} (from point {start + 1}) has {size} points, fewer than "
                f"{MIN_POINTS_FOR_LIMITS}: its limits are trial limits and will move as data "
                "arrive."
            )
        if size < 2:
            warnings.append(
                f"Segment {number + 1} (from point {start + 1}) has one point, so it has no "
                "limits and no rule can fire."
            )

    upper = centre + LIMIT_FACTOR * amr_per_point
    lower = centre - LIMIT_FACTOR * amr_per_point
    upper2 = centre + TWO_SIGMA_FACTOR * amr_per_point
    lower2 = centre - TWO_SIGMA_FACTOR * amr_per_point

    evaluation = evaluate_rules(y, centre, lower, upper, lower2, upper2, segments, rules)
    kinds = tuple(point_type(side, direction) for side in evaluation.side)
    return XmrResult(
        values=as_tuple(y),
        mean=as_tuple(centre),
        lower=as_tuple(lower),
        upper=as_tuple(upper),
        lower_two_sigma=as_tuple(lower2),
        upper_two_sigma=as_tuple(upper2),
        moving_range=as_tuple(moving_range),
        mean_moving_range=as_tuple(amr_per_point),
        segment=tuple(int(s) for s in segments),
        point_type=kinds,
        rule=evaluation.rule,
        rules_fired=evaluation.rules_fired,
        variation=variation_icon(kinds[-1], direction),
        assurance=assurance_against(target, float(lower[-1]), float(upper[-1]), direction),
        warnings=tuple(warnings),
        improvement=direction,
        screen_outliers=screen_outliers,
        fix_after_n_points=fix_after_n_points,
        rebase_at=starts[1:],
        target=None if target is None else float(target),
        rules=rules,
    )
