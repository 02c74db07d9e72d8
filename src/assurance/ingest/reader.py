"""Reading a delivery file into the staging DuckDB as raw text, with line numbers.

CSV files are read with DuckDB's reader (RFC 4180, all columns as text, strict); a record that
cannot be parsed (too many or too few fields, broken quoting, bytes that are not UTF-8) is kept
in a rejects table with its line number instead of stopping the read. Each good row gets its
``__line``: the line number as the reader counts records (the header is line 1; a quoted value
that spans lines counts as one). Parquet rows are numbered from 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from assurance.domain.police_uk import snake
from assurance.ingest.sources import SourceFile
from assurance.ingest.typing_sql import ident, quote_literal
from assurance.warehouse.duckdb_engine import duck_scalar


@dataclass(frozen=True)
class RawFile:
    """A file read into staging: ``table`` holds ``__line`` and VARCHAR columns; structural
    rejects (lines that could not be parsed) are in ``rejects_table`` (line, message, text)."""

    source: SourceFile
    table: str
    rejects_table: str
    rows: int
    rejects: int


def _raw_names(source: SourceFile) -> list[str]:
    if source.origin == "police-uk":
        return [snake(h) for h in source.header]
    return list(source.header)


def read_raw(con: duckdb.DuckDBPyConnection, source: SourceFile, name: str) -> RawFile:
    """Read one file into the temp table ``__read_<name>``; ``raw_<name>`` is a view of it
    with ``__line``, and ``rej_<name>`` holds the lines that could not be parsed."""
    table, rejects, stored = f"raw_{name}", f"rej_{name}", f"__read_{name}"
    names = _raw_names(source)
    path = quote_literal(str(source.path))
    if source.format == "parquet":
        cols = ", ".join(
            f"CAST({ident(h)} AS VARCHAR) AS {ident(n)}"
            for h, n in zip(source.header, names, strict=True)
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {stored} AS SELECT file_row_number + 1 AS __line, "
            f"{cols} FROM read_parquet({path}, file_row_number = true)"
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {rejects} "
            "(line BIGINT, error_type VARCHAR, message VARCHAR, csv_line VARCHAR)"
        )
        con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT * FROM {stored}")
    else:
        columns = "{" + ", ".join(f"{quote_literal(n)}: 'VARCHAR'" for n in names) + "}"
        scan, errors = f"rejscan_{name}", f"rejerr_{name}"
        con.execute(f"DROP TABLE IF EXISTS {scan}")
        con.execute(f"DROP TABLE IF EXISTS {errors}")
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {stored} AS SELECT * FROM read_csv({path}, "
            f"header = true, auto_detect = false, columns = {columns}, delim = ',', "
            "quote = '\"', escape = '\"', strict_mode = true, null_padding = false, "
            f"store_rejects = true, rejects_scan = '{scan}', rejects_table = '{errors}', "
            "encoding = 'utf-8')"
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {rejects} AS SELECT line, "
            "any_value(CAST(error_type AS VARCHAR)) AS error_type, "
            "any_value(error_message) AS message, any_value(csv_line) AS csv_line "
            f"FROM {errors} GROUP BY line"
        )
        if duck_scalar(con, f"SELECT count(*) FROM {rejects}"):
            # The k-th good record (k from 1) sits at line k + 1 + (rejected lines before it).
            # The i-th rejected line r_i has r_i - i - 1 good records before it.
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {table} AS "
                f"WITH r AS (SELECT line - row_number() OVER (ORDER BY line) - 1 AS thr, "
                f"row_number() OVER (ORDER BY line) AS i FROM {rejects}), "
                "t AS (SELECT thr, max(i) AS i FROM r GROUP BY thr), "
                f"g AS (SELECT rowid + 1 AS __k, * FROM {stored}) "
                "SELECT g.__k + 1 + coalesce(t.i, 0) AS __line, g.* EXCLUDE (__k) "
                "FROM g ASOF LEFT JOIN t ON g.__k > t.thr"
            )
        else:
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT rowid + 2 AS __line, * "
                f"FROM {stored}"
            )
    count = duck_scalar(con, f"SELECT count(*) FROM {stored}")
    n_rej = duck_scalar(con, f"SELECT count(*) FROM {rejects}")
    return RawFile(source, table, rejects, int(count), int(n_rej))


def drop_raw(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Free the rows as received once they are no longer needed."""
    con.execute(f"DROP VIEW IF EXISTS raw_{name}")
    con.execute(f"DROP TABLE IF EXISTS __read_{name}")


_REJECT_REASONS = {
    "MISSING COLUMNS": "has fewer values than the header has columns (is the line cut short?)",
    "TOO MANY COLUMNS": "has more values than the header has columns (an unquoted comma?)",
    "INVALID ENCODING": "is not UTF-8 text; save the file as UTF-8 and send it again",
    "UNQUOTED VALUE": "has a quote in an unquoted value (quote the value, doubling inner quotes)",
    "INVALID STATE": "has broken quoting (an unterminated quoted value?)",
    "LINE SIZE OVER MAXIMUM": "is longer than the reader allows (a missing closing quote?)",
}


def reject_reason(error_type: str | None, fallback: str | None) -> str:
    """A plain-English reason for a line the CSV reader could not parse."""
    if error_type and error_type in _REJECT_REASONS:
        return _REJECT_REASONS[error_type]
    return f"could not be read as CSV: {fallback or 'unknown reason'}"
