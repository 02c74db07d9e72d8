"""Reporting problems: the first few on screen, every one in a report file, and rejected rows
(with their reason) in a quarantine CSV when valid rows are loaded without them."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from assurance.ingest.summary import Problem
from assurance.ingest.typing_sql import ident, quote_literal
from assurance.ingest.validate import ValidatedFile
from assurance.warehouse.duckdb_engine import duck_scalar

#: how many problems are printed; the report file has them all
MAX_SHOWN = 50

REPORT_COLUMNS = ("file", "line", "column", "value", "rule", "message")


@dataclass
class Problems:
    total: int = 0
    by_file: dict[str, int] = field(default_factory=dict)
    shown: dict[str, list[Problem]] = field(default_factory=dict)


def collect_problems(con: duckdb.DuckDBPyConnection, files: list[ValidatedFile]) -> Problems:
    """Count the problems of every file and take the first ``MAX_SHOWN`` (in file order)."""
    found = Problems()
    room = MAX_SHOWN
    for file in files:
        count = int(duck_scalar(con, f"SELECT count(*) FROM {file.problems}"))
        if not count:
            continue
        found.total += count
        found.by_file[file.name] = count
        if room <= 0:
            continue
        rows = con.execute(
            f"SELECT line, column_name, value, rule, message FROM {file.problems} "
            f"ORDER BY line, column_name LIMIT {room}"
        ).fetchall()
        name = file.source.path.name
        found.shown[file.name] = [Problem(name, *row) for row in rows]
        room -= len(rows)
    return found


def write_problems_report(
    con: duckdb.DuckDBPyConnection,
    reports_dir: Path,
    files: list[ValidatedFile],
    stamp: str,
    extra: list[Problem] | None = None,
) -> Path:
    """Write every problem (the files' validation problems, however many, and ``extra``) to
    ``reports/ingest-<stamp>-problems.csv``; return its path."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / f"ingest-{stamp}-problems.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REPORT_COLUMNS)
        for problem in extra or []:
            writer.writerow(
                [
                    problem.file,
                    problem.line,
                    problem.column,
                    problem.value,
                    problem.rule,
                    problem.message,
                ]
            )
    _append_file_problems(con, path, files)
    return path


def _append_file_problems(
    con: duckdb.DuckDBPyConnection, path: Path, files: list[ValidatedFile]
) -> None:
    parts = [
        f'SELECT {quote_literal(f.source.path.name)} AS file, line, column_name AS "column", '
        f"value, rule, message FROM {f.problems}"
        for f in files
    ]
    if not parts:
        return
    tmp = path.with_suffix(".part.csv")
    con.execute(
        f"COPY ({' UNION ALL '.join(parts)} ORDER BY file, line) TO {quote_literal(str(tmp))} "
        "(HEADER false)"
    )
    with path.open("ab") as out, tmp.open("rb") as part:
        out.write(part.read())
    tmp.unlink()


def write_quarantine(
    con: duckdb.DuckDBPyConnection,
    reports_dir: Path,
    files: list[ValidatedFile],
    reference_errors: dict[str, dict[int, str]],
    stamp: str,
) -> list[str]:
    """Write the rejected rows of each file, as received plus ``line`` and ``reason``, to
    ``reports/ingest-<stamp>-<file>-rejected.csv``; return the paths written."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file in files:
        refs = reference_errors.get(file.name, {})
        con.execute("CREATE OR REPLACE TEMP TABLE __refrej (line BIGINT, reason VARCHAR)")
        if refs:
            con.executemany("INSERT INTO __refrej VALUES (?, ?)", list(refs.items()))
        count = int(duck_scalar(con, f"SELECT count(*) FROM {file.problems}")) + len(refs)
        if not count:
            continue
        raw_cols = [
            r[0] for r in con.execute(f"DESCRIBE {file.raw}").fetchall() if r[0] != "__line"
        ]
        cols = ", ".join(f"r.{ident(c)}" for c in raw_cols)
        nulls = ", ".join(f"NULL AS {ident(c)}" for c in raw_cols)
        reasons = (
            "SELECT line, string_agg(coalesce(column_name || ': ', '') || message, '; ' "
            f"ORDER BY column_name) AS reason FROM {file.problems} GROUP BY line "
            "UNION ALL SELECT line, reason FROM __refrej"
        )
        query = (
            f"SELECT p.line, p.reason, NULL AS raw_line, {cols} FROM ({reasons}) p "
            f"JOIN {file.raw} r ON r.__line = p.line "
            f"UNION ALL SELECT j.line, p.reason, j.csv_line, {nulls} FROM {file.rejects} j "
            f"JOIN ({reasons}) p ON p.line = j.line ORDER BY line"
        )
        target = reports_dir / f"ingest-{stamp}-{file.source.path.stem}-rejected.csv"
        con.execute(f"COPY ({query}) TO {quote_literal(str(target))} (HEADER true)")
        written.append(str(target))
    return written
