"""Shared fixtures: settings in a fresh data folder, and a warehouse on each engine."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from assurance.config import Settings

PG_BASE = os.environ.get("ASSURANCE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def shared_dir() -> Path:
    """The shared/ folder beside the checkout (real data for tests), or ASSURANCE_SHARED_DIR."""
    env = os.environ.get("ASSURANCE_SHARED_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared"


def need_shared(relative: str) -> Path:
    """A file under shared/: skip when absent locally, fail loudly in CI."""
    path = shared_dir() / relative
    if not path.exists():
        message = f"{path} is missing (set ASSURANCE_SHARED_DIR to the shared folder)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def postgres_available() -> str | None:
    """None when the server answers, else why not."""
    import psycopg

    try:
        with psycopg.connect(PG_BASE, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc)


@pytest.fixture(scope="session")
def pg_server() -> str:
    problem = postgres_available()
    if problem:
        message = f"PostgreSQL is not reachable at {PG_BASE}: {problem}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must start it: see .ci/run)")
        pytest.skip(message)
    return PG_BASE


def _pg_schema_url(base: str) -> tuple[str, str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    import psycopg

    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    return schema, f"{base}{sep}options=-csearch_path%3D{schema}"


def _drop_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=["duckdb", "postgres"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a clean instance, on DuckDB and on PostgreSQL."""
    data = tmp_path / "data"
    if request.param == "duckdb":
        yield Settings(data_dir=data, memory_limit="512MB", threads=2)
        return
    base = request.getfixturevalue("pg_server")
    schema, url = _pg_schema_url(base)
    try:
        yield Settings(data_dir=data, warehouse=url, memory_limit="512MB", threads=2)
    finally:
        _drop_schema(base, schema)


@pytest.fixture
def duck_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", memory_limit="512MB", threads=2)
