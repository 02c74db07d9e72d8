"""What the Django settings read from the environment, on top of :class:`assurance.config.Settings`.

| variable | default | meaning |
|---|---|---|
| ``ASSURANCE_APP_DATABASE`` | ``<data dir>/app.sqlite3`` | the app database (below) |
| ``ASSURANCE_SECRET_KEY`` | kept in ``<data dir>/secret_key`` | Django's signing key |
| ``ASSURANCE_DEBUG`` | ``false`` | Django debug pages (never in production) |
| ``ASSURANCE_ALLOWED_HOSTS`` | ``localhost,127.0.0.1,[::1]`` | host names the web app answers to |
| ``ASSURANCE_HTTPS`` | ``false`` | served over HTTPS: secure cookies, HSTS, redirect to https |
| ``ASSURANCE_TRUSTED_PROXY`` | none | address of a reverse proxy whose ``X-Forwarded-*`` headers
  the server believes (for HTTPS ended at the proxy) |
| ``ASSURANCE_NODE_MODULES`` | the checkout's ``node_modules`` | where ``npm ci`` put GOV.UK
  Frontend (``govuk-frontend``) |

The app database is a SQLite file (a path, or ``sqlite:///path``) or a PostgreSQL server
(``postgresql://user:password@host:5432/name?sslmode=require``). Without
``ASSURANCE_SECRET_KEY`` a key is made once and kept in the data folder, readable by its owner
only (mode 0600).
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from pydantic import SecretStr, field_validator

from assurance.config import Settings
from assurance.errors import ConfigError

log = logging.getLogger(__name__)

SECRET_KEY_FILE = "secret_key"
SQLITE_FILE = "app.sqlite3"


class WebSettings(Settings):
    """:class:`Settings` plus what the app database and the web app need."""

    app_database: str | None = None
    secret_key: SecretStr | None = None
    debug: bool = False
    allowed_hosts: str = "localhost,127.0.0.1,[::1]"
    https: bool = False
    trusted_proxy: str | None = None
    node_modules: Path | None = None

    @field_validator("app_database")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if not value:
            return None
        if "://" in value and not value.startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError(
                "ASSURANCE_APP_DATABASE must be a SQLite file (a path or sqlite:///path) or "
                f"postgresql://user@host:port/name; got {value!r}"
            )
        return value


def database_settings(settings: WebSettings) -> dict[str, Any]:
    """Django's ``DATABASES["default"]`` for the configured app database."""
    url = settings.app_database
    if url and url.startswith(("postgresql://", "postgres://")):
        return postgres_settings(url)
    if url:
        path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else Path(url)
    else:
        path = settings.data_dir / SQLITE_FILE
    return sqlite_settings(path)


def sqlite_settings(path: Path) -> dict[str, Any]:
    """A SQLite file: foreign keys on; writers take the lock at BEGIN (no upgrade deadlocks)."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path.resolve()),
        "OPTIONS": {
            "init_command": "PRAGMA foreign_keys = ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def postgres_settings(url: str) -> dict[str, Any]:
    """A PostgreSQL URL; query parameters (``sslmode``, ``options`` ...) go to psycopg."""
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigError(
            f"ASSURANCE_APP_DATABASE {url!r} names no database: add one, as in "
            "postgresql://user@host:5432/assurance"
        )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
    }


def secret_key(settings: WebSettings) -> str:
    """``ASSURANCE_SECRET_KEY``, else the key kept in the data folder (made once, mode 0600)."""
    if settings.secret_key is not None and settings.secret_key.get_secret_value():
        return settings.secret_key.get_secret_value()
    path = settings.data_dir / SECRET_KEY_FILE
    if not path.exists():
        _make_secret_key(path)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("%s can be read by others (mode %o): chmod 600 it", path, mode)
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise ConfigError(f"{path} is empty: delete it and a new key will be made")
    return key


def _make_secret_key(path: Path) -> None:
    """Write a new key beside ``path`` (0600), then link it into place: readers never see a
    half-written file, and when two processes race the first key wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(scratch, path)
            log.info("made a new secret key in %s", path)
        except FileExistsError:
            pass
    finally:
        scratch.unlink(missing_ok=True)
