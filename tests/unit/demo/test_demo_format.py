"""File layout and formats of a generated delivery: headers, codes, refs, dates, determinism."""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from demo_helpers import FILES, Query

from assurance.demo import GenerateSummary, generate
from assurance.domain import vocabularies as V

# The data contract's columns, in order (shared/spec/data-contract.md, version 1).
CONTRACT_COLUMNS = {
    "areas": ["force", "area_code", "area_name", "population", "rural_share"],
    "plan": ["force", "measure", "target", "from_month"],
    "peers": ["force", "peer_force"],
    "incidents": [
        "force", "area_code", "incident_ref", "opened_at", "grade", "opening_category",
        "setting", "dispatched_at", "arrived_at", "closed_at", "crime_ref",
    ],
    "crimes": [
        "force", "area_code", "crime_ref", "incident_ref", "reported_at", "recorded_at",
        "offence_group", "ho_offence_code", "domestic_abuse", "hate_crime", "victim_ref",
        "victim_enhanced", "officer_ref", "status", "cancelled_at", "cancel_reason",
        "cancel_authority",
    ],
    "outcomes": ["force", "crime_ref", "outcome_code", "outcome_at"],
    "survey_responses": [
        "force", "area_code", "response_ref", "crime_ref", "interviewed_on", "survey_group",
        "ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience",
    ],
    "audits": [
        "force", "audit_ref", "incident_ref", "audited_on", "crime_required", "crime_recorded",
        "classified_correctly", "recorded_within_24h", "offence_group",
    ],
    "disposals": [
        "force", "disposal_ref", "crime_ref", "disposal_type", "issued_on", "officer_ref",
        "audited_on", "audit_result", "panel_reviewed_on", "panel_result",
    ],
}  # fmt: skip

DATETIME_COLUMNS = {
    "incidents": ("opened_at", "dispatched_at", "arrived_at", "closed_at"),
    "crimes": ("reported_at", "recorded_at", "cancelled_at"),
}
DATE_COLUMNS = {
    "outcomes": ("outcome_at",),
    "survey_responses": ("interviewed_on",),
    "audits": ("audited_on",),
    "disposals": ("issued_on", "audited_on", "panel_reviewed_on"),
}
BOOLEAN_COLUMNS = {
    "crimes": ("domestic_abuse", "hate_crime", "victim_enhanced"),
    "audits": ("crime_required", "crime_recorded", "classified_correctly", "recorded_within_24h"),
}
CODE_COLUMNS = {
    ("incidents", "grade"): V.INCIDENT_GRADES,
    ("incidents", "opening_category"): V.OPENING_CATEGORIES,
    ("incidents", "setting"): V.SETTINGS,
    ("crimes", "offence_group"): V.OFFENCE_GROUPS,
    ("crimes", "status"): V.CRIME_STATUSES,
    ("crimes", "cancel_reason"): V.CANCEL_REASONS,
    ("crimes", "cancel_authority"): V.CANCEL_AUTHORITIES,
    ("outcomes", "outcome_code"): V.OUTCOME_CODES,
    ("survey_responses", "survey_group"): V.SURVEY_GROUPS,
    ("audits", "offence_group"): V.OFFENCE_GROUPS,
    ("disposals", "disposal_type"): V.DISPOSAL_TYPES,
    ("disposals", "audit_result"): V.AUDIT_RESULTS,
    ("disposals", "panel_result"): V.PANEL_RESULTS,
}
REF_PATTERNS = {
    ("incidents", "incident_ref"): r"INC-\d{4}-\d{7}",
    ("crimes", "crime_ref"): r"\d{2}/\d{6}/\d{2}",
    ("crimes", "victim_ref"): r"V\d{7}",
    ("crimes", "officer_ref"): r"OFF-\d{4}",
    ("survey_responses", "response_ref"): r"SR-\d{4}-\d{5}",
    ("audits", "audit_ref"): r"AUD-\d{4}-\d{5}",
    ("disposals", "disposal_ref"): r"OOCD-\d{4}-\d{6}",
}
LONDON = ZoneInfo("Europe/London")


def _digest(folder: Path) -> dict[str, str]:
    return {
        path.stem: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.glob("*.csv")
    }


