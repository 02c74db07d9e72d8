"""Months, Europe/London clock changes and fast formatting, all vectorised with numpy.

Instants are int64 seconds since the Unix epoch in UTC. They are generated in UTC and only
then converted to London local time, so a local time that does not exist (the spring-forward
hour) can never be produced. The UK rule (since 1996): British Summer Time runs from 01:00 UTC
on the last Sunday of March to 01:00 UTC on the last Sunday of October.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pyarrow as pa

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Bool = npt.NDArray[np.bool_]

DAY = 86_400
HOUR = 3_600
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def epoch_day(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a calendar date."""
    return int(np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D").astype(np.int64))


def weekday(days: npt.NDArray[np.int64] | int) -> npt.NDArray[np.int64] | int:
    """Monday=0 .. Sunday=6 of epoch days (1970-01-01 was a Thursday)."""
    return (days + 3) % 7


def _last_sunday(year: int, month: int) -> int:
    last = epoch_day(year, month, 31)
    return last - (last - 3) % 7


def bst_bounds(years: range) -> tuple[I64, I64]:
    """UTC seconds when BST starts and ends in each year of ``years``."""
    starts = np.array([_last_sunday(y, 3) * DAY + HOUR for y in years], dtype=np.int64)
    ends = np.array([_last_sunday(y, 10) * DAY + HOUR for y in years], dtype=np.int64)
    return starts, ends


def london_offset(utc: I64) -> I64:
    """The London UTC offset in seconds (0 or 3600) at each UTC instant."""
    years = utc.astype("datetime64[s]").astype("datetime64[Y]").astype(np.int64) + 1970
    y0 = int(years.min()) if years.size else 1970
    y1 = int(years.max()) if years.size else 1970
    starts, ends = bst_bounds(range(y0, y1 + 1))
    k = years - y0
    in_bst = (utc >= starts[k]) & (utc < ends[k])
    return in_bst.astype(np.int64) * HOUR


def to_london(utc: I64) -> I64:
    """London local wall-clock time (as naive seconds since epoch) of UTC instants."""
    return utc + london_offset(utc)


def parse_month(text: str, what: str) -> tuple[int, int]:
    match = _MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{what} must be a month written YYYY-MM, got {text!r}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1996 <= year <= 2099:
        raise ValueError(f"{what} must be between 1996 and 2099 (UK clock rules), got {text!r}")
    return year, month


@dataclass(frozen=True)
class Period:
    """The months of a delivery, with their boundaries in UTC and local days."""

    start: str
    end: str
    #: first local day of each month, plus the day after the last month (length n + 1).
    month_first_day: I64
    #: UTC instant of local midnight starting each month, plus the end (length n + 1).
    month_start_utc: I64

    @classmethod
    def of(cls, start: str, end: str) -> Period:
        y0, m0 = parse_month(start, "start")
        y1, m1 = parse_month(end, "end")
        first = y0 * 12 + m0 - 1
        last = y1 * 12 + m1 - 1
        if last < first:
            raise ValueError(f"end {end} is before start {start}")
        index = np.arange(first, last + 2)
        days = np.array(
            [epoch_day(int(i // 12), int(i % 12) + 1, 1) for i in index], dtype=np.int64
        )
        # Local midnight on the 1st is never near a clock change (changes are on last
        # Sundays): it is BST from April to October.
        month_of_year = index % 12 + 1
        offset = np.where((month_of_year >= 4) & (month_of_year <= 10), HOUR, 0)
        utc = days * DAY - offset
        return cls(start, end, days, utc.astype(np.int64))

    @property
    def n_months(self) -> int:
        return int(self.month_first_day.size - 1)

    @property
    def first_day(self) -> int:
        return int(self.month_first_day[0])

    @property
    def last_day(self) -> int:
        """The last local day of the period (the delivery is extracted the day after)."""
        return int(self.month_first_day[-1] - 1)

    @property
    def start_utc(self) -> int:
        return int(self.month_start_utc[0])

    @property
    def extract_utc(self) -> int:
        """The instant the delivery is extracted: local midnight after the last month."""
        return int(self.month_start_utc[-1])

    @property
    def month_days(self) -> I64:
        return np.diff(self.month_first_day)

    @property
    def month_of_year(self) -> I64:
        """1..12 for each month of the period."""
        dates = self.month_first_day[:-1].astype("datetime64[D]").astype("datetime64[M]")
        return dates.astype(np.int64) % 12 + 1

    def month_index_of_day(self, days: I64) -> I64:
        """Index of the period month holding each local day (clipped to the period)."""
        idx = np.searchsorted(self.month_first_day, days, side="right") - 1
        return np.clip(idx, 0, self.n_months - 1)

    def month_index_of_utc(self, utc: I64) -> I64:
        idx = np.searchsorted(self.month_start_utc, utc, side="right") - 1
        return np.clip(idx, 0, self.n_months - 1)

    def hour_slots(self) -> tuple[I64, I64, I64]:
        """Every UTC hour of the period: (utc start, local hour 0-23, local weekday 0-6)."""
        utc = np.arange(self.start_utc, self.extract_utc, HOUR, dtype=np.int64)
        local = to_london(utc)
        local_day = local // DAY
        return utc, (local // HOUR) % 24, np.asarray(weekday(local_day), dtype=np.int64)


class InstantSampler:
    """Draw UTC instants within given months with a weight per hour of the period."""

    def __init__(self, period: Period, hour_weights: F64) -> None:
        self._start = period.start_utc
        self._cum = np.concatenate([[0.0], np.cumsum(hour_weights)])
        self._month_slot = (period.month_start_utc - period.start_utc) // HOUR

    def sample(self, rng: np.random.Generator, month_index: I64) -> I64:
        lo_slot = self._month_slot[month_index]
        hi_slot = self._month_slot[month_index + 1]
        lo = self._cum[lo_slot]
        hi = self._cum[hi_slot]
        u = lo + rng.random(month_index.size) * (hi - lo)
        slot = np.searchsorted(self._cum, u, side="right") - 1
        slot = np.clip(slot, lo_slot, hi_slot - 1)
        second = rng.integers(0, HOUR, month_index.size)
        out: I64 = (self._start + slot * HOUR + second).astype(np.int64)
        return out


# ---- formatting --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _time_of_day_table() -> npt.NDArray[np.uint8]:
    seconds = np.arange(DAY)
    text = "".join(
        f"T{h:02d}:{m:02d}:{s:02d}"
        for h, m, s in zip(seconds // 3600, (seconds // 60) % 60, seconds % 60, strict=True)
    )
    return np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(DAY, 9)


def _fixed_width_strings(data: npt.NDArray[np.uint8], valid: Bool | None) -> pa.Array:
    n, width = data.shape
    offsets = np.arange(n + 1, dtype=np.int32) * width
    bitmap = None
    if valid is not None and not bool(valid.all()):
        bitmap = pa.array(valid, type=pa.bool_()).buffers()[1]
    return pa.Array.from_buffers(
        pa.string(),
        n,
        [bitmap, pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(data))],
        null_count=-1,
    )


def local_datetime_strings(local: I64, valid: Bool | None = None) -> pa.Array:
    """``YYYY-MM-DDTHH:MM:SS`` strings (no offset) of local wall-clock seconds; null where not
    ``valid``."""
    n = local.size
    if n == 0:
        return pa.array([], type=pa.string())
    days = local // DAY
    ok = valid if valid is not None else np.ones(n, dtype=np.bool_)
    d0 = int(days[ok].min()) if ok.any() else 0
    d1 = int(days[ok].max()) if ok.any() else 0
    days = np.where(ok, days, d0)
    seconds = np.where(ok, local - (local // DAY) * DAY, 0)
    names = np.datetime_as_string(np.arange(d0, d1 + 1).astype("datetime64[D]"))
    table = np.frombuffer("".join(names.tolist()).encode("ascii"), dtype=np.uint8)
    table = table.reshape(-1, 10)
    out = np.empty((n, 19), dtype=np.uint8)
    out[:, :10] = table[days - d0]
    out[:, 10:] = _time_of_day_table()[seconds]
    return _fixed_width_strings(out, valid)


def date_array(days: I64, valid: Bool | None = None) -> pa.Array:
    """A date32 array (written ``YYYY-MM-DD``) of epoch days; null where not ``valid``."""
    mask = None if valid is None else ~valid
    return pa.array(days.astype(np.int32), type=pa.date32(), mask=mask)
