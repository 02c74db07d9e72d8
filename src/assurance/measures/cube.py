"""The small aggregated tables the engine returns, and sums over them in numpy.

A :class:`Cube` holds one source's rows (force, month, breakdown columns, metrics) as arrays.
Windows, breakdowns, series and peer values are all sums over a selection of its rows, so a
source is fetched from the engine once and everything else is arithmetic on a few thousand
rows. A cube fetched for many forces at once is cut into one cube per force
(:meth:`Cube.select`): the force's own rows and the 12-month rows of its peers.
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
    peer: BoolArray
    """Whether each row is a peer force's 12-month total (else a reported force's detail)."""
    _codes: dict[str, tuple[npt.NDArray[Any], npt.NDArray[np.intp]]] = field(
        default_factory=dict, repr=False
    )
    _masks: dict[str, BoolArray] = field(default_factory=dict, repr=False)
    _groups: dict[tuple[bool, str], npt.NDArray[np.intp]] | None = field(default=None, repr=False)

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
            peer=_flags(columns["peer"]),
        )

    def take(self, index: npt.NDArray[np.intp]) -> Cube:
        """A cube of the rows at ``index``, in that order."""
        return Cube(
            source=self.source,
            force=self.force[index],
            month=self.month[index],
            dims={d: v[index] for d, v in self.dims.items()},
            metrics={m: v[index] for m, v in self.metrics.items()},
            peer=self.peer[index],
        )

    def select(self, force: str, peers: tuple[str, ...]) -> Cube:
        """The cube for one force: its detail rows and the 12-month rows of ``peers``."""
        groups = self._row_groups()
        parts = [groups.get((False, force)), *(groups.get((True, p)) for p in peers)]
        found = [p for p in parts if p is not None]
        return self.take(np.concatenate(found) if found else np.array([], dtype=np.intp))

    def _row_groups(self) -> dict[tuple[bool, str], npt.NDArray[np.intp]]:
        """Row numbers of each (peer, force), in fetched order (found once, by one sort)."""
        if self._groups is None:
            forces, codes = np.unique(self.force, return_inverse=True)
            group = codes * 2 + self.peer.astype(np.intp)
            order = np.argsort(group, kind="stable")
            starts = np.searchsorted(group[order], np.arange(forces.size * 2 + 1))
            self._groups = {
                (bool(g % 2), str(forces[g // 2])): order[starts[g] : starts[g + 1]]
                for g in range(forces.size * 2)
                if starts[g + 1] > starts[g]
            }
        return self._groups

    def __len__(self) -> int:
        return int(self.month.size)

    def of_force(self, force: str) -> BoolArray:
        """Rows of one force (cached: every window and breakdown starts from it)."""
        key = f"force={force}"
        if key not in self._masks:
            self._masks[key] = np.asarray(self.force == force)
        return self._masks[key]

    def rows(self, force: str, first: int, last: int) -> BoolArray:
        """Rows of one force from month ``first`` to ``last`` (keys, inclusive; cached: the
        measures of a source select the same windows)."""
        key = f"{force}:{first}-{last}"
        if key not in self._masks:
            in_months = (self.month >= first) & (self.month <= last)
            self._masks[key] = np.asarray(self.of_force(force) & in_months)
        return self._masks[key]

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
        found = zip(keys.tolist(), sums.tolist(), present.tolist(), strict=True)
        return {str(k): s for k, s, p in found if p}

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


def _flags(values: npt.NDArray[Any]) -> BoolArray:
    """A boolean column as a boolean array (engines give True/False, 1/0 or 1.0/0.0)."""
    return np.asarray(values, dtype=np.bool_)


def _keys(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Breakdown values as strings; whole numbers (hours of the day) with two digits."""
    if values.dtype.kind in "iuf" and values.size:
        return np.char.zfill(values.astype(np.int64).astype(str), 2)
    return values.astype(str)


def column_types(schema: Any) -> dict[str, Any]:
    """The numpy type of each column of an Ibis schema: float64 for numbers (a missing number
    becomes NaN), bool for booleans, object for the rest."""
    out: dict[str, Any] = {}
    for name, dtype in schema.items():
        if dtype.is_numeric():
            out[name] = np.float64
        elif dtype.is_boolean():
            out[name] = np.bool_
        else:
            out[name] = object
    return out


def columns_of(rows: list[tuple[Any, ...]], types: dict[str, Any]) -> dict[str, npt.NDArray[Any]]:
    """Rows from the engine as one array per column, of the types of :func:`column_types`."""
    if not rows:
        return {n: np.array([], dtype=t) for n, t in types.items()}
    table = np.array(rows, dtype=object)  # one C-level pass; columns are then slices
    if table.shape != (len(rows), len(types)):
        raise ValueError(f"expected {len(types)} columns, got rows of shape {table.shape}")
    return {n: table[:, i].astype(t) for i, (n, t) in enumerate(types.items())}
