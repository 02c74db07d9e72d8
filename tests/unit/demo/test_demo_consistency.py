"""The consistency rules the loader's validator enforces, checked with DuckDB on the CSVs.

Each query counts the rows that break a rule; every count must be zero, in the delivery with
planted signals and in the null delivery alike.
"""

from __future__ import annotations

import pytest
from demo_helpers import Query

RULES = {
    "duplicate incident keys": (
        "SELECT count(*) - count(DISTINCT (force, incident_ref)) FROM incidents"
    ),
    "duplicate crime keys": "SELECT count(*) - count(DISTINCT (force, crime_ref)) FROM crimes",
    "duplicate outcome keys": "SELECT count(*) - count(DISTINCT (force, crime_ref)) FROM outcomes",
    "duplicate response keys": (
        "SELECT count(*) - count(DISTINCT (force, response_ref)) FROM survey_responses"
    ),
    "duplicate audit keys": "SELECT count(*) - count(DISTINCT (force, audit_ref)) FROM audits",
    "duplicate disposal keys": (
        "SELECT count(*) - count(DISTINCT (force, disposal_ref)) FROM disposals"
    ),
    "duplicate area keys": "SELECT count(*) - count(DISTINCT (force, area_code)) FROM areas",
    "duplicate plan keys": "SELECT count(*) - count(DISTINCT (force, measure)) FROM plan",
    "dispatched before opened": "SELECT count(*) FROM incidents WHERE dispatched_at < opened_at",
    "arrived before opened": "SELECT count(*) FROM incidents WHERE arrived_at < opened_at",
    "arrived before dispatched": "SELECT count(*) FROM incidents WHERE arrived_at < dispatched_at",
    "closed before opened": "SELECT count(*) FROM incidents WHERE closed_at < opened_at",
    "closed before arrived": "SELECT count(*) FROM incidents WHERE closed_at < arrived_at",
    "recorded before reported": "SELECT count(*) FROM crimes WHERE recorded_at < reported_at",
    "cancelled_at iff not recorded": (
        "SELECT count(*) FROM crimes WHERE (cancelled_at IS NULL) <> (status = 'recorded')"
    ),
    "cancelled before recorded": "SELECT count(*) FROM crimes WHERE cancelled_at < recorded_at",
    "reason and authority iff cancelled": (
        "SELECT count(*) FROM crimes WHERE (cancel_reason IS NULL) <> (status <> 'cancelled') "
        "OR (cancel_authority IS NULL) <> (status <> 'cancelled')"
    ),
    "outcome before recording date": (
        "SELECT count(*) FROM outcomes o JOIN crimes c USING (force, crime_ref) "
        "WHERE o.outcome_at < substr(c.recorded_at, 1, 10)"
    ),
    "outcome for a missing crime": (
        "SELECT count(*) FROM outcomes o ANTI JOIN crimes c USING (force, crime_ref)"
    ),
    "outcome for a cancelled or transferred crime": (
        "SELECT count(*) FROM outcomes o JOIN crimes c USING (force, crime_ref) "
        "WHERE c.status <> 'recorded'"
    ),
    "disposal for a missing crime": (
        "SELECT count(*) FROM disposals d ANTI JOIN crimes c USING (force, crime_ref)"
    ),
    "incident names a missing crime": (
        "SELECT count(*) FROM incidents i WHERE crime_ref IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM crimes c WHERE c.force = i.force AND c.crime_ref = i.crime_ref)"
    ),
    "crime names a missing incident": (
        "SELECT count(*) FROM crimes c WHERE incident_ref IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM incidents i WHERE i.force = c.force AND i.incident_ref = c.incident_ref)"
    ),
    "incident and crime links disagree": (
        "SELECT count(*) FROM crimes c JOIN incidents i "
        "ON i.force = c.force AND i.incident_ref = c.incident_ref "
        "WHERE i.crime_ref IS DISTINCT FROM c.crime_ref"
    ),
    "survey names a missing crime": (
        "SELECT count(*) FROM survey_responses s WHERE crime_ref IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM crimes c WHERE c.force = s.force AND c.crime_ref = s.crime_ref)"
    ),
    "audit names a missing incident": (
        "SELECT count(*) FROM audits a ANTI JOIN incidents i USING (force, incident_ref)"
    ),
    "audit dated before its incident": (
        "SELECT count(*) FROM audits a JOIN incidents i USING (force, incident_ref) "
        "WHERE a.audited_on < substr(i.opened_at, 1, 10)"
    ),
    "classification or timeliness without a recorded crime": (
        "SELECT count(*) FROM audits WHERE crime_recorded <> 'true' "
        "AND (classified_correctly IS NOT NULL OR recorded_within_24h IS NOT NULL)"
    ),
    "recorded audit without classification or timeliness": (
        "SELECT count(*) FROM audits WHERE crime_recorded = 'true' "
        "AND (classified_correctly IS NULL OR recorded_within_24h IS NULL)"
    ),
    "audit result without audit date": (
        "SELECT count(*) FROM disposals WHERE (audit_result IS NULL) <> (audited_on IS NULL)"
    ),
    "panel result without panel date": (
        "SELECT count(*) FROM disposals WHERE (panel_result IS NULL) <> (panel_reviewed_on IS NULL)"
    ),
    "disposal reviewed before issued": (
        "SELECT count(*) FROM disposals "
        "WHERE audited_on < issued_on OR panel_reviewed_on < issued_on"
    ),
    "rating outside 1-7": (
        "SELECT count(*) FROM survey_responses, "
        "unnest([ease_of_contact, actions_taken, kept_informed, treatment, whole_experience]) "
        "AS r(rating) WHERE rating IS NOT NULL AND rating NOT IN ('1','2','3','4','5','6','7')"
    ),
    "incident area not in areas": (
        "SELECT count(*) FROM incidents i ANTI JOIN areas a USING (force, area_code)"
    ),
    "crime area not in areas": (
        "SELECT count(*) FROM crimes c ANTI JOIN areas a USING (force, area_code)"
    ),
    "survey area not in areas": (
        "SELECT count(*) FROM survey_responses s ANTI JOIN areas a USING (force, area_code)"
    ),
    "rural share outside 0-1 or population not positive": (
        "SELECT count(*) FROM areas WHERE rural_share::DOUBLE NOT BETWEEN 0 AND 1 "
        "OR population::BIGINT <= 0"
    ),
    "community resolution without a disposal": (
        "SELECT count(*) FROM outcomes o WHERE outcome_code = '8' AND NOT EXISTS "
        "(SELECT 1 FROM disposals d WHERE d.force = o.force AND d.crime_ref = o.crime_ref "
        "AND d.disposal_type = 'community-resolution')"
    ),
    "disposal type disagrees with the outcome": (
        "SELECT count(*) FROM disposals d JOIN outcomes o USING (force, crime_ref) WHERE NOT ("
        "(disposal_type = 'community-resolution' AND outcome_code = '8') OR "
        "(disposal_type = 'youth-caution' AND outcome_code = '2') OR "
        "(disposal_type IN ('adult-caution', 'conditional-caution') AND outcome_code = '3') OR "
        "(disposal_type = 'penalty-notice' AND outcome_code = '6') OR "
        "(disposal_type = 'cannabis-khat-warning' AND outcome_code = '7'))"
    ),
    "event after the extract": (
        "SELECT count(*) FROM incidents WHERE greatest(opened_at, dispatched_at, arrived_at, "
        "closed_at) >= '2016-06-01'"
    ),
    "date after the extract": (
        "SELECT (SELECT count(*) FROM outcomes WHERE outcome_at > '2016-05-31') + "
        "(SELECT count(*) FROM disposals WHERE greatest(issued_on, audited_on, "
        "panel_reviewed_on) > '2016-05-31') + "
        "(SELECT count(*) FROM survey_responses WHERE interviewed_on > '2016-05-31')"
    ),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_holds(any_q: Query, rule: str) -> None:
    assert any_q(RULES[rule]) == [(0,)], rule


def test_optional_fields_are_exercised(sq: Query) -> None:
    """Each optional column has both filled and empty values, so loaders meet both."""
    checks = {
        "incidents": ("dispatched_at", "arrived_at", "closed_at", "crime_ref"),
        "crimes": ("incident_ref", "victim_ref", "victim_enhanced", "cancelled_at"),
        "survey_responses": ("crime_ref", "kept_informed"),
        "audits": ("classified_correctly", "offence_group"),
        "disposals": ("audited_on", "panel_reviewed_on"),
    }
    for table, columns in checks.items():
        for column in columns:
            ((filled, empty),) = sq(
                f"SELECT count({column}), count(*) - count({column}) FROM {table}"
            )
            assert filled > 0 and empty > 0, (table, column)
    statuses = {s for (s,) in sq("SELECT DISTINCT status FROM crimes")}
    assert statuses == {"recorded", "cancelled", "transferred"}
