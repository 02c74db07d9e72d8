"""Django for the web tests, without pytest-django.

- ``django_ready`` (session): Django set up once per process on a SQLite file in a temporary
  data folder, migrated. Other test folders never import Django.
- ``app_db`` (module, parametrised): the module's tests run on SQLite and again on PostgreSQL
  (a schema of its own, dropped at the end; skipped when the server is not reachable, a failure
  when CI is set). Switching swaps Django's default connection.
- ``db`` (function): each test runs inside a transaction that is rolled back.
  A module opts in with ``pytestmark = pytest.mark.usefixtures("db")``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_ENV = ("ASSURANCE_DATA_DIR", "ASSURANCE_APP_DATABASE", "ASSURANCE_SECRET_KEY")


@pytest.fixture(scope="session")
def django_ready(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("app-data")
    saved = {name: os.environ.get(name) for name in _ENV}
    os.environ["ASSURANCE_DATA_DIR"] = str(data)
    os.environ.pop("ASSURANCE_APP_DATABASE", None)
    os.environ.pop("ASSURANCE_SECRET_KEY", None)
    try:
        from assurance.web import bootstrap

        bootstrap.setup(migrate=True)
    finally:  # Django has read them; leave the environment as other tests expect it
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return data


@pytest.fixture(scope="session")
def _wrappers(django_ready: Path) -> dict[str, Any]:
    """Django's connection objects, one a backend (the default one is SQLite)."""
    from django.db import connections

    return {"sqlite": connections["default"]}


@pytest.fixture(scope="session")
def pg_app_url(pg_server: str) -> Iterator[str]:
    """A PostgreSQL schema of this session's own; dropped at the end."""
    import psycopg

    schema = f"app_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_server else "?"
    yield f"{pg_server}{sep}options=-csearch_path%3D{schema}"
    from django.db import connections

    connections.close_all()
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def _use(name: str, wrappers: dict[str, Any], request: pytest.FixtureRequest) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections
    from django.db.utils import load_backend

    from assurance.web import bootstrap
    from assurance.web.environment import postgres_settings

    if name not in wrappers:
        settings = postgres_settings(request.getfixturevalue("pg_app_url"))
        connections.configure_settings({"default": settings})  # fills Django's defaults
        wrappers[name] = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, "default")
    wrapper = wrappers[name]
    connections["default"] = wrapper
    connections.settings["default"] = wrapper.settings_dict
    ContentType.objects.clear_cache()  # ids differ between the two databases
    bootstrap.migrate_database()


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def app_db(request: pytest.FixtureRequest, _wrappers: dict[str, Any]) -> Iterator[str]:
    _use(request.param, _wrappers, request)
    yield request.param
    _use("sqlite", _wrappers, request)


@pytest.fixture
def db(app_db: str) -> Iterator[str]:
    """The test's changes are rolled back when it ends."""
    from django.db import transaction

    block = transaction.atomic()
    block.__enter__()
    try:
        yield app_db
    finally:
        transaction.set_rollback(True)
        block.__exit__(None, None, None)


@pytest.fixture
def may(db: str) -> Any:
    """The May 2016 meeting, recorded from the seed notes."""
    from assurance.web.meetings.seed import record_may_2016_meeting

    return record_may_2016_meeting()


@pytest.fixture
def june(may: Any) -> Any:
    """A June 2016 meeting of the same force, after May's."""
    from datetime import date, time

    from assurance.web.meetings import services

    return services.create_meeting(
        force_code="west-mercia",
        on=date(2016, 6, 28),
        start_time=time(10, 30),
        chair="John Campion",
        minute_taker="Jackie Irvin",
        minute_taker_capacity="Policy Officer, OPCC",
        venue="PCC Conference Room – Hindlip",
        next_meeting_date=date(2016, 7, 26),
    )
