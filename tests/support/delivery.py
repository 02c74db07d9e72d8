"""A small, hand-written, valid contract delivery that tests copy and then break on purpose."""

from __future__ import annotations

import csv
from pathlib import Path

from assurance.domain.contract import BY_KIND

AREAS = [
    {
        "force": "west-mercia",
        "area_code": "herefordshire",
        "area_name": "Herefordshire",
        "population": "189000",
        "rural_share": "0.6",
    },
    {
        "force": "west-mercia",
        "area_code": "telford-wrekin",
        "area_name": "Telford and Wrekin",
        "population": "170000",
        "rural_share": "0.2",
    },
]

PLAN = [
    {
        "force": "west-mercia",
        "measure": "satisfaction.whole_experience",
        "target": "0.90",
        "from_month": "2015-04",
    },
]

PEERS = [{"force": "west-mercia", "peer_force": "northshire"}]

CRIMES = [
    {
        "force": "west-mercia",
        "area_code": "herefordshire",
        "crime_ref": "22/000001/16",
        "incident_ref": "INC-1",
        "reported_at": "2016-05-01T10:00:00",
        "recorded_at": "2016-05-01T12:00:00",
        "offence_group": "burglary-domestic",
        "ho_offence_code": "28E",
        "domestic_abuse": "false",
        "hate_crime": "no",
        "victim_ref": "V0001",
        "victim_enhanced": "",
        "officer_ref": "OFF-1",
        "status": "recorded",
        "cancelled_at": "",
        "cancel_reason": "",
        "cancel_authority": "",
    },
    {
        "force": "west-mercia",
        "area_code": "telford-wrekin",
        "crime_ref": "22/000002/16",
        "incident_ref": "INC-2",
        "reported_at": "2016-05-02T23:30:00",
        "recorded_at": "2016-05-03T09:00:00+01:00",
        "offence_group": "rape",
        "ho_offence_code": "",
        "domestic_abuse": "TRUE",
        "hate_crime": "",
        "victim_ref": "V0002",
        "victim_enhanced": "1",
        "officer_ref": "",
        "status": "cancelled",
        "cancelled_at": "2016-05-10T09:00:00Z",
        "cancel_reason": "c2-additional-verifiable-information",
        "cancel_authority": "dcc",
    },
    {
        "force": "west-mercia",
        "area_code": "telford-wrekin",
        "crime_ref": "22/000003/16",
        "incident_ref": "",
        "reported_at": "2016-03-27T00:30:00",
        "recorded_at": "2016-03-27T02:30:00",
        "offence_group": "shoplifting",
        "ho_offence_code": "46",
        "domestic_abuse": "",
        "hate_crime": "",
        "victim_ref": "",
        "victim_enhanced": "",
        "officer_ref": "",
        "status": "recorded",
        "cancelled_at": "",
        "cancel_reason": "",
        "cancel_authority": "",
    },
]

INCIDENTS = [
    {
        "force": "west-mercia",
        "area_code": "herefordshire",
        "incident_ref": "INC-1",
        "opened_at": "2016-05-01T09:50:00",
        "grade": "emergency",
        "opening_category": "crime",
        "setting": "rural",
        "dispatched_at": "2016-05-01T09:52:00",
        "arrived_at": "2016-05-01T10:05:30",
        "closed_at": "2016-05-01T11:00:00",
        "crime_ref": "22/000001/16",
    },
    {
        "force": "west-mercia",
        "area_code": "telford-wrekin",
        "incident_ref": "INC-2",
        "opened_at": "2016-05-02T23:20:00",
        "grade": "priority",
        "opening_category": "crime",
        "setting": "urban",
        "dispatched_at": "",
        "arrived_at": "",
        "closed_at": "",
        "crime_ref": "22/000002/16",
    },
    {
        "force": "west-mercia",
        "area_code": "telford-wrekin",
        "incident_ref": "INC-3",
        "opened_at": "2016-10-30T01:30:00",
        "grade": "no-deployment",
        "opening_category": "admin",
        "setting": "urban",
        "dispatched_at": "",
        "arrived_at": "",
        "closed_at": "",
        "crime_ref": "",
    },
]

OUTCOMES = [
    {
        "force": "west-mercia",
        "crime_ref": "22/000001/16",
        "outcome_code": "1A",
        "outcome_at": "2016-05-20",
    },
    {
        "force": "west-mercia",
        "crime_ref": "22/000003/16",
        "outcome_code": "18",
        "outcome_at": "2016-04-02",
    },
]

SURVEY_RESPONSES = [
    {
        "force": "west-mercia",
        "area_code": "herefordshire",
        "response_ref": "S-1",
        "crime_ref": "22/000001/16",
        "interviewed_on": "2016-06-20",
        "survey_group": "burglary",
        "ease_of_contact": "1",
        "actions_taken": "2",
        "kept_informed": "5",
        "treatment": "1",
        "whole_experience": "3",
    },
    {
        "force": "west-mercia",
        "area_code": "telford-wrekin",
        "response_ref": "S-2",
        "crime_ref": "",
        "interviewed_on": "2016-06-21",
        "survey_group": "violent-crime",
        "ease_of_contact": "",
        "actions_taken": "4",
        "kept_informed": "7",
        "treatment": "2",
        "whole_experience": "6",
    },
]

AUDITS = [
    {
        "force": "west-mercia",
        "audit_ref": "A-1",
        "incident_ref": "INC-1",
        "audited_on": "2016-05-25",
        "crime_required": "true",
        "crime_recorded": "true",
        "classified_correctly": "true",
        "recorded_within_24h": "false",
        "offence_group": "burglary-domestic",
    },
    {
        "force": "west-mercia",
        "audit_ref": "A-2",
        "incident_ref": "INC-3",
        "audited_on": "2016-11-02",
        "crime_required": "false",
        "crime_recorded": "false",
        "classified_correctly": "",
        "recorded_within_24h": "",
        "offence_group": "",
    },
]

DISPOSALS = [
    {
        "force": "west-mercia",
        "disposal_ref": "D-1",
        "crime_ref": "22/000003/16",
        "disposal_type": "community-resolution",
        "issued_on": "2016-04-02",
        "officer_ref": "OFF-2",
        "audited_on": "2016-04-10",
        "audit_result": "appropriate",
        "panel_reviewed_on": "",
        "panel_result": "",
    },
]

ROWS = {
    "areas": AREAS,
    "plan": PLAN,
    "peers": PEERS,
    "crimes": CRIMES,
    "incidents": INCIDENTS,
    "outcomes": OUTCOMES,
    "survey_responses": SURVEY_RESPONSES,
    "audits": AUDITS,
    "disposals": DISPOSALS,
}


def write_file(folder: Path, kind: str, rows: list[dict[str, str]]) -> Path:
    """Write one contract file with the contract's columns, in the contract's order."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(BY_KIND[kind].column_names))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_delivery(folder: Path, kinds: list[str] | None = None) -> Path:
    """Write the valid delivery (or some of its files) into ``folder``."""
    for kind in kinds or list(ROWS):
        write_file(folder, kind, [dict(r) for r in ROWS[kind]])
    return folder
