"""Shared helpers for the statistics tests: where the shared reference data lives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need_shared

FIXTURE = Path("data") / "real" / "nhsr-plotthedots" / "ptd_spc_standard_snapshot_cases.json"


def load_shared_json(relative: Path) -> Any:
    """Load a JSON file from the shared directory (skipped locally, failed in CI, if absent)."""
    with need_shared(str(relative)).open(encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(scope="session")
def nhsr_cases() -> dict[str, dict[str, Any]]:
    """The NHSRplotthedots snapshot cases, keyed by case id."""
    data = load_shared_json(FIXTURE)
    return {case["id"]: case for case in data["cases"]}
