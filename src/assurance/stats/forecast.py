"""Short-term forecasts of monthly series with exponential smoothing (ETS).

The model is statsmodels' ``ETSModel`` with additive errors (Hyndman & Athanasopoulos,
"Forecasting: principles and practice", chapter 8):

* no trend, or a damped additive trend (``trend="auto"`` fits both and keeps the one with the
  lower AICc; ``"none"``, ``"additive"`` and ``"damped"`` force a choice);
* an additive seasonal pattern of period 12 when there are at least 24 months (two full
  years), otherwise none;
* initial states estimated with the other parameters, except for seasonal models, whose
  initial states come from statsmodels' heuristic (a decomposition of the first two years):
  with only two or three years of data, estimating 13 more initial states over-fits badly.

Prediction intervals and the probability of missing a target use the *normal predictive
distribution* with the analytic forecast variance of these additive models
(``σ²(1 + Σ c_j²)``, Hyndman et al. 2008, table 6.1), where ``σ²`` is the in-sample mean
squared one-step error. Nothing is simulated, so the results are deterministic and fast.

:func:`backtest` measures how well the method would have done: rolling-origin forecasts
scored by MAE and MASE against a seasonal-naive baseline.
"""

from __future__ import annotations

import math
import warnings as _warnings
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from assurance.stats._arrays import FloatArray, as_series, as_tuple
from assurance.stats.spc_rules import Improvement, check_improvement

__all__ = ["Backtest", "Forecast", "backtest", "fit_ets", "forecast"]

TrendOption = Literal["auto", "none", "additive", "damped"]
Trend = Literal["none", "additive", "damped"]

SEASON: Final = 12
MIN_POINTS: Final = 6
MIN_POINTS_FOR_TREND: Final = 10
Z_80: Final = float(stats.norm.isf(0.10))
Z_95: Final = float(stats.norm.isf(0.025))


@dataclass(frozen=True)
class Forecast:
    """Forecasts for the next ``horizon`` months with their predictive distribution.

    ``mean`` and ``sd`` describe a normal predictive distribution for each step; the 80% and
    95% prediction intervals are ``mean ± 1.2816 sd`` and ``mean ± 1.9600 sd``.
    """

    horizon: int
    mean: tuple[float, ...]
    sd: tuple[float, ...]
    lower_80: tuple[float, ...]
    upper_80: tuple[float, ...]
    lower_95: tuple[float, ...]
    upper_95: tuple[float, ...]
    model: str
    """statsmodels' short name, e.g. ``ANN`` (level only) or ``AAdA`` (damped trend, season)."""
    trend: Trend
    seasonal_periods: int | None
    initialisation: Literal["estimated", "heuristic"]
    """How the starting states were set (statsmodels' ``initialization_method``)."""
    aicc: float
    sigma2: float
    n_obs: int
    warnings: tuple[str, ...]

    def probability_below(self, target: float) -> tuple[float, ...]:
        """For each step, the probability that the value falls below ``target``."""
        return tuple(
            float(stats.norm.cdf(target, loc=m, scale=s)) if s > 0 else float(m < target)
            for m, s in zip(self.mean, self.sd, strict=True)
        )

    def probability_above(self, target: float) -> tuple[float, ...]:
        """For each step, the probability that the value is above ``target``."""
        return tuple(1.0 - p for p in self.probability_below(target))

    def probability_missing(self, target: float, improvement: Improvement) -> tuple[float, ...]:
        """For each step, the probability of missing ``target``: of falling below it when
        higher is better, of rising above it when lower is better."""
        direction = check_improvement(improvement)
        if direction == "neutral":
            raise ValueError("A target cannot be missed when the direction is neutral.")
        if direction == "increase":
            return self.probability_below(target)
        return self.probability_above(target)


@dataclass(frozen=True)
class Backtest:
    """Rolling-origin accuracy of the ETS forecasts and of the seasonal-naive baseline.

    Errors are pooled over every fold and step. MASE divides by the in-sample mean absolute
    error of the (seasonal) naive method on each fold's training data (Hyndman & Koehler
    2006); below 1 beats that benchmark in sample. The baseline is seasonal naive (the value
    12 months before) when a fold has at least 24 months, otherwise naive (the last value).
    """

    horizon: int
    folds: int
    origins: tuple[int, ...]
    mae_ets: float
    mae_baseline: float
    mase_ets: float
    mase_baseline: float
    baselines: tuple[Literal["seasonal-naive", "naive"], ...]


