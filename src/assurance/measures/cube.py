"""The small aggregated tables the engine returns, and sums over them in numpy.

A :class:`Cube` holds one source's rows (force, month, breakdown columns, metrics) as arrays.
Windows, breakdowns, series and peer values are all sums over a selection of its rows, so a
source is fetched from the engine once and everything else is arithmetic on a few thousand
rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class Cube:
    """One source's aggregated rows, as numpy arrays."""

    source: str
    force: npt.NDArray[Any]
    month: npt.NDArray[np.int64]
    dims: dict[str, npt.NDArray[Any]]
    metrics: dict[str, FloatArray]
    _codes: dict[str, tuple[npt.NDArray[Any], npt.NDArray[np.intp]]] = field(
        default_factory=dict, repr=False
    )
    _masks: dict[str, BoolArray] = field(default_factory=dict, repr=False)

    @classmethod
    def from_columns(
        cls,
        source: str,
        columns: dict[str, npt.NDArray[Any]],
        dims: tuple[str, ...],
        metrics: tuple[str, ...],
    ) -> Cube:
        return cls(
            source=source,
            force=columns["force"].astype(str),
            month=columns["month"].astype(np.int64),
            dims={d: _keys(columns[d]) for d in dims},
            metrics={m: np.nan_to_num(columns[m].astype(np.float64), nan=0.0) for m in metrics},
        )

    def __len__(self) -> int:
        return int(self.month.size)

    def of_force(self, force: str) -> BoolArray:
        """Rows of one force (cached: every window and breakdown starts from it)."""
        key = f"force={force}"
        if key not in self._masks:
            self._masks[key] = np.asarray(self.force == force)
        return self._masks[key]

    def rows(self, force: str, first: int, last: int) -> BoolArray:
        """Rows of one force from month ``first`` to ``last`` (keys, inclusive)."""
        mask: BoolArray = self.of_force(force) & (self.month >= first) & (self.month <= last)
        return mask

    def total(self, metric: str, rows: BoolArray) -> float:
        return float(self.metrics[metric][rows].sum())

    def codes(self, dim: str) -> tuple[npt.NDArray[Any], npt.NDArray[np.intp]]:
        """The distinct values of a breakdown column and each row's index into them."""
        if dim not in self._codes:
            values = self.force if dim == "force" else self.dims[dim]
            self._codes[dim] = np.unique(values, return_inverse=True)
        return self._codes[dim]

    def by(self, dim: str, metric: str, rows: BoolArray) -> dict[str, float]:
        """Sums of ``metric`` over ``rows`` for each value of a breakdown column.

        Groups with no row selected are left out.
        """
        keys, codes = self.codes(dim)
        sums = np.bincount(codes[rows], weights=self.metrics[metric][rows], minlength=keys.size)
        present = np.bincount(codes[rows], minlength=keys.size) > 0
        return {str(k): float(s) for k, s, p in zip(keys, sums, present, strict=True) if p}

    def by_month(self, metric: str, rows: BoolArray, months: tuple[int, ...]) -> FloatArray:
        """Sums of ``metric`` for each month of ``months`` (0 for a month with no rows)."""
        first = months[0]
        index = self.month[rows] - first
        out = np.bincount(index, weights=self.metrics[metric][rows], minlength=len(months))
        return np.asarray(out[: len(months)], dtype=np.float64)

    def by_month_and(
        self, dim: str, metric: str, rows: BoolArray, months: tuple[int, ...]
    ) -> dict[str, FloatArray]:
        """Monthly sums of ``metric`` for each value of a breakdown column."""
        keys, codes = self.codes(dim)
        n = len(months)
        index = codes[rows] * n + (self.month[rows] - months[0])
        flat = np.bincount(index, weights=self.metrics[metric][rows], minlength=keys.size * n)
        grid = flat[: keys.size * n].reshape(keys.size, n)
        present = np.bincount(codes[rows], minlength=keys.size) > 0
        return {str(k): grid[i] for i, k in enumerate(keys) if present[i]}


def _keys(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Breakdown values as strings; whole numbers (hours of the day) with two digits."""
    if values.dtype.kind in "iuf":
        return np.char.zfill(values.astype(np.int64).astype(str), 2)
    return values.astype(str)


def columns_of(rows: list[tuple[Any, ...]], names: list[str]) -> dict[str, npt.NDArray[Any]]:
    """Rows from the engine as one array per column (None becomes NaN in numbers)."""
    if not rows:
        return {n: np.array([], dtype=object) for n in names}
    out: dict[str, npt.NDArray[Any]] = {}
    for name, values in zip(names, zip(*rows, strict=True), strict=True):
        array = np.array(values, dtype=object)
        if all(isinstance(v, int | float) or v is None for v in values):
            array = np.array([np.nan if v is None else float(v) for v in values])
        out[name] = array
    return out
