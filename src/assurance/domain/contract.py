"""The force data contract, version 1, as data.

Everything that reads, validates, stores or documents a delivery is driven from these
definitions: the readers check headers against ``columns``, validation builds its checks from
the column types and ``rules``, the warehouse creates one table per ``RecordFile`` and
``docs/data-contract.md`` describes the same thing in prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assurance.domain import vocabularies as v

CONTRACT_VERSION = 1

ColumnType = Literal[
    "code",  # lower-case kebab-case; from ``codes`` when given
    "text",
    "integer",
    "decimal",
    "date",
    "datetime",
    "month",
    "boolean",
    "outcome",  # Home Office outcome code "1".."22" or "1A"
    "measure",  # a measure id such as satisfaction.whole_experience
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Column:
    """One column of a contract file."""

    name: str
    type: ColumnType
    required: bool = True
    codes: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    note: str = ""


@dataclass(frozen=True)
class RowRule:
    """A check across columns of one row.

    ``condition`` is a SQL boolean over the typed columns that must hold; a row where it is
    false breaks the rule (NULL counts as holding: optional values are checked only when given).
    """

    name: str
    condition: str
    message: str
    column: str


@dataclass(frozen=True)
class Reference:
    """A column pair that must name a row in another file (this delivery or an earlier one)."""

    columns: tuple[str, ...]
    target: str
    target_columns: tuple[str, ...]
    severity: Severity
    message: str


@dataclass(frozen=True)
class RecordFile:
    """One file of a delivery: its name, columns, natural key, row rules and references."""

    kind: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rules: tuple[RowRule, ...] = ()
    references: tuple[Reference, ...] = ()
    description: str = ""

    @property
    def table(self) -> str:
        """The warehouse table holding this file's rows."""
        return self.kind

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def _force() -> Column:
    return Column("force", "code", note="the force, e.g. `west-mercia`")


def _area() -> Column:
    return Column("area_code", "code", note="a policing area listed in areas.csv")


_AREA_REF = Reference(
    ("force", "area_code"),
    "areas",
    ("force", "area_code"),
    "error",
    "area {value} is not in areas.csv for this force (in this delivery or an earlier one); "
    "send the area in areas.csv or correct the code",
)

_RATING_NOTE = "1 completely … 7 completely dissatisfied; empty = not asked or don't know"

AREAS = RecordFile(
    "areas",
    (
        _force(),
        Column("area_code", "code", note="e.g. `telford-wrekin`"),
        Column("area_name", "text", note="e.g. `Telford and Wrekin`"),
        Column("population", "integer", minimum=1, note="resident population"),
        Column("rural_share", "decimal", minimum=0, maximum=1, note="share under the rural target"),
    ),
    key=("force", "area_code"),
    description="Policing areas.",
)

PLAN = RecordFile(
    "plan",
    (
        _force(),
        Column("measure", "measure", note="a measure id, e.g. `satisfaction.whole_experience`"),
        Column("target", "decimal", note="e.g. `0.90`"),
        Column("from_month", "month", note="first month the target applies"),
    ),
    key=("force", "measure"),
    description="Police and Crime Plan targets.",
)

PEERS = RecordFile(
    "peers",
    (_force(), Column("peer_force", "code", note="a force in its most similar group")),
    key=("force", "peer_force"),
    rules=(
        RowRule(
            "peer-is-self",
            "force <> peer_force",
            "a force cannot be its own peer",
            "peer_force",
        ),
    ),
    description="Most similar groups.",
)

