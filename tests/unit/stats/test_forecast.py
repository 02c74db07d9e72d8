"""ETS forecasts against statsmodels' own prediction intervals, and the backtest."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
from scipy import stats
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from assurance.stats.forecast import TrendOption, backtest, forecast


def monthly(n: int, seed: int = 2016) -> npt.NDArray[np.float64]:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    values: npt.NDArray[np.float64] = (
        80 + 0.2 * t + 4 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 1.5, n)
    )
    return values


def statsmodels_spec(trend: str, seasonal: bool) -> dict[str, object]:
    spec: dict[str, object] = {"error": "add"}
    if trend != "none":
        spec.update(trend="add", damped_trend=trend == "damped")
    if seasonal:
        spec.update(seasonal="add", seasonal_periods=12, initialization_method="heuristic")
    else:
        spec.update(initialization_method="estimated")
    return spec


@pytest.mark.parametrize(
    ("n", "trend"),
    [(18, "none"), (18, "additive"), (18, "damped"), (36, "none"), (36, "damped"), (36, "auto")],
)
def test_intervals_match_statsmodels_prediction(n: int, trend: TrendOption) -> None:
    y = monthly(n)
    result = forecast(y, horizon=14, trend=trend)
    # statsmodels 0.15's get_prediction fails on a bare numpy array, so give it a Series.
    fitted = ETSModel(
        pd.Series(y), **statsmodels_spec(result.trend, result.seasonal_periods is not None)
    ).fit(disp=False)
    assert fitted.model.short_name == result.model
    prediction = fitted.get_prediction(start=n, end=n + 13)
    frame95 = prediction.summary_frame(alpha=0.05)
    frame80 = prediction.summary_frame(alpha=0.20)
    assert np.allclose(result.mean, frame95["mean"], rtol=1e-9)
    assert np.allclose(result.lower_95, frame95["pi_lower"], rtol=1e-9)
    assert np.allclose(result.upper_95, frame95["pi_upper"], rtol=1e-9)
    assert np.allclose(result.lower_80, frame80["pi_lower"], rtol=1e-9)
    assert np.allclose(result.upper_80, frame80["pi_upper"], rtol=1e-9)


def test_defaults_and_probabilities() -> None:
    result = forecast(monthly(36))
    assert result.horizon == 3 and len(result.mean) == 3
    assert result.seasonal_periods == 12
    assert result.model.endswith("A")
    target = result.mean[0] + result.sd[0]
    below = result.probability_below(target)
    assert below[0] == pytest.approx(stats.norm.cdf(1.0))
    assert result.probability_missing(target, "increase") == below
    assert np.allclose(np.add(result.probability_missing(target, "decrease"), below), 1.0)
    assert all(a <= b for a, b in zip(result.sd, result.sd[1:], strict=False))
    with pytest.raises(ValueError):
        result.probability_missing(target, "neutral")


def test_short_series_has_no_season() -> None:
    result = forecast(monthly(20))
    assert result.seasonal_periods is None
    assert any("24 months" in w for w in result.warnings)
    with pytest.raises(ValueError, match="at least 6"):
        forecast([1.0, 2.0, 3.0])


def test_forecast_is_deterministic() -> None:
    # Speed is measured in benchmarks/, never asserted in a unit test.
    y = monthly(60)
    assert forecast(y) == forecast(y)


def test_backtest_baseline_by_hand() -> None:
    # A series that repeats every 12 months exactly: seasonal naive is perfect.
    season = np.array([5.0, 7, 9, 11, 10, 8, 6, 4, 3, 2, 3, 4])
    y = np.tile(season, 4)
    result = backtest(y, horizon=3, folds=4)
    assert result.origins == (42, 43, 44, 45)
    assert result.baselines == ("seasonal-naive",) * 4
    assert result.mae_baseline == 0.0
    # The in-sample seasonal-naive error is zero too, so MASE is undefined.
    assert np.isnan(result.mase_baseline)


def test_backtest_naive_mase_by_hand() -> None:
    # A straight line of slope 1: naive forecasts are 1, 2, 3 off; in-sample naive MAE is 1.
    y = np.arange(15, dtype=float)
    result = backtest(y, horizon=3, folds=2, trend="none")
    assert result.baselines == ("naive", "naive")
    assert result.mae_baseline == pytest.approx(2.0)
    assert result.mase_baseline == pytest.approx(2.0)
    with pytest.raises(ValueError, match="need at least"):
        backtest(y, horizon=3, folds=10)


def test_ets_beats_the_baseline_on_a_smooth_seasonal_series() -> None:
    result = backtest(monthly(48, seed=3), horizon=3, folds=4)
    assert result.mase_ets < result.mase_baseline


def test_a_flat_series_is_forecast_flat_with_no_uncertainty() -> None:
    result = forecast([5.0] * 30)
    assert result.model == "constant"
    assert result.mean == (5.0, 5.0, 5.0) and result.sd == (0.0, 0.0, 0.0)
    assert result.probability_below(5.0) == (0.0, 0.0, 0.0)
    assert result.probability_below(5.1) == (1.0, 1.0, 1.0)
