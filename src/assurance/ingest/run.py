"""The ingest and rebuild commands' work, without any terminal output."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from assurance.config import Settings
from assurance.errors import AssuranceError
from assurance.ingest import keeping
from assurance.ingest.pipeline import LoadOptions, Progress, load_delivery
from assurance.ingest.summary import DeliverySummary
from assurance.warehouse import connect
from assurance.warehouse.base import Warehouse
from assurance.warehouse.schema import RECORD_TABLES

log = logging.getLogger(__name__)


def group_deliveries(paths: list[Path]) -> list[list[Path]]:
    """Each folder is a delivery; loose files given together make one delivery."""
    folders = [[p] for p in paths if p.is_dir()]
    files = [p for p in paths if not p.is_dir()]
    return folders + ([files] if files else [])


def ingest(
    settings: Settings,
    paths: list[Path],
    *,
    allow_rejects: bool = False,
    progress: Progress | None = None,
) -> list[DeliverySummary]:
    """Load each delivery in its own transaction, in the order given. Stops at the first
    refused delivery (raising its error); deliveries before it stay loaded."""
    results = []
    with connect(settings) as warehouse:
        for group in group_deliveries(paths):
            results.append(
                load_delivery(
                    warehouse, settings, group, LoadOptions(allow_rejects=allow_rejects), progress
                )
            )
    return results


def rebuild(settings: Settings, progress: Progress | None = None) -> list[DeliverySummary]:
    """Recreate the warehouse from the kept deliveries alone, replaying them in order.

    For a DuckDB warehouse the new one is built beside the old and swapped in only when
    complete. For PostgreSQL the record tables are emptied and refilled in one transaction per
    delivery.
    """
    kept = keeping.kept_deliveries(settings.deliveries_dir)
    url = settings.warehouse_url
    if url.startswith("duckdb://"):
        path = Path(url.removeprefix("duckdb://"))
        fresh = path.with_name(path.name + ".rebuild")
        for leftover in (fresh, Path(str(fresh) + ".wal")):
            leftover.unlink(missing_ok=True)
        with connect(settings, url=f"duckdb://{fresh}") as warehouse:
            results = _replay(warehouse, settings, kept, progress)
        os.replace(fresh, path)
        Path(str(path) + ".wal").unlink(missing_ok=True)
        return results
    with connect(settings) as warehouse:
        with warehouse.transaction():
            for spec in RECORD_TABLES:
                warehouse.execute(f"DELETE FROM {spec.table}")
            warehouse.execute("DELETE FROM delivery_files")
            warehouse.execute("DELETE FROM deliveries")
        return _replay(warehouse, settings, kept, progress)


def _replay(
    warehouse: Warehouse,
    settings: Settings,
    kept: list[tuple[int, Path]],
    progress: Progress | None,
) -> list[DeliverySummary]:
    results = []
    for delivery_id, folder in kept:
        manifest = keeping.read_manifest(folder)
        files = [folder / f["name"] for f in manifest["files"]]
        for entry, path in zip(manifest["files"], files, strict=True):
            if keeping.sha256_of(path) != entry["sha256"]:
                raise AssuranceError(
                    f"kept delivery {folder.name}: {path.name} no longer matches its checksum; "
                    "the kept copy has been changed or damaged. Restore it from backup."
                )
        from datetime import datetime

        options = LoadOptions(
            allow_rejects=manifest["mode"] == "allow-rejects",
            keep=False,
            delivery_id=delivery_id,
            received_at=datetime.fromisoformat(manifest["received_at"]),
            source=manifest.get("source"),
        )
        log.info("replaying delivery %s", folder.name)
        result = load_delivery(warehouse, settings, files, options, progress)
        result.kept_as = str(folder)
        results.append(result)
    return results


def reset(settings: Settings) -> None:
    """Remove everything in the data folder (used by tests and the demo)."""
    if settings.data_dir.exists():
        shutil.rmtree(settings.data_dir)
