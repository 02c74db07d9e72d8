"""The rules run with one OpenBLAS thread, and the previous number comes back afterwards."""

from __future__ import annotations

import pytest
import scipy.linalg  # noqa: F401  (loads scipy's own OpenBLAS beside numpy's)

from assurance.findings.blas import _controls, _loaded_openblas, one_blas_thread


def test_one_thread_inside_and_the_previous_number_after() -> None:
    controls = _controls()
    if not controls:
        pytest.skip("no OpenBLAS library is loaded in this process")
    for set_threads, _ in controls:
        set_threads(2)
    with one_blas_thread():
        assert [get() for _, get in controls] == [1] * len(controls)
    assert [get() for _, get in controls] == [2] * len(controls)


def test_every_loaded_openblas_is_controlled() -> None:
    """numpy and scipy wheels each bring an OpenBLAS, with differently named functions."""
    loaded = _loaded_openblas()
    if not loaded:
        pytest.skip("numpy and scipy are not built on OpenBLAS here")
    assert len(_controls()) == len(loaded), loaded
