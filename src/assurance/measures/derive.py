"""Derive one measure's windows, breakdowns, series and peer values from the fetched sources.

Pure arithmetic on small arrays: no engine is touched here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from assurance.measures.catalogue import Measure
from assurance.measures.cube import BoolArray, Cube, FloatArray
from assurance.measures.periods import WINDOWS, Period, Window, month_text
from assurance.measures.results import Breakdown, Cell, MeasureResult, Series, Value
from assurance.stats.intervals import wilson_arrays

#: (part, dim, key) -> (median, p90, n) of emergency attendance minutes.
Quantiles = dict[tuple[str, str, str], tuple[float | None, float | None, float]]

SECONDS_PER_MINUTE = 60.0


@dataclass(frozen=True)
class Inputs:
    """Everything fetched from the warehouse for one force and month."""

    period: Period
    force: str
    peers: tuple[str, ...]
    cubes: dict[str, Cube]
    population: dict[tuple[str, str], float]
    quantiles: Quantiles
    targets: dict[str, float]


@dataclass(frozen=True)
class Columns:
    """Values of a measure as columns: one list per field of :class:`Value`."""

    value: list[float | None]
    numerator: list[float | None]
    denominator: list[float | None]
    interval: list[tuple[float, float] | None]
    sd: list[float | None]

    def __len__(self) -> int:
        return len(self.value)

    def rows(self) -> list[Value]:
        return [Value(*row) for row in zip(*self.fields(), strict=True)]

    def fields(self) -> tuple[list[Any], ...]:
        return (self.value, self.numerator, self.denominator, self.interval, self.sd)

    def slice(self, start: int, stop: int) -> Columns:
        return Columns(*(f[start:stop] for f in self.fields()))


def _nothing(n: int) -> list[Any]:
    return [None] * n


def columns_of(
    m: Measure,
    nums: npt.ArrayLike,
    dens: npt.ArrayLike | None = None,
    squares: npt.ArrayLike | None = None,
) -> Columns:
    """A measure's values from arrays of numerators and denominators (and, for a mean, sums
    of squares), as columns, with Wilson intervals for proportions computed in one
    vectorised call."""
    num = np.asarray(nums, dtype=np.float64)
    n = num.size
    if m.statistic == "count" or dens is None:
        counts = num.tolist()
        return Columns(counts, counts, _nothing(n), _nothing(n), _nothing(n))
    den = np.asarray(dens, dtype=np.float64)
    ok = den > 0
    safe = np.where(ok, den, 1.0)
    if m.statistic == "rate_per_1000":
        rate = (1000.0 * num / safe).tolist()
        values = [r if o else None for r, o in zip(rate, ok.tolist(), strict=True)]
        return Columns(values, num.tolist(), den.tolist(), _nothing(n), _nothing(n))
    if m.statistic == "mean":
        return _means(num, den, None if squares is None else np.asarray(squares, np.float64))
    count, total = np.round(num), np.round(den)
    valid = ok & (count >= 0) & (count <= total)
    w = wilson_arrays(np.where(valid, count, 0.0), np.where(valid, total, 0.0))
    share = (num / safe).tolist()
    lower, upper = w.lower.tolist(), w.upper.tolist()
    return Columns(
        [x if o else None for x, o in zip(share, ok.tolist(), strict=True)],
        num.tolist(),
        den.tolist(),
        [(a, b) if v else None for a, b, v in zip(lower, upper, valid.tolist(), strict=True)],
        _nothing(n),
    )


def values_of(
    m: Measure,
    nums: npt.ArrayLike,
    dens: npt.ArrayLike | None = None,
    squares: npt.ArrayLike | None = None,
) -> list[Value]:
    """A measure's values from arrays of numerators and denominators (and, for a mean, sums
    of squares), with Wilson intervals for proportions computed in one vectorised call."""
    return columns_of(m, nums, dens, squares).rows()


def _means(num: FloatArray, den: FloatArray, squares: FloatArray | None) -> Columns:
    sums, cases = num.tolist(), den.tolist()
    sqs = squares.tolist() if squares is not None else _nothing(num.size)
    out = Columns([], [], [], _nothing(num.size), [])
    for total, n, sq in zip(sums, cases, sqs, strict=True):
        out.numerator.append(total / SECONDS_PER_MINUTE)
        out.denominator.append(n)
        if n <= 0:
            out.value.append(None)
            out.sd.append(None)
            continue
        mean = total / n
        sd = None
        if squares is not None and n > 1:
            variance = max(sq / n - mean * mean, 0.0) * n / (n - 1)
            sd = math.sqrt(variance) / SECONDS_PER_MINUTE
        out.value.append(mean / SECONDS_PER_MINUTE)
        out.sd.append(sd)
    return out


def value_of(m: Measure, num: float, den: float | None, sq: float | None = None) -> Value:
    """A measure's value from its numerator and denominator (and sum of squares for a mean)."""
    return values_of(m, [num], None if den is None else [den], None if sq is None else [sq])[0]


