"""Keeping every delivery as received, with SHA-256 checksums, so the warehouse can be rebuilt.

A delivery is copied (and hashed in the same pass, on a background thread while validation
runs) into ``deliveries/.pending-<id>/``. When the load commits, the folder is renamed to
``deliveries/<id>-<received>/``; if the load fails it is removed. A ``.pending`` folder left by
a killed process is settled the next time Assurance loads: renamed if the warehouse has its
delivery, removed if not. Only settled folders are replayed by ``assurance rebuild``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_CHUNK = 4 * 1024 * 1024
_FINAL = re.compile(r"^(\d{6,})-\d{8}T\d{6}Z$")
MANIFEST = "manifest.json"


def copy_and_hash(source: Path, target: Path) -> str:
    """Copy a file and return its SHA-256, reading it once."""
    digest = hashlib.sha256()
    with source.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class KeptFile:
    name: str
    source: str
    sha256: str
    bytes: int


def final_name(delivery_id: int, received_at: datetime) -> str:
    return f"{delivery_id:06d}-{received_at:%Y%m%dT%H%M%SZ}"


def delivery_sha256(files: list[KeptFile]) -> str:
    """One checksum for the delivery: over its files' names and checksums, in name order."""
    lines = "".join(f"{f.name}\t{f.sha256}\n" for f in sorted(files, key=lambda f: f.name))
    return hashlib.sha256(lines.encode()).hexdigest()


class PendingKeep:
    """Copies a delivery's files into a pending folder on a background thread."""

    def __init__(self, root: Path, delivery_id: int, files: list[Path]) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.delivery_id = delivery_id
        self.folder = root / f".pending-{delivery_id:06d}"
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir()
        names = _unique_names(files)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="keep")
        self._jobs: list[tuple[str, Path, Future[str]]] = [
            (name, path, self._pool.submit(copy_and_hash, path, self.folder / name))
            for name, path in zip(names, files, strict=True)
        ]

    def files(self) -> list[KeptFile]:
        """Wait for the copies; their names, sources and checksums."""
        kept = [
            KeptFile(name, str(path), job.result(), (self.folder / name).stat().st_size)
            for name, path, job in self._jobs
        ]
        self._pool.shutdown()
        return kept

    def sha_by_source(self) -> dict[Path, str]:
        return {path: job.result() for _, path, job in self._jobs}

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Write the manifest (before the commit, so a settled folder always has one)."""
        self.files()
        _write_json(self.folder / MANIFEST, manifest)

    def settle(self, received_at: datetime) -> Path:
        """The load committed: give the folder its final name."""
        final = self.root / final_name(self.delivery_id, received_at)
        os.replace(self.folder, final)
        return final

    def discard(self) -> None:
        """The load failed or changed nothing: remove the copies."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def _unique_names(files: list[Path]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for path in files:
        name = path.name
        if name in seen:
            seen[name] += 1
            name = f"{path.stem}.{seen[name]}{path.suffix}"
        else:
            seen[name] = 0
        names.append(name)
    return names


def kept_deliveries(root: Path) -> list[tuple[int, Path]]:
    """Settled kept deliveries, in delivery order."""
    if not root.exists():
        return []
    found = []
    for entry in root.iterdir():
        match = _FINAL.match(entry.name)
        if match and entry.is_dir() and (entry / MANIFEST).exists():
            found.append((int(match.group(1)), entry))
    return sorted(found)


def pending_deliveries(root: Path) -> list[tuple[int, Path]]:
    if not root.exists():
        return []
    found = []
    for entry in root.iterdir():
        if entry.name.startswith(".pending-") and entry.is_dir():
            found.append((int(entry.name.removeprefix(".pending-")), entry))
    return sorted(found)


def highest_kept_id(root: Path) -> int:
    ids = [i for i, _ in kept_deliveries(root)] + [i for i, _ in pending_deliveries(root)]
    return max(ids, default=0)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def settle_leftovers(root: Path, loaded_ids: set[int]) -> list[str]:
    """Settle pending folders left by a killed load: keep those the warehouse committed,
    remove the rest. Returns what was done, for the log."""
    done = []
    for delivery_id, folder in pending_deliveries(root):
        manifest = folder / MANIFEST
        if delivery_id in loaded_ids and manifest.exists():
            received = datetime.fromisoformat(read_manifest(folder)["received_at"])
            os.replace(folder, root / final_name(delivery_id, received))
            done.append(f"kept delivery {delivery_id} (its load had committed)")
        else:
            shutil.rmtree(folder, ignore_errors=True)
            done.append(f"removed the copy of unfinished delivery {delivery_id}")
    return done


def read_manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
    return data
