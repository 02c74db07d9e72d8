"""Confidence intervals and tests for proportions.

* :func:`wilson`: the Wilson (1927) score interval for one proportion.
* :func:`wilson_arrays`: the same for many proportions at once.
* :func:`proportion_test`: a two-sided test of one proportion against a target. The default is
  the score test, which is the test the Wilson interval inverts: the test is significant at
  level ``1 − confidence`` exactly when the Wilson interval excludes the target, so a finding
  never shows an interval that contradicts its test. The exact binomial test is available.
* :func:`difference`: the difference of two independent proportions with Newcombe's (1998)
  hybrid score interval and the pooled two-proportion z test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from assurance.stats._arrays import FloatArray, check_confidence

__all__ = [
    "Difference",
    "Interval",
    "IntervalArrays",
    "TargetTest",
    "difference",
    "proportion_test",
    "wilson",
    "wilson_arrays",
]

Direction = Literal["above", "below", "consistent"]


@dataclass(frozen=True)
class Interval:
    """A proportion with its confidence interval."""

    estimate: float
    lower: float
    upper: float
    count: int
    total: int
    confidence: float

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies inside the interval (ends included)."""
        return self.lower <= value <= self.upper


@dataclass(frozen=True)
class IntervalArrays:
    """Wilson intervals for many proportions; ``nan`` where a total is zero."""

    estimate: FloatArray
    lower: FloatArray
    upper: FloatArray
    confidence: float


@dataclass(frozen=True)
class TargetTest:
    """A two-sided test of a proportion against a target.

    ``direction`` is ``above`` or ``below`` when ``p_value < alpha`` (the proportion differs
    from the target significantly, in that direction) and ``consistent`` otherwise.
    """

    estimate: float
    target: float
    count: int
    total: int
    statistic: float
    p_value: float
    alpha: float
    method: Literal["score", "exact"]
    direction: Direction


@dataclass(frozen=True)
class Difference:
    """The difference ``p_a − p_b`` of two independent proportions.

    ``lower``/``upper`` is Newcombe's hybrid score interval; ``z`` and ``p_value`` come from
    the pooled two-proportion z test. ``direction`` is ``above`` when the whole interval is
    above zero (``a`` is higher), ``below`` when it is below, otherwise ``consistent``.
    """

    estimate: float
    lower: float
    upper: float
    z: float
    p_value: float
    confidence: float
    direction: Direction
    estimate_a: float
    estimate_b: float


def _check_count(count: int, total: int) -> None:
    for name, value in (("count", count), ("total", total)):
        if isinstance(value, bool) or int(value) != value:
            raise ValueError(f"{name} must be a whole number, not {value!r}.")
    if total <= 0:
        raise ValueError(
            f"total must be positive (it is {total}); a proportion of nothing has no "
            "interval, so report it as 'no data' rather than 0%."
        )
    if not 0 <= count <= total:
        raise ValueError(f"count must lie between 0 and total; it is {count} of {total}.")


