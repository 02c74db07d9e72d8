"""A prepared warehouse for the pack tests, and the packs built from it (once a session).

The demo is generated for June 2013 to May 2016 (36 months: enough for the 24 months of
history the control charts and findings need in November 2015 too) with its seven peer
forces, and loaded through the real ingest into DuckDB: a few minutes, once per session. Set
``ASSURANCE_TEST_PACK_DATA`` to a data folder already holding that warehouse to skip it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from assurance.config import Settings
from assurance.pack import PackResult, build_pack

START, END = "2013-06", "2016-05"
CASES = (("west-mercia", "2016-05"), ("west-mercia", "2015-11"), ("northshire", "2016-05"))


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    prepared = os.environ.get("ASSURANCE_TEST_PACK_DATA")
    if prepared:
        return Settings(data_dir=Path(prepared), threads=2)
    from assurance.demo import generate
    from assurance.ingest.run import ingest

    root = tmp_path_factory.mktemp("pack-demo")
    generate(root / "delivery", seed=2016, start=START, end=END, peers=True)
    settings = Settings(data_dir=root / "data", threads=2)
    ingest(settings, [root / "delivery"])
    return settings


@pytest.fixture(scope="session")
def built(
    demo_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str, str], PackResult]:
    """The pack of a force and month, built on first use (no meeting record)."""
    cache: dict[tuple[str, str], PackResult] = {}
    root = tmp_path_factory.mktemp("packs")

    def get(force: str, month: str) -> PackResult:
        if (force, month) not in cache:
            out = root / force / month
            cache[force, month] = build_pack(demo_settings, month, force, out, record=None)
        return cache[force, month]

    return get