def _rows(cube: Cube, force: str, first: int, last: int) -> BoolArray:
    return cube.rows(force, first, last)


@dataclass
class _Part:
    """Numerators and denominators (and sums of squares) waiting for their values."""

    num: FloatArray
    den: FloatArray | None
    sq: FloatArray | None
    columns: Columns | None = None

    @property
    def values(self) -> list[Value]:
        assert self.columns is not None, "the batch has not run"
        return self.columns.rows()


class _Batch:
    """The parts of one measure (windows, breakdowns, series, peers), turned into values with
    one call of :func:`columns_of` for each kind of part, rather than one call per part."""

    def __init__(self, m: Measure) -> None:
        self.m = m
        self.parts: list[_Part] = []

    def add(self, num: npt.ArrayLike, den: npt.ArrayLike | None, sq: npt.ArrayLike | None) -> _Part:
        part = _Part(
            np.asarray(num, dtype=np.float64),
            None if den is None else np.asarray(den, dtype=np.float64),
            None if sq is None else np.asarray(sq, dtype=np.float64),
        )
        self.parts.append(part)
        return part

    def run(self) -> None:
        kinds: dict[tuple[bool, bool], list[_Part]] = {}
        for part in self.parts:
            kinds.setdefault((part.den is None, part.sq is None), []).append(part)
        for (no_den, no_sq), parts in kinds.items():
            columns = columns_of(
                self.m,
                np.concatenate([p.num for p in parts]),
                None if no_den else np.concatenate([p.den for p in parts if p.den is not None]),
                None if no_sq else np.concatenate([p.sq for p in parts if p.sq is not None]),
            )
            at = 0
            for p in parts:
                p.columns = columns.slice(at, at + p.num.size)
                at += p.num.size


class _Additive:
    """Sums of a measure's numerator and denominator over selections of its cubes, gathered in
    a :class:`_Batch` (values come once :meth:`_Batch.run` has run)."""

    def __init__(self, m: Measure, inputs: Inputs, batch: _Batch) -> None:
        self.m = m
        self.inputs = inputs
        self.batch = batch
        self.num_cube = inputs.cubes[m.source]
        den_source = m.denominator_source or m.source
        self.den_cube = inputs.cubes.get(den_source) if den_source != "population" else None
        self.square = f"{m.numerator}2" if m.statistic == "mean" else None

    def population(self, force: str, area: str | None = None) -> float:
        pop = self.inputs.population
        if area is not None:
            return pop.get((force, area), 0.0)
        return sum(v for (f, _), v in pop.items() if f == force)

    def total(self, force: str, first: int, last: int) -> _Part:
        m = self.m
        rows = _rows(self.num_cube, force, first, last)
        num = self.num_cube.total(m.numerator, rows)
        sq = self.num_cube.total(self.square, rows) if self.square else None
        den = self._den_total(force, first, last)
        return self.batch.add([num], None if den is None else [den], None if sq is None else [sq])

    def _den_total(self, force: str, first: int, last: int) -> float | None:
        m = self.m
        if m.denominator is None:
            return None
        if m.denominator == "population":
            return self.population(force)
        assert self.den_cube is not None
        return self.den_cube.total(m.denominator, _rows(self.den_cube, force, first, last))

    def by(self, dim: str, force: str, first: int, last: int) -> tuple[list[str], _Part]:
        m = self.m
        rows = _rows(self.num_cube, force, first, last)
        nums = self.num_cube.by(dim, m.numerator, rows)
        sqs = self.num_cube.by(dim, self.square, rows) if self.square else {}
        dens: dict[str, float] = {}
        if m.denominator == "population":
            for key in nums:
                dens[key] = self.population(force, key) if dim == "area" else self.population(force)
        elif m.denominator is not None and self.den_cube is not None:
            den_rows = _rows(self.den_cube, force, first, last)
            dens = self.den_cube.by(dim, m.denominator, den_rows)
        keys = sorted(set(nums) | set(dens))
        part = self.batch.add(
            [nums.get(k, 0.0) for k in keys],
            [dens.get(k, 0.0) for k in keys] if m.denominator else None,
            [sqs.get(k, 0.0) for k in keys] if self.square else None,
        )
        return keys, part

    def _first_month(self, force: str, months: tuple[int, ...]) -> int:
        """Index of the first month of ``months`` in which the force has any data in the
        numerator's source (earlier months have no value, not a value of zero)."""
        present = self.num_cube.month[self.num_cube.of_force(force)]
        if present.size == 0:
            return len(months)
        return max(0, int(present.min()) - months[0])

    def series(
        self, force: str, months: tuple[int, ...], dim: str | None
    ) -> tuple[int, list[tuple[str, _Part]]]:
        """The first month with data, and each group's monthly part (one group, ``""``, for
        the whole force when ``dim`` is None)."""
        m = self.m
        first, last = months[0], months[-1]
        rows = _rows(self.num_cube, force, first, last)
        n = len(months)
        if dim is None:
            nums = {"": self.num_cube.by_month(m.numerator, rows, months)}
        else:
            nums = self.num_cube.by_month_and(dim, m.numerator, rows, months)
        sqs = (
            {"": self.num_cube.by_month(self.square, rows, months)}
            if self.square and dim is None
            else {}
        )
        dens: dict[str, np.ndarray] = {}
        if m.denominator == "population":
            dens = {k: np.full(n, self.population(force)) for k in nums}
        elif m.denominator is not None and self.den_cube is not None:
            den_rows = _rows(self.den_cube, force, first, last)
            if dim is None:
                dens = {"": self.den_cube.by_month(m.denominator, den_rows, months)}
            else:
                dens = self.den_cube.by_month_and(dim, m.denominator, den_rows, months)
        parts = []
        for key in sorted(set(nums) | set(dens)):
            num = nums.get(key, np.zeros(n))
            den = dens.get(key) if m.denominator else None
            parts.append((key, self.batch.add(num, den, sqs.get(key))))
        return self._first_month(force, months), parts


