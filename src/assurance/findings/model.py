"""Findings: what the statistics support, with the evidence, as frozen objects and JSON.

The JSON shape is the one in docs/findings.md (measure, window, scope, kind, value, interval,
target, rule, severity, text), with added fields: ``p_value`` and ``q_value`` (the test and
its Benjamini–Hochberg adjustment, where the finding comes from a test), ``chart`` (the id of
the chart that shows it) and ``evidence`` (the numbers behind it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Kind = Literal[
    "below-target",
    "above-target",
    "special-cause-concern",
    "special-cause-improvement",
    "special-cause-neutral",
    "outlier-low",
    "outlier-high",
    "peer-below",
    "peer-above",
    "breakdown-below",
    "breakdown-above",
    "predicted-breach",
    "weakest-stage",
    "compliance-breach",
]
KINDS: tuple[Kind, ...] = (
    "below-target",
    "above-target",
    "special-cause-concern",
    "special-cause-improvement",
    "special-cause-neutral",
    "outlier-low",
    "outlier-high",
    "peer-below",
    "peer-above",
    "breakdown-below",
    "breakdown-above",
    "predicted-breach",
    "weakest-stage",
    "compliance-breach",
)
Severity = Literal["high", "medium", "low"]
SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}


def _clean(value: Any) -> Any:
    """JSON-safe numbers (rounded, no NaN) inside nested evidence."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    try:
        return _clean(float(value))
    except (TypeError, ValueError):
        return str(value)


@dataclass(frozen=True)
class Scope:
    """Where a finding applies: the force, and at most one area, offence or survey group.

    ``breakdown`` names any other breakdown group the finding is about (e.g.
    ``("shift_change", "changeover")``).
    """

    force: str
    area: str | None = None
    offence_group: str | None = None
    survey_group: str | None = None
    breakdown: tuple[str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "force": self.force,
            "area": self.area,
            "offence_group": self.offence_group,
            "survey_group": self.survey_group,
        }
        if self.breakdown is not None:
            out["breakdown"] = {self.breakdown[0]: self.breakdown[1]}
        return out

    @property
    def label(self) -> str:
        """A short label for tables: the group, or the force."""
        for value in (self.area, self.offence_group, self.survey_group):
            if value:
                return value
        if self.breakdown:
            return f"{self.breakdown[0]}={self.breakdown[1]}"
        return self.force


@dataclass(frozen=True)
class Finding:
    """One finding, with its evidence and one plain-English sentence."""

    measure: str
    window: str
    scope: Scope
    kind: Kind
    value: float | None
    interval: tuple[float, float] | None
    target: float | None
    rule: str | None
    severity: Severity
    text: str
    p_value: float | None = None
    q_value: float | None = None
    chart: str | None = None
    evidence: tuple[tuple[str, Any], ...] = field(default=())

    def with_q(self, q: float) -> Finding:
        return replace(self, q_value=q)

    def to_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "window": self.window,
            "scope": self.scope.to_json(),
            "kind": self.kind,
            "value": _clean(self.value),
            "interval": None if self.interval is None else _clean(list(self.interval)),
            "target": _clean(self.target),
            "rule": self.rule,
            "severity": self.severity,
            "text": self.text,
            "p_value": _clean(self.p_value),
            "q_value": _clean(self.q_value),
            "chart": self.chart,
            "evidence": _clean(dict(self.evidence)),
        }


@dataclass(frozen=True)
class Check:
    """One test a rule made, whether or not it found anything.

    Every test with a p value belongs to the month's family for the false discovery rate,
    so tests that found nothing still count (``finding`` is None for them). A test with no p
    value (a compliance breach, a forecast) stands on its own rule. ``finding`` may be a
    function giving it (or None), called only if the false-discovery step keeps the test: a
    finding that needs costly work (an area's funnel limits) is then made only when kept.
    """

    family: str
    p_value: float | None
    finding: Finding | Callable[[], Finding | None] | None

    def made(self) -> Finding | None:
        """The finding, made now if it was deferred."""
        return self.finding() if callable(self.finding) else self.finding


def findings_json(findings: list[Finding]) -> list[dict[str, Any]]:
    """The JSON array ``assurance findings --json`` prints."""
    return [f.to_json() for f in findings]
