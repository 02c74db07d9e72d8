"""The Django project's settings: app database URLs, the secret key, security, UTC storage."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from assurance.errors import ConfigError
from assurance.web.environment import WebSettings, database_settings, secret_key


def test_sqlite_in_the_data_folder_by_default(tmp_path: Path) -> None:
    db = database_settings(WebSettings(data_dir=tmp_path))
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str((tmp_path / "app.sqlite3").resolve())
    assert "foreign_keys = ON" in db["OPTIONS"]["init_command"]
    db = database_settings(
        WebSettings(data_dir=tmp_path, app_database=f"sqlite:///{tmp_path}/x.db")
    )
    assert db["NAME"].endswith("/x.db")


def test_postgresql_url() -> None:
    url = "postgresql://app:s%40cret@db.example:6543/assurance?sslmode=require"
    db = database_settings(WebSettings(app_database=url))
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("assurance", "app", "s@cret")
    assert (db["HOST"], db["PORT"], db["OPTIONS"]) == ("db.example", "6543", {"sslmode": "require"})


def test_bad_database_settings_say_what_to_do() -> None:
    with pytest.raises(ValidationError, match="must be a SQLite file"):
        WebSettings(app_database="mysql://x/y")
    with pytest.raises(ConfigError, match="names no database"):
        database_settings(WebSettings(app_database="postgresql://postgres@localhost"))


def test_the_secret_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    settings = WebSettings(data_dir=tmp_path / "data")
    key = secret_key(settings)
    assert len(key) >= 50
    path = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key(settings) == key  # kept
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no scratch files left


def test_the_secret_key_from_the_environment_wins(tmp_path: Path) -> None:
    settings = WebSettings(data_dir=tmp_path, secret_key="from-the-environment")
    assert secret_key(settings) == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_an_empty_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(ConfigError, match="delete it"):
        secret_key(WebSettings(data_dir=tmp_path))


def test_django_settings(django_ready: Path) -> None:
    from django.conf import settings

    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.USE_TZ and settings.TIME_ZONE == "Europe/London"
    for middleware in ("SecurityMiddleware", "SessionMiddleware", "CsrfViewMiddleware"):
        assert any(m.endswith(middleware) for m in settings.MIDDLEWARE)
    key_file = django_ready / "secret_key"
    assert key_file.read_text().strip() == settings.SECRET_KEY
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert settings.DATABASES["default"]["NAME"] == str((django_ready / "app.sqlite3").resolve())
    assert not settings.DEBUG and not settings.SESSION_COOKIE_SECURE


@pytest.mark.usefixtures("db")
def test_times_are_stored_in_utc_and_foreign_keys_hold(app_db: str, may: Any) -> None:
    from django.db import IntegrityError, connection, transaction

    from assurance.web.meetings.models import Attendance

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT at FROM meetings_actionstatuschange ORDER BY id LIMIT 1"
            if app_db == "sqlite"
            else "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') "
            "FROM meetings_actionstatuschange ORDER BY id LIMIT 1"
        )
        (raw,) = cursor.fetchone()
        if app_db == "sqlite":
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone() == (1,)
    assert str(raw).startswith("2016-05-31 09:30:00")  # 10.30 British Summer Time
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting_id=999_999, name="nobody")
        connection.check_constraints()  # Django's foreign keys are checked at commit


def test_django_system_checks_pass_and_migrations_are_complete(django_ready: Path) -> None:
    import io

    from django.core.management import call_command

    call_command("check", stdout=io.StringIO())  # raises SystemCheckError on any error
    call_command("makemigrations", "meetings", check=True, dry_run=True, stdout=io.StringIO())
