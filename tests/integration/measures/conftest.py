"""Fixtures for measure tests: one delivery loaded into DuckDB and PostgreSQL side by side."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from assurance.config import Settings


@pytest.fixture
def pg_settings(pg_server: str, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a fresh PostgreSQL schema (dropped afterwards)."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_server else "?"
    url = f"{pg_server}{sep}options=-csearch_path%3D{schema}"
    try:
        yield Settings(data_dir=tmp_path / "pg-data", warehouse=url, threads=2)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
