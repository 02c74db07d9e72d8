"""Start Django from plain Python (the CLI, scripts, tests): settings, apps, migrations."""

from __future__ import annotations

import io
import logging
import os
import threading

from pydantic import ValidationError

from assurance.errors import ConfigError

log = logging.getLogger(__name__)

SETTINGS_MODULE = "assurance.web.settings"
_lock = threading.Lock()
_migrated: set[tuple[str, str]] = set()


def setup(*, migrate: bool = False) -> None:
    """Configure Django once per process; with ``migrate``, bring the app database up to date.

    Settings are read from the ``ASSURANCE_*`` environment the first time this runs. Calling
    it again is cheap: Django is set up once, and each database is migrated once per process.
    """
    import django
    from django.apps import apps

    with _lock:
        if not apps.ready:
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
            try:
                django.setup()
            except ValidationError as exc:  # an ASSURANCE_* variable the settings refused
                raise ConfigError(f"invalid setting for the app database: {exc}") from exc
        if migrate:
            migrate_database()


def migrate_database(alias: str = "default") -> None:
    """Apply outstanding migrations to one database (once per process per database)."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.utils import OperationalError

    db = connections[alias].settings_dict
    where = (db.get("HOST"), db.get("PORT"), db["NAME"], db.get("OPTIONS", {}).get("options"))
    key = (str(db["ENGINE"]), repr(where))
    if key in _migrated:
        return
    try:
        call_command(
            "migrate", database=alias, interactive=False, verbosity=0, stdout=io.StringIO()
        )
    except OperationalError as exc:
        raise ConfigError(
            f"cannot open the app database ({db['NAME']}): {exc}. Check ASSURANCE_APP_DATABASE "
            "and ASSURANCE_DATA_DIR, and that the server is running."
        ) from exc
    _migrated.add(key)
    log.info("app database %s is up to date", db["NAME"])
