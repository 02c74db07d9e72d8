"""Small vectorised helpers for the generator: strings, references, choices, ramps."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from assurance.demo.timeline import (
    F64,
    I64,
    Bool,
)


def strings(
    values: tuple[str, ...], index: npt.NDArray[np.integer], valid: Bool | None = None
) -> pa.Array:
    """Codes by index, as a string array (null where not valid)."""
    dictionary = pa.array(values, type=pa.string())
    indices = pa.array(index.astype(np.int32), mask=None if valid is None else ~valid)
    return pc.take(dictionary, indices)


def constant(value: str, n: int) -> pa.Array:
    return pa.repeat(pa.scalar(value, pa.string()), n)


def refs(prefix: str, years: I64, seq: I64, width: int, sep: str = "-") -> pa.Array:
    """``<prefix><year><sep><zero padded seq>`` references."""
    year = pc.cast(pa.array(years), pa.string())
    number = pc.utf8_lpad(pc.cast(pa.array(seq), pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, year, sep, number, "")


def pseudonyms(prefix: str, ids: I64, width: int, valid: Bool | None = None) -> pa.Array:
    number = pc.utf8_lpad(pc.cast(pa.array(ids), pa.string()), width, "0")
    out = pc.binary_join_element_wise(prefix, number, "")
    if valid is not None:
        out = pc.if_else(pa.array(valid), out, pa.scalar(None, pa.string()))
    return out


def sequence_in_year(years: I64) -> I64:
    """1-based running number within each year of an array sorted by time."""
    starts = np.searchsorted(years, years, side="left")
    return (np.arange(years.size) - starts + 1).astype(np.int64)


def local_year(local_seconds: I64) -> I64:
    return local_seconds.astype("datetime64[s]").astype("datetime64[Y]").astype(np.int64) + 1970


def year_of_day(days: I64) -> I64:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def choice(rng: np.random.Generator, probs: F64, n: int) -> I64:
    cum = np.cumsum(probs / probs.sum())
    return np.minimum(np.searchsorted(cum, rng.random(n), side="right"), len(probs) - 1)


def choice_by_row(rng: np.random.Generator, probs: F64, rows: I64) -> I64:
    """Draw a column index per element, with the probabilities of row ``rows[i]``."""
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(rows.size)
    out = np.empty(rows.size, dtype=np.int64)
    for r in np.unique(rows):
        sel = rows == r
        out[sel] = np.searchsorted(cum[r], u[sel], side="right")
    chosen: I64 = np.minimum(out, probs.shape[1] - 1)
    return chosen


def ramp(month: I64, n_months: int, ramp_months: int) -> F64:
    """0 before the last ``ramp_months`` months, rising linearly to 1 at the last month."""
    begin = n_months - 1 - ramp_months
    return np.clip((month - begin) / max(ramp_months, 1), 0.0, 1.0)


# ---- the force ---------------------------------------------------------------------------
