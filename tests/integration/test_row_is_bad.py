"""The cheap per-row condition of the typing pass finds exactly the rows some check fails.

``typing_sql.row_is_bad`` decides, on every row, whether to build the row's problem list; it
must agree with the full list of checks (``checks_for`` of every column and the row rules) on
every row. Rows are drawn from values of every kind, good and bad, for every record file.
"""

from __future__ import annotations

import random

import duckdb
import pytest

from assurance.domain.contract import RECORD_FILES, Column, RecordFile
from assurance.ingest import typing_sql
from assurance.ingest.typing_sql import checks_for, ident, typed_select
from assurance.ingest.validate import prepare_staging

DATETIMES = [
    "2016-05-01T10:11:12", "2016-05-01 10:11", "2016-03-27T01:30:00", "2016-10-30T01:30:00",
    "1969-12-31T23:00:00", "2101-01-01T00:00:00", "1969-12-31T23:30:00-01:00",
    "2101-01-01T00:30:00+01:00", "2016-02-30T10:00", "2016-05-01T10:11:12Z",
    "2016-05-01T10:11:12+01:00", "2016-05-01T10:11:12.5", "junk", "2016-05-01",
]  # fmt: skip
BY_TYPE = {
    "date": ["2016-05-01", "2016-02-30", "1969-01-01", "x"],
    "month": ["2016-05", "2016-13", "x"],
    "integer": ["3", "0", "1", "5", "-1", "7", "x", "1.5", "99999"],
    "decimal": ["1.5", "0", "0.5", "-3", "x", "1e3", "100"],
    "boolean": ["true", "no", "1", "maybe"],
    "code": ["west-mercia", "West Mercia", "a"],
    "outcome": ["1A", "1a", "8", "23"],
    "measure": ["satisfaction.whole_experience", "x"],
    "text": ["abc", " "],
}


def _values(col: Column) -> list[str]:
    pool = DATETIMES if col.type == "datetime" else list(BY_TYPE[col.type])
    if col.codes:
        pool = [*col.codes[:3], "not-a-code", col.codes[0].upper()]
    return ["", *pool]


def _full(spec: RecordFile) -> str:
    checks = [c.bad for col in spec.columns for c in checks_for(col)]
    checks += [f"NOT coalesce({r.condition}, TRUE)" for r in spec.rules]
    return " OR ".join(f"({c})" for c in checks) or "FALSE"


@pytest.mark.parametrize("spec", RECORD_FILES, ids=lambda s: s.kind)
def test_row_is_bad_agrees_with_every_check(
    spec: RecordFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(spec.kind)
    con = duckdb.connect()
    prepare_staging(con)
    cols = ", ".join(f"{ident(c.name)} VARCHAR" for c in spec.columns)
    con.execute(f"CREATE TABLE raw (__line BIGINT, {cols})")
    pools = [_values(c) for c in spec.columns]
    rows = [
        (i, *[rng.choice(pool) if rng.random() < 0.3 else pool[min(1, len(pool) - 1)]
              for pool in pools])
        for i in range(3000)
    ]  # fmt: skip
    marks = ", ".join("?" for _ in range(len(spec.columns) + 1))
    con.executemany(f"INSERT INTO raw VALUES ({marks})", rows)

    def flagged() -> list[tuple[int, bool]]:
        query = typed_select(spec, "raw")
        return con.execute(
            f"SELECT __line, __problems IS NOT NULL FROM ({query}) ORDER BY __line"
        ).fetchall()

    cheap = flagged()
    monkeypatch.setattr(typing_sql, "row_is_bad", _full)
    full = flagged()
    assert cheap == full
    assert any(bad for _, bad in full) and not all(bad for _, bad in full)
