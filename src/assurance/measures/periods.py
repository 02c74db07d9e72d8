"""Months, reporting windows and London local time for measure expressions.

A measure is reported for a month ``YYYY-MM`` in two windows: the month itself (``month``) and
the rolling 12 months ending with it (``12m``). Months are numbered by a *month key*,
``year × 12 + month − 1``, which every engine computes with plain integer arithmetic.

The warehouse stores date-times in UTC (naive). Months of date-times and hours of the day are
London local time, so expressions convert in the engine: a UTC instant inside British Summer
Time gets one hour added. The periods of summer time come from the IANA database through
:mod:`assurance.domain.london_time`, for just the years a query covers, so the condition stays
a handful of range comparisons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from assurance.domain.london_time import clock_changes, to_utc
from assurance.errors import AssuranceError

Window = Literal["month", "12m"]

#: Months in a series by default (the reporting month included): three years, enough for
#: stable control limits (the NHS method asks for at least 20 points) and for a seasonal
#: pattern to show, without charting processes long since changed.
HISTORY_MONTHS = 36
WINDOWS: tuple[Window, ...] = ("month", "12m")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class MeasureError(AssuranceError):
    """A measure cannot be computed as asked (a bad month, an unknown force, no data)."""


def month_key(text: str) -> int:
    """The month key of ``YYYY-MM``; raises :class:`MeasureError` for anything else."""
    match = _MONTH.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise MeasureError(f"the month must be written YYYY-MM (for example 2016-05), not {text!r}")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def month_text(key: int) -> str:
    """``YYYY-MM`` of a month key."""
    return f"{key // 12:04d}-{key % 12 + 1:02d}"


def month_name(key: int) -> str:
    """``May 2016`` of a month key."""
    return f"{MONTH_NAMES[key % 12]} {key // 12}"


def first_day(key: int) -> date:
    return date(key // 12, key % 12 + 1, 1)


def last_day(key: int) -> date:
    return first_day(key + 1) - timedelta(days=1)


def local_month_start_utc(key: int) -> datetime:
    """The UTC instant (naive) of local midnight starting a month."""
    return to_utc(datetime(key // 12, key % 12 + 1, 1))


@dataclass(frozen=True)
class Period:
    """The months a computation covers: the reporting month and the history before it.

    ``history`` is the number of monthly points in series (the reporting month included);
    ``peer_months`` the months every peer force is computed for (the 12-month window).
    """

    month: int
    history: int = HISTORY_MONTHS

    def __post_init__(self) -> None:
        if self.history < 12:
            raise MeasureError("a series needs at least 12 months of history")

    @property
    def first(self) -> int:
        """The first month of the series."""
        return self.month - self.history + 1

    @property
    def window_first(self) -> int:
        """The first month of the 12-month window."""
        return self.month - 11

    def window_start(self, window: Window) -> int:
        return self.month if window == "month" else self.window_first

    @property
    def months(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.month + 1))

    @property
    def text(self) -> str:
        return month_text(self.month)


def bst_periods(first_year: int, last_year: int) -> list[tuple[datetime, datetime]]:
    """UTC (naive) instants ``[start, end)`` of every period of summer time in the years."""
    periods: list[tuple[datetime, datetime]] = []
    start: datetime | None = None
    for change in clock_changes(first_year, last_year):
        instant = (change.local_start if change.forward else change.local_end) - timedelta(
            minutes=change.offset_before
        )
        if change.offset_after > change.offset_before:
            start = instant
        elif start is not None:
            periods.append((start, instant))
            start = None
    if start is not None:
        periods.append((start, datetime(last_year + 1, 1, 1)))
    return periods


def london(ts: Any, first_year: int, last_year: int) -> Any:
    """An Ibis expression: the London local time of a UTC timestamp column.

    Only the summer-time periods between ``first_year`` and ``last_year`` are tested, so the
    caller must have filtered the column to those years (one year either side is harmless).
    """
    import ibis

    periods = bst_periods(first_year, last_year)
    if not periods:
        return ts
    summer = None
    for start, end in periods:
        inside = (ts >= start) & (ts < end)
        summer = inside if summer is None else summer | inside
    return ibis.ifelse(summer, ts + ibis.interval(hours=1), ts)


def key_of(expr: Any) -> Any:
    """An Ibis expression: the month key of a date or (local) timestamp expression."""
    return (expr.year() * 12 + expr.month() - 1).cast("int64")
