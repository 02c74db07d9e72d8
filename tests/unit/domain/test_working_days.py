"""Working days across the 2016 England and Wales bank holidays (gov.uk's published list)."""

from __future__ import annotations

import ast
import sys
from datetime import date
from pathlib import Path

import pytest

from assurance.domain.working_days import (
    FixedHolidays,
    add_working_days,
    bank_holidays_in,
    england_and_wales_bank_holidays,
    is_working_day,
    next_working_day,
    working_days_between,
    working_days_overdue,
)

#: gov.uk, "UK bank holidays", England and Wales, 2016.
GOV_UK_2016 = {
    date(2016, 1, 1),  # New Year's Day
    date(2016, 3, 25),  # Good Friday
    date(2016, 3, 28),  # Easter Monday
    date(2016, 5, 2),  # Early May bank holiday
    date(2016, 5, 30),  # Spring bank holiday
    date(2016, 8, 29),  # Summer bank holiday
    date(2016, 12, 26),  # Boxing Day
    date(2016, 12, 27),  # Christmas Day (substitute day)
}
NONE = FixedHolidays(frozenset())


@pytest.fixture(scope="module")
def ew() -> object:
    return england_and_wales_bank_holidays()


def test_the_package_gives_the_gov_uk_2016_weekday_bank_holidays() -> None:
    weekday_holidays = {h.day for h in bank_holidays_in(2016) if h.day.weekday() < 5}
    assert weekday_holidays == GOV_UK_2016


def test_how_the_package_names_them() -> None:
    names = {h.day: h.name for h in bank_holidays_in(2016)}
    assert names[date(2016, 5, 2)] == "May Day"
    assert names[date(2016, 5, 30)] == "Spring Bank Holiday"
    assert names[date(2016, 8, 29)] == "Late Summer Bank Holiday"
    assert names[date(2016, 12, 26)] == "Boxing Day"
    assert names[date(2016, 12, 27)] == "Christmas Day (observed)"


@pytest.mark.parametrize("day", sorted(GOV_UK_2016), ids=str)
def test_bank_holidays_are_not_working_days(ew: FixedHolidays, day: date) -> None:
    assert not is_working_day(day, ew)
    assert is_working_day(day, NONE)


def test_weekends_are_not_working_days() -> None:
    assert not is_working_day(date(2016, 5, 28), NONE)  # Saturday
    assert not is_working_day(date(2016, 5, 29), NONE)  # Sunday
    assert is_working_day(date(2016, 5, 31), NONE)  # Tuesday


@pytest.mark.parametrize(
    ("due", "on", "expected"),
    [
        (date(2016, 5, 27), date(2016, 5, 27), 0),  # due today: not late
        (date(2016, 5, 27), date(2016, 5, 26), 0),  # not yet due
        (date(2016, 5, 27), date(2016, 5, 30), 0),  # weekend + Spring bank holiday
        (date(2016, 5, 27), date(2016, 5, 31), 1),  # first working day after
        (date(2016, 4, 29), date(2016, 5, 3), 1),  # over the Early May bank holiday
        (date(2016, 6, 28), date(2016, 7, 28), 22),  # a month, no holidays: 22 weekdays
        (date(2016, 8, 26), date(2016, 9, 2), 4),  # week with Summer bank holiday
        (date(2016, 12, 23), date(2016, 12, 30), 3),  # Christmas: 26, 27 off
        (date(2016, 12, 23), date(2017, 1, 3), 4),  # and New Year's Day substitute (2 Jan)
        (date(2016, 5, 29), date(2016, 5, 31), 1),  # due on a Sunday
        (date(2016, 6, 28), date(2016, 12, 31), 130),  # 133 weekdays less 29 Aug, 26, 27 Dec
    ],
)
def test_working_days_overdue(ew: FixedHolidays, due: date, on: date, expected: int) -> None:
    assert working_days_overdue(due, on, ew) == expected


def test_without_holidays_only_weekends_are_skipped() -> None:
    assert working_days_overdue(date(2016, 5, 27), date(2016, 5, 31), NONE) == 2
    assert working_days_between(date(2016, 12, 23), date(2016, 12, 30), NONE) == 5


def test_add_working_days(ew: FixedHolidays) -> None:
    # the working day after Friday 27 May 2016 is Tuesday 31 May (30 May: Spring bank holiday)
    assert add_working_days(date(2016, 5, 27), 1, ew) == date(2016, 5, 31)
    assert add_working_days(date(2016, 5, 31), -1, ew) == date(2016, 5, 27)
    assert add_working_days(date(2016, 12, 23), 2, ew) == date(2016, 12, 29)
    assert add_working_days(date(2016, 5, 28), 0, ew) == date(2016, 5, 28)
    assert add_working_days(date(2016, 4, 28), 2, ew) == date(2016, 5, 3)


def test_add_and_count_agree(ew: FixedHolidays) -> None:
    start = date(2016, 1, 1)
    for n in range(0, 260, 7):
        end = add_working_days(start, n, ew)
        assert working_days_between(start, end, ew) == n


def test_next_working_day(ew: FixedHolidays) -> None:
    assert next_working_day(date(2016, 12, 24), ew) == date(2016, 12, 28)
    assert next_working_day(date(2016, 5, 31), ew) == date(2016, 5, 31)


def test_a_fixed_calendar_is_a_calendar() -> None:
    closed = FixedHolidays(frozenset({date(2016, 5, 31)}))
    assert working_days_overdue(date(2016, 5, 27), date(2016, 6, 1), closed) == 2


def test_the_module_is_pure() -> None:
    """No Django, database or web import; the holidays package only inside its two functions."""
    path = Path(__file__).resolve().parents[3] / "src/assurance/domain/working_days.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    for node in top_level:
        module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
        assert (module or "").split(".")[0] in sys.stdlib_module_names | {"__future__"}
    inner = [alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names]
    assert set(inner) == {"holidays"}