INCIDENTS = RecordFile(
    "incidents",
    (
        _force(),
        _area(),
        Column("incident_ref", "text"),
        Column("opened_at", "datetime", note="call received / incident created"),
        Column("grade", "code", codes=v.INCIDENT_GRADES),
        Column("opening_category", "code", codes=v.OPENING_CATEGORIES),
        Column("setting", "code", codes=v.SETTINGS, note="which attendance target applies"),
        Column("dispatched_at", "datetime", required=False, note="first resource assigned"),
        Column("arrived_at", "datetime", required=False, note="first resource at scene"),
        Column("closed_at", "datetime", required=False),
        Column("crime_ref", "text", required=False, note="the crime recorded from it, if any"),
    ),
    key=("force", "incident_ref"),
    rules=(
        RowRule(
            "dispatched-before-opened",
            "dispatched_at >= opened_at",
            "dispatched_at is before opened_at: a resource cannot be assigned before the call",
            "dispatched_at",
        ),
        RowRule(
            "arrived-before-opened",
            "arrived_at >= opened_at",
            "arrived_at is before opened_at: nobody can arrive before the incident is opened",
            "arrived_at",
        ),
        RowRule(
            "closed-before-opened",
            "closed_at >= opened_at",
            "closed_at is before opened_at",
            "closed_at",
        ),
    ),
    references=(
        _AREA_REF,
        Reference(
            ("force", "crime_ref"),
            "crimes",
            ("force", "crime_ref"),
            "warning",
            "crime_ref {value} is not a known crime yet; it is loaded, and will link when the "
            "crime arrives",
        ),
    ),
    description="Command and control incidents.",
)

CRIMES = RecordFile(
    "crimes",
    (
        _force(),
        _area(),
        Column("crime_ref", "text"),
        Column("incident_ref", "text", required=False, note="the incident it came from"),
        Column("reported_at", "datetime"),
        Column("recorded_at", "datetime", note="crime recording decision (NCRS: within 24 h)"),
        Column("offence_group", "code", codes=v.OFFENCE_GROUPS),
        Column("ho_offence_code", "text", required=False, note="e.g. `28A`"),
        Column("domestic_abuse", "boolean", required=False),
        Column("hate_crime", "boolean", required=False),
        Column("victim_ref", "text", required=False, note="pseudonymous"),
        Column("victim_enhanced", "boolean", required=False, note="Victims' Code enhanced"),
        Column("officer_ref", "text", required=False, note="officer in the case, pseudonymous"),
        Column("status", "code", codes=v.CRIME_STATUSES),
        Column("cancelled_at", "datetime", required=False, note="required unless recorded"),
        Column("cancel_reason", "code", required=False, codes=v.CANCEL_REASONS),
        Column("cancel_authority", "code", required=False, codes=v.CANCEL_AUTHORITIES),
    ),
    key=("force", "crime_ref"),
    rules=(
        RowRule(
            "recorded-before-reported",
            "recorded_at >= reported_at",
            "recorded_at is before reported_at: a crime cannot be recorded before it is reported",
            "recorded_at",
        ),
        RowRule(
            "cancelled-without-date",
            "status = 'recorded' OR cancelled_at IS NOT NULL",
            "cancelled_at is required when status is cancelled or transferred",
            "cancelled_at",
        ),
        RowRule(
            "cancel-date-on-recorded",
            "status <> 'recorded' OR cancelled_at IS NULL",
            "cancelled_at is given but status is recorded; set status or clear the date",
            "cancelled_at",
        ),
        RowRule(
            "cancelled-before-recorded",
            "cancelled_at >= recorded_at",
            "cancelled_at is before recorded_at",
            "cancelled_at",
        ),
        RowRule(
            "cancelled-without-reason",
            "status <> 'cancelled' OR cancel_reason IS NOT NULL",
            "cancel_reason is required when status is cancelled",
            "cancel_reason",
        ),
    ),
    references=(
        _AREA_REF,
        Reference(
            ("force", "incident_ref"),
            "incidents",
            ("force", "incident_ref"),
            "warning",
            "incident_ref {value} is not a known incident yet; the crime is loaded",
        ),
    ),
    description="Recorded crimes (records management system).",
)

OUTCOMES = RecordFile(
    "outcomes",
    (
        _force(),
        Column("crime_ref", "text", note="must exist in crimes (this or an earlier delivery)"),
        Column("outcome_code", "outcome", note="Home Office outcome 1–22, or 1A"),
        Column("outcome_at", "date"),
    ),
    key=("force", "crime_ref"),
    references=(
        Reference(
            ("force", "crime_ref"),
            "crimes",
            ("force", "crime_ref"),
            "error",
            "crime_ref {value} is not a crime in this delivery or an earlier one; send the "
            "crime first (or in the same delivery)",
        ),
    ),
    description="Home Office outcomes: one row per crime, its current outcome.",
)