def test_every_file_has_exactly_the_contract_columns(signal_delivery: GenerateSummary) -> None:
    written = [n for n in FILES if signal_delivery.rows[n]]
    for name in written:
        with (signal_delivery.out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert header == CONTRACT_COLUMNS[name], name
    # A file with no rows (peers.csv without --peers) is left out: the contract refuses
    # header-only files.
    assert sorted(p.name for p in signal_delivery.out.iterdir()) == sorted(
        f"{n}.csv" for n in written
    )
    assert signal_delivery.rows["peers"] == 0


def test_summary_counts_match_the_files(signal_delivery: GenerateSummary) -> None:
    for name in FILES:
        path = signal_delivery.out / f"{name}.csv"
        if not signal_delivery.rows[name]:
            assert not path.exists(), name
            continue
        with path.open(encoding="utf-8", newline="") as f:
            rows = sum(1 for _ in f) - 1  # no value holds a line break
        assert rows == signal_delivery.rows[name], name
    assert signal_delivery.forces == ("west-mercia",)
    assert signal_delivery.signals is True


def test_csv_is_plain_rfc4180_without_needless_quotes(signal_delivery: GenerateSummary) -> None:
    text = (signal_delivery.out / "areas.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "force,area_code,area_name,population,rural_share"
    assert "west-mercia,telford-wrekin,Telford and Wrekin,170000,0.15" in text
    assert '"' not in (signal_delivery.out / "crimes.csv").read_text(encoding="utf-8")[:100_000]


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    args = {"start": "2016-03", "end": "2016-05"}
    first = generate(tmp_path / "a", seed=11, **args)
    second = generate(tmp_path / "b", seed=11, **args)
    third = generate(tmp_path / "c", seed=12, **args)
    assert _digest(first.out) == _digest(second.out)
    assert first.rows == second.rows
    differ = [n for n in _digest(first.out) if _digest(first.out)[n] != _digest(third.out)[n]]
    assert set(differ) >= {"incidents", "crimes", "outcomes", "survey_responses", "audits"}


def test_codes_come_from_the_vocabularies(sq: Query) -> None:
    for (table, column), allowed in CODE_COLUMNS.items():
        values = {v for (v,) in sq(f"SELECT DISTINCT {column} FROM {table}") if v is not None}
        assert values <= set(allowed), (table, column, values - set(allowed))
    used = {v for (v,) in sq("SELECT DISTINCT outcome_code FROM outcomes")}
    assert {"1", "1A", "8", "14", "15", "16", "18", "21"} <= used


def test_refs_have_the_documented_shapes(sq: Query) -> None:
    for (table, column), pattern in REF_PATTERNS.items():
        bad = sq(
            f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL "
            f"AND NOT regexp_full_match({column}, '{pattern}')"
        )
        assert bad == [(0,)], (table, column)


def test_booleans_are_true_false_or_empty(sq: Query) -> None:
    for table, columns in BOOLEAN_COLUMNS.items():
        for column in columns:
            values = {v for (v,) in sq(f"SELECT DISTINCT {column} FROM {table}")}
            assert values <= {"true", "false", None}, (table, column, values)


def test_dates_and_datetimes_have_iso_shapes_without_offsets(sq: Query) -> None:
    for table, columns in DATETIME_COLUMNS.items():
        for column in columns:
            bad = sq(
                f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND NOT "
                f"regexp_full_match({column}, '\\d{{4}}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d')"
            )
            assert bad == [(0,)], (table, column)
    for table, columns in DATE_COLUMNS.items():
        for column in columns:
            bad = sq(
                f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND NOT "
                f"regexp_full_match({column}, '\\d{{4}}-\\d\\d-\\d\\d')"
            )
            assert bad == [(0,)], (table, column)


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def _exists_in_london(text: str) -> bool:
    """A naive London wall-clock time exists when it survives a round trip through UTC."""
    naive = datetime.fromisoformat(text)
    for fold in (0, 1):
        local = naive.replace(tzinfo=LONDON, fold=fold)
        back = local.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
        if back == naive:
            return True
    return False


def test_no_local_time_falls_in_the_spring_forward_gap(sq: Query) -> None:
    springs = [_last_sunday(y, 3).isoformat() for y in range(2014, 2017)]
    checked = 0
    for table, columns in DATETIME_COLUMNS.items():
        for column in columns:
            gap = sq(
                f"SELECT count(*) FROM {table} WHERE substr({column}, 1, 10) IN "
                f"({', '.join(repr(s) for s in springs)}) AND substr({column}, 12, 2) = '01'"
            )
            assert gap == [(0,)], (table, column)
            # Every value on those Sundays (and the autumn ones) round-trips through zoneinfo.
            autumns = [_last_sunday(y, 10).isoformat() for y in range(2014, 2016)]
            rows = sq(
                f"SELECT {column} FROM {table} WHERE substr({column}, 1, 10) IN "
                f"({', '.join(repr(s) for s in springs + autumns)})"
            )
            assert all(_exists_in_london(v) for (v,) in rows), (table, column)
            checked += len(rows)
    assert checked > 5_000


def test_each_spring_sunday_still_has_incidents_either_side_of_the_gap(sq: Query) -> None:
    for year in (2014, 2015, 2016):
        day = _last_sunday(year, 3).isoformat()
        hours = {h for (h,) in sq(
            f"SELECT DISTINCT substr(opened_at, 12, 2) FROM incidents "
            f"WHERE substr(opened_at, 1, 10) = '{day}'"
        )}  # fmt: skip
        assert "00" in hours and "02" in hours and "01" not in hours


def test_plan_targets(sq: Query) -> None:
    plan = {m: (t, f) for (m, t, f) in sq("SELECT measure, target, from_month FROM plan")}
    assert plan["satisfaction.whole_experience"] == ("0.90", "2012-04")
    assert plan["response.emergency.within_target"][0] == "0.90"
    assert plan["integrity.recording_accuracy"][0] == "0.95"
    assert plan["disposals.audit_coverage"][0] == "1.00"
    assert plan["integrity.sso_cancel_authority"][0] == "1.00"


def test_areas_are_west_mercia(sq: Query) -> None:
    areas = {
        c: (n, int(p)) for (c, n, p) in sq("SELECT area_code, area_name, population FROM areas")
    }
    assert areas == {
        "herefordshire": ("Herefordshire", 189_000),
        "shropshire": ("Shropshire", 311_000),
        "telford-wrekin": ("Telford and Wrekin", 170_000),
        "north-worcestershire": ("North Worcestershire", 290_000),
        "south-worcestershire": ("South Worcestershire", 300_000),
    }
    assert sq("SELECT count(*) FROM peers") == [(0,)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": "2016-13"}, "YYYY-MM"),
        ({"start": "2016-05", "end": "2016-01"}, "before start"),
        ({"scale": "planet"}, "scale"),
        ({"scale": "national", "national_forces": 0}, "at least 1"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_arguments_are_refused_in_plain_english(
    tmp_path: Path, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        generate(tmp_path, **kwargs)  # type: ignore[arg-type]
    assert not any(tmp_path.glob("*.csv"))
