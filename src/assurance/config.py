"""Settings, in one typed class, read from ``ASSURANCE_*`` environment variables.

- ``ASSURANCE_DATA_DIR`` (default ``./assurance-data``): everything the program writes.
- ``ASSURANCE_WAREHOUSE`` (default ``duckdb:///<data dir>/warehouse.duckdb``): the warehouse
  URL, ``duckdb:///path`` or ``postgresql://...``.
- ``ASSURANCE_MEMORY_LIMIT`` (default ``1GB``): DuckDB's memory limit (it spills to disk past it).
- ``ASSURANCE_THREADS`` (default ``0``, all cores): DuckDB threads.
- ``ASSURANCE_SHIFT_CHANGE_WINDOWS`` (default ``07:00-08:00,15:00-16:00,22:00-23:00``): shift
  changeover windows, London local time.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting Assurance reads. Construct with ``Settings()`` to read the environment."""

    model_config = SettingsConfigDict(env_prefix="ASSURANCE_", frozen=True, extra="ignore")

    data_dir: Path = Field(default=Path("assurance-data"))
    warehouse: str | None = None
    memory_limit: str = "1GB"
    threads: int = 0
    shift_change_windows: str = "07:00-08:00,15:00-16:00,22:00-23:00"

    @field_validator("warehouse")
    @classmethod
    def _known_scheme(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("duckdb://", "postgresql://", "postgres://")):
            raise ValueError(
                "ASSURANCE_WAREHOUSE must start with duckdb:/// (a file) or postgresql:// "
                f"(a server); got {value!r}"
            )
        return value

    @property
    def warehouse_url(self) -> str:
        """The warehouse URL, defaulting to a DuckDB file inside the data folder."""
        if self.warehouse:
            return self.warehouse
        return f"duckdb:///{(self.data_dir / 'warehouse.duckdb').resolve()}"

    @property
    def deliveries_dir(self) -> Path:
        """Where every delivery is kept as received."""
        return self.data_dir / "deliveries"

    @property
    def reports_dir(self) -> Path:
        """Where problem reports, quarantined rows and packs are written."""
        return self.data_dir / "reports"

    @property
    def tmp_dir(self) -> Path:
        """Scratch space (DuckDB spill files)."""
        return self.data_dir / "tmp"
