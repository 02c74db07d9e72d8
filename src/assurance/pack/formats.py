"""Numbers, months and dates as the pack prints them: one place, so every table, chart and
sentence agrees (percentages and minutes to one decimal place, counts with thousands
separators, dates written out in full)."""

from __future__ import annotations

import calendar
from datetime import date

from assurance.measures.catalogue import Measure
from assurance.measures.periods import month_key, month_name

DASH = "–"
"""What a table shows where there is nothing to show."""


def percent(x: float | None, digits: int = 1) -> str:
    """0.8562 as ``85.6%``."""
    return DASH if x is None else f"{100.0 * x:.{digits}f}%"


def target_percent(x: float) -> str:
    """A target as ``90%``, or ``92.5%`` when it is not a whole percentage."""
    text = f"{100.0 * x:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def value_text(x: float | None, m: Measure, *, short: bool = False) -> str:
    """A value in the measure's unit: ``85.6%``, ``9.7 minutes``, ``5,591``, ``50.8``."""
    if x is None:
        return DASH
    if m.unit == "share":
        return percent(x)
    if m.unit == "minutes":
        return f"{x:.1f} min" if short else f"{x:.1f} minutes"
    if m.unit == "per 1,000 residents":
        return f"{x:.1f}" if short else f"{x:.1f} per 1,000"
    return f"{x:,.0f}"


def interval_text(interval: tuple[float, float] | None, m: Measure) -> str:
    """A 95% interval as ``84.2–87.0%`` (shares only; other units have none)."""
    if interval is None or m.unit != "share":
        return DASH
    return f"{100.0 * interval[0]:.1f}–{100.0 * interval[1]:.1f}%"


def target_text(x: float | None, m: Measure) -> str:
    if x is None:
        return DASH
    if m.unit == "share":
        return target_percent(x)
    return value_text(x, m, short=True)


def axis_format(m: Measure) -> str:
    """The d3 number format of a chart axis for the measure's unit."""
    if m.unit == "share":
        return ".0%"
    if m.unit == "count":
        return ",.0f"
    return ".1f"


def tooltip_format(m: Measure) -> str:
    """The d3 number format of a value in a chart label."""
    if m.unit == "share":
        return ".1%"
    if m.unit == "count":
        return ",.0f"
    return ".1f"


def unit_label(m: Measure) -> str:
    """The axis title of the measure's unit."""
    return {
        "share": "Per cent",
        "minutes": "Minutes",
        "count": "Number",
        "per 1,000 residents": "Per 1,000 residents",
    }[m.unit]


def month_long(month: str) -> str:
    """``2016-05`` as ``May 2016``."""
    return month_name(month_key(month))


def month_short(month: str) -> str:
    """``2016-05`` as ``May 16`` (chart axes)."""
    return f"{month_long(month)[:3]} {month[2:4]}"


def long_date(day: date) -> str:
    """``Tuesday 31 May 2016``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def last_tuesday(year: int, month: int) -> date:
    """The last Tuesday of a month (when the monthly assurance meeting is usually held)."""
    last = calendar.monthrange(year, month)[1]
    day = date(year, month, last)
    return date(year, month, last - (day.weekday() - calendar.TUESDAY) % 7)


def month_after(month: str, n: int = 1) -> tuple[int, int]:
    """(year, month) ``n`` months after ``YYYY-MM``."""
    key = month_key(month) + n
    return key // 12, key % 12 + 1


def month_end(month: str) -> date:
    year, mon = month_after(month, 0)
    return date(year, mon, calendar.monthrange(year, mon)[1])


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 finding``, ``3 findings``."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
