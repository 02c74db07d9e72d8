"""Validating one file in the staging DuckDB: every problem collected, nothing written yet.

After ``validate_file`` the staging connection holds, for the file:

- ``typed_<n>``: ``__line``, the typed contract columns, and ``__problems`` (a list, NULL
  for a good row): a view of the table ``rows_<n>``. For a big file (``ON_DISK_BYTES``) that
  is a table of the staging database itself, in ``assurance_staging``, not a temporary one,
  because DuckDB compresses those as it writes them: a national delivery's typed incidents
  then stay within the memory limit instead of spilling uncompressed to disk (measured: 112 s
  against 156 s for the whole national delivery). Smaller files' typed rows are temporary
  tables. They are dropped once merged, and whatever a killed process left in the staging
  schema is dropped when the next load starts;
- ``ok_<n>``: a view of the rows with no problem at all;
- ``prob_<n>``: every problem found (line, column, value, rule, message), one row a problem;
- ``raw_<n>`` and ``rej_<n>``: the rows as received and the lines that could not be parsed
  (``raw_<n>`` only when asked for, to write rejected rows to quarantine).

Problems come from four places: lines the CSV reader could not parse, values that break their
column's type or code list, rows that break a row rule, and keys repeated within the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import duckdb

from assurance.domain.police_uk import force_code
from assurance.ingest.reader import (
    Scan,
    collect_rejects,
    drop_scan,
    line_fix_sql,
    raw_view,
    reject_reason,
    scan,
)
from assurance.ingest.sources import SourceFile
from assurance.ingest.typing_sql import (
    ident,
    london_macro_sql,
    quote_literal,
    typed_select,
)
from assurance.warehouse.duckdb_engine import duck_scalar

PROBLEM_COLUMNS = "line BIGINT, column_name VARCHAR, value VARCHAR, rule VARCHAR, message VARCHAR"


@dataclass(frozen=True)
class ValidatedFile:
    """A file validated in staging."""

    source: SourceFile
    name: str
    rows_read: int
    rows_rejected: int

    @property
    def typed(self) -> str:
        return f"typed_{self.name}"

    @property
    def valid(self) -> str:
        """A view of the rows with no problem: ``__line`` and the typed contract columns."""
        return f"ok_{self.name}"

    @property
    def problems(self) -> str:
        return f"prob_{self.name}"

    @property
    def raw(self) -> str:
        return f"raw_{self.name}"

    @property
    def rejects(self) -> str:
        return f"rej_{self.name}"


#: the schema of the staging database holding a big file's typed rows while a delivery loads
STAGING_SCHEMA = "assurance_staging"
#: files above this size have their typed rows written to the staging schema, compressed;
#: smaller ones to temporary tables, which cost no compression and no commit (a year of a
#: force's incidents is about 45 MB, a national delivery's 2 GB)
ON_DISK_BYTES = 256 * 1024 * 1024


def prepare_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Create what validation uses: an empty staging schema (dropping what an interrupted load
    left there), the London clock macro and the police.uk area mapping."""
    con.execute(f"DROP SCHEMA IF EXISTS {STAGING_SCHEMA} CASCADE")
    con.execute(f"CREATE SCHEMA {STAGING_SCHEMA}")
    con.execute(london_macro_sql())
    mapping = resources.files("assurance") / "data" / "police-uk-areas.csv"
    with resources.as_file(mapping) as path:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE __police_uk_areas AS SELECT * FROM read_csv("
            f"{quote_literal(str(path))}, header = true, all_varchar = true)"
        )


