"""Helpers shared by the demo generator tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from assurance.domain.contract import BY_KIND

FILES = (
    "areas",
    "plan",
    "peers",
    "incidents",
    "crimes",
    "outcomes",
    "survey_responses",
    "audits",
    "disposals",
)

#: The test period: long enough for the pre-ramp months, the last 24 months and 3 Marches.
START, END = "2014-01", "2016-05"


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one table per CSV (loaded once), every column read as text."""
    con = duckdb.connect()
    for name in FILES:
        path = (folder / f"{name}.csv").as_posix()
        if not Path(path).exists():  # a file with no rows is left out of the delivery
            cols = ", ".join(f"{c} VARCHAR" for c in BY_KIND[name].column_names)
            con.execute(f"CREATE TABLE {name} ({cols})")
            continue
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header = true, "
            "all_varchar = true, delim = ',', quote = '\"')"
        )
    return con


Query = Callable[[str], list[tuple[Any, ...]]]


def query_of(con: duckdb.DuckDBPyConnection) -> Query:
    def run(sql: str) -> list[tuple[Any, ...]]:
        return con.execute(sql).fetchall()

    return run
