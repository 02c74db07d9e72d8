"""A real kill -9 inside the load transaction leaves the warehouse exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from assurance.config import Settings
from assurance.ingest.faults import ENV
from assurance.ingest.run import ingest
from tests.integration.test_ingest import snapshot
from tests.support.delivery import write_delivery


def _env(settings: Settings, marker: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["ASSURANCE_DATA_DIR"] = str(settings.data_dir)
    if settings.warehouse:
        env["ASSURANCE_WAREHOUSE"] = settings.warehouse
    env[ENV] = str(marker)
    return env


def test_killed_load_changes_nothing(settings: Settings, tmp_path: Path) -> None:
    ingest(settings, [write_delivery(tmp_path / "first", ["areas"])])
    before = snapshot(settings)
    marker = tmp_path / "paused"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assurance.cli", "ingest", str(write_delivery(tmp_path / "second"))],
        env=_env(settings, marker),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the load never reached the pause point"
        time.sleep(0.05)
    # The process is inside its transaction, every row merged, the commit not yet made.
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(settings) == before
    assert list(settings.deliveries_dir.glob(".pending-*"))  # its copy is still there...
    [result] = ingest(settings, [tmp_path / "second"])  # ...until the next load settles it
    assert not list(settings.deliveries_dir.glob(".pending-*"))
    assert result.changed and result.delivery_id == 2  # the unfinished id was never used
