"""The demo force: every planted signal of demo-scenario.md is found; without them, nothing.

The demo is generated for March 2014 to May 2016 (27 months: the findings need 24 months of
history) with its seven peer forces, loaded through the real ingest into DuckDB, and the
findings for May 2016 are checked against the six signals of the meeting notes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assurance.config import Settings
from assurance.demo import generate
from assurance.findings import FindingsReport, findings_report
from assurance.ingest.run import ingest

pytestmark = pytest.mark.slow

START, END = "2014-03", "2016-05"
SATISFACTION = (
    "satisfaction.ease_of_contact",
    "satisfaction.actions_taken",
    "satisfaction.kept_informed",
    "satisfaction.treatment",
    "satisfaction.whole_experience",
)


def _warehouse(root: Path, signals: bool, seed: int) -> Settings:
    delivery = root / "delivery"
    generate(delivery, seed=seed, start=START, end=END, peers=True, signals=signals)
    settings = Settings(data_dir=root / "data", threads=2)
    ingest(settings, [delivery])
    return settings


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> FindingsReport:
    settings = _warehouse(tmp_path_factory.mktemp("planted"), signals=True, seed=2016)
    return findings_report(settings, END)


@pytest.fixture(scope="module")
def null(tmp_path_factory: pytest.TempPathFactory) -> FindingsReport:
    settings = _warehouse(tmp_path_factory.mktemp("null"), signals=False, seed=2016)
    return findings_report(settings, END)


def has(report: FindingsReport, kind: str, measure: str | tuple[str, ...], **scope: str) -> bool:
    measures = (measure,) if isinstance(measure, str) else measure
    for f in report:
        if f.kind != kind or f.measure not in measures:
            continue
        if all(getattr(f.scope, k, None) == v or (k == "breakdown" and f.scope.breakdown
               and f.scope.breakdown[1] == v) for k, v in scope.items()):  # fmt: skip
            return True
    return False


def test_the_demo_force_is_chosen(planted: FindingsReport) -> None:
    assert planted.force == "west-mercia" and planted.month == END


def test_1_satisfaction_below_aspiration_and_follow_up_weakest(planted: FindingsReport) -> None:
    assert has(planted, "below-target", "satisfaction.whole_experience", area=None)
    assert has(planted, "weakest-stage", "satisfaction.kept_informed")


def test_2_area_funnel(planted: FindingsReport) -> None:
    for area in ("telford-wrekin", "herefordshire"):
        assert has(planted, "outlier-low", SATISFACTION, area=area), area
    assert has(planted, "outlier-high", SATISFACTION, area="south-worcestershire")
    assert not has(planted, "outlier-high", SATISFACTION, area="telford-wrekin")


def test_3_emergency_attendance_rising_and_slower_at_changeover(planted: FindingsReport) -> None:
    assert has(planted, "special-cause-concern", "response.emergency.mean_minutes", area=None)
    assert has(
        planted, "breakdown-above", "response.emergency.mean_minutes", breakdown="changeover"
    )


def test_4_community_resolutions_rising_and_not_all_audited(planted: FindingsReport) -> None:
    rising = [
        f
        for f in planted
        if f.kind == "special-cause-neutral" and f.measure == "disposals.community_resolutions"
    ]
    assert rising and "rise" in rising[0].text
    assert has(planted, "compliance-breach", "disposals.audit_coverage")


def test_5_outcomes_above_peers_and_domestic_burglary_concern(planted: FindingsReport) -> None:
    assert has(planted, "peer-above", ("outcomes.positive_rate", "outcomes.charge_rate"))
    assert has(
        planted,
        "special-cause-concern",
        ("outcomes.positive_rate", "outcomes.charge_rate"),
        offence_group="burglary-domestic",
    )


def test_6_crime_data_integrity(planted: FindingsReport) -> None:
    assert has(planted, "below-target", "integrity.recording_accuracy", area=None)
    low_groups = (
        "violence-with-injury",
        "violence-without-injury",
        "rape",
        "other-sexual-offences",
    )
    assert any(
        has(planted, "breakdown-below", "integrity.recording_accuracy", offence_group=g)
        for g in low_groups
    )
    assert has(planted, "compliance-breach", "integrity.sso_cancel_authority")
    recent_fall = [
        f
        for f in planted
        if f.kind == "special-cause-concern"
        and f.measure
        in (
            "integrity.recorded_within_24h",
            "integrity.timeliness_24h",
            "integrity.classification_accuracy",
        )
    ]
    assert recent_fall


def test_findings_are_well_formed(planted: FindingsReport) -> None:
    for f in planted:
        data = f.to_json()
        assert data["text"].endswith(".") and data["severity"] in ("high", "medium", "low")
        if f.p_value is not None:
            assert f.q_value is not None and f.q_value < 0.05


def test_without_signals_almost_nothing_is_found(null: FindingsReport) -> None:
    assert null.force == "west-mercia"
    assert len(null) <= 2, [(f.kind, f.measure, f.scope.label) for f in null]
    assert null.evaluation.tests > 150
