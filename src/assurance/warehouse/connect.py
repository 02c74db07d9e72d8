"""Open the warehouse named by the settings."""

from __future__ import annotations

from assurance.config import Settings
from assurance.errors import ConfigError
from assurance.warehouse.base import Warehouse
from assurance.warehouse.schema import migrate


def connect(
    settings: Settings, *, url: str | None = None, migrate_schema: bool = True
) -> Warehouse:
    """Open the warehouse (DuckDB file or PostgreSQL server) and bring its schema up to date."""
    target = url or settings.warehouse_url
    kwargs = {
        "memory_limit": settings.memory_limit,
        "threads": settings.threads,
        "temp_dir": settings.tmp_dir,
    }
    warehouse: Warehouse
    if target.startswith("duckdb://"):
        from assurance.warehouse.duckdb_engine import DuckDBWarehouse

        warehouse = DuckDBWarehouse(target, **kwargs)  # type: ignore[arg-type]
    elif target.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from assurance.warehouse.postgres_engine import PostgresWarehouse

        warehouse = PostgresWarehouse(target, **kwargs)  # type: ignore[arg-type]
    else:
        raise ConfigError(f"unknown warehouse URL {target!r}: use duckdb:/// or postgresql://")
    if migrate_schema:
        try:
            migrate(warehouse)
        except BaseException:
            warehouse.close()
            raise
    return warehouse