def _wilson_bounds(
    count: FloatArray, total: FloatArray, confidence: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    z = float(stats.norm.ppf(0.5 + confidence / 2.0))
    p = count / total
    z2n = z * z / total
    centre = (p + z2n / 2.0) / (1.0 + z2n)
    half = z * np.sqrt(p * (1.0 - p) / total + z2n / (4.0 * total)) / (1.0 + z2n)
    lower = np.where(count == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    upper = np.where(count == total, 1.0, np.clip(centre + half, 0.0, 1.0))
    return p, lower, upper


def wilson(count: int, total: int, *, confidence: float = 0.95) -> Interval:
    """The Wilson score interval for ``count`` events out of ``total``.

    A ``total`` of zero raises ``ValueError``: there is no proportion to estimate.
    """
    _check_count(count, total)
    check_confidence(confidence)
    p, lower, upper = _wilson_bounds(
        np.array([count], dtype=np.float64), np.array([total], dtype=np.float64), confidence
    )
    return Interval(
        estimate=float(p[0]),
        lower=float(lower[0]),
        upper=float(upper[0]),
        count=int(count),
        total=int(total),
        confidence=confidence,
    )


def wilson_arrays(
    counts: npt.ArrayLike, totals: npt.ArrayLike, *, confidence: float = 0.95
) -> IntervalArrays:
    """Wilson intervals for arrays of counts and totals (any matching shape).

    Unlike :func:`wilson`, a total of zero gives ``nan`` for the estimate and both ends, so a
    breakdown with an empty cell can still be computed in one call.
    """
    check_confidence(confidence)
    c = np.asarray(counts, dtype=np.float64)
    n = np.asarray(totals, dtype=np.float64)
    if c.shape != n.shape:
        raise ValueError("counts and totals must have the same shape.")
    if np.any(n < 0) or np.any(c < 0) or np.any(c > n):
        raise ValueError("counts must lie between 0 and their totals, and totals be >= 0.")
    empty = n == 0
    safe_n = np.where(empty, 1.0, n)
    p, lower, upper = _wilson_bounds(c, safe_n, confidence)
    nan = np.float64(np.nan)
    return IntervalArrays(
        estimate=np.where(empty, nan, p),
        lower=np.where(empty, nan, lower),
        upper=np.where(empty, nan, upper),
        confidence=confidence,
    )


def _direction(significant: bool, estimate: float, reference: float) -> Direction:
    if not significant or estimate == reference:
        return "consistent"
    return "above" if estimate > reference else "below"


def proportion_test(
    count: int,
    total: int,
    target: float,
    *,
    method: Literal["score", "exact"] = "score",
    alpha: float = 0.05,
) -> TargetTest:
    """Test ``count / total`` against ``target`` (two-sided).

    ``method="score"`` (default): ``z = (p − target) / √(target(1 − target)/total)`` against
    the standard normal; it agrees with the Wilson interval at confidence ``1 − alpha``.
    ``method="exact"``: the exact binomial test (scipy's, which sums the probabilities of all
    outcomes no more likely than the one seen); ``statistic`` is then the count.
    """
    _check_count(count, total)
    if not 0.0 < target < 1.0:
        raise ValueError(f"target must lie strictly between 0 and 1, not {target!r}.")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie strictly between 0 and 1, not {alpha!r}.")
    estimate = count / total
    if method == "score":
        statistic = (estimate - target) / math.sqrt(target * (1.0 - target) / total)
        p_value = float(2.0 * stats.norm.sf(abs(statistic)))
    elif method == "exact":
        statistic = float(count)
        p_value = float(stats.binomtest(int(count), int(total), target).pvalue)
    else:
        raise ValueError(f"method must be 'score' or 'exact', not {method!r}.")
    return TargetTest(
        estimate=estimate,
        target=target,
        count=int(count),
        total=int(total),
        statistic=float(statistic),
        p_value=min(p_value, 1.0),
        alpha=alpha,
        method=method,
        direction=_direction(p_value < alpha, estimate, target),
    )


def difference(
    count_a: int, total_a: int, count_b: int, total_b: int, *, confidence: float = 0.95
) -> Difference:
    """The difference of two proportions, ``count_a/total_a − count_b/total_b``.

    The interval is Newcombe's method 10 (hybrid score): it combines the two Wilson intervals
    and, unlike the simple Wald interval, stays within [−1, 1] and behaves well near 0% and
    100%. The p value is the pooled two-proportion z test; when both groups are all events or
    all non-events there is no evidence of a difference and the p value is 1.
    """
    a = wilson(count_a, total_a, confidence=confidence)
    b = wilson(count_b, total_b, confidence=confidence)
    d = a.estimate - b.estimate
    lower = d - math.sqrt((a.estimate - a.lower) ** 2 + (b.upper - b.estimate) ** 2)
    upper = d + math.sqrt((a.upper - a.estimate) ** 2 + (b.estimate - b.lower) ** 2)
    pooled = (count_a + count_b) / (total_a + total_b)
    se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / total_a + 1.0 / total_b))
    z = d / se if se > 0 else 0.0
    p_value = float(2.0 * stats.norm.sf(abs(z)))
    if lower > 0:
        direction: Direction = "above"
    elif upper < 0:
        direction = "below"
    else:
        direction = "consistent"
    return Difference(
        estimate=d,
        lower=max(lower, -1.0),
        upper=min(upper, 1.0),
        z=z,
        p_value=p_value,
        confidence=confidence,
        direction=direction,
        estimate_a=a.estimate,
        estimate_b=b.estimate,
    )
