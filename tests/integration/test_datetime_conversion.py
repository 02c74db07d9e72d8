"""The engine's vectorised London → UTC conversion agrees with zoneinfo on random times."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

from assurance.domain.contract import Column, RecordFile
from assurance.domain.london_time import clock_changes
from assurance.ingest.typing_sql import typed_select
from assurance.ingest.validate import prepare_staging

LONDON = ZoneInfo("Europe/London")


def _expected(local: datetime) -> datetime | None:
    """zoneinfo's answer, or None for a time that does not exist."""
    aware = local.replace(tzinfo=LONDON, fold=0)
    back = aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
    if back != local:
        return None
    return aware.astimezone(UTC).replace(tzinfo=None)


def test_conversion_matches_zoneinfo() -> None:
    rng = random.Random(20160531)
    start = datetime(1972, 1, 1)
    span = int((datetime(2099, 12, 31) - start).total_seconds() // 60)
    samples = [start + timedelta(minutes=rng.randrange(span)) for _ in range(20_000)]
    for change in clock_changes(1990, 2030):  # every odd hour, and its edges
        for minutes in (-1, 0, 1, 30, 59, 60, 61):
            samples.append(change.local_start + timedelta(minutes=minutes))
    con = duckdb.connect()
    prepare_staging(con)
    given = pa.table(
        {
            "__line": list(range(len(samples))),
            "t": [s.strftime("%Y-%m-%dT%H:%M:%S") for s in samples],
        }
    )
    con.register("given", given)
    con.execute("CREATE TEMP TABLE raw AS SELECT * FROM given")
    spec = RecordFile("x", (Column("t", "datetime"),), key=("t",))
    got = dict(con.execute(f"SELECT __line, t FROM ({typed_select(spec, 'raw')})").fetchall())
    for i, local in enumerate(samples):
        assert got[i] == _expected(local), local


def test_offsets_are_exact() -> None:
    con = duckdb.connect()
    prepare_staging(con)
    con.execute("CREATE TEMP TABLE raw (__line BIGINT, t VARCHAR)")
    values = [
        "2016-03-27T01:30:00+00:00",
        "2016-05-01T10:00Z",
        "2016-05-01 10:00:00-0530",
        "2016-05-01T10:00:00.250+01",
    ]
    con.executemany("INSERT INTO raw VALUES (?, ?)", list(enumerate(values)))
    spec = RecordFile("x", (Column("t", "datetime"),), key=("t",))
    got = [
        r[0]
        for r in con.execute(
            f"SELECT t FROM ({typed_select(spec, 'raw')}) ORDER BY __line"
        ).fetchall()
    ]
    assert got == [
        datetime(2016, 3, 27, 1, 30),
        datetime(2016, 5, 1, 10, 0),
        datetime(2016, 5, 1, 15, 30),
        datetime(2016, 5, 1, 9, 0, 0, 250000),
    ]
