"""The planted May 2016 signals show through simple independent counts, and only when on.

`sq` queries the delivery with signals (2014-01..2016-05), `nq` the same force without.
"""

from __future__ import annotations

from pathlib import Path

from demo_helpers import Query, connect, query_of

from assurance.demo import Signals, generate

LAST_12 = "interviewed_on >= '2015-06-01'"
LAST_24 = "interviewed_on >= '2014-06-01'"
STAGES = ("ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience")
POSITIVE = "outcome_code IN ('1', '1A', '2', '3', '4', '5', '6', '7', '8')"
EMERGENCY_MINUTES = "epoch(arrived_at::TIMESTAMP - opened_at::TIMESTAMP) / 60"
SHIFT = "substr(opened_at, 12, 2) IN ('07', '15', '22')"


def _one(q: Query, sql: str) -> float:
    ((value,),) = q(sql)
    return float(value)


def _satisfied(q: Query, stage: str, where: str) -> float:
    return _one(
        q,
        f"SELECT avg(({stage}::INT <= 3)::INT) FROM survey_responses "
        f"WHERE {stage} IS NOT NULL AND {where}",
    )


def _area_satisfaction(q: Query, where: str) -> dict[str, float]:
    return dict(
        q(
            "SELECT area_code, avg((whole_experience::INT <= 3)::INT) FROM survey_responses "
            f"WHERE whole_experience IS NOT NULL AND {where} GROUP BY 1"
        )
    )


# 1. Satisfaction -------------------------------------------------------------------------


def test_whole_experience_is_mid_80s_and_kept_informed_weakest(sq: Query) -> None:
    stages = {s: _satisfied(sq, s, LAST_12) for s in STAGES}
    assert abs(stages["whole_experience"] - 0.85) <= 0.02
    assert min(stages, key=stages.__getitem__) == "kept_informed"
    assert 0.73 <= stages["kept_informed"] <= 0.81
    assert stages["ease_of_contact"] >= 0.90
    assert stages["actions_taken"] >= 0.89


def test_null_satisfaction_sits_on_the_target_with_no_weak_stage(nq: Query) -> None:
    stages = {s: _satisfied(nq, s, LAST_12) for s in STAGES}
    assert all(abs(v - 0.90) <= 0.02 for v in stages.values()), stages


# 2. Areas --------------------------------------------------------------------------------


def test_telford_and_herefordshire_lowest_south_worcestershire_highest(sq: Query) -> None:
    force = _satisfied(sq, "whole_experience", LAST_24)
    areas = _area_satisfaction(sq, LAST_24)
    ranked = sorted(areas, key=areas.__getitem__)
    assert set(ranked[:2]) == {"telford-wrekin", "herefordshire"}
    assert ranked[-1] == "south-worcestershire"
    assert areas["telford-wrekin"] <= force - 0.04
    assert areas["herefordshire"] <= force - 0.03
    assert areas["south-worcestershire"] >= force + 0.03


def test_null_areas_do_not_differ(nq: Query) -> None:
    areas = _area_satisfaction(nq, LAST_24)
    assert max(areas.values()) - min(areas.values()) < 0.05, areas


# 3. Emergency response -------------------------------------------------------------------


def _emergency_mean(q: Query, where: str) -> float:
    return _one(
        q,
        f"SELECT avg({EMERGENCY_MINUTES}) FROM incidents "
        f"WHERE grade = 'emergency' AND arrived_at IS NOT NULL AND {where}",
    )


def test_emergency_attendance_rises_from_8_to_over_10_minutes(sq: Query) -> None:
    before = _emergency_mean(sq, "opened_at < '2014-06'")
    last3 = _emergency_mean(sq, "opened_at >= '2016-03'")
    assert before < 8.5
    assert last3 > 9.5
    assert 9.8 <= _emergency_mean(sq, "opened_at >= '2016-05'") <= 10.8


def test_shift_changeover_incidents_are_slower(sq: Query) -> None:
    shift = _emergency_mean(sq, SHIFT)
    other = _emergency_mean(sq, f"NOT ({SHIFT})")
    assert 1.8 <= shift - other <= 3.2


