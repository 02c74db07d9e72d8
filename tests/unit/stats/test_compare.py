"""Benjamini–Hochberg adjustment against statsmodels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests

from assurance.stats.compare import bh_adjust


def test_matches_statsmodels_on_a_fixed_set() -> None:
    p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9, 0.0001]
    expected = multipletests(p, method="fdr_bh")[1]
    assert np.allclose(bh_adjust(p), expected)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=60))
def test_matches_statsmodels(p: list[float]) -> None:
    assert np.allclose(bh_adjust(p), multipletests(p, method="fdr_bh")[1])


def test_missing_values_are_kept_and_not_counted() -> None:
    q = bh_adjust([0.01, float("nan"), 0.04])
    assert np.isnan(q[1])
    assert np.allclose(q[[0, 2]], multipletests([0.01, 0.04], method="fdr_bh")[1])
    assert bh_adjust([]).size == 0


def test_rejects_values_outside_zero_and_one() -> None:
    with pytest.raises(ValueError):
        bh_adjust([0.5, 1.5])
