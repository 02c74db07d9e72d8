"""Working days: weekdays that are not bank holidays. Pure: dates in, numbers and dates out.

Every function takes a :class:`HolidayCalendar`, anything that answers ``day in calendar``:
a ``frozenset`` of dates, :class:`FixedHolidays`, or the England and Wales bank holidays from
:func:`england_and_wales_bank_holidays` (built on the ``holidays`` package, imported only when
that function is called, so this module itself needs nothing beyond the standard library).

Conventions, used by meetings and actions (docs/meetings.md):

- a *working day* is Monday to Friday and not a bank holiday;
- an action due on day ``D`` is *overdue by N working days* on day ``X`` when ``N`` working
  days fall after ``D`` up to and including ``X``: an action due on Friday 27 May 2016 is 1
  working day overdue on Tuesday 31 May 2016, because the weekend and the Spring bank holiday
  (Monday 30 May) do not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

SATURDAY = 5  # date.weekday(): Monday is 0


class HolidayCalendar(Protocol):
    """Anything that says whether a date is a holiday (``day in calendar``)."""

    def __contains__(self, day: object, /) -> bool: ...


@dataclass(frozen=True)
class FixedHolidays:
    """A calendar from a fixed set of dates (tests, or a force's own list of closure days)."""

    days: frozenset[date]

    def __contains__(self, day: object, /) -> bool:
        return day in self.days


@dataclass(frozen=True)
class NamedHoliday:
    """One bank holiday: its date and its name as the ``holidays`` package gives it."""

    day: date
    name: str


def england_and_wales_bank_holidays() -> HolidayCalendar:
    """Bank holidays in England and Wales, from the ``holidays`` package (country GB, ENG).

    Years are filled in lazily as dates are asked about. The package names them its own way:
    "May Day" (the early May bank holiday), "Spring Bank Holiday", "Late Summer Bank
    Holiday", "Christmas Day (observed)" for a substitute day; one-off days such as the
    Platinum Jubilee (2022-06-03) are included.
    """
    import holidays  # the one third-party import, kept out of module import time

    calendar: HolidayCalendar = holidays.country_holidays("GB", subdiv="ENG")
    return calendar


def bank_holidays_in(year: int) -> tuple[NamedHoliday, ...]:
    """The England and Wales bank holidays of one year, in date order, with their names."""
    import holidays

    found = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return tuple(NamedHoliday(day, str(name)) for day, name in sorted(found.items()))


def is_working_day(day: date, calendar: HolidayCalendar) -> bool:
    """True for Monday to Friday when ``day`` is not a holiday in ``calendar``."""
    return day.weekday() < SATURDAY and day not in calendar


def working_days_between(start: date, end: date, calendar: HolidayCalendar) -> int:
    """How many working days fall after ``start`` up to and including ``end``.

    Zero when ``end`` is on or before ``start``; never negative.
    """
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_working_day(day, calendar):
            count += 1
        day += timedelta(days=1)
    return count


def working_days_overdue(due: date, on: date, calendar: HolidayCalendar) -> int:
    """Working days by which something due on ``due`` is late on ``on`` (0 if not late)."""
    return working_days_between(due, on, calendar)


def add_working_days(start: date, days: int, calendar: HolidayCalendar) -> date:
    """The date ``days`` working days after ``start`` (before it when ``days`` is negative).

    ``add_working_days(d, 0, c)`` is ``d`` itself, even when ``d`` is not a working day.
    """
    step = timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    day = start
    while remaining:
        day += step
        if is_working_day(day, calendar):
            remaining -= 1
    return day


def next_working_day(day: date, calendar: HolidayCalendar) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, calendar):
        day += timedelta(days=1)
    return day