def _prepare_police_uk(con: duckdb.DuckDBPyConnection, read: Scan) -> str:
    """Derive force, row_id, local authority and policing area for a police.uk file, into
    the table ``pre_<name>``; returns its name."""
    prepared, scanned = f"pre_{read.name}", f"scanned_{read.name}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {scanned} AS SELECT * FROM {read.sql}")
    names = con.execute(f"SELECT DISTINCT falls_within FROM {scanned}").fetchall()
    pairs = []
    for (name,) in names:
        if name is None:
            continue
        try:
            pairs.append((name, force_code(name)))
        except ValueError:
            pairs.append((name, name))
    con.execute("CREATE OR REPLACE TEMP TABLE __forces (falls_within VARCHAR, force VARCHAR)")
    if pairs:
        con.executemany("INSERT INTO __forces VALUES (?, ?)", pairs)
    content = (
        "md5(concat_ws('|', r.month, r.longitude, r.latitude, r.location, r.lsoa_code, "
        + ("r.crime_type, r.context" if "crime_type" in _cols(con, scanned) else "r.outcome_type")
        + "))"
    )
    la = r"nullif(regexp_replace(trim(r.lsoa_name), '\s+[0-9]{3}[A-Z]$', ''), trim(r.lsoa_name))"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {prepared} AS "
        f"SELECT r.*, f.force, {la} AS local_authority, "
        "coalesce(nullif(trim(r.crime_id), ''), 'x-' || " + content + " || '-' || "
        f"row_number() OVER (PARTITION BY {content} ORDER BY r.__line)) AS row_id "
        f"FROM {scanned} r LEFT JOIN __forces f USING (falls_within)"
    )
    con.execute(f"DROP TABLE {scanned}")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {prepared} AS SELECT r.*, a.area_code "
        f"FROM {prepared} r LEFT JOIN __police_uk_areas a "
        "ON a.force = r.force AND a.local_authority = r.local_authority ORDER BY r.__line"
    )
    return prepared


def _cols(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}


def validate_file(
    con: duckdb.DuckDBPyConnection, source: SourceFile, name: str, *, keep_raw: bool = False
) -> ValidatedFile:
    """Read, type and check one file in one pass; see the module docstring for what it leaves
    behind. The rows as received are kept reachable (a view) only when asked, to write
    rejected rows to quarantine."""
    police_uk = source.origin == "police-uk"
    big = source.path.stat().st_size > ON_DISK_BYTES
    read = scan(con, source, name, keep_text=keep_raw or police_uk)
    spec = source.spec
    typed, problems = f"typed_{name}", f"prob_{name}"
    source_sql = _prepare_police_uk(con, read) if police_uk else read.sql
    query = typed_select(spec, source_sql, numbered=read.numbered)
    _store_typed(con, typed, query, numbered=read.numbered, on_disk=big)
    if police_uk:
        con.execute(f"DROP TABLE {source_sql}")
    unreadable = collect_rejects(con, read)
    if unreadable:
        _fix_lines(con, read, typed, on_disk=big)
    if keep_raw:
        raw_view(con, read, unreadable)
    else:
        drop_scan(con, read)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {problems} ({PROBLEM_COLUMNS})")
    con.execute(
        f"INSERT INTO {problems} SELECT __line, p.column_name, p.value, p.rule, p.message "
        f"FROM (SELECT __line, unnest(__problems) AS p FROM {typed} "
        "WHERE __problems IS NOT NULL)"
    )
    for line, error_type, message, text in con.execute(
        f"SELECT line, error_type, message, csv_line FROM {read.rejects}"
    ).fetchall():
        con.execute(
            f"INSERT INTO {problems} VALUES (?, NULL, ?, 'unreadable-line', ?)",
            (line, (text or "")[:200], "the line " + reject_reason(error_type, message)),
        )
    duplicates = _duplicate_keys(con, source, typed, problems)
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW ok_{name} AS SELECT t.* EXCLUDE (__problems) "
        f"FROM {typed} t WHERE t.__problems IS NULL"
        + (
            f" AND t.__line NOT IN (SELECT line FROM {problems} WHERE rule = 'duplicate-key')"
            if duplicates
            else ""
        )
    )
    good = int(duck_scalar(con, f"SELECT count(*) FROM {typed}"))
    rejected = int(duck_scalar(con, f"SELECT count(DISTINCT line) FROM {problems}"))
    return ValidatedFile(source, name, good + unreadable, rejected)


def stored_rows(typed: str, *, on_disk: bool) -> str:
    """The table behind the view ``typed`` (``typed_<n>`` → ``rows_<n>``): in the staging
    schema for a big file, a temporary table otherwise."""
    name = f"rows_{typed.removeprefix('typed_')}"
    return f"{STAGING_SCHEMA}.{name}" if on_disk else name


def _create_table(on_disk: bool) -> str:
    return "CREATE OR REPLACE TABLE" if on_disk else "CREATE OR REPLACE TEMP TABLE"


