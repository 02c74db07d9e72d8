"""Home Office outcomes: the share of crimes given an outcome in the window, by outcome type.

The denominator is every crime given an outcome in the window (by ``outcome_at``), whatever the
outcome; a crime with no outcome row has none yet and is not counted. The crime's area and
offence group come from the crime record.
"""

from __future__ import annotations

from typing import Any

from assurance.measures.catalogue import Context, Measure, Source
from assurance.measures.expressions import count_if, given, scope_dates

THEME = "outcomes"

CHARGE = ("1", "1A")
POSITIVE = ("1", "1A", "2", "3", "4", "5", "6", "7", "8")
COMMUNITY_RESOLUTION = ("8",)
NO_SUSPECT = ("18",)
EVIDENTIAL_DIFFICULTIES = ("14", "15", "16")


def _rows(ctx: Context, detail: bool) -> Any:
    t = scope_dates(ctx, ctx.table("outcomes"), "outcome_at", detail)
    if not detail:
        return t
    c = ctx.table("crimes")
    c = c.filter(ctx.reported(c.force)).select(
        "force", "crime_ref", crime_area="area_code", crime_group="offence_group"
    )
    j = t.join(c, ["force", "crime_ref"])
    return j.mutate(area=given(j.crime_area), offence_group=given(j.crime_group))


def _aggregates(t: Any) -> dict[str, Any]:
    code = t.outcome_code
    return {
        "outcome_any": t.count().cast("float64"),
        "charge": count_if(code.isin(CHARGE)),
        "positive": count_if(code.isin(POSITIVE)),
        "community_resolution": count_if(code.isin(COMMUNITY_RESOLUTION)),
        "no_suspect": count_if(code.isin(NO_SUSPECT)),
        "evidential": count_if(code.isin(EVIDENTIAL_DIFFICULTIES)),
    }


SOURCE = Source(
    name="outcomes",
    dims=("area", "offence_group"),
    metrics=(
        "outcome_any",
        "charge",
        "positive",
        "community_resolution",
        "no_suspect",
        "evidential",
    ),
    rows=_rows,
    aggregates=_aggregates,
    series_dims=("offence_group",),
)

_OVER = "over every crime given an outcome in the window (by outcome date)"


def _measure(
    id_: str, title: str, numerator: str, codes: str, direction: Any, noun: str, by_group: bool
) -> Measure:
    return Measure(
        id=id_,
        title=title,
        theme=THEME,
        definition=f"Crimes given outcome {codes} {_OVER}.",
        unit="share",
        direction=direction,
        statistic="proportion",
        source="outcomes",
        numerator=numerator,
        denominator="outcome_any",
        breakdowns=("area", "offence_group"),
        series_by=("offence_group",) if by_group else (),
        target_meaning=f"the level of {noun} the plan aims for",
        noun=noun,
    )


MEASURES: tuple[Measure, ...] = (
    _measure("outcomes.charge_rate", "Charge/summons rate", "charge", "1 or 1A (charged or "
             "summonsed)", "increase", "the charge/summons rate", True),
    _measure("outcomes.positive_rate", "Positive outcome rate", "positive", "1–8 (charge, "
             "caution, offences taken into consideration, penalty notice, cannabis/khat warning "
             "or community resolution)", "increase", "the positive outcome rate", True),
    _measure("outcomes.community_resolution_share", "Community resolution share",
             "community_resolution", "8 (community resolution)", "neutral",
             "the community resolution share", False),
    _measure("outcomes.no_suspect_share", "No suspect identified share", "no_suspect",
             "18 (investigation complete, no suspect identified)", "decrease",
             "the share closed with no suspect identified", False),
    _measure("outcomes.evidential_difficulties_share", "Evidential difficulties share",
             "evidential", "14–16 (evidential difficulties)", "decrease",
             "the share closed for evidential difficulties", False),
)  # fmt: skip
