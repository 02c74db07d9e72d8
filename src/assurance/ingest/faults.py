"""A fault-injection point for the kill-mid-load test.

When ``ASSURANCE_FAULT_PAUSE`` names a file, a load that reaches the point creates that file
and waits (up to a minute) inside its open transaction, so a test can kill the process there
for real. Unset (always, outside tests) it does nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ENV = "ASSURANCE_FAULT_PAUSE"


def pause_point() -> None:
    marker = os.environ.get(ENV)
    if not marker:
        return
    Path(marker).write_text(str(os.getpid()))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