def _spec(trend: Trend, seasonal: bool) -> dict[str, Any]:
    spec: dict[str, Any] = {"error": "add"}
    if trend != "none":
        spec.update(trend="add", damped_trend=trend == "damped")
    if seasonal:
        spec.update(seasonal="add", seasonal_periods=SEASON, initialization_method="heuristic")
    else:
        spec.update(initialization_method="estimated")
    return spec


def fit_ets(y: FloatArray, trend: Trend, seasonal: bool) -> tuple[Any, list[str]]:
    """Fit one ETS model; return the statsmodels results and any fitting warnings."""
    # Imported here: statsmodels (and pandas behind it) takes a second to import, and most
    # users of assurance.stats never forecast.
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        results = ETSModel(y, **_spec(trend, seasonal)).fit(disp=False)
    notes = [f"The {results.model.short_name} model fit reported: {w.message}" for w in caught]
    return results, notes


def _relative_variance(results: Any, horizon: int) -> FloatArray:
    """``1 + Σ_{j<h} c_j²`` for each step h, for additive-error ETS models."""
    alpha = float(results.smoothing_level)
    beta = float(results.smoothing_trend) if results.has_trend else 0.0
    phi = float(results.damping_trend) if results.damped_trend else 1.0
    gamma = float(results.smoothing_seasonal) if results.has_seasonal else 0.0
    period = int(results.seasonal_periods) if results.has_seasonal else 0
    out = np.ones(horizon)
    total = 0.0
    for h in range(2, horizon + 1):
        j = h - 1
        trend_weight = float(sum(phi**i for i in range(1, j + 1))) if results.has_trend else 0.0
        seasonal_hit = 1.0 if period and j % period == 0 else 0.0
        total += (alpha + beta * trend_weight + gamma * seasonal_hit) ** 2
        out[h - 1] = 1.0 + total
    return out


def _choose(y: FloatArray, trend: TrendOption, seasonal: bool) -> tuple[Any, Trend, list[str]]:
    if trend == "auto":
        candidates: list[Trend] = ["none"]
        if y.size >= MIN_POINTS_FOR_TREND:
            candidates.append("damped")
    elif trend in ("none", "additive", "damped"):
        candidates = [trend]
    else:
        raise ValueError(f"trend must be auto, none, additive or damped, not {trend!r}.")
    best: tuple[Any, Trend, list[str]] | None = None
    for option in candidates:
        results, notes = fit_ets(y, option, seasonal)
        aicc = float(results.aicc)
        if best is None or (math.isfinite(aicc) and aicc < float(best[0].aicc)):
            best = (results, option, notes)
    assert best is not None
    return best


def _flat(y: FloatArray, horizon: int, seasonal: bool) -> Forecast:
    """A series with one repeated value: nothing to fit, and no uncertainty to estimate."""
    level = (float(y[0]),) * horizon
    zero = (0.0,) * horizon
    return Forecast(
        horizon=horizon,
        mean=level,
        sd=zero,
        lower_80=level,
        upper_80=level,
        lower_95=level,
        upper_95=level,
        model="constant",
        trend="none",
        seasonal_periods=SEASON if seasonal else None,
        initialisation="estimated",
        aicc=float("nan"),
        sigma2=0.0,
        n_obs=int(y.size),
        warnings=(
            "Every value is the same, so the forecast repeats it and no uncertainty can be "
            "estimated.",
        ),
    )


