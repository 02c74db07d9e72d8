"""Funnel plots for comparing areas or forces (Spiegelhalter 2005; Spiegelhalter et al. 2012).

Each unit (an area, a force) is compared with a common target, allowing for its size: small
units vary more by chance, so their limits are wider and the limits form a funnel.

* :func:`funnel_proportions`: proportions (events / denominator), target by default the
  pooled proportion of all units.
* :func:`funnel_ratios`: indirectly standardised ratios (observed / expected), target 1 by
  default.

Over-dispersion (Spiegelhalter 2005, "Handling over-dispersion of performance indicators"):

1. Each unit gets a z-score under the target: ``(p − θ)/√(θ(1 − θ)/n)`` for proportions and
   ``2(√O − √(θE))`` for ratios (the square-root scale, on which Poisson counts are close to
   normal).
2. The z-scores are winsorised (by default the lowest and highest 10% are pulled in to the
   10th and 90th percentiles), so a few genuine outliers cannot inflate the estimate.
3. ``φ`` is the mean of the squared winsorised z-scores; ``Iφ`` is compared with a χ²
   distribution on ``I − 1`` degrees of freedom (``I`` units).
4. If the units are over-dispersed, the between-unit variance is estimated by the
   DerSimonian–Laird moment formula with ``Iφ`` in place of Cochran's Q:
   ``τ² = max(0, (Iφ − (I − 1)) / (Σw − Σw²/Σw))`` with ``w = 1/s²``, and the limits and
   z-scores use ``s² + τ²`` in place of ``s²``.

A unit's ``flag`` comes from comparing its value with the limits at its own denominator, so
the flags always agree with the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from assurance.stats._arrays import (
    FloatArray,
    as_counts,
    as_series,
    as_tuple,
    check_whole,
    labels_or_default,
)
from assurance.stats.funnel_limits import (
    FunnelLimits,
    Kind,
    check_target,
    denominator_grid,
    funnel_limits,
    sampling_sd,
)

__all__ = [
    "FunnelFlag",
    "FunnelLimits",
    "FunnelResult",
    "Overdispersion",
    "funnel_limits",
    "funnel_proportions",
    "funnel_ratios",
    "overdispersion",
    "winsorise",
]

FunnelFlag = Literal["outlier-high-998", "outlier-low-998", "high-95", "low-95", "within"]
Adjust = Literal["auto", "always", "never"]

MIN_UNITS_FOR_DISPERSION: Final = 10


@dataclass(frozen=True)
class Overdispersion:
    """The over-dispersion estimate for a set of z-scores."""

    phi: float
    statistic: float
    """``I × φ``, referred to a χ² distribution on ``I − 1`` degrees of freedom."""
    degrees_of_freedom: int
    p_value: float
    tau2: float
    winsor_fraction: float


@dataclass(frozen=True)
class FunnelResult:
    """A funnel plot: per-unit tuples (one entry per unit), the dispersion, and chart lines.

    ``z`` is the z-score under the target alone; ``z_adjusted`` allows for ``tau2`` (equal to
    ``z`` when no adjustment was made). ``lower_95`` ... ``upper_998`` are the limits at each
    unit's own denominator; ``grid`` holds them on a range of denominators for drawing.
    """

    kind: Kind
    labels: tuple[str, ...]
    numerators: tuple[float, ...]
    denominators: tuple[float, ...]
    values: tuple[float, ...]
    target: float
    z: tuple[float, ...]
    z_adjusted: tuple[float, ...]
    flag: tuple[FunnelFlag, ...]
    lower_95: tuple[float, ...]
    upper_95: tuple[float, ...]
    lower_998: tuple[float, ...]
    upper_998: tuple[float, ...]
    dispersion: Overdispersion
    overdispersed: bool
    adjusted: bool
    tau2: float
    limits_method: Literal["exact", "random-effects"]
    grid: FunnelLimits
    warnings: tuple[str, ...]
    adjust: Adjust
    alpha: float

    def flagged(self) -> tuple[str, ...]:
        """Labels of the units outside the 95% limits."""
        return tuple(
            label for label, f in zip(self.labels, self.flag, strict=True) if f != "within"
        )


def winsorise(z: npt.ArrayLike, fraction: float = 0.1) -> FloatArray:
    """Pull the lowest and highest ``fraction`` of values in to those percentiles.

    The percentiles are numpy's default (linear interpolation between order statistics).
    """
    values = as_series(z, "z")
    if not 0.0 <= fraction < 0.5:
        raise ValueError(f"The winsorising fraction must be in [0, 0.5), not {fraction!r}.")
    low, high = np.quantile(values, [fraction, 1.0 - fraction])
    return np.asarray(np.clip(values, low, high), dtype=np.float64)


def overdispersion(
    z: npt.ArrayLike, standard_errors: npt.ArrayLike, *, winsor_fraction: float = 0.1
) -> Overdispersion:
    """Estimate over-dispersion from z-scores and the units' standard errors.

    ``phi`` is the mean squared winsorised z-score, its p value that of ``Iφ`` on a χ²
    distribution with ``I − 1`` degrees of freedom, and ``tau2`` the additive between-unit
    variance (DerSimonian–Laird with ``Iφ`` for Cochran's Q; zero when ``Iφ ≤ I − 1``).
    """
    zw = winsorise(z, winsor_fraction)
    s = as_series(standard_errors, "standard_errors")
    if s.shape != zw.shape or np.any(s <= 0):
        raise ValueError("standard_errors must be positive, one for each z-score.")
    units = zw.size
    phi = float(np.mean(zw**2))
    statistic = units * phi
    df = units - 1
    p_value = float(stats.chi2.sf(statistic, df)) if df > 0 else float("nan")
    w = 1.0 / s**2
    denominator = float(w.sum() - (w**2).sum() / w.sum())
    tau2 = max(0.0, (statistic - df) / denominator) if denominator > 0 else 0.0
    return Overdispersion(
        phi=phi,
        statistic=statistic,
        degrees_of_freedom=df,
        p_value=p_value,
        tau2=tau2,
        winsor_fraction=winsor_fraction,
    )


def _flags(values: FloatArray, lines: FunnelLimits) -> tuple[FunnelFlag, ...]:
    result: list[FunnelFlag] = []
    for i, value in enumerate(values):
        if value > lines.upper_998[i]:
            result.append("outlier-high-998")
        elif value < lines.lower_998[i]:
            result.append("outlier-low-998")
        elif value > lines.upper_95[i]:
            result.append("high-95")
        elif value < lines.lower_95[i]:
            result.append("low-95")
        else:
            result.append("within")
    return tuple(result)


def _funnel(
    kind: Kind,
    numerators: FloatArray,
    denominators: FloatArray,
    target: float,
    labels: Sequence[str] | None,
    winsor_fraction: float,
    adjust: Adjust,
    alpha: float,
    grid_size: int,
) -> FunnelResult:
    if adjust not in ("auto", "always", "never"):
        raise ValueError(f"adjust must be 'auto', 'always' or 'never', not {adjust!r}.")
    if not 0.0 < alpha < 1.0:
        raise ValueError("alpha must lie strictly between 0 and 1.")
    if grid_size < 2:
        raise ValueError("grid_size must be at least 2.")
    check_target(kind, target)
    names = labels_or_default(labels, numerators.size)
    values = numerators / denominators
    se = sampling_sd(kind, denominators, target)
    if kind == "proportion":
        z = (values - target) / se
    else:
        z = 2.0 * (np.sqrt(numerators) - np.sqrt(target * denominators))
    warnings: list[str] = []
    if numerators.size < MIN_UNITS_FOR_DISPERSION:
        warnings.append(
            f"Only {numerators.size} units: the over-dispersion estimate needs about "
            f"{MIN_UNITS_FOR_DISPERSION} or more to be reliable."
        )
    dispersion = overdispersion(z, se, winsor_fraction=winsor_fraction)
    overdispersed = bool(dispersion.p_value < alpha) if numerators.size > 1 else False
    adjusted = dispersion.tau2 > 0 and (adjust == "always" or (adjust == "auto" and overdispersed))
    tau2 = dispersion.tau2 if adjusted else 0.0
    if adjusted:
        transformed = values if kind == "proportion" else np.sqrt(values)
        centre = target if kind == "proportion" else float(np.sqrt(target))
        z_adjusted = (transformed - centre) / np.sqrt(se**2 + tau2)
    else:
        z_adjusted = z
    own = funnel_limits(denominators, kind=kind, target=target, tau2=tau2)
    grid = funnel_limits(
        denominator_grid(denominators, kind, grid_size), kind=kind, target=target, tau2=tau2
    )
    return FunnelResult(
        kind=kind,
        labels=names,
        numerators=as_tuple(numerators),
        denominators=as_tuple(denominators),
        values=as_tuple(values),
        target=float(target),
        z=as_tuple(z),
        z_adjusted=as_tuple(z_adjusted),
        flag=_flags(values, own),
        lower_95=own.lower_95,
        upper_95=own.upper_95,
        lower_998=own.lower_998,
        upper_998=own.upper_998,
        dispersion=dispersion,
        overdispersed=overdispersed,
        adjusted=adjusted,
        tau2=tau2,
        limits_method=own.method,
        grid=grid,
        warnings=tuple(warnings),
        adjust=adjust,
        alpha=alpha,
    )


def funnel_proportions(
    counts: npt.ArrayLike,
    totals: npt.ArrayLike,
    *,
    target: float | None = None,
    labels: Sequence[str] | None = None,
    winsor_fraction: float = 0.1,
    adjust: Adjust = "auto",
    alpha: float = 0.05,
    grid_size: int = 100,
) -> FunnelResult:
    """A funnel plot of proportions ``counts / totals`` against ``target``.

    ``target`` defaults to the pooled proportion ``Σ counts / Σ totals``. ``adjust``:
    ``auto`` widens the limits for over-dispersion only when the χ² test is significant at
    ``alpha``; ``always`` whenever ``τ² > 0``; ``never`` keeps the exact binomial limits.
    """
    c, n = as_counts(counts, totals)
    check_whole(c, "counts")
    check_whole(n, "totals")
    theta = float(c.sum() / n.sum()) if target is None else float(target)
    return _funnel("proportion", c, n, theta, labels, winsor_fraction, adjust, alpha, grid_size)


def funnel_ratios(
    observed: npt.ArrayLike,
    expected: npt.ArrayLike,
    *,
    target: float = 1.0,
    labels: Sequence[str] | None = None,
    winsor_fraction: float = 0.1,
    adjust: Adjust = "auto",
    alpha: float = 0.05,
    grid_size: int = 100,
) -> FunnelResult:
    """A funnel plot of indirectly standardised ratios ``observed / expected``.

    ``observed`` are counts; ``expected`` the counts expected from the reference rates. The
    exact limits are Poisson; the over-dispersion adjustment works on the square-root scale.
    """
    o = as_series(observed, "observed")
    e = as_series(expected, "expected")
    if o.shape != e.shape:
        raise ValueError("observed and expected must have one entry for each unit.")
    if np.any(o < 0):
        raise ValueError("observed counts cannot be negative.")
    check_whole(o, "observed")
    if np.any(e <= 0):
        raise ValueError("expected counts must be positive.")
    return _funnel("ratio", o, e, float(target), labels, winsor_fraction, adjust, alpha, grid_size)