@lru_cache(maxsize=8)
def _month_texts(months: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(month_text(k) for k in months)


def _series(months: tuple[int, ...], values: list[Value], group: tuple[str, str] | None) -> Series:
    return Series(
        months=_month_texts(months),
        values=tuple(v.value for v in values),
        numerators=tuple(v.numerator for v in values),
        denominators=tuple(v.denominator for v in values),
        group=group,
    )


def _series_of(
    months: tuple[int, ...], found: tuple[int, list[tuple[str, _Part]]], dim: str | None
) -> list[Series]:
    """Each group's series; months before ``start`` (no data yet) have no value."""
    start, parts = found
    out = []
    for key, part in parts:
        assert part.columns is not None
        c, gap = part.columns, (None,) * start
        out.append(
            Series(
                months=_month_texts(months),
                values=gap + tuple(c.value[start:]),
                numerators=gap + tuple(c.numerator[start:]),
                denominators=gap + tuple(c.denominator[start:]),
                group=None if dim is None else (dim, key),
            )
        )
    return out


def _cells(keys: list[str], part: _Part) -> tuple[Cell, ...]:
    return tuple(Cell(k, v) for k, v in zip(keys, part.values, strict=True))


def _additive(m: Measure, inputs: Inputs) -> MeasureResult:
    batch = _Batch(m)
    calc = _Additive(m, inputs, batch)
    period, force = inputs.period, inputs.force
    windows = [(w, calc.total(force, period.window_start(w), period.month)) for w in WINDOWS]
    dims = [d for d in m.breakdowns if d in calc.num_cube.dims]
    breakdowns = [
        (d, w, calc.by(d, force, period.window_start(w), period.month))
        for d in dims
        for w in WINDOWS
    ]
    series = calc.series(force, period.months, None)
    group_series = [
        (d, calc.series(force, period.months, d)) for d in m.series_by if d in calc.num_cube.dims
    ]
    compared = (force, *inputs.peers) if m.peers else ()
    peers = [(f, calc.total(f, period.window_first, period.month)) for f in compared]
    batch.run()
    return MeasureResult(
        measure=m,
        force=force,
        month=period.text,
        target=inputs.targets.get(m.id),
        windows=tuple((w, part.values[0]) for w, part in windows),
        breakdowns=tuple(Breakdown(d, w, _cells(*cells)) for d, w, cells in breakdowns),
        series=_series_of(period.months, series, None)[0],
        group_series=tuple(
            s for d, found in group_series for s in _series_of(period.months, found, d)
        ),
        peers=tuple(Cell(f, part.values[0]) for f, part in peers),
    )


def _quantile_value(m: Measure, q: Quantiles, part: str, dim: str, key: str) -> Value:
    found = q.get((part, dim, key))
    if found is None:
        return Value(None, None, 0.0)
    median, p90, n = found
    value = median if m.statistic == "median" else p90
    return Value(None if value is None else float(value), None, n)


def _quantile(m: Measure, inputs: Inputs) -> MeasureResult:
    q, period = inputs.quantiles, inputs.period
    windows: tuple[tuple[Window, Value], ...] = tuple(
        (w, _quantile_value(m, q, w, "all", "all")) for w in WINDOWS
    )
    breakdowns = []
    for dim in m.breakdowns:
        for w in WINDOWS:
            keys = sorted(k for (part, d, k) in q if part == w and d == dim)
            cells = tuple(Cell(k, _quantile_value(m, q, w, dim, k)) for k in keys)
            breakdowns.append(Breakdown(dim, w, cells))
    values = [_quantile_value(m, q, "series", "month", str(k)) for k in period.months]
    peers: tuple[Cell, ...] = ()
    return MeasureResult(
        measure=m,
        force=inputs.force,
        month=period.text,
        target=inputs.targets.get(m.id),
        windows=windows,
        breakdowns=tuple(breakdowns),
        series=_series(period.months, values, None),
        group_series=(),
        peers=peers,
    )


def derive(m: Measure, inputs: Inputs) -> MeasureResult:
    """Every figure of one measure from the fetched sources."""
    return _additive(m, inputs) if m.additive else _quantile(m, inputs)
