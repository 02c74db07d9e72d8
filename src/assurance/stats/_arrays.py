"""Input checks shared by the statistics modules.

Every public function in ``assurance.stats`` accepts plain sequences or numpy arrays and turns
them into one-dimensional ``float64`` arrays here, so that a bad input fails early with a
message that says what to fix.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def as_series(values: npt.ArrayLike, name: str, *, allow_empty: bool = False) -> FloatArray:
    """Return ``values`` as a one-dimensional float array of finite numbers.

    Raises ``ValueError`` if the input is not one-dimensional, is empty (unless allowed) or
    holds a missing or infinite value.
    """
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{name} must be a one-dimensional sequence of numbers.")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty: give at least one value.")
    if not np.all(np.isfinite(array)):
        bad = int(np.flatnonzero(~np.isfinite(array))[0])
        raise ValueError(
            f"{name} holds a missing or infinite value at position {bad}; "
            "remove the gap or fill it before charting."
        )
    return array


def as_counts(
    counts: npt.ArrayLike, totals: npt.ArrayLike, *, names: tuple[str, str] = ("counts", "totals")
) -> tuple[FloatArray, FloatArray]:
    """Check paired event counts and denominators for proportions.

    Counts must be whole numbers between 0 and their total, and totals must be positive.
    """
    c = as_series(counts, names[0])
    n = as_series(totals, names[1])
    if c.shape != n.shape:
        raise ValueError(
            f"{names[0]} and {names[1]} differ in length ({c.size} and {n.size}); "
            "give one count for each total."
        )
    if np.any(n <= 0):
        bad = int(np.flatnonzero(n <= 0)[0])
        raise ValueError(f"{names[1]} must be positive; position {bad} is {n[bad]:g}.")
    if np.any(c < 0) or np.any(c > n):
        bad = int(np.flatnonzero((c < 0) | (c > n))[0])
        raise ValueError(
            f"{names[0]} must lie between 0 and the total; position {bad} has "
            f"{c[bad]:g} out of {n[bad]:g}."
        )
    return c, n


def check_whole(values: FloatArray, name: str) -> None:
    """Raise ``ValueError`` unless every value is a whole number."""
    if np.any(values != np.round(values)):
        bad = int(np.flatnonzero(values != np.round(values))[0])
        raise ValueError(f"{name} must be whole numbers; position {bad} is {values[bad]:g}.")


def as_tuple(values: FloatArray) -> tuple[float, ...]:
    """Return a float array as a tuple of plain Python floats (for frozen results)."""
    return tuple(float(v) for v in values)


def check_confidence(confidence: float) -> None:
    """Raise ``ValueError`` unless ``0 < confidence < 1``."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence!r}.")


def labels_or_default(labels: Sequence[str] | None, size: int) -> tuple[str, ...]:
    """Return the given labels (checked for length) or ``"1"``, ``"2"``, ...."""
    if labels is None:
        return tuple(str(i + 1) for i in range(size))
    result = tuple(str(label) for label in labels)
    if len(result) != size:
        raise ValueError(f"labels has {len(result)} entries but there are {size} units.")
    return result
