"""The same delivery gives the same measures and findings on DuckDB and PostgreSQL."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from assurance.config import Settings
from assurance.findings import findings_report
from assurance.ingest.run import ingest
from assurance.measures import measures_report
from tests.integration.measures import handmade

pytestmark = pytest.mark.postgres


def _same(a: Any, b: Any, path: str = "") -> None:
    """Equal JSON trees; floats equal to 12 significant digits (sums may differ in the last
    binary digit between engines)."""
    if isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12), (path, a, b)
    elif isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), path
        for k in a:
            _same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{path}[{i}]")
    else:
        assert a == b, (path, a, b)


def test_duckdb_and_postgres_agree(
    duck_settings: Settings, pg_settings: Settings, tmp_path: Path
) -> None:
    delivery = handmade.build(seed=11)
    folder = delivery.write(tmp_path / "delivery")
    for settings in (duck_settings, pg_settings):
        ingest(settings, [folder])
    duck = measures_report(duck_settings, "2016-05", history=24)
    pg = measures_report(pg_settings, "2016-05", history=24)
    assert duck.force == pg.force == handmade.FORCE  # the force with a plan
    _same(duck.to_json(), pg.to_json())
    _same(
        findings_report(duck_settings, "2016-05", history=24).to_json(),
        findings_report(pg_settings, "2016-05", history=24).to_json(),
    )
