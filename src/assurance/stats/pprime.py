"""Laney's p′ chart for proportions whose denominators vary from month to month.

A classic p chart sets limits from the binomial variance alone, which for large denominators
makes the limits so narrow that almost every point looks special. Laney (2002) scales the
binomial limits by ``sigma_z``, the month-to-month variation of the standardised values,
measured as in an XmR chart:

* ``p̄ = Σ counts / Σ totals`` (over the baseline);
* ``σ_i = √(p̄(1 − p̄) / n_i)`` and ``z_i = (p_i − p̄) / σ_i``;
* ``sigma_z = mean |z_i − z_{i−1}| / 1.128``;
* limits ``p̄ ± 3 σ_i sigma_z`` and two-sigma lines ``p̄ ± 2 σ_i sigma_z``, clipped to [0, 1].

The Making Data Count rules (:mod:`assurance.stats.spc_rules`) are then applied to the
proportions exactly as on an XmR chart. Laney's method does not screen moving ranges; set
``screen_outliers=True`` to screen them as the XmR chart does.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from assurance.stats._arrays import FloatArray, as_counts, as_tuple
from assurance.stats.spc import (
    MIN_POINTS_FOR_LIMITS,
    SCREEN_FACTOR,
    check_fixed_baseline,
    segment_starts,
)
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

__all__ = ["D2", "PPrimeResult", "pprime"]

D2: Final = 1.128
"""The bias-correction constant d2 for moving ranges of two points."""


@dataclass(frozen=True)
class PPrimeResult:
    """A Laney p′ chart. Per-point tuples have one entry for each month.

    ``sigma_z`` is Laney's between-month inflation factor (1 means the binomial limits were
    right; above 1 means extra variation). The other fields match :class:`XmrResult`.
    """

    values: tuple[float, ...]
    counts: tuple[float, ...]
    totals: tuple[float, ...]
    centre: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    lower_two_sigma: tuple[float, ...]
    upper_two_sigma: tuple[float, ...]
    z: tuple[float, ...]
    sigma_z: tuple[float, ...]
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
    rules: RuleSet


def pprime(
    counts: npt.ArrayLike,
    totals: npt.ArrayLike,
    *,
    improvement: Improvement = "increase",
    screen_outliers: bool = False,
    fix_after_n_points: int | None = None,
    rebase_at: Sequence[int] | None = None,
    target: float | None = None,
    rules: RuleSet = DEFAULT_RULES,
) -> PPrimeResult:
    """Build a Laney p′ chart from monthly event counts and their denominators.

    Options mean what they mean for :func:`assurance.stats.spc.xmr`. When the centre line is
    0% or 100% the limits collapse onto it and no rule can fire (a warning says so).
    """
    c, n = as_counts(counts, totals)
    direction = check_improvement(improvement)
    warnings = check_fixed_baseline(fix_after_n_points)
    if target is not None and not 0.0 <= target <= 1.0:
        raise ValueError("target is a proportion and must lie between 0 and 1.")
    p = c / n
    starts = segment_starts(p.size, rebase_at)
    size = p.size
    segments = np.zeros(size)
    centre = np.empty(size)
    sigma_i = np.empty(size)
    sigma_z = np.empty(size)
    bounds = (*starts, size)
    for number, (start, stop) in enumerate(itertools.pairwise(bounds)):
        segments[start:stop] = number
        end_base = stop if fix_after_n_points is None else min(stop, start + fix_after_n_points)
        p_bar = float(c[start:end_base].sum() / n[start:end_base].sum())
        centre[start:stop] = p_bar
        sigma_i[start:stop] = np.sqrt(p_bar * (1.0 - p_bar) / n[start:stop])
        label = f"Segment {number + 1} (from point {start + 1})"
        if stop - start < MIN_POINTS_FOR_LIMITS:
            warnings.append(
                f"{label} has {stop - start} points, fewer than {MIN_POINTS_FOR_LIMITS}: its "
                "limits are trial limits and will move as data arrive."
            )
        if p_bar in (0.0, 1.0):
            sigma_z[start:stop] = np.nan
            warnings.append(f"{label} is {p_bar:.0%} throughout, so it has no variation to chart.")
            continue
        z_base = (p[start:end_base] - p_bar) / sigma_i[start:end_base]
        ranges = np.abs(np.diff(z_base))
        if ranges.size == 0:
            sigma_z[start:stop] = np.nan
            continue
        amr = float(ranges.mean())
        if screen_outliers and amr > 0:
            amr = float(ranges[ranges < SCREEN_FACTOR * amr].mean())
        sigma_z[start:stop] = amr / D2

    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(sigma_i > 0, (p - centre) / sigma_i, 0.0)
    # A one-point segment has no moving range, hence no limits; a segment at 0% or 100% has
    # zero binomial spread, so its limits sit on the centre line.
    no_limits = np.isnan(sigma_z) & (sigma_i > 0)
    spread = np.nan_to_num(sigma_i * sigma_z, nan=0.0)

    def line(width: float) -> FloatArray:
        return np.where(no_limits, np.nan, np.clip(centre + width * spread, 0.0, 1.0))

    upper, lower, upper2, lower2 = line(3.0), line(-3.0), line(2.0), line(-2.0)

    evaluation = evaluate_rules(p, centre, lower, upper, lower2, upper2, segments, rules)
    kinds = tuple(point_type(side, direction) for side in evaluation.side)
    return PPrimeResult(
        values=as_tuple(p),
        counts=as_tuple(c),
        totals=as_tuple(n),
        centre=as_tuple(centre),
        lower=as_tuple(lower),
        upper=as_tuple(upper),
        lower_two_sigma=as_tuple(lower2),
        upper_two_sigma=as_tuple(upper2),
        z=as_tuple(z),
        sigma_z=as_tuple(sigma_z),
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
        target=target,
        rules=rules,
    )
