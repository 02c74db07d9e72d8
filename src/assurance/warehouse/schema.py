"""The warehouse schema: a version number and forward-only migrations.

Migrations are SQL files in ``migrations/`` named ``vNNN_description.sql``, applied in order,
each in its own transaction, and recorded in ``schema_migrations``. A warehouse whose version is
newer than this code knows is refused rather than guessed at.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from assurance.domain.contract import RECORD_FILES
from assurance.domain.police_uk import OUTCOMES as PUK_OUTCOMES
from assurance.domain.police_uk import STREET as PUK_STREET
from assurance.errors import SchemaVersionError
from assurance.warehouse.base import Warehouse

log = logging.getLogger(__name__)

_NAME = re.compile(r"^v(\d{3})_([a-z0-9_]+)\.sql$")

#: Every table holding received records, with its natural key.
RECORD_TABLES = (*RECORD_FILES, PUK_STREET, PUK_OUTCOMES)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def migrations() -> tuple[Migration, ...]:
    """The migrations shipped with this version of Assurance, in order."""
    found: list[Migration] = []
    folder = resources.files("assurance.warehouse") / "migrations"
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if not match:
            continue
        text = entry.read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
        statements = tuple(s.strip() for s in body.split(";") if s.strip())
        found.append(Migration(int(match.group(1)), match.group(2), statements))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, 3...; found {versions}")
    return tuple(found)


def latest_version() -> int:
    return len(migrations())


def current_version(warehouse: Warehouse) -> int:
    """The schema version of a warehouse (0 for an empty one)."""
    if "schema_migrations" not in warehouse.table_names():
        return 0
    return int(warehouse.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations") or 0)


def migrate(warehouse: Warehouse) -> int:
    """Apply every migration the warehouse has not had. Returns the version reached."""
    if "schema_migrations" not in warehouse.table_names():
        warehouse.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
    have = current_version(warehouse)
    known = migrations()
    if have > len(known):
        raise SchemaVersionError(
            f"the warehouse is at schema version {have}, but this Assurance knows only up to "
            f"{len(known)}: upgrade Assurance, or point ASSURANCE_WAREHOUSE elsewhere"
        )
    for migration in known[have:]:
        log.info("applying warehouse migration %03d %s", migration.version, migration.name)
        with warehouse.transaction():
            for statement in migration.statements:
                warehouse.execute(statement)
            if migration.version == 1:
                for spec in RECORD_TABLES:
                    warehouse.create_key_index(spec.table, spec.key)
            warehouse.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).replace(tzinfo=None)),
            )
    return len(known)
