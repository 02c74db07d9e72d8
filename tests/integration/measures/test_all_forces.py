"""Every force in one go: each force's measures and findings from the run for all forces are
the ones it gets alone, on DuckDB and on PostgreSQL.

The hand-made delivery has two forces that are each other's peers; a third force is added here
with areas and no records, compared with both of them and with a plan of its own, so that
each force's peers and targets are its own (and one peer group is not symmetric).
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assurance.cli import app
from assurance.config import Settings
from assurance.findings import findings_for_forces, findings_report
from assurance.ingest.run import ingest
from assurance.measures import MeasureError, measures_for_forces, measures_report
from tests.integration.measures import handmade

MONTH = "2016-05"
HISTORY = 24
EXTRA = "eastmoor"
FORCES = sorted((handmade.FORCE, handmade.PEER, EXTRA))


@pytest.fixture
def loaded(settings: Settings, tmp_path: Path) -> Settings:
    delivery = handmade.build()
    delivery.add("areas", {"force": EXTRA, "area_code": "eastmoor-east", "area_name": "East",
                           "population": "250000", "rural_share": "0.5"})  # fmt: skip
    for peer in (handmade.FORCE, handmade.PEER):
        delivery.add("peers", {"force": EXTRA, "peer_force": peer})
    delivery.add("plan", {"force": handmade.PEER, "measure": "satisfaction.whole_experience",
                          "target": "0.95", "from_month": "2015-01"})  # fmt: skip
    ingest(settings, [delivery.write(tmp_path / "delivery")])
    return settings


def test_each_force_measured_with_the_others_as_alone(loaded: Settings) -> None:
    together = measures_for_forces(loaded, MONTH, history=HISTORY)
    assert list(together) == FORCES
    for force, report in together.items():
        alone = measures_report(loaded, MONTH, force, history=HISTORY)
        assert report.to_json() == alone.to_json(), force
    # each force has its own peers, targets and figures
    assert together[EXTRA].peers == tuple(sorted((handmade.FORCE, handmade.PEER)))
    assert together[handmade.PEER].peers == (handmade.FORCE,)
    targets = {f: r.result("satisfaction.whole_experience").target for f, r in together.items()}
    assert targets == {handmade.FORCE: 0.80, handmade.PEER: 0.95, EXTRA: None}
    crimes = {f: r.result("crime.volume").window("12m").value for f, r in together.items()}
    assert crimes[EXTRA] == 0.0 and crimes[handmade.FORCE] != crimes[handmade.PEER]
    peer_values = together[EXTRA].result("crime.volume").peers
    assert [(c.key, c.value.value) for c in peer_values[1:]] == [
        (f, crimes[f]) for f in sorted((handmade.FORCE, handmade.PEER))
    ]
    # some forces, not all: the queries name them
    two = measures_for_forces(loaded, MONTH, [EXTRA, handmade.PEER], history=HISTORY)
    assert list(two) == [EXTRA, handmade.PEER]
    assert all(r.to_json() == together[f].to_json() for f, r in two.items())


def test_each_force_judged_with_the_others_as_alone(loaded: Settings) -> None:
    together = findings_for_forces(loaded, MONTH, history=HISTORY)
    assert list(together) == FORCES
    for force, report in together.items():
        alone = findings_report(loaded, MONTH, force, history=HISTORY)
        assert report.to_json() == alone.to_json(), force
        assert report.evaluation == alone.evaluation, force
    assert together[handmade.FORCE].evaluation.tests > 0
    chosen = findings_for_forces(loaded, MONTH, [handmade.PEER], history=HISTORY)
    assert list(chosen) == [handmade.PEER]
    assert chosen[handmade.PEER].to_json() == together[handmade.PEER].to_json()


def test_an_unknown_force_is_named(loaded: Settings) -> None:
    with pytest.raises(MeasureError, match="no force 'nowhere'"):
        measures_for_forces(loaded, MONTH, [handmade.FORCE, "nowhere"], history=HISTORY)


def _cli(settings: Settings, command: str, code: int = 0) -> str:
    env = {"ASSURANCE_DATA_DIR": str(settings.data_dir), "COLUMNS": "250"}
    if settings.warehouse:
        env["ASSURANCE_WAREHOUSE"] = settings.warehouse
    result = CliRunner().invoke(app, shlex.split(command), env=env)
    assert result.exit_code == code, result.output
    return result.stdout


def test_commands_for_all_forces(loaded: Settings) -> None:
    found = json.loads(_cli(loaded, f"findings --month {MONTH} --all-forces --json"))
    assert found["month"] == MONTH
    assert [f["force"] for f in found["forces"]] == FORCES
    measured = json.loads(_cli(loaded, f"measures --month {MONTH} --all-forces --json"))
    assert [r["force"] for r in measured["forces"]] == FORCES
    assert all(len(r["measures"]) == 27 for r in measured["forces"])
    table = _cli(loaded, f"findings --month {MONTH} --all-forces")
    assert all(force in table for force in FORCES) and "most severe" in table
    table = _cli(loaded, f"measures --month {MONTH} --all-forces")
    assert all(force in table for force in FORCES)
    _cli(loaded, f"findings --month {MONTH} --all-forces --force {EXTRA}", code=2)