def forecast(
    values: npt.ArrayLike,
    *,
    horizon: int = 3,
    trend: TrendOption = "auto",
    seasonal: bool | None = None,
) -> Forecast:
    """Forecast the next ``horizon`` months of a monthly series.

    ``seasonal=None`` uses a 12-month season when there are at least 24 values. At least
    6 values are needed; a trend is only considered automatically from 10.
    """
    y = as_series(values, "values")
    if isinstance(horizon, bool) or int(horizon) != horizon or horizon < 1:
        raise ValueError("horizon must be a whole number of months, at least 1.")
    if y.size < MIN_POINTS:
        raise ValueError(f"A forecast needs at least {MIN_POINTS} months; there are {y.size}.")
    use_season = y.size >= 2 * SEASON if seasonal is None else seasonal
    if use_season and y.size < 2 * SEASON:
        raise ValueError("A seasonal forecast needs at least 24 months (two full years).")
    if np.ptp(y) == 0:
        return _flat(y, int(horizon), use_season)
    results, chosen, notes = _choose(y, trend, use_season)
    mean = np.asarray(results.forecast(int(horizon)), dtype=np.float64)
    sigma2 = float(results.mse)
    sd = np.sqrt(sigma2 * _relative_variance(results, int(horizon)))
    if y.size < 2 * SEASON and seasonal is None:
        notes.append(
            "Fewer than 24 months: no seasonal pattern is modelled, so intervals may be too "
            "narrow if the measure is seasonal."
        )
    return Forecast(
        horizon=int(horizon),
        mean=as_tuple(mean),
        sd=as_tuple(sd),
        lower_80=as_tuple(mean - Z_80 * sd),
        upper_80=as_tuple(mean + Z_80 * sd),
        lower_95=as_tuple(mean - Z_95 * sd),
        upper_95=as_tuple(mean + Z_95 * sd),
        model=str(results.model.short_name),
        trend=chosen,
        seasonal_periods=SEASON if use_season else None,
        initialisation="heuristic" if use_season else "estimated",
        aicc=float(results.aicc),
        sigma2=sigma2,
        n_obs=int(y.size),
        warnings=tuple(notes),
    )


def _naive(train: FloatArray, horizon: int) -> tuple[FloatArray, float, bool]:
    """Seasonal-naive (or naive) forecasts and the in-sample MASE scale."""
    seasonal = train.size >= 2 * SEASON
    lag = SEASON if seasonal else 1
    steps = np.arange(1, horizon + 1)
    source = train.size - lag + (steps - 1) % lag
    scale = float(np.mean(np.abs(train[lag:] - train[:-lag])))
    return train[source], scale, seasonal


def backtest(
    values: npt.ArrayLike, horizon: int = 3, folds: int = 5, *, trend: TrendOption = "auto"
) -> Backtest:
    """Rolling-origin backtest: fit on the first ``t`` months, forecast ``horizon`` ahead.

    The last fold's forecasts end at the last value; each earlier fold starts one month
    earlier. Every fold needs at least 6 months of training data.
    """
    y = as_series(values, "values")
    if horizon < 1 or folds < 1:
        raise ValueError("horizon and folds must both be at least 1.")
    origins = tuple(y.size - horizon - (folds - 1 - k) for k in range(folds))
    if origins[0] < MIN_POINTS:
        raise ValueError(
            f"{folds} folds of {horizon} months need at least "
            f"{MIN_POINTS + horizon + folds - 1} values; there are {y.size}."
        )
    ets_errors: list[float] = []
    naive_errors: list[float] = []
    ets_scaled: list[float] = []
    naive_scaled: list[float] = []
    baselines: list[Literal["seasonal-naive", "naive"]] = []
    for origin in origins:
        train, actual = y[:origin], y[origin : origin + horizon]
        predicted = np.asarray(forecast(train, horizon=horizon, trend=trend).mean)
        naive, scale, seasonal = _naive(train, horizon)
        baselines.append("seasonal-naive" if seasonal else "naive")
        e_ets = np.abs(actual - predicted)
        e_naive = np.abs(actual - naive)
        ets_errors.extend(e_ets)
        naive_errors.extend(e_naive)
        divisor = scale if scale > 0 else float("nan")
        ets_scaled.extend(e_ets / divisor)
        naive_scaled.extend(e_naive / divisor)
    return Backtest(
        horizon=horizon,
        folds=folds,
        origins=origins,
        mae_ets=float(np.mean(ets_errors)),
        mae_baseline=float(np.mean(naive_errors)),
        mase_ets=float(np.mean(ets_scaled)),
        mase_baseline=float(np.mean(naive_scaled)),
        baselines=tuple(baselines),
    )
