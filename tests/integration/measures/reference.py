"""Every measure computed by hand from the delivery's rows, in plain Python.

Independent of the code under test: local months and hours are read straight from the local
times as written in the CSV rows; elapsed times use ``zoneinfo`` directly; definitions follow
docs/measures.md. Each measure becomes a list of *records* (month, breakdown values, numerator,
denominator); a window or breakdown is a sum over the matching records.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

Row = dict[str, str]
LONDON = ZoneInfo("Europe/London")
SSO = ("rape", "other-sexual-offences")
POSITIVE = ("1", "1A", "2", "3", "4", "5", "6", "7", "8")


@dataclass(frozen=True)
class Record:
    force: str
    month: int
    dims: dict[str, str]
    num: float
    den: float


def month_of(text: str) -> int:
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON, fold=0).astimezone(UTC)


def seconds(start: str, end: str) -> float:
    return (utc(end) - utc(start)).total_seconds()


def changeover(text: str) -> str:
    t = datetime.fromisoformat(text)
    minute = t.hour * 60 + t.minute
    windows = ((420, 480), (900, 960), (1320, 1380))
    return "changeover" if any(a <= minute < b for a, b in windows) else "other"


def _incident_dims(r: Row) -> dict[str, str]:
    t = datetime.fromisoformat(r["opened_at"])
    return {
        "area": r["area_code"],
        "setting": r["setting"],
        "hour_of_day": f"{t.hour:02d}",
        "shift_change": changeover(r["opened_at"]),
    }


def _survey(stage: str) -> Callable[[dict[str, list[Row]]], list[Record]]:
    def records(rows: dict[str, list[Row]]) -> list[Record]:
        out = []
        for r in rows.get("survey_responses", []):
            if r[stage] == "":
                continue
            dims = {"area": r["area_code"], "survey_group": r["survey_group"]}
            out.append(Record(r["force"], month_of(r["interviewed_on"]), dims,
                              float(int(r[stage]) <= 3), 1.0))  # fmt: skip
        return out

    return records


def _emergency(kind: str) -> Callable[[dict[str, list[Row]]], list[Record]]:
    def records(rows: dict[str, list[Row]]) -> list[Record]:
        out = []
        for r in rows.get("incidents", []):
            grade = "priority" if kind == "priority" else "emergency"
            if r["grade"] != grade:
                continue
            arrived = r["arrived_at"]
            secs = seconds(r["opened_at"], arrived) if arrived else None
            month, dims = month_of(r["opened_at"]), _incident_dims(r)
            if kind == "mean":
                if secs is not None:
                    out.append(Record(r["force"], month, dims, secs / 60.0, 1.0))
            elif kind == "within":
                limit = 1200 if r["setting"] == "rural" else 900
                ok = secs is not None and secs <= limit
                out.append(Record(r["force"], month, dims, float(ok), 1.0))
            else:
                ok = secs is not None and secs <= 3600
                out.append(Record(r["force"], month, dims, float(ok), 1.0))
        return out

    return records


def _crime_dims(r: Row) -> dict[str, str]:
    return {"area": r["area_code"], "offence_group": r["offence_group"]}


def _volume(rows: dict[str, list[Row]]) -> list[Record]:
    return [
        Record(r["force"], month_of(r["recorded_at"]), _crime_dims(r), 1.0, 0.0)
        for r in rows["crimes"]
        if r["status"] == "recorded"
    ]


def _outcome(codes: tuple[str, ...]) -> Callable[[dict[str, list[Row]]], list[Record]]:
    def records(rows: dict[str, list[Row]]) -> list[Record]:
        crimes = {(c["force"], c["crime_ref"]): c for c in rows["crimes"]}
        out = []
        for o in rows.get("outcomes", []):
            c = crimes[(o["force"], o["crime_ref"])]
            out.append(Record(o["force"], month_of(o["outcome_at"]), _crime_dims(c),
                              float(o["outcome_code"] in codes), 1.0))  # fmt: skip
        return out

    return records


def _conversion(rows: dict[str, list[Row]]) -> list[Record]:
    return [
        Record(
            r["force"],
            month_of(r["opened_at"]),
            {"area": r["area_code"]},
            float(r["crime_ref"] != ""),
            1.0,
        )
        for r in rows["incidents"]
        if r["opening_category"] == "crime"
    ]


def _audit(num: str, den: str) -> Callable[[dict[str, list[Row]]], list[Record]]:
    def records(rows: dict[str, list[Row]]) -> list[Record]:
        incidents = {(i["force"], i["incident_ref"]): i for i in rows["incidents"]}
        out = []
        for a in rows.get("audits", []):
            if den == "required":
                if a["crime_required"] != "true":
                    continue
                ok = a["crime_recorded"] == "true"
            else:
                if a["crime_recorded"] != "true" or a[num] == "":
                    continue
                ok = a[num] == "true"
            area = incidents[(a["force"], a["incident_ref"])]["area_code"]
            dims = {"area": area, "offence_group": a["offence_group"] or "not-given"}
            out.append(Record(a["force"], month_of(a["audited_on"]), dims, float(ok), 1.0))
        return out

    return records


def _within_24h(rows: dict[str, list[Row]]) -> list[Record]:
    return [
        Record(
            r["force"],
            month_of(r["recorded_at"]),
            _crime_dims(r),
            float(seconds(r["reported_at"], r["recorded_at"]) <= 86400),
            1.0,
        )
        for r in rows["crimes"]
    ]


def _cancelled_rate(rows: dict[str, list[Row]]) -> list[Record]:
    out = [Record(r["force"], month_of(r["recorded_at"]), _crime_dims(r), 0.0, 1.0)
           for r in rows["crimes"]]  # fmt: skip
    out += [Record(r["force"], month_of(r["cancelled_at"]), _crime_dims(r), 1.0, 0.0)
            for r in rows["crimes"] if r["status"] == "cancelled"]  # fmt: skip
    return out


def _sso(rows: dict[str, list[Row]]) -> list[Record]:
    return [
        Record(
            r["force"],
            month_of(r["cancelled_at"]),
            _crime_dims(r),
            float(r["cancel_authority"] == "dcc"),
            1.0,
        )
        for r in rows["crimes"]
        if r["status"] == "cancelled" and r["offence_group"] in SSO
    ]


def _disposal(kind: str) -> Callable[[dict[str, list[Row]]], list[Record]]:
    def records(rows: dict[str, list[Row]]) -> list[Record]:
        crimes = {(c["force"], c["crime_ref"]): c for c in rows["crimes"]}
        out = []
        for d in rows.get("disposals", []):
            dims = _crime_dims(crimes[(d["force"], d["crime_ref"])])
            month = month_of(d["issued_on"])
            cr = d["disposal_type"] == "community-resolution"
            if kind == "count" and cr:
                out.append(Record(d["force"], month, dims, 1.0, 0.0))
            elif kind == "coverage" and cr:
                out.append(Record(d["force"], month, dims, float(d["audited_on"] != ""), 1.0))
            elif kind == "inappropriate" and d["audit_result"]:
                ok = d["audit_result"] == "inappropriate"
                out.append(Record(d["force"], month, dims, float(ok), 1.0))
        return out

    return records


RECORDS: dict[str, Callable[[dict[str, list[Row]]], list[Record]]] = {
    **{f"satisfaction.{s}": _survey(s) for s in (
        "ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience")},
    "response.emergency.mean_minutes": _emergency("mean"),
    "response.emergency.within_target": _emergency("within"),
    "response.priority.within_target": _emergency("priority"),
    "crime.volume": _volume,
    "crime.rate_per_1000": _volume,
    "outcomes.charge_rate": _outcome(("1", "1A")),
    "outcomes.positive_rate": _outcome(POSITIVE),
    "outcomes.community_resolution_share": _outcome(("8",)),
    "outcomes.no_suspect_share": _outcome(("18",)),
    "outcomes.evidential_difficulties_share": _outcome(("14", "15", "16")),
    "integrity.incident_conversion": _conversion,
    "integrity.recording_accuracy": _audit("crime_recorded", "required"),
    "integrity.classification_accuracy": _audit("classified_correctly", "known"),
    "integrity.timeliness_24h": _audit("recorded_within_24h", "known"),
    "integrity.recorded_within_24h": _within_24h,
    "integrity.cancelled_rate": _cancelled_rate,
    "integrity.sso_cancel_authority": _sso,
    "disposals.community_resolutions": _disposal("count"),
    "disposals.audit_coverage": _disposal("coverage"),
    "disposals.inappropriate_rate": _disposal("inappropriate"),
}  # fmt: skip

COUNTS = ("crime.volume", "disposals.community_resolutions")


def _first(table: str, column: str) -> Callable[[dict[str, list[Row]], str], int]:
    def first(rows: dict[str, list[Row]], force: str) -> int:
        return min(month_of(r[column]) for r in rows[table] if r["force"] == force)

    return first


#: Counts and rates have no value (rather than zero) before the force's first row.
FIRST_MONTH = {
    "crime.volume": _first("crimes", "recorded_at"),
    "crime.rate_per_1000": _first("crimes", "recorded_at"),
    "disposals.community_resolutions": _first("disposals", "issued_on"),
}


def value(
    measure: str,
    rows: dict[str, list[Row]],
    force: str,
    first: int,
    last: int,
    dim: str | None = None,
    key: str | None = None,
) -> tuple[float | None, float, float]:
    """(value, numerator, denominator) of a measure by hand; value None when undefined."""
    records = [
        r
        for r in RECORDS[measure](rows)
        if r.force == force and first <= r.month <= last and (dim is None or r.dims.get(dim) == key)
    ]
    num = sum(r.num for r in records)
    den = sum(r.den for r in records)
    if measure in FIRST_MONTH and last < FIRST_MONTH[measure](rows, force):
        return None, num, den  # before the force's data begins: no value, not zero
    if measure in COUNTS:
        return num, num, 0.0
    if measure == "crime.rate_per_1000":
        areas = [a for a in rows["areas"] if a["force"] == force]
        if dim == "area":
            areas = [a for a in areas if a["area_code"] == key]
        population = sum(float(a["population"]) for a in areas)
        return 1000.0 * num / population, num, population
    if den == 0:
        return None, num, den
    return num / den, num, den


def minutes(rows: dict[str, list[Row]], force: str, first: int, last: int) -> list[float]:
    """Attendance minutes of attended emergencies opened in the months."""
    return [
        r.num for r in _emergency("mean")(rows) if r.force == force and first <= r.month <= last
    ]


def close(a: float | None, b: float | None, tol: float = 1e-9) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
