"""The frozen results of computing measures, and their JSON form."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from assurance.measures.catalogue import Measure
from assurance.measures.periods import Window


def _number(x: float | None, digits: int = 6) -> float | None:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None
    return round(float(x), digits)


@dataclass(frozen=True)
class Value:
    """A measure's value for one window and group.

    ``numerator`` and ``denominator`` are the counts or sums it is made from (for a mean, the
    sum of minutes and the number of incidents; for a median, the denominator alone).
    ``interval`` is the 95% Wilson interval of a proportion. ``sd`` is the standard deviation
    of the individual values behind a mean. ``value`` is None when there is nothing to measure.
    """

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    interval: tuple[float, float] | None = None
    sd: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": _number(self.value),
            "numerator": _number(self.numerator, 4),
            "denominator": _number(self.denominator, 4),
            "interval": None
            if self.interval is None
            else [_number(self.interval[0]), _number(self.interval[1])],
        }
        if self.sd is not None:
            out["sd"] = _number(self.sd)
        return out


@dataclass(frozen=True)
class Cell:
    """One group of a breakdown (an area, an offence group, an hour...) or one force."""

    key: str
    value: Value


@dataclass(frozen=True)
class Breakdown:
    """A measure broken down by one dimension for one window."""

    dimension: str
    window: Window
    cells: tuple[Cell, ...]

    def cell(self, key: str) -> Value | None:
        for c in self.cells:
            if c.key == key:
                return c.value
        return None


@dataclass(frozen=True)
class Series:
    """A monthly series (oldest first). ``values`` is None for a month with nothing measured."""

    months: tuple[str, ...]
    values: tuple[float | None, ...]
    numerators: tuple[float | None, ...]
    denominators: tuple[float | None, ...]
    group: tuple[str, str] | None = None
    """(dimension, key) for the series of one group, None for the whole force."""

    def usable_months(self, proportion: bool) -> int:
        """How many months at the end of the series can be charted: each with a finite value
        and, for a proportion, cases to divide by."""
        n = 0
        for i in range(len(self.values) - 1, -1, -1):
            v = self.values[i]
            if v is None or not math.isfinite(v):
                break
            if proportion and not (self.denominators[i] or 0) > 0:
                break
            n += 1
        return n

    def to_json(self) -> dict[str, Any]:
        return {
            "months": list(self.months),
            "values": [_number(v) for v in self.values],
            "numerators": [_number(v, 4) for v in self.numerators],
            "denominators": [_number(v, 4) for v in self.denominators],
        }


@dataclass(frozen=True)
class MeasureResult:
    """Everything computed for one measure, force and month."""

    measure: Measure
    force: str
    month: str
    target: float | None
    windows: tuple[tuple[Window, Value], ...]
    breakdowns: tuple[Breakdown, ...]
    series: Series
    group_series: tuple[Series, ...]
    peers: tuple[Cell, ...]
    """The 12-month value of the force and of every peer force (the force first)."""

    def window(self, window: Window) -> Value:
        for name, value in self.windows:
            if name == window:
                return value
        raise KeyError(window)

    def breakdown(self, dimension: str, window: Window) -> Breakdown | None:
        for b in self.breakdowns:
            if b.dimension == dimension and b.window == window:
                return b
        return None

    def to_json(self) -> dict[str, Any]:
        m = self.measure
        breakdowns: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for b in self.breakdowns:
            breakdowns.setdefault(b.dimension, {})[b.window] = [
                {"key": c.key, **c.value.to_json()} for c in b.cells
            ]
        return {
            "measure": m.id,
            "title": m.title,
            "theme": m.theme,
            "unit": m.unit,
            "direction": m.direction,
            "statistic": m.statistic,
            "compliance": m.compliance,
            "target": self.target,
            "windows": {name: value.to_json() for name, value in self.windows},
            "breakdowns": breakdowns,
            "series": self.series.to_json(),
            "group_series": [
                {"dimension": s.group[0], "key": s.group[1], **s.to_json()}
                for s in self.group_series
                if s.group is not None
            ],
            "peers": [{"force": c.key, **c.value.to_json()} for c in self.peers],
        }


@dataclass(frozen=True)
class MeasuresReport:
    """Every measure of the catalogue for one force and month."""

    force: str
    month: str
    peers: tuple[str, ...]
    history: int
    engine: str
    results: tuple[MeasureResult, ...]

    def result(self, measure_id: str) -> MeasureResult:
        for r in self.results:
            if r.measure.id == measure_id:
                return r
        raise KeyError(measure_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "force": self.force,
            "month": self.month,
            "peers": list(self.peers),
            "history_months": self.history,
            "windows": ["month", "12m"],
            "measures": [r.to_json() for r in self.results],
        }
