"""The DuckDB warehouse: one embedded database file (the default)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from assurance.errors import WarehouseError
from assurance.warehouse.base import Params, Warehouse

log = logging.getLogger(__name__)


def open_duckdb(
    path: str, *, memory_limit: str, threads: int, temp_dir: Path | None
) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB database with Assurance's resource settings."""
    config: dict[str, Any] = {
        "memory_limit": memory_limit,
        "preserve_insertion_order": True,
    }
    if threads > 0:
        config["threads"] = threads
    if temp_dir is not None:
        temp_dir.mkdir(parents=True, exist_ok=True)
        config["temp_directory"] = str(temp_dir)
    con = duckdb.connect(path, config=config)
    con.execute("SET enable_progress_bar = false")  # the CLI shows progress; DuckDB must not print
    return con


class DuckDBWarehouse(Warehouse):
    """A warehouse in a DuckDB file; validation runs on the same connection."""

    engine = "DuckDB"

    def __init__(
        self, url: str, *, memory_limit: str = "1GB", threads: int = 0, temp_dir: Path | None = None
    ) -> None:
        super().__init__(url)
        path = url.removeprefix("duckdb://")
        if path.startswith("/") and path.startswith("//"):
            path = path[1:]
        path = path or ":memory:"
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = open_duckdb(
                path, memory_limit=memory_limit, threads=threads, temp_dir=temp_dir
            )
        except duckdb.IOException as exc:
            raise WarehouseError(
                f"cannot open the DuckDB warehouse {path}: {exc}. Is another Assurance "
                "process using it? DuckDB allows one writer at a time."
            ) from exc
        self.path = path
        self._ibis: Any = None

    @property
    def staging(self) -> duckdb.DuckDBPyConnection:
        return self._con

    def _execute(self, sql: str, params: Params) -> None:
        self._con.execute(sql, list(params))

    def _fetchall(self, sql: str, params: Params) -> list[tuple[Any, ...]]:
        return self._con.execute(sql, list(params)).fetchall()

    def _begin(self) -> None:
        self._con.execute("BEGIN TRANSACTION")

    def _commit(self) -> None:
        self._con.execute("COMMIT")

    def _rollback(self) -> None:
        self._con.execute("ROLLBACK")

    def stage(self, name: str, columns: Sequence[tuple[str, str]], staging_sql: str) -> None:
        # Staging is this connection: a view, so the rows are not copied once more.
        cols = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in columns)
        self.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT {cols} FROM ({staging_sql})")

    def remove_from_stage(self, name: str, condition: str) -> None:
        kept = f"{name}__kept"
        self.execute(
            f"CREATE OR REPLACE TEMP TABLE {kept} AS SELECT * FROM {name} "
            f"WHERE NOT coalesce(({condition}), FALSE)"
        )
        self.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM {kept}")

    def drop_stage(self, name: str) -> None:
        self.execute(f"DROP VIEW IF EXISTS {name}")
        self.execute(f"DROP TABLE IF EXISTS {name}__kept")

    def create_key_index(self, table: str, columns: Sequence[str]) -> None:
        # Deliberately none: DuckDB checks unique indexes eagerly, so deleting and re-inserting
        # a key in one transaction (how a changed row is replaced) would fail. The loader keeps
        # keys unique; joins on the key are hash joins and need no index.
        return None

    def table_names(self) -> set[str]:
        rows = self.fetchall(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_catalog = current_database()"
        )
        return {r[0] for r in rows}

    def ibis(self) -> Any:
        import ibis

        if self._ibis is None:
            self._ibis = ibis.duckdb.from_connection(self._con)
        return self._ibis

    def checkpoint(self) -> None:
        self.execute("CHECKPOINT")

    def close(self) -> None:
        self._con.close()


def duck_scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    """The first value of a query's first row (the result is read to the end, as DuckDB 2
    requires before the connection runs anything else)."""
    rows = con.execute(sql, list(params)).fetchall()
    return rows[0][0] if rows else None
