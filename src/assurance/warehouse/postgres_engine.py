"""The PostgreSQL warehouse: a server, for forces that run one."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pyarrow.csv as pacsv

from assurance.errors import WarehouseError
from assurance.warehouse.base import Params, Warehouse
from assurance.warehouse.duckdb_engine import open_duckdb

log = logging.getLogger(__name__)

_BATCH_ROWS = 200_000


class PostgresWarehouse(Warehouse):
    """A warehouse on a PostgreSQL server; deliveries are validated in a private DuckDB."""

    engine = "PostgreSQL"

    def __init__(
        self, url: str, *, memory_limit: str = "1GB", threads: int = 0, temp_dir: Path | None = None
    ) -> None:
        super().__init__(url)
        conninfo = url.replace("postgresql+psycopg://", "postgresql://")
        try:
            self._pg = psycopg.connect(conninfo, autocommit=True)
        except psycopg.OperationalError as exc:
            raise WarehouseError(
                f"cannot reach the PostgreSQL warehouse: {exc}. Check ASSURANCE_WAREHOUSE and "
                "that the server is running."
            ) from exc
        self._ibis: Any = None
        self._duck = open_duckdb(
            ":memory:", memory_limit=memory_limit, threads=threads, temp_dir=temp_dir
        )

    @property
    def staging(self) -> duckdb.DuckDBPyConnection:
        return self._duck

    @staticmethod
    def _pg_sql(sql: str) -> str:
        # The seam's SQL uses DuckDB's ? placeholders; psycopg wants %s. The seam's SQL never
        # contains a literal % or ?, so a plain replacement is exact.
        return sql.replace("?", "%s")

    def _execute(self, sql: str, params: Params) -> None:
        with self._pg.cursor() as cur:
            cur.execute(self._pg_sql(sql), list(params) or None)

    def _fetchall(self, sql: str, params: Params) -> list[tuple[Any, ...]]:
        with self._pg.cursor() as cur:
            cur.execute(self._pg_sql(sql), list(params) or None)
            return list(cur.fetchall())

    def _begin(self) -> None:
        self._execute("BEGIN", ())

    def _commit(self) -> None:
        self._execute("COMMIT", ())

    def _rollback(self) -> None:
        self._execute("ROLLBACK", ())

    def stage(self, name: str, columns: Sequence[tuple[str, str]], staging_sql: str) -> None:
        names = [c for c, _ in columns]
        self.execute(f"DROP TABLE IF EXISTS {name}")
        self.execute(f"CREATE TEMP TABLE {name} ({', '.join(f'{c} {t}' for c, t in columns)})")
        select = ", ".join(names)
        reader = self._duck.sql(f"SELECT {select} FROM ({staging_sql})").to_arrow_reader(
            _BATCH_ROWS
        )
        total = 0
        options = pacsv.WriteOptions(include_header=False)
        try:
            with (
                self._pg.cursor() as cur,
                cur.copy(f"COPY {name} ({select}) FROM STDIN WITH (FORMAT csv)") as copy,
            ):
                for batch in reader:
                    buf = io.BytesIO()
                    pacsv.write_csv(batch, buf, write_options=options)
                    copy.write(buf.getvalue())
                    total += batch.num_rows
        except psycopg.Error as exc:
            raise WarehouseError(f"copying rows into PostgreSQL failed: {exc}") from exc
        log.info("copied %d rows into %s", total, name)

    def remove_from_stage(self, name: str, condition: str) -> None:
        self.execute(f"DELETE FROM {name} WHERE {condition}")

    def drop_stage(self, name: str) -> None:
        self.execute(f"DROP TABLE IF EXISTS {name}")

    def create_key_index(self, table: str, columns: Sequence[str]) -> None:
        self.execute(
            f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_key ON {table} ({', '.join(columns)})"
        )

    def table_names(self) -> set[str]:
        rows = self.fetchall(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return {r[0] for r in rows}

    def ibis(self) -> Any:
        import ibis

        if self._ibis is None:
            self._ibis = ibis.postgres.from_connection(self._pg)
        return self._ibis

    def close(self) -> None:
        self._duck.close()
        self._pg.close()
