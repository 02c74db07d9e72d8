"""Ingestion against the data contract, on DuckDB and PostgreSQL (the ``settings`` fixture)."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from assurance.config import Settings
from assurance.errors import DeliveryError, ValidationFailed
from assurance.ingest.run import ingest, rebuild
from assurance.warehouse import connect
from assurance.warehouse.schema import RECORD_TABLES
from tests.support.delivery import ROWS, write_delivery, write_file


def rows(settings: Settings, table: str) -> list[tuple[object, ...]]:
    with connect(settings) as wh:
        return sorted(wh.fetchall(f"SELECT * FROM {table}"), key=repr)


def snapshot(settings: Settings) -> dict[str, list[tuple[object, ...]]]:
    """Every record table and the delivery log, for 'nothing changed' checks."""
    tables = [s.table for s in RECORD_TABLES] + ["deliveries", "delivery_files"]
    with connect(settings) as wh:
        return {t: sorted(wh.fetchall(f"SELECT * FROM {t}"), key=repr) for t in tables}


def counts(summary_files: list[dict[str, object]]) -> None:
    for f in summary_files:
        assert f["read"] == f["inserted"] + f["updated"] + f["unchanged"] + f["rejected"]  # type: ignore[operator]


def test_valid_delivery_loads_and_adds_up(settings: Settings, tmp_path: Path) -> None:
    folder = write_delivery(tmp_path / "d1")
    [result] = ingest(settings, [folder])
    by_kind = {f.kind: f for f in result.files}
    for kind, expected in ROWS.items():
        assert by_kind[kind].read == len(expected)
        assert by_kind[kind].inserted == len(expected)
        assert by_kind[kind].balanced
    assert len(rows(settings, "crimes")) == 3
    kept = Path(result.kept_as or "")
    assert (kept / "manifest.json").exists()
    assert sorted(p.name for p in kept.glob("*.csv")) == sorted(f"{k}.csv" for k in ROWS)


def test_local_times_become_utc_by_the_documented_rules(settings: Settings, tmp_path: Path) -> None:
    ingest(settings, [write_delivery(tmp_path / "d")])
    with connect(settings) as wh:
        got = dict(wh.fetchall("SELECT incident_ref, opened_at FROM incidents"))
        crimes = dict(wh.fetchall("SELECT crime_ref, recorded_at FROM crimes"))
        cancelled = wh.scalar("SELECT cancelled_at FROM crimes WHERE crime_ref = '22/000002/16'")
    assert got["INC-1"] == datetime(2016, 5, 1, 8, 50)  # BST: one hour ahead of UTC
    assert got["INC-3"] == datetime(2016, 10, 30, 0, 30)  # repeated hour: first occurrence
    assert crimes["22/000003/16"] == datetime(2016, 3, 27, 1, 30)  # just after the skipped hour
    assert crimes["22/000002/16"] == datetime(2016, 5, 3, 8, 0)  # explicit +01:00
    assert cancelled == datetime(2016, 5, 10, 9, 0)  # Z


def test_reloading_changes_nothing_and_a_changed_row_replaces(
    settings: Settings, tmp_path: Path
) -> None:
    folder = write_delivery(tmp_path / "d1")
    ingest(settings, [folder])
    before = snapshot(settings)
    [again] = ingest(settings, [folder])
    assert not again.changed
    assert all(f.unchanged == f.read for f in again.files)
    assert snapshot(settings) == before
    changed = [dict(r) for r in ROWS["outcomes"]]
    changed[1]["outcome_code"] = "8"
    write_file(tmp_path / "d2", "outcomes", changed)
    [update] = ingest(settings, [tmp_path / "d2"])
    [f] = update.files
    assert (f.inserted, f.updated, f.unchanged) == (0, 1, 1)
    with connect(settings) as wh:
        assert wh.scalar("SELECT outcome_code FROM outcomes WHERE crime_ref='22/000003/16'") == "8"
        assert wh.scalar("SELECT count(*) FROM outcomes") == 2


def _break(tmp_path: Path, kind: str, row: int, **values: str) -> Path:
    folder = write_delivery(tmp_path / "bad")
    broken = [dict(r) for r in ROWS[kind]]
    broken[row].update(values)
    write_file(folder, kind, broken)
    return folder


BAD_VALUES = [
    ("areas", 0, {"population": "lots"}, "population", "not-integer"),
    ("areas", 1, {"rural_share": "1.5"}, "rural_share", "above-maximum"),
    ("crimes", 0, {"reported_at": "2016-02-30T10:00:00"}, "reported_at", "not-datetime"),
    (
        "crimes",
        0,
        {"recorded_at": "2016-05-01T08:00:00"},
        "recorded_at",
        "recorded-before-reported",
    ),
    ("crimes", 2, {"reported_at": "2016-03-27T01:30:00"}, "reported_at", "skipped-local-time"),
    ("crimes", 0, {"offence_group": "burglary"}, "offence_group", "unknown-code"),
    ("crimes", 0, {"status": ""}, "status", "required"),
    ("crimes", 0, {"domestic_abuse": "maybe"}, "domestic_abuse", "not-boolean"),
    ("crimes", 0, {"status": "cancelled"}, "cancelled_at", "cancelled-without-date"),
    ("incidents", 0, {"arrived_at": "2016-05-01T09:40:00"}, "arrived_at", "arrived-before-opened"),
    ("incidents", 0, {"grade": "Emergency"}, "grade", "unknown-code"),
    ("outcomes", 0, {"outcome_code": "23"}, "outcome_code", "unknown-outcome"),
    ("outcomes", 0, {"outcome_at": "20/05/2016"}, "outcome_at", "not-date"),
    ("plan", 0, {"from_month": "2015-13"}, "from_month", "not-month"),
    ("survey_responses", 0, {"treatment": "8"}, "treatment", "above-maximum"),
    (
        "audits",
        1,
        {"classified_correctly": "true"},
        "classified_correctly",
        "classified-but-not-recorded",
    ),
    ("disposals", 0, {"audit_result": "fine"}, "audit_result", "unknown-code"),
    ("peers", 0, {"peer_force": "west-mercia"}, "peer_force", "peer-is-self"),
]


@pytest.mark.parametrize(("kind", "row", "values", "column", "rule"), BAD_VALUES)
def test_a_bad_value_refuses_the_delivery_and_writes_nothing(
    settings: Settings,
    tmp_path: Path,
    kind: str,
    row: int,
    values: dict[str, str],
    column: str,
    rule: str,
) -> None:
    ingest(settings, [write_delivery(tmp_path / "first", ["areas"])])
    before = snapshot(settings)
    folder = _break(tmp_path, kind, row, **values)
    with pytest.raises(ValidationFailed) as caught:
        ingest(settings, [folder])
    summary = caught.value.summary
    problems = [p for f in summary.files for p in f.errors]  # type: ignore[attr-defined]
    [problem] = [p for p in problems if p.rule == rule]
    assert problem.column == column
    assert problem.line == row + 2  # header is line 1
    assert problem.file == f"{kind}.csv"
    assert all(f.balanced for f in summary.files)  # type: ignore[attr-defined]
    assert snapshot(settings) == before
    report = Path(caught.value.problems_report or "")
    with report.open() as handle:
        assert any(r["rule"] == rule for r in csv.DictReader(handle))
    assert not list(settings.deliveries_dir.glob(".pending-*"))


def test_every_problem_is_collected_not_just_the_first(settings: Settings, tmp_path: Path) -> None:
    folder = write_delivery(tmp_path / "d")
    crimes = [dict(r) for r in ROWS["crimes"]]
    crimes[0]["offence_group"] = "nonsense"
    crimes[1]["reported_at"] = "yesterday"
    crimes[2]["status"] = "open"
    write_file(folder, "crimes", crimes)
    incidents = [dict(r) for r in ROWS["incidents"]]
    incidents[2]["setting"] = "suburban"
    write_file(folder, "incidents", incidents)
    with pytest.raises(ValidationFailed) as caught:
        ingest(settings, [folder])
    rules = sorted(p.rule for f in caught.value.summary.files for p in f.errors)  # type: ignore[attr-defined]
    assert rules == ["not-datetime", "unknown-code", "unknown-code", "unknown-code"]


def test_duplicate_keys_within_a_file_are_rejected(settings: Settings, tmp_path: Path) -> None:
    folder = write_delivery(tmp_path / "d")
    write_file(folder, "outcomes", [*ROWS["outcomes"], dict(ROWS["outcomes"][0])])
    with pytest.raises(ValidationFailed) as caught:
        ingest(settings, [folder])
    problems = [p for f in caught.value.summary.files for p in f.errors]  # type: ignore[attr-defined]
    assert {p.line for p in problems if p.rule == "duplicate-key"} == {2, 4}


def test_unknown_crime_is_an_error_and_unknown_incident_link_a_warning(
    settings: Settings, tmp_path: Path
) -> None:
    folder = write_delivery(tmp_path / "d")
    write_file(
        folder,
        "outcomes",
        [
            *ROWS["outcomes"],
            {
                "force": "west-mercia",
                "crime_ref": "22/999999/16",
                "outcome_code": "18",
                "outcome_at": "2016-05-01",
            },
        ],
    )
    with pytest.raises(ValidationFailed, match="name a crime, incident or area"):
        ingest(settings, [folder])
    assert rows(settings, "crimes") == []
    incidents = [dict(r) for r in ROWS["incidents"]]
    incidents[2]["crime_ref"] = "22/777777/16"
    write_file(folder, "incidents", incidents)
    write_file(folder, "outcomes", ROWS["outcomes"])
    [result] = ingest(settings, [folder])
    [inc] = [f for f in result.files if f.kind == "incidents"]
    assert inc.inserted == 3 and any("22/777777/16" in w for w in inc.warnings)


def test_a_later_delivery_may_refer_to_an_earlier_one(settings: Settings, tmp_path: Path) -> None:
    ingest(settings, [write_delivery(tmp_path / "a", ["areas", "crimes"])])
    [result] = ingest(settings, [write_delivery(tmp_path / "b", ["outcomes", "disposals"])])
    assert all(f.inserted == f.read for f in result.files)


def test_allow_rejects_loads_the_valid_rows_and_quarantines_the_rest(
    settings: Settings, tmp_path: Path
) -> None:
    folder = write_delivery(tmp_path / "d")
    crimes = [dict(r) for r in ROWS["crimes"]]
    crimes[0]["offence_group"] = "nonsense"  # its outcome then names an unknown crime too
    write_file(folder, "crimes", crimes)
    [result] = ingest(settings, [folder], allow_rejects=True)
    by_kind = {f.kind: f for f in result.files}
    assert (by_kind["crimes"].inserted, by_kind["crimes"].rejected) == (2, 1)
    assert (by_kind["outcomes"].inserted, by_kind["outcomes"].rejected) == (1, 1)
    assert all(f.balanced for f in result.files)
    quarantined = {Path(p).name: p for p in result.quarantine}
    with open(quarantined[next(n for n in quarantined if "crimes" in n)]) as handle:
        [row] = list(csv.DictReader(handle))
    assert row["line"] == "2" and "offence_group" in row["reason"]
    assert row["offence_group"] == "nonsense"


def test_rebuild_recreates_the_warehouse_from_kept_deliveries(
    settings: Settings, tmp_path: Path
) -> None:
    ingest(settings, [write_delivery(tmp_path / "a")])
    changed = [dict(r) for r in ROWS["outcomes"]]
    changed[0]["outcome_code"] = "2"
    write_file(tmp_path / "b", "outcomes", changed)
    ingest(settings, [tmp_path / "b"])
    before = snapshot(settings)
    results = rebuild(settings)
    assert len(results) == 2
    assert snapshot(settings) == before


def test_rebuild_refuses_a_damaged_kept_copy(duck_settings: Settings, tmp_path: Path) -> None:
    [result] = ingest(duck_settings, [write_delivery(tmp_path / "a")])
    kept = Path(result.kept_as or "") / "crimes.csv"
    kept.write_text(kept.read_text().replace("shoplifting", "other-theft"))
    with pytest.raises(Exception, match="no longer matches its checksum"):
        rebuild(duck_settings)


def test_missing_and_extra_columns_refuse_the_delivery(
    duck_settings: Settings, tmp_path: Path
) -> None:
    folder = write_delivery(tmp_path / "d", ["areas"])
    text = (folder / "areas.csv").read_text().splitlines()
    (folder / "areas.csv").write_text(
        "\n".join([text[0].replace(",rural_share", ",extra"), *text[1:]]) + "\n"
    )
    with pytest.raises(DeliveryError) as caught:
        ingest(duck_settings, [folder])
    message = str(caught.value)
    assert "missing column(s) rural_share" in message and "unexpected column(s) extra" in message
