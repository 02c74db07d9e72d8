"""Multiple comparisons: controlling the false discovery rate.

When a pack tests dozens of areas or measures at once, some tests will be significant by
chance alone. :func:`bh_adjust` turns p values into Benjamini–Hochberg (1995) q values: a
finding with ``q < 0.05`` belongs to a set in which, on average, no more than 5% of the
findings are false alarms.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assurance.stats._arrays import FloatArray

__all__ = ["bh_adjust"]


def bh_adjust(p_values: npt.ArrayLike) -> FloatArray:
    """Benjamini–Hochberg adjusted p values (q values), in the order given.

    ``q_(i) = min over j >= i of (m / j) × p_(j)``, capped at 1, where ``p_(1) <= ... <=
    p_(m)`` are the sorted p values. Missing values (``nan``) are kept as ``nan`` and left
    out of ``m``. Raises ``ValueError`` for values outside [0, 1].
    """
    p = np.asarray(p_values, dtype=np.float64)
    if p.ndim != 1:
        raise ValueError("p_values must be a one-dimensional sequence.")
    present = ~np.isnan(p)
    if np.any((p[present] < 0) | (p[present] > 1)):
        raise ValueError("p values must lie between 0 and 1.")
    q = np.full(p.shape, np.nan)
    values = p[present]
    m = values.size
    if m == 0:
        return q
    order = np.argsort(values, kind="stable")
    ranked = values[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    q[present] = result
    return q
