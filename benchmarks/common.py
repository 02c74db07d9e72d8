"""Shared helpers for the benchmark scripts: cached demo data, wall time and peak memory."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    """Resident memory of this process now (Linux)."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * _PAGE


class PeakSampler:
    """Samples this process's resident memory on a thread; ``peak`` is the highest seen."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes())
            time.sleep(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())


@dataclass
class Measured:
    seconds: float
    peak_bytes: int
    result: Any = None


@contextmanager
def _noop() -> Iterator[None]:
    yield


def measure(work: Callable[[], Any]) -> Measured:
    """Run ``work`` once: wall time and peak resident memory of this process while it ran."""
    with PeakSampler() as sampler:
        start = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - start
    return Measured(seconds, sampler.peak, result)


def demo_data(name: str, **options: Any) -> Path:
    """Generate (once; cached in benchmarks/out/) a synthetic delivery."""
    from assurance.demo import generate

    folder = OUT / name
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    print(f"generating {name} (cached in {folder}) ...", flush=True)
    start = time.perf_counter()
    generate(folder, **options)
    done.write_text(f"{time.perf_counter() - start:.1f} s\n")
    return folder


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"
