"""data.police.uk monthly archives: their columns, vocabularies and force names.

The archives are open data (Open Government Licence v3.0). Assurance loads the street-level
crime files and the outcomes files; each archive file is recognised by its header.
"""

from __future__ import annotations

import re

from assurance.domain.contract import Column, RecordFile, RowRule

STREET_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)

OUTCOMES_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Outcome type",
)


def snake(header: str) -> str:
    """``"LSOA name"`` → ``"lsoa_name"``."""
    return re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


#: Crime types used by data.police.uk since 2011 (the older ones remain in old archives).
CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public disorder and weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
    "Violent crime",
)

_COMMON = (
    Column("force", "code", note="normalised from Falls within, e.g. `west-mercia`"),
    Column("month", "month"),
    Column("row_id", "text", note="Crime ID, or a content key for rows without one"),
    Column("crime_id", "text", required=False),
    Column("reported_by", "text"),
    Column("falls_within", "text"),
    Column("longitude", "decimal", required=False, minimum=-180, maximum=180),
    Column("latitude", "decimal", required=False, minimum=-90, maximum=90),
    Column("location", "text", required=False),
    Column("lsoa_code", "text", required=False),
    Column("lsoa_name", "text", required=False),
    Column("local_authority", "text", required=False, note="from the LSOA name"),
    Column("area_code", "code", required=False, note="policing area, from the force's mapping"),
)

STREET = RecordFile(
    "police_uk_street",
    (
        *_COMMON,
        Column("crime_type", "text", codes=CRIME_TYPES),
        Column("last_outcome_category", "text", required=False),
        Column("context", "text", required=False),
    ),
    key=("force", "month", "row_id"),
    rules=(
        RowRule(
            "asb-without-id-only",
            "crime_id IS NOT NULL OR crime_type = 'Anti-social behaviour'",
            "Crime ID is empty but the row is not anti-social behaviour",
            "crime_id",
        ),
    ),
    description="data.police.uk street-level crime and anti-social behaviour.",
)

OUTCOMES = RecordFile(
    "police_uk_outcomes",
    (*_COMMON, Column("outcome_type", "text")),
    key=("force", "month", "row_id"),
    description="data.police.uk outcomes.",
)

ARCHIVE_FILES = {STREET_HEADER: STREET, OUTCOMES_HEADER: OUTCOMES}

_SUFFIXES = (
    " police service",
    " constabulary",
    " police",
)
_SPECIAL = {
    "metropolitan police service": "metropolitan",
    "police service of northern ireland": "northern-ireland",
    "city of london police": "city-of-london",
}


def force_code(name: str) -> str:
    """Normalise a force name to its code: ``"Devon & Cornwall Police"`` → ``"devon-and-cornwall"``.

    Raises ``ValueError`` for a name that gives no code.
    """
    text = " ".join(name.strip().lower().split())
    if text in _SPECIAL:
        return _SPECIAL[text]
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    text = text.replace("&", " and ")
    code = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not code:
        raise ValueError(f"{name!r} is not a force name")
    return code


_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")


def local_authority(lsoa_name: str) -> str | None:
    """The local authority an LSOA name starts with: ``"Telford and Wrekin 016B"`` →
    ``"Telford and Wrekin"``; ``None`` when the name does not end in an LSOA suffix."""
    stripped = _LSOA_SUFFIX.sub("", lsoa_name.strip())
    return stripped if stripped != lsoa_name.strip() else None
