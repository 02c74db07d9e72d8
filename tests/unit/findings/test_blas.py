"""The rules run with one BLAS thread, and the previous number comes back afterwards."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from assurance.findings.blas import one_blas_thread


def _blas_threads() -> list[int]:
    return [int(i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"]


def test_one_thread_inside_and_the_previous_number_after() -> None:
    with one_blas_thread():
        inside = _blas_threads()
    if not inside:
        pytest.skip("no BLAS library with a thread pool is loaded in this process")
    assert inside == [1] * len(inside)
    with threadpool_limits(limits=2, user_api="blas"):
        with one_blas_thread():
            assert _blas_threads() == [1] * len(inside)
        assert _blas_threads() == [2] * len(inside)