def test_null_emergency_attendance_is_flat_and_on_target(nq: Query) -> None:
    before = _emergency_mean(nq, "opened_at < '2014-06'")
    last3 = _emergency_mean(nq, "opened_at >= '2016-03'")
    assert abs(last3 - before) < 0.3
    assert 7.5 < before < 8.5
    assert abs(_emergency_mean(nq, SHIFT) - _emergency_mean(nq, f"NOT ({SHIFT})")) < 0.3
    within = _one(
        nq,
        "SELECT avg(CASE WHEN arrived_at IS NOT NULL AND "
        f"{EMERGENCY_MINUTES} <= CASE setting WHEN 'rural' THEN 20 ELSE 15 END "
        "THEN 1 ELSE 0 END) FROM incidents WHERE grade = 'emergency' AND opened_at >= '2015-06'",
    )
    assert abs(within - 0.90) < 0.006


# 4. Community resolutions ----------------------------------------------------------------


def _community_resolutions(q: Query, lo: str, hi: str) -> float:
    return _one(
        q,
        "SELECT count(*) FROM disposals WHERE disposal_type = 'community-resolution' "
        f"AND issued_on >= '{lo}' AND issued_on < '{hi}'",
    )


def test_community_resolutions_increase(sq: Query, nq: Query) -> None:
    previous = _community_resolutions(sq, "2014-06", "2015-06")
    latest = _community_resolutions(sq, "2015-06", "2016-06")
    assert latest > 1.12 * previous
    # about +60% over the two years: the last 5 months against the 5 before the rise
    assert _community_resolutions(sq, "2016-01", "2016-06") > 1.35 * _community_resolutions(
        sq, "2014-01", "2014-06"
    )
    null_ratio = _community_resolutions(nq, "2015-06", "2016-06") / _community_resolutions(
        nq, "2014-06", "2015-06"
    )
    assert 0.9 < null_ratio < 1.1


def test_a_few_recent_community_resolutions_were_not_audited(sq: Query, nq: Query) -> None:
    unaudited = dict(
        sq(
            "SELECT substr(issued_on, 1, 7), count(*) FROM disposals "
            "WHERE disposal_type = 'community-resolution' AND audited_on IS NULL GROUP BY 1"
        )
    )
    assert set(unaudited) == {"2016-03", "2016-04", "2016-05"}
    assert all(3 <= n <= 8 for n in unaudited.values())
    assert nq(
        "SELECT count(*) FROM disposals "
        "WHERE disposal_type = 'community-resolution' AND audited_on IS NULL"
    ) == [(0,)]


# 5. Outcomes -----------------------------------------------------------------------------


def _burglary_positive_by_month(q: Query) -> list[float]:
    rows = q(
        f"SELECT substr(outcome_at, 1, 7) m, avg(({POSITIVE})::INT) FROM outcomes "
        "JOIN crimes USING (force, crime_ref) WHERE offence_group = 'burglary-domestic' "
        "AND outcome_at >= '2014-03' GROUP BY 1 ORDER BY 1"
    )
    return [float(v) for (_, v) in rows]


def test_domestic_burglary_positive_outcomes_fall_in_the_last_8_months(sq: Query) -> None:
    series = _burglary_positive_by_month(sq)
    mean = sum(series) / len(series)
    last8, before = series[-8:], series[:-8]
    assert sum(v < mean for v in last8) >= 7  # an SPC shift: a run below the mean
    assert sum(last8) / 8 < 0.75 * sum(before) / len(before)


def test_null_domestic_burglary_positive_outcomes_are_stable(nq: Query) -> None:
    series = _burglary_positive_by_month(nq)
    last8, before = series[-8:], series[:-8]
    ratio = (sum(last8) / 8) / (sum(before) / len(before))
    assert 0.85 < ratio < 1.15


def test_positive_outcome_share_is_raised_only_with_signals(sq: Query, nq: Query) -> None:
    where = "outcome_at >= '2015-06'"
    planted = _one(sq, f"SELECT avg(({POSITIVE})::INT) FROM outcomes WHERE {where}")
    null = _one(nq, f"SELECT avg(({POSITIVE})::INT) FROM outcomes WHERE {where}")
    assert 0.02 < planted - null < 0.04


# 6. Crime data integrity -----------------------------------------------------------------

LOW_GROUPS = "('violence-with-injury', 'violence-without-injury', 'rape', 'other-sexual-offences')"