SURVEY_RESPONSES = RecordFile(
    "survey_responses",
    (
        _force(),
        _area(),
        Column("response_ref", "text"),
        Column("crime_ref", "text", required=False),
        Column("interviewed_on", "date"),
        Column("survey_group", "code", codes=v.SURVEY_GROUPS),
        *(
            Column(stage, "integer", required=False, minimum=1, maximum=7, note=_RATING_NOTE)
            for stage in v.SURVEY_STAGES
        ),
    ),
    key=("force", "response_ref"),
    references=(
        _AREA_REF,
        Reference(
            ("force", "crime_ref"),
            "crimes",
            ("force", "crime_ref"),
            "warning",
            "crime_ref {value} is not a known crime; the response is loaded",
        ),
    ),
    description="Victim satisfaction survey responses.",
)

AUDITS = RecordFile(
    "audits",
    (
        _force(),
        Column("audit_ref", "text"),
        Column("incident_ref", "text", note="the audited incident"),
        Column("audited_on", "date"),
        Column("crime_required", "boolean", note="the auditor judges a crime was required"),
        Column("crime_recorded", "boolean", note="a crime was recorded for it"),
        Column("classified_correctly", "boolean", required=False, note="only where recorded"),
        Column("recorded_within_24h", "boolean", required=False, note="only where recorded"),
        Column("offence_group", "code", required=False, codes=v.OFFENCE_GROUPS),
    ),
    key=("force", "audit_ref"),
    rules=(
        RowRule(
            "classified-but-not-recorded",
            "crime_recorded OR classified_correctly IS NULL",
            "classified_correctly is only given where a crime was recorded",
            "classified_correctly",
        ),
        RowRule(
            "timeliness-but-not-recorded",
            "crime_recorded OR recorded_within_24h IS NULL",
            "recorded_within_24h is only given where a crime was recorded",
            "recorded_within_24h",
        ),
    ),
    references=(
        Reference(
            ("force", "incident_ref"),
            "incidents",
            ("force", "incident_ref"),
            "warning",
            "incident_ref {value} is not a known incident; the audit is loaded",
        ),
    ),
    description="Crime data integrity audits of sampled incidents.",
)

DISPOSALS = RecordFile(
    "disposals",
    (
        _force(),
        Column("disposal_ref", "text"),
        Column("crime_ref", "text"),
        Column("disposal_type", "code", codes=v.DISPOSAL_TYPES),
        Column("issued_on", "date"),
        Column("officer_ref", "text", required=False),
        Column("audited_on", "date", required=False),
        Column("audit_result", "code", required=False, codes=v.AUDIT_RESULTS),
        Column("panel_reviewed_on", "date", required=False),
        Column("panel_result", "code", required=False, codes=v.PANEL_RESULTS),
    ),
    key=("force", "disposal_ref"),
    rules=(
        RowRule(
            "audit-result-without-date",
            "audit_result IS NULL OR audited_on IS NOT NULL",
            "audit_result is given without audited_on",
            "audit_result",
        ),
        RowRule(
            "panel-result-without-date",
            "panel_result IS NULL OR panel_reviewed_on IS NOT NULL",
            "panel_result is given without panel_reviewed_on",
            "panel_result",
        ),
        RowRule(
            "audited-before-issued",
            "audited_on >= issued_on",
            "audited_on is before issued_on",
            "audited_on",
        ),
    ),
    references=(
        Reference(
            ("force", "crime_ref"),
            "crimes",
            ("force", "crime_ref"),
            "error",
            "crime_ref {value} is not a crime in this delivery or an earlier one; send the "
            "crime first (or in the same delivery)",
        ),
    ),
    description="Out of court disposals.",
)

#: Contract files in load order: a file's references point only at files before it, or are
#: warnings.
RECORD_FILES: tuple[RecordFile, ...] = (
    AREAS,
    PLAN,
    PEERS,
    CRIMES,
    INCIDENTS,
    OUTCOMES,
    SURVEY_RESPONSES,
    AUDITS,
    DISPOSALS,
)

BY_KIND: dict[str, RecordFile] = {f.kind: f for f in RECORD_FILES}
