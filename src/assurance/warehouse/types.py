"""Warehouse column types for contract column types (the same SQL on DuckDB and PostgreSQL)."""

from __future__ import annotations

from assurance.domain.contract import ColumnType, RecordFile

SQL_TYPES: dict[ColumnType, str] = {
    "code": "TEXT",
    "text": "TEXT",
    "outcome": "TEXT",
    "measure": "TEXT",
    "integer": "BIGINT",
    "decimal": "DOUBLE PRECISION",
    "date": "DATE",
    "month": "DATE",
    "datetime": "TIMESTAMP",
    "boolean": "BOOLEAN",
}

#: The column every record table carries: the delivery that last wrote the row.
DELIVERY_COLUMN = "_delivery_id"


def table_columns(spec: RecordFile) -> list[tuple[str, str]]:
    """(column, SQL type) pairs of a record table, in contract order (without lineage)."""
    return [(c.name, SQL_TYPES[c.type]) for c in spec.columns]
