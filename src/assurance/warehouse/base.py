"""The engine seam: the few operations Assurance needs from a warehouse engine.

Each engine (DuckDB, PostgreSQL) implements the abstract methods; logging and error wrapping
are written once here. Where engines differ, the difference is a named method, never an
``if engine == ...`` elsewhere. SQL passed in uses ``?`` placeholders and the common subset of
DuckDB and PostgreSQL SQL.

Deliveries are always read and validated in DuckDB (``staging``): for the DuckDB warehouse that
is the warehouse connection itself; for PostgreSQL it is a private in-memory DuckDB whose
validated rows are copied into temporary tables on the server inside the load transaction.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb

from assurance.errors import WarehouseError

log = logging.getLogger(__name__)

Params = Sequence[Any]


class Warehouse(ABC):
    """A connection to one warehouse. Use as a context manager, or call ``close``."""

    #: a short engine name for messages and reports
    engine: str = "?"

    def __init__(self, url: str) -> None:
        self.url = url
        self._in_transaction = False

    # --- what every engine provides -------------------------------------------------------

    @property
    @abstractmethod
    def staging(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection in which deliveries are read and validated."""

    @abstractmethod
    def _execute(self, sql: str, params: Params) -> None: ...

    @abstractmethod
    def _fetchall(self, sql: str, params: Params) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def stage(self, name: str, columns: Sequence[tuple[str, str]], staging_sql: str) -> None:
        """Make the rows of a query on ``staging`` readable on the warehouse as ``name``, with
        the given (column, SQL type) pairs: a temporary table copied over, or, where staging
        is the warehouse itself, a view."""

    @abstractmethod
    def remove_from_stage(self, name: str, condition: str) -> None:
        """Leave out of a stage the rows for which ``condition`` (SQL on ``name``) is true."""

    @abstractmethod
    def drop_stage(self, name: str) -> None:
        """Drop what ``stage`` made."""

    @abstractmethod
    def create_key_index(self, table: str, columns: Sequence[str]) -> None:
        """Index a table's natural key where the engine benefits from it."""

    @abstractmethod
    def table_names(self) -> set[str]:
        """The names of the tables in the warehouse's main schema."""

    @abstractmethod
    def ibis(self) -> Any:
        """An Ibis backend on this warehouse's connection, for measure expressions."""

    @abstractmethod
    def close(self) -> None: ...

    # --- written once ---------------------------------------------------------------------

    def execute(self, sql: str, params: Params = ()) -> None:
        """Run a statement; engine errors become ``WarehouseError``."""
        try:
            self._execute(sql, params)
        except WarehouseError:
            raise
        except Exception as exc:  # engine-specific errors are wrapped once, here
            raise WarehouseError(self._explain(exc, sql)) from exc

    def fetchall(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Run a query and return its rows."""
        try:
            return self._fetchall(sql, params)
        except WarehouseError:
            raise
        except Exception as exc:
            raise WarehouseError(self._explain(exc, sql)) from exc

    def fetchone(self, sql: str, params: Params = ()) -> tuple[Any, ...] | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.fetchone(sql, params)
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        if self._in_transaction:
            raise WarehouseError("a warehouse transaction is already open on this connection")
        self._begin()
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._in_transaction = False
            try:
                self._rollback()
            except Exception:  # the original error matters more
                log.exception("rollback failed on %s", self.engine)
            raise
        self._in_transaction = False
        try:
            self._commit()
        except Exception as exc:
            raise WarehouseError(f"the {self.engine} warehouse refused to commit: {exc}") from exc

    def _explain(self, exc: Exception, sql: str) -> str:
        first = " ".join(sql.split())[:160]
        return f"the {self.engine} warehouse failed: {exc} (while running: {first})"

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
