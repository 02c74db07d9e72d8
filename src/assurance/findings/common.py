"""What every rule needs: its inputs, options, and small shared judgements."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import special

from assurance.findings.model import Severity
from assurance.findings.text import Names
from assurance.measures.catalogue import Measure
from assurance.measures.results import MeasureResult, MeasuresReport
from assurance.stats.spc_rules import DEFAULT_RULES, RuleSet


@dataclass(frozen=True)
class Options:
    """The settings of the rules (documented in docs/findings.md and docs/methodology.md)."""

    fdr: float = 0.05
    """The false discovery rate the Benjamini–Hochberg step controls."""
    min_spc_points: int = 24
    """Months of unbroken history a chart needs before its signals become findings."""
    min_group_size: int = 30
    """Smallest denominator for a group to be compared with the rest of the force."""
    forecast_probability: float = 0.95
    """How likely a miss must be (three months ahead) for a predicted breach."""
    funnel_grid: int = 2
    """Points of the funnel's drawing grid (the rules need only each unit's own limits; charts
    compute their own)."""
    rules: RuleSet = DEFAULT_RULES


@dataclass(frozen=True)
class RuleInput:
    """One month's measures for one force, display names and options."""

    report: MeasuresReport
    names: Names
    options: Options

    @property
    def force(self) -> str:
        return self.report.force

    @property
    def month(self) -> str:
        return self.report.month

    def results(self) -> tuple[MeasureResult, ...]:
        return self.report.results


def worse(m: Measure, sign: float) -> bool | None:
    """Whether a difference with this sign is in the bad direction (None when neutral)."""
    if m.direction == "neutral" or sign == 0:
        return None
    return (sign < 0) if m.direction == "increase" else (sign > 0)


def severity_for(m: Measure, sign: float, strong: bool) -> Severity:
    """``high`` for a strong signal in the bad direction, ``medium`` for a weaker one or a
    strong neutral one, ``low`` for good news and weak neutral signals."""
    bad = worse(m, sign)
    if bad is None:
        return "medium" if strong else "low"
    if bad:
        return "high" if strong else "medium"
    return "low"


def two_sided(z: float) -> float:
    """The two-sided normal p value of a z statistic.

    ``2 Φ(−|z|)`` with scipy's ``ndtr``, the function ``stats.norm.sf`` evaluates (the same
    value), called directly: the distribution object's argument handling costs a hundred
    times the arithmetic, and the rules make thousands of these a month.
    """
    if not math.isfinite(z):
        return 0.0 if math.isinf(z) else 1.0
    return float(2.0 * special.ndtr(-abs(z)))


def chart_id(kind: str, measure: str, force: str, *parts: str) -> str:
    """The id by which the pack and web app find the chart behind a finding."""
    return "/".join((kind, measure, force, *parts))
