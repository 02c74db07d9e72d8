"""Shared helpers for the statistics tests: where the shared reference data lives."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

FIXTURE = Path("data") / "real" / "nhsr-plotthedots" / "ptd_spc_standard_snapshot_cases.json"


def shared_dir() -> Path:
    """The shared directory: ``$ASSURANCE_SHARED_DIR``, else ``shared/`` beside the repo.

    This file is ``<repo>/tests/unit/stats/conftest.py``, so ``parents[3]`` is the repository
    and its parent holds ``shared/`` (``/work/main`` → ``/work/shared``).
    """
    override = os.environ.get("ASSURANCE_SHARED_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3].parent / "shared"


def load_shared_json(relative: Path) -> Any:
    """Load a JSON file from the shared directory.

    A missing file fails the test when ``CI`` is set (the data must be there in CI) and is
    skipped, with the reason, on a developer machine.
    """
    path = shared_dir() / relative
    if not path.is_file():
        message = (
            f"Reference fixture {path} is missing; set ASSURANCE_SHARED_DIR to the directory "
            "that holds data/real/."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(scope="session")
def nhsr_cases() -> dict[str, dict[str, Any]]:
    """The NHSRplotthedots snapshot cases, keyed by case id."""
    data = load_shared_json(FIXTURE)
    return {case["id"]: case for case in data["cases"]}
