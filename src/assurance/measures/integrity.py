"""Crime data integrity: audits, recording timeliness, conversion and cancelled crimes.

* Audits (``audits``) are judged by the month of the audit. Their area is the area of the
  audited incident; their offence group is the one the auditor says should have been recorded.
* Cancellations are counted in the local month they were made (``cancelled_at``), against the
  recording decisions of the same window. A serious sexual offence (rape, other sexual
  offences) may only be cancelled on the Deputy Chief Constable's authority.
"""

from __future__ import annotations

from typing import Any

from assurance.domain.vocabularies import SERIOUS_SEXUAL_OFFENCES
from assurance.measures.catalogue import Context, Measure, Source
from assurance.measures.expressions import count_if, given, scope_dates, scope_times

THEME = "integrity"


def _audit_rows(ctx: Context, detail: bool) -> Any:
    t = scope_dates(ctx, ctx.table("audits"), "audited_on", detail)
    if not detail:
        return t
    i = ctx.table("incidents")
    i = i.filter(ctx.reported(i.force)).select("force", "incident_ref", incident_area="area_code")
    j = t.left_join(i, ["force", "incident_ref"])
    return j.mutate(area=given(j.incident_area), offence_group=given(j.offence_group))


def _audit_aggregates(t: Any) -> dict[str, Any]:
    recorded = t.crime_recorded
    return {
        "required": count_if(t.crime_required),
        "recorded_required": count_if(t.crime_required & recorded),
        "classified_known": count_if(recorded & t.classified_correctly.notnull()),
        "classified_correct": count_if(recorded & t.classified_correctly),
        "timely_known": count_if(recorded & t.recorded_within_24h.notnull()),
        "timely": count_if(recorded & t.recorded_within_24h),
    }


AUDITS = Source(
    name="audits",
    dims=("area", "offence_group"),
    metrics=(
        "required",
        "recorded_required",
        "classified_known",
        "classified_correct",
        "timely_known",
        "timely",
    ),
    rows=_audit_rows,
    aggregates=_audit_aggregates,
    series_dims=("offence_group",),
)


def _cancellation_rows(ctx: Context, detail: bool) -> Any:
    t = ctx.table("crimes")
    t = scope_times(ctx, t.filter(t.status == "cancelled"), "cancelled_at", detail)
    if detail:
        t = t.mutate(area=t.area_code)
    return t


def _cancellation_aggregates(t: Any) -> dict[str, Any]:
    sso = t.offence_group.isin(SERIOUS_SEXUAL_OFFENCES)
    return {
        "cancelled": t.count().cast("float64"),
        "sso_cancelled": count_if(sso),
        "sso_dcc": count_if(sso & (t.cancel_authority == "dcc")),
    }


CANCELLATIONS = Source(
    name="cancellations",
    dims=("area", "offence_group"),
    metrics=("cancelled", "sso_cancelled", "sso_dcc"),
    rows=_cancellation_rows,
    aggregates=_cancellation_aggregates,
    series_dims=("offence_group",),
)

SOURCES = (AUDITS, CANCELLATIONS)

_AUDIT_BREAKDOWNS = ("area", "offence_group")

MEASURES: tuple[Measure, ...] = (
    Measure(
        id="integrity.incident_conversion",
        title="Incident to crime conversion",
        theme=THEME,
        definition=(
            "Share of incidents opened as crime (`opening_category` `crime`) that have a crime "
            "recorded from them (`crime_ref` given), by local month opened."
        ),
        unit="share",
        direction="neutral",
        statistic="proportion",
        source="incidents",
        numerator="crime_converted",
        denominator="crime_incidents",
        breakdowns=("area",),
        peers=False,
        target_meaning="the conversion rate the force expects (neither higher nor lower is "
        "better in itself)",
        noun="the incident to crime conversion rate",
    ),
    Measure(
        id="integrity.recording_accuracy",
        title="Crime recording accuracy (audited)",
        theme=THEME,
        definition=(
            "Share of audited incidents where the auditor judged a crime should have been "
            "recorded (`crime_required`) in which one was (`crime_recorded`), by month of audit."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="audits",
        numerator="recorded_required",
        denominator="required",
        breakdowns=_AUDIT_BREAKDOWNS,
        series_by=("offence_group",),
        target_meaning="the audited recording accuracy the force commits to (HMIC expects 95%+)",
        noun="audited crime recording accuracy",
    ),
    Measure(
        id="integrity.classification_accuracy",
        title="Crime classification accuracy (audited)",
        theme=THEME,
        definition=(
            "Share of audited recorded crimes classified correctly (`classified_correctly`), "
            "among those where the auditor gave a judgement, by month of audit."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="audits",
        numerator="classified_correct",
        denominator="classified_known",
        breakdowns=_AUDIT_BREAKDOWNS,
        series_by=("offence_group",),
        target_meaning="the share of audited crimes classified correctly the force commits to",
        noun="audited classification accuracy",
    ),
    Measure(
        id="integrity.timeliness_24h",
        title="Recorded within 24 hours (audited)",
        theme=THEME,
        definition=(
            "Share of audited recorded crimes recorded within 24 hours of the report "
            "(`recorded_within_24h`), among those where the auditor gave a judgement, by month "
            "of audit."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="audits",
        numerator="timely",
        denominator="timely_known",
        breakdowns=_AUDIT_BREAKDOWNS,
        series_by=("offence_group",),
        target_meaning="the share of audited crimes recorded within 24 hours (the NCRS rule)",
        noun="audited recording within 24 hours",
    ),
    Measure(
        id="integrity.recorded_within_24h",
        title="Recording decisions within 24 hours (all crimes)",
        theme=THEME,
        definition=(
            "Share of all recording decisions (every crime by local month of `recorded_at`, "
            "whatever its later status) made within 24 hours of the report (`reported_at`). "
            "The same rule as `integrity.timeliness_24h`, on every crime instead of the audit "
            "sample."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="crimes",
        numerator="within_24h",
        denominator="recorded_any",
        breakdowns=_AUDIT_BREAKDOWNS,
        series_by=("offence_group",),
        target_meaning="the share of crimes recorded within 24 hours of the report (NCRS)",
        noun="recording within 24 hours",
    ),
    Measure(
        id="integrity.cancelled_rate",
        title="Cancelled crimes",
        theme=THEME,
        definition=(
            "Crimes cancelled (status `cancelled`, by local month of `cancelled_at`) over "
            "recording decisions in the same window (every crime by month of `recorded_at`). "
            "A ratio: a cancellation may concern a crime recorded before the window."
        ),
        unit="share",
        direction="neutral",
        statistic="ratio",
        source="cancellations",
        numerator="cancelled",
        denominator="recorded_any",
        denominator_source="crimes",
        breakdowns=_AUDIT_BREAKDOWNS,
        target_meaning="the cancellation rate the force expects",
        noun="the rate of cancelled crimes",
    ),
    Measure(
        id="integrity.sso_cancel_authority",
        title="Serious sexual offence cancellations authorised by the DCC",
        theme=THEME,
        definition=(
            "Share of cancelled serious sexual offences (rape, other sexual offences) whose "
            "cancellation was authorised by the Deputy Chief Constable (`cancel_authority` "
            "`dcc`), by local month of cancellation. The rule is every one."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="cancellations",
        numerator="sso_dcc",
        denominator="sso_cancelled",
        breakdowns=_AUDIT_BREAKDOWNS,
        compliance=True,
        target_meaning="100%: every cancellation of a serious sexual offence needs DCC authority",
        noun="DCC authority for serious sexual offence cancellations",
    ),
)
