"""The pure statistics core: arrays in, frozen results out.

Nothing here touches a database, the web or rendering, and nothing imports another part of
Assurance (a test enforces this). Methods are explained in ``docs/methodology.md``.

Modules:

* :mod:`assurance.stats.intervals`: Wilson intervals, tests against a target, differences.
* :mod:`assurance.stats.spc`: the Making Data Count XmR chart (:func:`xmr`).
* :mod:`assurance.stats.spc_rules`: the special-cause rules and icons shared by the charts.
* :mod:`assurance.stats.pprime`: Laney's p′ chart for proportions.
* :mod:`assurance.stats.funnel`: funnel plots with over-dispersion adjustment.
* :mod:`assurance.stats.forecast`: ETS forecasts and backtests.
* :mod:`assurance.stats.compare`: Benjamini–Hochberg false discovery rate.
"""

from __future__ import annotations

from assurance.stats.compare import bh_adjust
from assurance.stats.forecast import Backtest, Forecast, backtest, forecast
from assurance.stats.funnel import FunnelResult, funnel_proportions, funnel_ratios
from assurance.stats.intervals import (
    Difference,
    Interval,
    TargetTest,
    difference,
    proportion_test,
    wilson,
    wilson_arrays,
)
from assurance.stats.pprime import PPrimeResult, pprime
from assurance.stats.spc import XmrResult, xmr
from assurance.stats.spc_rules import DEFAULT_RULES, SIX_POINT_RULES, RuleSet

__all__ = [
    "DEFAULT_RULES",
    "SIX_POINT_RULES",
    "Backtest",
    "Difference",
    "Forecast",
    "FunnelResult",
    "Interval",
    "PPrimeResult",
    "RuleSet",
    "TargetTest",
    "XmrResult",
    "backtest",
    "bh_adjust",
    "difference",
    "forecast",
    "funnel_proportions",
    "funnel_ratios",
    "pprime",
    "proportion_test",
    "wilson",
    "wilson_arrays",
    "xmr",
]