def _store_typed(
    con: duckdb.DuckDBPyConnection, typed: str, query: str, *, numbered: bool, on_disk: bool
) -> None:
    """Write the typed rows to their table and make ``typed`` the view of them with
    ``__line``: the query's own, or (``numbered=False``) the position in the order read plus
    2, the header being line 1."""
    stored = stored_rows(typed, on_disk=on_disk)
    drop_temporary(con, typed)
    # In autocommit, never inside the load's transaction: DuckDB numbers the rows of a table
    # written in an open transaction with transaction-local ids, not positions (measured).
    con.execute(f"{_create_table(on_disk)} {stored} AS {query}")
    line = "" if numbered else "rowid + 2 AS __line, "
    con.execute(f"CREATE TEMP VIEW {typed} AS SELECT {line}* FROM {stored}")


def _fix_lines(con: duckdb.DuckDBPyConnection, read: Scan, typed: str, *, on_disk: bool) -> None:
    """Correct ``__line`` for the lines the reader could not parse."""
    stored = stored_rows(typed, on_disk=on_disk)
    fixed = f"{stored}_fixed"
    con.execute(f"{_create_table(on_disk)} {fixed} AS {line_fix_sql(typed, read.rejects)}")
    drop_temporary(con, typed)
    con.execute(f"DROP TABLE {stored}")
    con.execute(f"ALTER TABLE {fixed} RENAME TO {stored.rsplit('.', 1)[-1]}")
    con.execute(f"CREATE TEMP VIEW {typed} AS SELECT * FROM {stored}")


def drop_temporary(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    """Drop temporary tables or views by name, whichever each is (views first, in order)."""
    for name in names:
        kinds = con.execute(
            "SELECT 'VIEW' FROM duckdb_views() WHERE temporary AND view_name = ? UNION ALL "
            "SELECT 'TABLE' FROM duckdb_tables() WHERE temporary AND table_name = ?",
            [name, name],
        ).fetchall()
        for (kind,) in kinds:
            con.execute(f"DROP {kind} IF EXISTS {name}")


def drop_typed(con: duckdb.DuckDBPyConnection, file: ValidatedFile) -> None:
    """Free a file's typed rows (once they are merged): the largest thing validation keeps."""
    drop_temporary(con, file.valid, file.typed, stored_rows(file.typed, on_disk=False))
    con.execute(f"DROP TABLE IF EXISTS {stored_rows(file.typed, on_disk=True)}")


def drop_validated(con: duckdb.DuckDBPyConnection, file: ValidatedFile) -> None:
    """Free everything validation left for a file (once the delivery is loaded or refused)."""
    drop_typed(con, file)
    drop_temporary(
        con,
        file.raw,
        file.problems,
        file.rejects,
        f"__read_{file.name}",
        f"rejscan_{file.name}",
        f"rejerr_{file.name}",
    )


def _duplicate_keys(
    con: duckdb.DuckDBPyConnection, source: SourceFile, typed: str, problems: str
) -> int:
    """Record every row whose key appears more than once in the file; return how many keys.

    A plain grouped count first (it spills to disk at any size); the line lists are built only
    for the repeated keys."""
    key = source.spec.key
    cols = ", ".join(ident(k) for k in key)
    not_null = " AND ".join(f"{ident(k)} IS NOT NULL" for k in key)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE __dups AS SELECT {cols}, count(*) AS n FROM {typed} "
        f"WHERE {not_null} GROUP BY {cols} HAVING count(*) > 1"
    )
    repeated = int(duck_scalar(con, "SELECT count(*) FROM __dups"))
    if not repeated:
        con.execute("DROP TABLE __dups")
        return 0
    joined = " AND ".join(f"d.{ident(k)} = t.{ident(k)}" for k in key)
    shown = " || ', ' || ".join(f"CAST(t.{ident(k)} AS VARCHAR)" for k in key)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE __dup_lines AS SELECT t.__line, {shown} AS shown, d.n, "
        f"list(t.__line) OVER (PARTITION BY {', '.join(f't.{ident(k)}' for k in key)} "
        f"ORDER BY t.__line ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS lines "
        f"FROM {typed} t JOIN __dups d ON {joined}"
    )
    con.execute(
        f"INSERT INTO {problems} SELECT __line, {quote_literal(key[-1])}, shown, "
        "'duplicate-key', 'the key (' || "
        f"{quote_literal(', '.join(key))} || ') appears on ' || n || ' lines of this file "
        "(lines ' || array_to_string(lines[1:5], ', ') || "
        "CASE WHEN n > 5 THEN ', ...' ELSE '' END || '); send each record once' "
        "FROM __dup_lines"
    )
    con.execute("DROP TABLE __dup_lines")
    con.execute("DROP TABLE __dups")
    return repeated
