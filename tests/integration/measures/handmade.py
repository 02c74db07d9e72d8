"""A small, seeded, hand-made delivery for measure tests, written as contract CSV rows.

Two years (June 2014 to May 2016) of a force with two areas and one peer force, a few dozen
rows a month per file, with deliberate edge cases: local times just after midnight on the
first of a month in summer time (their UTC time is in the previous month), times on either
side of a shift-changeover boundary, the repeated autumn hour, and missing values.

The rows are kept as written (London local times, text values) so that the tests can compute
every measure from them independently, in plain Python (see ``reference.py``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.delivery import write_file

FORCE = "west-mercia"
PEER = "northshire"
AREAS = {
    FORCE: [
        ("herefordshire", "Herefordshire", 189000, 0.6),
        ("telford-wrekin", "Telford", 170000, 0.2),
    ],
    PEER: [("northshire-north", "Northshire North", 500000, 0.3)],
}
FIRST = (2014, 6)
LAST = (2016, 5)
GROUPS = (
    "violence-with-injury", "rape", "other-sexual-offences", "burglary-domestic",
    "shoplifting", "public-order",
)  # fmt: skip
OUTCOME_CODES = ("1", "1A", "2", "3", "8", "9", "14", "15", "16", "18", "21")
Row = dict[str, str]
LONDON = ZoneInfo("Europe/London")


def months() -> list[tuple[int, int]]:
    out, (y, m) = [], FIRST
    while (y, m) <= LAST:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def stamp(t: datetime) -> str:
    """A local time as written in a delivery, moved out of the skipped spring hour."""
    round_trip = t.replace(tzinfo=LONDON).astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
    if round_trip != t:
        t += timedelta(hours=1)
    return t.strftime("%Y-%m-%dT%H:%M:%S")


def _local_time(rng: random.Random, y: int, m: int) -> datetime:
    """A random local time in a month (``stamp`` moves it out of the skipped hour)."""
    days = (date(y + (m == 12), m % 12 + 1, 1) - date(y, m, 1)).days
    t = datetime(
        y, m, rng.randint(1, days), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    )
    return t


@dataclass
class Delivery:
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, kind: str, row: Row) -> None:
        self.rows.setdefault(kind, []).append(row)

    def write(self, folder: Path) -> Path:
        for kind, rows in self.rows.items():
            write_file(folder, kind, rows)
        return folder


def build(seed: int = 7) -> Delivery:
    rng = random.Random(seed)
    d = Delivery()
    for force, areas in AREAS.items():
        for code, name, population, rural in areas:
            d.add("areas", {"force": force, "area_code": code, "area_name": name,
                            "population": str(population), "rural_share": str(rural)})  # fmt: skip
    d.add("plan", {"force": FORCE, "measure": "satisfaction.whole_experience", "target": "0.80",
                   "from_month": "2015-04"})  # fmt: skip
    d.add("plan", {"force": FORCE, "measure": "response.emergency.within_target",
                   "target": "0.70", "from_month": "2016-01"})  # fmt: skip
    d.add(
        "plan",
        {
            "force": FORCE,
            "measure": "integrity.recording_accuracy",
            "target": "0.90",
            "from_month": "2016-06",
        },
    )  # fmt: skip (starts after the report month)
    d.add("peers", {"force": FORCE, "peer_force": PEER})
    d.add("peers", {"force": PEER, "peer_force": FORCE})
    for force, areas in AREAS.items():
        number = 22 if force == FORCE else 61
        _force_rows(d, rng, force, number, [a[0] for a in areas])
    _edge_cases(d)
    return d


def _force_rows(d: Delivery, rng: random.Random, force: str, number: int, areas: list[str]) -> None:
    seq = 0
    for y, m in months():
        for _ in range(rng.randint(10, 16)):
            seq += 1
            area = rng.choice(areas)
            reported = _local_time(rng, y, m)
            recorded = reported + timedelta(hours=rng.choice([1, 3, 20, 30, 50]))
            group = rng.choice(GROUPS)
            status = rng.choices(["recorded", "cancelled", "transferred"], [8, 2, 1])[0]
            crime_ref = f"{number}/{seq:06d}/{y % 100}"
            cancelled = (
                recorded + timedelta(days=rng.randint(1, 40)) if status != "recorded" else None
            )
            authority = rng.choice(["dcc", "dcc", "inspector"]) if status == "cancelled" else ""
            d.add("crimes", {
                "force": force, "area_code": area, "crime_ref": crime_ref,
                "incident_ref": f"I-{crime_ref}", "reported_at": stamp(reported),
                "recorded_at": stamp(recorded), "offence_group": group, "ho_offence_code": "",
                "domestic_abuse": "", "hate_crime": "", "victim_ref": "", "victim_enhanced": "",
                "officer_ref": "", "status": status,
                "cancelled_at": stamp(cancelled) if cancelled else "",
                "cancel_reason": "c4-recorded-in-error" if status == "cancelled" else "",
                "cancel_authority": authority,
            })  # fmt: skip
            grade = rng.choice(["emergency", "emergency", "priority", "scheduled"])
            opened = reported - timedelta(minutes=rng.randint(0, 3))
            arrived = (
                opened + timedelta(seconds=rng.randint(120, 2400)) if rng.random() < 0.85 else None
            )
            d.add("incidents", {
                "force": force, "area_code": area, "incident_ref": f"I-{crime_ref}",
                "opened_at": stamp(opened), "grade": grade, "opening_category": "crime",
                "setting": rng.choice(["urban", "rural"]), "dispatched_at": "",
                "arrived_at": stamp(arrived) if arrived else "", "closed_at": "",
                "crime_ref": crime_ref if rng.random() < 0.8 else "",
            })  # fmt: skip
            if status == "recorded" and rng.random() < 0.75:
                code = rng.choice(OUTCOME_CODES)
                on = (recorded + timedelta(days=rng.randint(0, 50))).date()
                d.add("outcomes", {"force": force, "crime_ref": crime_ref, "outcome_code": code,
                                   "outcome_at": on.isoformat()})  # fmt: skip
                if code in ("2", "3", "8"):
                    kind = "community-resolution" if code == "8" else "adult-caution"
                    audited = rng.random() < 0.8
                    result = rng.choice(["appropriate", "inappropriate"]) if audited else ""
                    d.add("disposals", {
                        "force": force, "disposal_ref": f"D-{crime_ref}", "crime_ref": crime_ref,
                        "disposal_type": kind, "issued_on": on.isoformat(), "officer_ref": "",
                        "audited_on": (on + timedelta(days=5)).isoformat() if audited else "",
                        "audit_result": result,
                        "panel_reviewed_on": "", "panel_result": "",
                    })  # fmt: skip
            if rng.random() < 0.5:
                required = rng.random() < 0.8
                rec = required and rng.random() < 0.85
                days = rng.randint(0, 20)
                d.add("audits", {
                    "force": force, "audit_ref": f"A-{crime_ref}", "incident_ref": f"I-{crime_ref}",
                    "audited_on": (recorded + timedelta(days=days)).date().isoformat(),
                    "crime_required": str(required).lower(), "crime_recorded": str(rec).lower(),
                    "classified_correctly": rng.choice(["true", "false", ""]) if rec else "",
                    "recorded_within_24h": rng.choice(["true", "false", ""]) if rec else "",
                    "offence_group": group if required and rng.random() < 0.9 else "",
                })  # fmt: skip
            if status == "recorded" and rng.random() < 0.6:
                interviewed = (recorded + timedelta(days=rng.randint(30, 60))).date()
                ratings = {
                    stage: rng.choice(["1", "2", "3", "4", "5", "6", "7", ""])
                    for stage in ("ease_of_contact", "actions_taken", "kept_informed",
                                  "treatment", "whole_experience")
                }  # fmt: skip
                d.add("survey_responses", {
                    "force": force, "area_code": area, "response_ref": f"S-{crime_ref}",
                    "crime_ref": crime_ref, "interviewed_on": interviewed.isoformat(),
                    "survey_group": rng.choice(["burglary", "violent-crime", "hate-crime"]),
                    **ratings,
                })  # fmt: skip


def _edge_cases(d: Delivery) -> None:
    """Emergencies whose local month, hour or shift window differs from a naive UTC reading."""
    cases = [
        # 00:30 on 1 May in summer time: 23:30 UTC on 30 April, but a May incident
        ("E-1", "2016-05-01T00:30:00", "2016-05-01T00:41:00", "urban"),
        # 07:00 local in summer time (06:00 UTC): inside the 07:00-08:00 changeover window
        ("E-2", "2016-05-10T07:00:00", "2016-05-10T07:25:00", "rural"),
        # 06:59 local: outside it
        ("E-3", "2016-05-10T06:59:00", "2016-05-10T07:03:00", "urban"),
        # 08:00 local in winter: the window is [07:00, 08:00), so outside
        ("E-4", "2016-01-12T08:00:00", "2016-01-12T08:16:00", "urban"),
        # the repeated autumn hour (first occurrence, summer time)
        ("E-5", "2015-10-25T01:30:00", "2015-10-25T01:50:00", "urban"),
        # 00:10 on 1 June: a June incident, outside a May report
        ("E-6", "2016-06-01T00:10:00", "2016-06-01T00:20:00", "urban"),
    ]
    for ref, opened, arrived, setting in cases:
        d.add("incidents", {
            "force": FORCE, "area_code": "telford-wrekin", "incident_ref": ref,
            "opened_at": opened, "grade": "emergency", "opening_category": "public-safety",
            "setting": setting, "dispatched_at": "", "arrived_at": arrived, "closed_at": "",
            "crime_ref": "",
        })  # fmt: skip
