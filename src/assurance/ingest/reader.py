"""Reading a delivery file in the staging DuckDB, as text, with line numbers.

CSV files are read with DuckDB's parallel reader (RFC 4180, every column as text, strict), in
file order. A record that cannot be parsed (too many or too few fields, broken quoting, bytes
that are not UTF-8) goes to a rejects table with its line number instead of stopping the read.

Usually the typing pass reads straight from the reader (``Scan.numbered`` is false) and the
rows are numbered by their position in the typed table: the pass has no join, so it keeps the
order read. When the rows as received are needed again (the quarantine of ``--allow-rejects``,
the police.uk derivations), the file is first read into a temporary table of text and numbered
by position there. (Numbering rows in the reader, ``WITH ORDINALITY``, was measured: it makes
the whole typing pass run on one thread, several times slower.)

Line numbers are what the reader counts as records: the header is line 1, and a quoted value
that spans lines counts as one. The k-th good record sits at line ``k + 1`` plus the number of
rejected lines before it (``line_fix_sql``). Parquet rows are numbered from 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from assurance.domain.police_uk import snake
from assurance.ingest.sources import SourceFile
from assurance.ingest.typing_sql import ident, quote_literal
from assurance.warehouse.duckdb_engine import duck_scalar


@dataclass(frozen=True)
class Scan:
    """How to read one file: ``sql`` is a subquery giving every column as VARCHAR under its
    contract name, and ``__line`` (before any correction for rejected lines) when
    ``numbered``; otherwise the rows come in file order, to be numbered by position."""

    source: SourceFile
    name: str
    sql: str
    numbered: bool = True

    @property
    def rejects(self) -> str:
        """The table of lines that could not be parsed (line, error_type, message, csv_line)."""
        return f"rej_{self.name}"


def _raw_names(source: SourceFile) -> list[str]:
    if source.origin == "police-uk":
        return [snake(h) for h in source.header]
    return list(source.header)


def _csv(source: SourceFile, name: str) -> str:
    names = _raw_names(source)
    columns = "{" + ", ".join(f"{quote_literal(n)}: 'VARCHAR'" for n in names) + "}"
    errors = (
        f"store_rejects = true, rejects_scan = 'rejscan_{name}', rejects_table = 'rejerr_{name}'"
    )
    return (
        f"read_csv({quote_literal(str(source.path))}, header = true, auto_detect = false, "
        f"columns = {columns}, delim = ',', quote = '\"', escape = '\"', strict_mode = true, "
        f"null_padding = false, encoding = 'utf-8', {errors})"
    )


def scan(
    con: duckdb.DuckDBPyConnection, source: SourceFile, name: str, *, keep_text: bool = True
) -> Scan:
    """Read one file into ``__read_<name>`` (CSV rejects are recorded as it is read); with
    ``keep_text=False`` a CSV file is not read yet: the scan is the reader itself, unnumbered.
    """
    stored = f"__read_{name}"
    if source.format == "parquet":
        names = _raw_names(source)
        cols = ", ".join(
            f"CAST({ident(h)} AS VARCHAR) AS {ident(n)}"
            for h, n in zip(source.header, names, strict=True)
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {stored} AS SELECT file_row_number + 1 AS __line, "
            f"{cols} FROM read_parquet({quote_literal(str(source.path))}, "
            "file_row_number = true)"
        )
        return Scan(source, name, stored)
    con.execute(f"DROP TABLE IF EXISTS rejscan_{name}")
    con.execute(f"DROP TABLE IF EXISTS rejerr_{name}")
    if not keep_text:
        return Scan(source, name, f"(SELECT * FROM {_csv(source, name)})", numbered=False)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {stored} AS SELECT * FROM {_csv(source, name)}")
    return Scan(source, name, f"(SELECT rowid + 2 AS __line, * FROM {stored})")


def drop_scan(con: duckdb.DuckDBPyConnection, read: Scan) -> None:
    """Free the rows as received once they are no longer needed."""
    con.execute(f"DROP TABLE IF EXISTS __read_{read.name}")


def collect_rejects(con: duckdb.DuckDBPyConnection, read: Scan) -> int:
    """After the scan has run: gather its rejected lines into ``rej_<name>``; their count."""
    if read.source.format == "parquet":
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {read.rejects} "
            "(line BIGINT, error_type VARCHAR, message VARCHAR, csv_line VARCHAR)"
        )
        return 0
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {read.rejects} AS SELECT line, "
        "any_value(CAST(error_type AS VARCHAR)) AS error_type, "
        "any_value(error_message) AS message, any_value(csv_line) AS csv_line "
        f"FROM rejerr_{read.name} GROUP BY line"
    )
    return int(duck_scalar(con, f"SELECT count(*) FROM {read.rejects}"))


def line_fix_sql(table: str, rejects: str) -> str:
    """A query over ``table`` (with ``__line`` = good-record number + 1) giving the same rows
    with ``__line`` corrected for the rejected lines before each one."""
    # The i-th rejected line r_i has r_i - i - 1 good records before it.
    return (
        f"WITH r AS (SELECT line - row_number() OVER (ORDER BY line) - 1 AS thr, "
        f"row_number() OVER (ORDER BY line) AS i FROM {rejects}), "
        "t AS (SELECT thr, max(i) AS i FROM r GROUP BY thr) "
        f"SELECT g.* REPLACE (g.__line + coalesce(t.i, 0) AS __line) FROM {table} g "
        "ASOF LEFT JOIN t ON g.__line - 1 > t.thr"
    )


def raw_view(con: duckdb.DuckDBPyConnection, read: Scan, rejected: int) -> str:
    """A view of the rows as received (text, with corrected ``__line``), for writing rejected
    rows to quarantine."""
    view = f"raw_{read.name}"
    body = f"SELECT * FROM {read.sql}"
    if rejected:
        body = line_fix_sql(read.sql, read.rejects)
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {body}")
    return view


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
