"""London clock changes, checked against the IANA database through zoneinfo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assurance.domain.london_time import clock_changes, to_utc, year_clocks

LONDON = ZoneInfo("Europe/London")


def test_2016_changes_are_the_last_sundays_of_march_and_october() -> None:
    spring, autumn = clock_changes(2016, 2016)
    assert (spring.forward, spring.local_start, spring.local_end) == (
        True,
        datetime(2016, 3, 27, 1),
        datetime(2016, 3, 27, 2),
    )
    assert (autumn.forward, autumn.local_start, autumn.local_end) == (
        False,
        datetime(2016, 10, 30, 1),
        datetime(2016, 10, 30, 2),
    )


def test_every_year_has_the_offsets_zoneinfo_has() -> None:
    for clock in year_clocks(1970, 2100):
        jan = datetime(clock.year, 1, 1, tzinfo=UTC).astimezone(LONDON).utcoffset()
        assert jan == timedelta(minutes=clock.base)
        jul = datetime(clock.year, 7, 1, tzinfo=UTC).astimezone(LONDON).utcoffset()
        assert jul == timedelta(minutes=clock.forward_after)


@pytest.mark.parametrize(
    "local",
    [datetime(2016, 3, 27, 1, 0), datetime(2016, 3, 27, 1, 59), datetime(1990, 3, 25, 1, 30)],
)
def test_skipped_times_are_refused(local: datetime) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        to_utc(local)


def test_repeated_time_takes_its_first_occurrence() -> None:
    assert to_utc(datetime(2016, 10, 30, 1, 30)) == datetime(2016, 10, 30, 0, 30)
    assert to_utc(datetime(2016, 10, 30, 2, 0)) == datetime(2016, 10, 30, 2, 0)