def _accuracy(q: Query, where: str = "true") -> float:
    return _one(
        q,
        "SELECT avg((crime_recorded = 'true')::INT) FROM audits "
        f"WHERE crime_required = 'true' AND {where}",
    )


def test_recording_accuracy_about_90_lower_for_violence_and_sexual(sq: Query) -> None:
    assert 0.86 <= _accuracy(sq) <= 0.92
    assert 0.76 <= _accuracy(sq, f"offence_group IN {LOW_GROUPS}") <= 0.87
    assert _accuracy(sq, f"offence_group NOT IN {LOW_GROUPS}") >= 0.92


def test_null_recording_accuracy_is_on_target_everywhere(nq: Query) -> None:
    assert 0.93 <= _accuracy(nq) <= 0.97
    assert _accuracy(nq, f"offence_group IN {LOW_GROUPS}") >= 0.92


def test_a_few_serious_sexual_offences_cancelled_without_dcc(sq: Query, nq: Query) -> None:
    query = (
        "SELECT substr(cancelled_at, 1, 7), cancel_authority FROM crimes "
        "WHERE status = 'cancelled' AND offence_group IN ('rape', 'other-sexual-offences') "
        "AND cancel_authority <> 'dcc'"
    )
    rows = sq(query)
    assert 2 <= len(rows) <= 4
    assert all(month >= "2016-03" for month, _ in rows)
    assert nq(query) == []
    total = _one(
        sq,
        "SELECT count(*) FROM crimes WHERE status = 'cancelled' "
        "AND offence_group IN ('rape', 'other-sexual-offences')",
    )
    assert total > 50  # a handful a month, nearly all with DCC authority


COMPLIANCE_GROUPS = "('violence-with-injury', 'violence-without-injury', 'public-order')"


def _compliance(q: Query, column: str, where: str) -> float:
    return _one(
        q,
        f"SELECT avg(({column} = 'true')::INT) FROM audits WHERE crime_recorded = 'true' "
        f"AND offence_group IN {COMPLIANCE_GROUPS} AND {where}",
    )


def test_compliance_falls_for_some_groups_in_the_last_4_months(sq: Query, nq: Query) -> None:
    recent, earlier = "audited_on >= '2016-02'", "audited_on BETWEEN '2015-02' AND '2016-01-31'"
    for column, floor in (("recorded_within_24h", 0.12), ("classified_correctly", 0.08)):
        drop = _compliance(sq, column, earlier) - _compliance(sq, column, recent)
        null_drop = _compliance(nq, column, earlier) - _compliance(nq, column, recent)
        assert drop > floor, column
        assert abs(null_drop) < 0.07, column
    others = (
        "SELECT avg((recorded_within_24h = 'true')::INT) FROM audits WHERE crime_recorded = "
        f"'true' AND offence_group NOT IN {COMPLIANCE_GROUPS} AND audited_on >= '2016-02'"
    )
    assert _one(sq, others) > 0.88


def test_audited_timeliness_matches_the_crime_records(sq: Query) -> None:
    mismatched = sq(
        "SELECT count(*) FROM audits a JOIN incidents i USING (force, incident_ref) "
        "JOIN crimes c ON c.force = i.force AND c.crime_ref = i.crime_ref "
        "WHERE a.crime_recorded = 'true' AND (a.recorded_within_24h = 'true') <> "
        "(c.recorded_at::TIMESTAMP - c.reported_at::TIMESTAMP <= INTERVAL 24 HOUR)"
    )
    assert mismatched == [(0,)]


def test_signal_sizes_can_be_changed(tmp_path: Path) -> None:
    sizes = Signals(sso_without_dcc=0, unaudited_community_resolutions=(0, 8))
    summary = generate(tmp_path, start="2016-03", end="2016-05", signals=sizes)
    q = query_of(connect(summary.out))
    assert q(
        "SELECT substr(issued_on, 1, 7), count(*) FROM disposals "
        "WHERE disposal_type = 'community-resolution' AND audited_on IS NULL GROUP BY 1"
    ) == [("2016-05", 8)]
    assert q(
        "SELECT count(*) FROM crimes WHERE status = 'cancelled' "
        "AND offence_group IN ('rape', 'other-sexual-offences') AND cancel_authority <> 'dcc'"
    ) == [(0,)]
