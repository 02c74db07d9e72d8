"""The pack's layout: the agenda of the monthly assurance meeting, and which measures and
charts each topic of "holding to account" shows.

This is data, not code: to move a measure or a chart, change the tuples below. Every measure
of the catalogue belongs to exactly one topic (a test checks it), so every finding has a home.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

ChartKind = Literal[
    "spc",
    "area-funnel",
    "peer-funnel",
    "area-bars",
    "offence-bars",
    "stages",
    "hours",
    "forecast",
    "compliance",
    "demand",
]


@dataclass(frozen=True)
class ChartRequest:
    """One chart a topic shows: its kind and the measure (or derived count) it draws."""

    kind: ChartKind
    measure: str


@dataclass(frozen=True)
class DemandCount:
    """A count of demand derived from a measure's denominators (e.g. emergency incidents are
    the denominator of the share attended within target)."""

    id: str
    title: str
    measure: str
    definition: str


@dataclass(frozen=True)
class TopicSpec:
    title: str
    measures: tuple[str, ...]
    charts: tuple[ChartRequest, ...]
    intro: str = ""
    demand: tuple[DemandCount, ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    number: str
    title: str
    topics: tuple[TopicSpec, ...] = ()
    intro: str = ""

    @property
    def sub(self) -> bool:
        return not self.number.isdigit()


def _c(kind: ChartKind, measure: str) -> ChartRequest:
    return ChartRequest(kind, measure)


SATISFACTION = TopicSpec(
    "Victim satisfaction and follow-up",
    (
        "satisfaction.ease_of_contact",
        "satisfaction.actions_taken",
        "satisfaction.kept_informed",
        "satisfaction.treatment",
        "satisfaction.whole_experience",
    ),
    (
        _c("stages", "satisfaction.whole_experience"),
        _c("area-bars", "satisfaction.whole_experience"),
        _c("spc", "satisfaction.whole_experience"),
        _c("area-funnel", "satisfaction.whole_experience"),
        _c("peer-funnel", "satisfaction.whole_experience"),
        _c("area-funnel", "satisfaction.kept_informed"),
        _c("forecast", "satisfaction.whole_experience"),
    ),
    "Victims surveyed about each stage of their contact with the police: the share satisfied "
    "(completely, very or fairly) among those who answered.",
)

RESPONSE = TopicSpec(
    "Response times",
    (
        "response.emergency.mean_minutes",
        "response.emergency.median_minutes",
        "response.emergency.p90_minutes",
        "response.emergency.within_target",
        "response.priority.within_target",
    ),
    (
        _c("spc", "response.emergency.mean_minutes"),
        _c("hours", "response.emergency.mean_minutes"),
        _c("spc", "response.emergency.within_target"),
        _c("area-bars", "response.emergency.within_target"),
        _c("forecast", "response.emergency.within_target"),
    ),
    "Minutes from an incident being opened to an officer arriving. Emergencies should be "
    "attended within 15 minutes in urban and 20 minutes in rural settings.",
)

OUTCOMES = TopicSpec(
    "Crime outcomes",
    (
        "outcomes.charge_rate",
        "outcomes.positive_rate",
        "outcomes.community_resolution_share",
        "outcomes.no_suspect_share",
        "outcomes.evidential_difficulties_share",
    ),
    (
        _c("spc", "outcomes.positive_rate"),
        _c("peer-funnel", "outcomes.positive_rate"),
        _c("peer-funnel", "outcomes.charge_rate"),
        _c("spc", "outcomes.community_resolution_share"),
    ),
    "Outcomes assigned in the period, as shares of every crime given an outcome in it.",
)

CRIME = TopicSpec(
    "Crime volumes and rates",
    ("crime.volume", "crime.rate_per_1000"),
    (
        _c("spc", "crime.volume"),
        _c("offence-bars", "crime.volume"),
        _c("area-funnel", "crime.rate_per_1000"),
        _c("peer-funnel", "crime.rate_per_1000"),
        _c("forecast", "crime.volume"),
    ),
    "Crimes recorded in the period (later cancelled or transferred crimes are not counted).",
)

DEMAND = TopicSpec(
    "Demand",
    (),
    (
        _c("demand", "demand.emergency_incidents"),
        _c("demand", "demand.crime_incidents"),
    ),
    "Incidents opened, counted from the response and crime recording measures.",
    demand=(
        DemandCount(
            "demand.emergency_incidents",
            "Emergency incidents",
            "response.emergency.within_target",
            "incidents graded emergency",
        ),
        DemandCount(
            "demand.priority_incidents",
            "Priority incidents",
            "response.priority.within_target",
            "incidents graded priority",
        ),
        DemandCount(
            "demand.crime_incidents",
            "Incidents opened as crimes",
            "integrity.incident_conversion",
            "incidents opened in the crime category",
        ),
    ),
)

INTEGRITY = TopicSpec(
    "Crime data integrity",
    (
        "integrity.recording_accuracy",
        "integrity.classification_accuracy",
        "integrity.timeliness_24h",
        "integrity.recorded_within_24h",
        "integrity.incident_conversion",
    ),
    (
        _c("offence-bars", "integrity.recording_accuracy"),
        _c("spc", "integrity.recording_accuracy"),
        _c("area-bars", "integrity.recording_accuracy"),
        _c("peer-funnel", "integrity.recording_accuracy"),
        _c("spc", "integrity.recorded_within_24h"),
        _c("spc", "integrity.incident_conversion"),
    ),
    "The Force Crime Registrar's audits of incidents (was a crime recorded when one was "
    "required, correctly classified, within 24 hours), recording times of every crime, and "
    "the incident to crime ratio the inspection will look at.",
)

CANCELLED = TopicSpec(
    "Cancelled crimes",
    ("integrity.cancelled_rate", "integrity.sso_cancel_authority"),
    (
        _c("spc", "integrity.cancelled_rate"),
        _c("compliance", "integrity.sso_cancel_authority"),
        _c("offence-bars", "integrity.cancelled_rate"),
    ),
    "Crimes cancelled ('no crime') in the period. A serious sexual offence may be cancelled "
    "only with the Deputy Chief Constable's authority.",
)

DISPOSALS = TopicSpec(
    "Out of court disposals",
    (
        "disposals.community_resolutions",
        "disposals.audit_coverage",
        "disposals.inappropriate_rate",
    ),
    (
        _c("spc", "disposals.community_resolutions"),
        _c("compliance", "disposals.audit_coverage"),
        _c("spc", "disposals.inappropriate_rate"),
    ),
    "Community resolutions issued and their audit: the policy is to audit every one.",
)

AGENDA: Final[tuple[SectionSpec, ...]] = (
    SectionSpec("1", "Outstanding matters"),
    SectionSpec("2", "Operational and reputational opportunities and risks"),
    SectionSpec("3", "Chief officer meeting / executive board – update"),
    SectionSpec("4", "Holding to account"),
    SectionSpec(
        "4a",
        "Performance against the Police and Crime Plan",
        (SATISFACTION, RESPONSE, OUTCOMES),
    ),
    SectionSpec("4b", "Delivery of strategic initiatives", (CRIME, DEMAND)),
    SectionSpec(
        "4c",
        "HMIC inspection readiness: crime data integrity and out of court disposals",
        (INTEGRITY, CANCELLED, DISPOSALS),
    ),
    SectionSpec("5", "Any other business"),
    SectionSpec("6", "Date of the next meeting"),
)

RISKS_SHOWN = 8
"""How many of the most severe findings section 2 lists as risks."""
OPPORTUNITIES_SHOWN = 5
GROUP_CHARTS_SHOWN = 3
"""Most charts of single offence groups a topic adds for its findings."""


def topics() -> tuple[tuple[SectionSpec, TopicSpec], ...]:
    return tuple((s, t) for s in AGENDA for t in s.topics)


def topic_of(measure_id: str) -> tuple[SectionSpec, TopicSpec] | None:
    """The section and topic that show a measure."""
    for section, topic in topics():
        if measure_id in topic.measures:
            return section, topic
    return None
