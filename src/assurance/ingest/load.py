"""Loading validated rows into the warehouse, inside the delivery's transaction.

Three steps per file, all as set-based SQL that runs the same on DuckDB and PostgreSQL:

1. ``stage``: copy the file's valid rows into a temporary table on the warehouse;
2. ``check_references``: rows naming a crime, incident or area that exists neither in this
   delivery nor in the warehouse are errors or warnings, as the contract says;
3. ``upsert``: count inserted / updated / unchanged against the natural key, then replace the
   changed rows and insert the new ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from assurance.domain.contract import RecordFile, Reference
from assurance.ingest.typing_sql import ident
from assurance.ingest.validate import ValidatedFile
from assurance.warehouse.base import Warehouse
from assurance.warehouse.types import DELIVERY_COLUMN, table_columns

_EXAMPLES = 5


@dataclass(frozen=True)
class UpsertCounts:
    inserted: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ReferenceFinding:
    """Rows of a file whose reference names nothing known."""

    reference: Reference
    lines: tuple[int, ...]  # every offending line (errors) or the first few (warnings)
    values: tuple[str, ...]
    count: int


def stage_name(file: ValidatedFile) -> str:
    return f"stage_{file.name}"


def stage(warehouse: Warehouse, file: ValidatedFile) -> None:
    """Make the valid rows of a validated file readable as ``stage_<name>`` on the warehouse."""
    columns = [("__line", "BIGINT"), *table_columns(file.source.spec)]
    select = ", ".join(ident(c) for c, _ in columns)
    return warehouse.stage(stage_name(file), columns, f"SELECT {select} FROM {file.valid}")


def _reference_condition(stage_table: str, ref: Reference, staged_targets: dict[str, str]) -> str:
    """SQL true for a staged row whose reference is given but names nothing known."""
    given = " AND ".join(f"{stage_table}.{c} IS NOT NULL" for c in ref.columns)
    pairs = list(zip(ref.columns, ref.target_columns, strict=True))
    in_table = " AND ".join(f"t.{tc} = {stage_table}.{c}" for c, tc in pairs)
    clauses = [f"NOT EXISTS (SELECT 1 FROM {ref.target} t WHERE {in_table})"]
    for other in staged_targets.get(ref.target, "").split():
        clauses.append(f"NOT EXISTS (SELECT 1 FROM {other} t WHERE {in_table})")
    return f"{given} AND " + " AND ".join(clauses)


def check_references(
    warehouse: Warehouse,
    file: ValidatedFile,
    staged_targets: dict[str, str],
    *,
    reject_errors: bool,
) -> list[ReferenceFinding]:
    """Find rows whose references name nothing known. With ``reject_errors`` the rows breaking
    an error-severity reference are removed from the stage (they are then rejected rows)."""
    findings: list[ReferenceFinding] = []
    table = stage_name(file)
    for ref in file.source.spec.references:
        # one query a reference: counting several in one pass was measured and was slower
        # (DuckDB plans the correlated checks of a combined count worse)
        bad = _reference_condition(table, ref, staged_targets)
        count = int(warehouse.scalar(f"SELECT count(*) FROM {table} WHERE {bad}") or 0)
        if not count:
            continue
        shown = " || ', ' || ".join(f"CAST({table}.{c} AS TEXT)" for c in ref.columns[1:])
        limit = "" if ref.severity == "error" else f" LIMIT {_EXAMPLES}"
        rows = warehouse.fetchall(
            f"SELECT __line, {shown} FROM {table} WHERE {bad} ORDER BY __line{limit}"
        )
        findings.append(
            ReferenceFinding(ref, tuple(r[0] for r in rows), tuple(str(r[1]) for r in rows), count)
        )
        if ref.severity == "error" and reject_errors:
            warehouse.remove_from_stage(table, bad)
    return findings


def upsert(
    warehouse: Warehouse, spec: RecordFile, stage_table: str, delivery_id: int
) -> UpsertCounts:
    """Merge a staged table into its record table by natural key, returning the counts."""
    target = spec.table
    key = spec.key
    values = [c for c in spec.column_names if c not in key]
    on = " AND ".join(f"t.{k} = s.{k}" for k in key)
    on_target = " AND ".join(f"s.{k} = {target}.{k}" for k in key)
    differs = " OR ".join(f"s.{c} IS DISTINCT FROM t.{c}" for c in values) or "FALSE"
    differs_target = " OR ".join(f"s.{c} IS DISTINCT FROM {target}.{c}" for c in values) or "FALSE"
    if warehouse.fetchone(f"SELECT 1 FROM {target} LIMIT 1") is None:
        # an empty table (a first load, a rebuild): every row is new, nothing to compare
        inserted = total = int(warehouse.scalar(f"SELECT count(*) FROM {stage_table}") or 0)
        updated = 0
    else:
        row = warehouse.fetchone(
            f"SELECT count(*) FILTER (WHERE t.{key[0]} IS NULL), "
            f"count(*) FILTER (WHERE t.{key[0]} IS NOT NULL AND ({differs})), count(*) "
            f"FROM {stage_table} s LEFT JOIN {target} t ON {on}"
        )
        assert row is not None
        inserted, updated, total = (int(x) for x in row)
    if updated:
        warehouse.execute(
            f"DELETE FROM {target} WHERE EXISTS (SELECT 1 FROM {stage_table} s "
            f"WHERE {on_target} AND ({differs_target}))"
        )
    if inserted or updated:
        cols = ", ".join(spec.column_names)
        s_cols = ", ".join(f"s.{c}" for c in spec.column_names)
        # When every staged key is new (the count above says so, in this transaction), the
        # rows go in without the anti-join: the usual case, and the one with most rows.
        new_only = (
            "" if inserted == total else f" WHERE NOT EXISTS (SELECT 1 FROM {target} t WHERE {on})"
        )
        warehouse.execute(
            f"INSERT INTO {target} ({cols}, {DELIVERY_COLUMN}) SELECT {s_cols}, ? "
            f"FROM {stage_table} s{new_only}",
            (delivery_id,),
        )
    return UpsertCounts(inserted, updated, total - inserted - updated)
