"""One BLAS thread while the rules run: their linear algebra is on a handful of numbers.

The forecasts fit a few-parameter ETS model with L-BFGS-B, whose every step calls BLAS on
vectors of four or five numbers. OpenBLAS starts as many threads as there are cores and wakes
them for those calls: on a machine with other work running, the waiting costs three to four
times the arithmetic (a forecast took 0.15 s with two threads, 0.045 s with one). The results
do not change: OpenBLAS splits work between threads only for far larger problems.

The OpenBLAS libraries loaded in the process (numpy's and scipy's each bring their own) are
found once in ``/proc/self/maps`` and asked, through their own ``*_set_num_threads``
functions, for one thread, then given back their previous number. Where there is no such file
or library (another system, another BLAS), nothing is changed.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

#: The (set, get) function pairs of OpenBLAS builds: plain, scipy's and numpy's 64-bit ones.
FUNCTIONS = (
    ("openblas_set_num_threads", "openblas_get_num_threads"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
)

_Control = tuple[Callable[[int], Any], Callable[[], int]]  # (set, get)


def _loaded_openblas(maps: Path = Path("/proc/self/maps")) -> list[str]:
    """Paths of the OpenBLAS libraries mapped into this process."""
    try:
        lines = maps.read_text().splitlines()
    except OSError:
        return []
    paths = {parts[5].strip() for parts in (line.split(maxsplit=5) for line in lines)
             if len(parts) == 6}  # fmt: skip
    return sorted(p for p in paths if "openblas" in Path(p).name.lower() and ".so" in p)


@cache
def _controls() -> tuple[_Control, ...]:
    """The thread controls of the loaded OpenBLAS libraries, found once. scipy's own is loaded
    first (the forecasts' optimiser uses it; statsmodels is imported only when forecasting)."""
    import scipy.linalg  # noqa: F401

    controls: list[_Control] = []
    for path in _loaded_openblas():
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for setter, getter in FUNCTIONS:
            if hasattr(library, setter) and hasattr(library, getter):
                controls.append((getattr(library, setter), getattr(library, getter)))
                break
    return tuple(controls)


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with every loaded OpenBLAS on one thread, then restore their numbers."""
    restore: list[tuple[Callable[[int], Any], int]] = []
    for set_threads, get_threads in _controls():
        before = int(get_threads())
        if before != 1:
            set_threads(1)
            restore.append((set_threads, before))
    try:
        yield
    finally:
        for set_threads, before in restore:
            set_threads(before)
