"""Control limits for funnel plots, as functions of the denominator.

Two kinds of limit are provided (Spiegelhalter 2005, Statistics in Medicine 24:1185):

* **Exact** limits, used when the units vary no more than chance allows. For a proportion with
  target ``θ`` and denominator ``n`` the limit for tail probability ``q`` is the binomial
  ``q``-quantile ``r`` of Bin(n, θ), interpolated so the limits form a smooth funnel:
  ``α = (F(r) − q) / (F(r) − F(r − 1))`` and the limit is ``(r − α) / n``. For an indirectly
  standardised ratio with expected count ``E`` the same is done with the Poisson(θE)
  distribution, giving the limit ``(r − α) / E``.
* **Random-effects** limits, used when the units are over-dispersed. These are normal limits
  widened by the between-unit variance ``τ²``: for a proportion
  ``θ ± z √(θ(1 − θ)/n + τ²)``, clipped to [0, 1]; for a ratio they are worked on the square
  root scale, where the sampling variance is ``1/(4E)``: ``(√θ ± z √(1/(4E) + τ²))²``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from assurance.stats._arrays import FloatArray, as_tuple

Kind = Literal["proportion", "ratio"]

TAIL_95: Final = 0.025
TAIL_998: Final = 0.001
Z_95: Final = float(stats.norm.isf(TAIL_95))
Z_998: Final = float(stats.norm.isf(TAIL_998))


@dataclass(frozen=True)
class FunnelLimits:
    """Funnel limits evaluated at a set of denominators (one entry per denominator)."""

    denominators: tuple[float, ...]
    lower_95: tuple[float, ...]
    upper_95: tuple[float, ...]
    lower_998: tuple[float, ...]
    upper_998: tuple[float, ...]
    method: Literal["exact", "random-effects"]


def exact_limit(kind: Kind, denominators: FloatArray, target: float, tail: float) -> FloatArray:
    """The interpolated exact limit with lower-tail probability ``tail`` at each denominator.

    Proportions need whole-number denominators (binomial trials); ratios take any positive
    expected count.
    """
    if kind == "proportion":
        dist = stats.binom(np.round(denominators).astype(np.int64), target)
    else:
        dist = stats.poisson(denominators * target)
    r = np.asarray(dist.ppf(tail), dtype=np.float64)
    at_r = np.asarray(dist.cdf(r), dtype=np.float64)
    below_r = np.asarray(dist.cdf(r - 1.0), dtype=np.float64)
    step = at_r - below_r
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = np.where(step > 0, (at_r - tail) / step, 0.0)
    limit = (r - alpha) / denominators
    if kind == "proportion":
        return np.asarray(np.clip(limit, 0.0, 1.0), dtype=np.float64)
    return np.asarray(np.maximum(limit, 0.0), dtype=np.float64)


def sampling_sd(kind: Kind, denominators: FloatArray, target: float) -> FloatArray:
    """Standard error under the target, on the scale the z-scores use.

    Proportion: ``√(θ(1 − θ)/n)``. Ratio: ``1 / (2√E)``, the standard error of ``√(O/E)``.
    """
    if kind == "proportion":
        return np.asarray(np.sqrt(target * (1.0 - target) / denominators), dtype=np.float64)
    return np.asarray(0.5 / np.sqrt(denominators), dtype=np.float64)


def random_effects_limit(
    kind: Kind, denominators: FloatArray, target: float, tau2: float, z: float
) -> FloatArray:
    """Normal limit at ``z`` standard deviations (negative for the lower limit)."""
    sd = np.sqrt(sampling_sd(kind, denominators, target) ** 2 + tau2)
    if kind == "proportion":
        return np.asarray(np.clip(target + z * sd, 0.0, 1.0), dtype=np.float64)
    root = np.maximum(np.sqrt(target) + z * sd, 0.0)
    return np.asarray(root**2, dtype=np.float64)


def funnel_limits(
    denominators: npt.ArrayLike, *, kind: Kind, target: float, tau2: float = 0.0
) -> FunnelLimits:
    """95% and 99.8% funnel limits at the given denominators.

    With ``tau2 == 0`` the limits are exact (binomial or Poisson); with ``tau2 > 0`` they are
    the over-dispersion-adjusted random-effects limits.
    """
    d = np.asarray(denominators, dtype=np.float64)
    if d.ndim != 1 or d.size == 0 or np.any(~np.isfinite(d)) or np.any(d <= 0):
        raise ValueError("denominators must be a non-empty list of positive numbers.")
    check_target(kind, target)
    if tau2 < 0 or not np.isfinite(tau2):
        raise ValueError("tau2 must be a finite number of at least zero.")
    if tau2 == 0:
        lines = [exact_limit(kind, d, target, q) for q in (TAIL_95, 1 - TAIL_95)]
        lines += [exact_limit(kind, d, target, q) for q in (TAIL_998, 1 - TAIL_998)]
        method: Literal["exact", "random-effects"] = "exact"
    else:
        lines = [random_effects_limit(kind, d, target, tau2, z) for z in (-Z_95, Z_95)]
        lines += [random_effects_limit(kind, d, target, tau2, z) for z in (-Z_998, Z_998)]
        method = "random-effects"
    return FunnelLimits(
        denominators=as_tuple(d),
        lower_95=as_tuple(lines[0]),
        upper_95=as_tuple(lines[1]),
        lower_998=as_tuple(lines[2]),
        upper_998=as_tuple(lines[3]),
        method=method,
    )


def check_target(kind: Kind, target: float) -> None:
    """Raise ``ValueError`` for a target the funnel cannot use."""
    if kind == "proportion" and not 0.0 < target < 1.0:
        raise ValueError(
            f"The target proportion must lie strictly between 0 and 1 (it is {target!r}); "
            "at 0% or 100% every unit is on target or a certain outlier."
        )
    if kind == "ratio" and not target > 0.0:
        raise ValueError(f"The target ratio must be positive (it is {target!r}).")


def denominator_grid(denominators: FloatArray, kind: Kind, size: int) -> FloatArray:
    """Denominators spread evenly on a log scale across the units, for drawing the funnel."""
    low = float(denominators.min()) * 0.8
    high = float(denominators.max()) * 1.1
    grid = np.geomspace(max(low, 1.0 if kind == "proportion" else 1e-3), high, size)
    if kind == "proportion":
        grid = np.unique(np.round(grid))
    return np.asarray(grid, dtype=np.float64)
