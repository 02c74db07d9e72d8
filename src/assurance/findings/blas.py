"""One BLAS thread while the rules run: their linear algebra is on a handful of numbers.

The forecasts fit a few-parameter ETS model with L-BFGS-B, whose every step calls BLAS on
vectors of four or five numbers. OpenBLAS starts as many threads as there are cores and wakes
them for those calls: on a machine with other work running, the waiting costs three to four
times the arithmetic (a forecast took 0.15 s with two threads, 0.045 s with one). The results
do not change: OpenBLAS splits work between threads only for far larger problems.

``threadpoolctl`` finds the BLAS libraries loaded in the process (numpy's and scipy's each
bring their own OpenBLAS) and limits them for the block, then gives back their numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from threadpoolctl import ThreadpoolController


@cache
def _controller() -> ThreadpoolController:
    """The loaded libraries, found once, after scipy's own OpenBLAS is loaded."""
    import scipy.linalg  # noqa: F401  (loads scipy's OpenBLAS beside numpy's)

    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with every loaded BLAS on one thread, then restore their numbers."""
    with _controller().limit(limits=1, user_api="blas"):
        yield
