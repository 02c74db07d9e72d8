"""The vectorised London clock and formatting agree with zoneinfo and datetime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from assurance.demo.timeline import (
    DAY,
    InstantSampler,
    Period,
    date_array,
    local_datetime_strings,
    to_london,
)

LONDON = ZoneInfo("Europe/London")


def _zoneinfo_local(utc_seconds: int) -> int:
    aware = datetime.fromtimestamp(utc_seconds, tz=UTC).astimezone(LONDON)
    naive = aware.replace(tzinfo=None)
    return int((naive - datetime(1970, 1, 1)).total_seconds())


def test_london_offset_matches_zoneinfo_for_random_instants() -> None:
    rng = np.random.default_rng(1)
    utc = rng.integers(
        int(datetime(1996, 1, 1, tzinfo=UTC).timestamp()),
        int(datetime(2040, 1, 1, tzinfo=UTC).timestamp()),
        20_000,
    )
    local = to_london(utc)
    expected = np.array([_zoneinfo_local(int(u)) for u in utc])
    assert np.array_equal(local, expected)


def test_london_offset_matches_zoneinfo_around_every_change() -> None:
    instants = []
    for year in range(2000, 2031):
        for month in (3, 10):
            day = datetime(year, month, 31, 1, tzinfo=UTC)
            while day.weekday() != 6:
                day -= timedelta(days=1)
            base = int(day.timestamp())
            instants.extend(range(base - 7200, base + 7200, 60))
    utc = np.array(instants, dtype=np.int64)
    expected = np.array([_zoneinfo_local(int(u)) for u in utc])
    assert np.array_equal(to_london(utc), expected)


def test_formatting_matches_isoformat() -> None:
    rng = np.random.default_rng(2)
    local = rng.integers(1_300_000_000, 1_500_000_000, 5_000)
    valid = rng.random(5_000) > 0.2
    strings = local_datetime_strings(local, valid).to_pylist()
    for value, ok, text in zip(local, valid, strings, strict=True):
        if ok:
            assert text == (datetime(1970, 1, 1) + timedelta(seconds=int(value))).isoformat()
        else:
            assert text is None
    days = np.array([16_000, 16_001])
    assert [str(d) for d in date_array(days).to_pylist()] == ["2013-10-22", "2013-10-23"]


def test_period_months_and_boundaries() -> None:
    period = Period.of("2015-11", "2016-04")
    assert period.n_months == 6
    assert list(period.month_of_year) == [11, 12, 1, 2, 3, 4]
    assert list(period.month_days) == [30, 31, 31, 29, 31, 30]
    # local midnight on 1 April 2016 is 23:00 UTC on 31 March
    april = int(datetime(2016, 3, 31, 23, tzinfo=UTC).timestamp())
    assert period.month_start_utc[5] == april
    assert period.extract_utc == int(datetime(2016, 4, 30, 23, tzinfo=UTC).timestamp())
    assert period.last_day * DAY == int(datetime(2016, 4, 30, tzinfo=UTC).timestamp())


@pytest.mark.parametrize("bad", ["2016-5", "201605", "2016-00", "1990-01"])
def test_period_refuses_bad_months(bad: str) -> None:
    with pytest.raises(ValueError):
        Period.of(bad, "2016-05")


def test_sampler_stays_inside_the_month_and_skips_the_gap() -> None:
    period = Period.of("2016-03", "2016-03")
    utc, _, _ = period.hour_slots()
    sampler = InstantSampler(period, np.ones(utc.size))
    rng = np.random.default_rng(3)
    instants = sampler.sample(rng, np.zeros(200_000, dtype=np.int64))
    assert instants.min() >= period.start_utc and instants.max() < period.extract_utc
    local = to_london(instants)
    spring = int(datetime(2016, 3, 27, 1).replace(tzinfo=UTC).timestamp())
    in_gap = (local >= spring) & (local < spring + 3600)
    assert not in_gap.any()
    assert (local // 3600 % 24 == 1).any()  # 01:xx exists on the other days
