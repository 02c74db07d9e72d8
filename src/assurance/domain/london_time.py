"""Europe/London clock changes, as a table the warehouse engine can join against.

Force systems send local date-times without an offset. Converting them to UTC in the engine
(vectorised, not row by row in Python) needs, for each year, the two local hours that are odd:

- the *skipped* hour in spring (clocks go forward: 01:00–01:59 local does not exist), and
- the *repeated* hour in autumn (clocks go back: 01:00–01:59 local happens twice).

The rule for a repeated time is documented in docs/data-contract.md: it is taken as its first
occurrence, in British Summer Time (as Python's ``fold=0``). A sender who means the second
occurrence must send an offset (``+00:00``).

The transitions come from the IANA time zone database through ``zoneinfo``, so historical
rules (before the EU's last-Sunday rule) are right too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class ClockChange:
    """One change of the London clocks, in local wall-clock time.

    ``local_start`` to ``local_end`` (end exclusive) is the odd hour: skipped when ``forward``,
    repeated when not. ``offset_before`` and ``offset_after`` are the UTC offsets in minutes.
    """

    year: int
    forward: bool
    local_start: datetime
    local_end: datetime
    offset_before: int
    offset_after: int


def _offset_minutes(instant: datetime) -> int:
    offset = instant.astimezone(LONDON).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def _find_change(lo: datetime, hi: datetime) -> datetime:
    """The first UTC minute in (lo, hi] whose offset differs from lo's."""
    before = _offset_minutes(lo)
    while hi - lo > timedelta(minutes=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(second=0, microsecond=0)
        if mid <= lo:
            mid = lo + timedelta(minutes=1)
        if _offset_minutes(mid) == before:
            lo = mid
        else:
            hi = mid
    return hi


@cache
def clock_changes(first_year: int = 1970, last_year: int = 2100) -> tuple[ClockChange, ...]:
    """Every change of the London clocks between two years, in order."""
    changes: list[ClockChange] = []
    step = timedelta(days=7)
    t = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    current = _offset_minutes(t)
    while t < end:
        nxt = t + step
        if _offset_minutes(nxt) != current:
            at = _find_change(t, nxt)
            after = _offset_minutes(at)
            delta = timedelta(minutes=after - current)
            local_before = (at + timedelta(minutes=current)).replace(tzinfo=None)
            if after > current:  # forward: local jumps from local_before to local_before+delta
                start, stop = local_before, local_before + delta
            else:  # back: local_before+delta .. local_before happens twice
                start, stop = local_before + delta, local_before
            changes.append(ClockChange(at.year, after > current, start, stop, current, after))
            current = after
            t = at
        else:
            t = nxt
    return tuple(changes)


def to_utc(local: datetime) -> datetime:
    """Convert one naive London local time to naive UTC by the documented rules.

    Raises ``ValueError`` for a time in a skipped hour. This is the reference the engine's
    vectorised conversion is tested against; ingestion does not call it row by row.
    """
    for change in clock_changes(local.year, local.year):
        if change.forward and change.local_start <= local < change.local_end:
            raise ValueError(f"{local:%Y-%m-%d %H:%M} does not exist in London (clocks go forward)")
    aware = local.replace(tzinfo=LONDON, fold=0)
    return aware.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class YearClock:
    """One year's London clock, flattened for a vectorised conversion (see ``year_clocks``).

    A local time ``t`` of that year converts to UTC by subtracting, in minutes:
    ``base`` before ``forward_start``; nothing (it does not exist) up to ``forward_end``;
    ``forward_after`` up to ``back_end`` (the repeated hour ``back_start``–``back_end`` takes its
    first occurrence); ``back_after`` from then on. A year with a missing change has that
    change's times at the start of the year and its offset equal to the one in force.
    """

    year: int
    base: int
    forward_start: datetime
    forward_end: datetime
    forward_after: int
    back_start: datetime
    back_end: datetime
    back_after: int


def year_clocks(first_year: int = 1970, last_year: int = 2100) -> tuple[YearClock, ...]:
    """One ``YearClock`` a year from ``first_year`` to ``last_year`` inclusive."""
    changes = clock_changes(first_year, last_year)
    rows: list[YearClock] = []
    offset = _offset_minutes(datetime(first_year, 1, 1, tzinfo=UTC))
    for year in range(first_year, last_year + 1):
        jan1 = datetime(year, 1, 1)
        base = offset
        fwd = [c for c in changes if c.year == year and c.forward]
        back = [c for c in changes if c.year == year and not c.forward]
        if (
            len(fwd) > 1
            or len(back) > 1
            or (fwd and back and fwd[0].local_start > back[0].local_start)
        ):
            raise ValueError(
                f"London clocks in {year} do not follow one spring and one autumn change"
            )
        f_start, f_end, f_after = (
            (fwd[0].local_start, fwd[0].local_end, fwd[0].offset_after)
            if fwd
            else (jan1, jan1, base)
        )
        b_start, b_end, b_after = (
            (back[0].local_start, back[0].local_end, back[0].offset_after)
            if back
            else (jan1, jan1, f_after)
        )
        rows.append(YearClock(year, base, f_start, f_end, f_after, b_start, b_end, b_after))
        offset = b_after
    return tuple(rows)
