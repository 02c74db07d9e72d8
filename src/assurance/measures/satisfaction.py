"""Victim satisfaction: the Home Office user satisfaction survey, five stages.

A response is *satisfied* at a stage when it rates it 1–3 (completely, very or fairly
satisfied) and *answered* when the rating is given at all. Each stage's measure is satisfied
over answered responses, by the month of the interview.
"""

from __future__ import annotations

from typing import Any

from assurance.domain.vocabularies import SURVEY_STAGES
from assurance.measures.catalogue import Context, Measure, Source
from assurance.measures.expressions import count_if, scope_dates

THEME = "satisfaction"

#: Stage, title, sentence noun and the survey question's subject.
STAGES: tuple[tuple[str, str, str, str], ...] = (
    ("ease_of_contact", "Ease of contact", "satisfaction with ease of contact",
     "how easy it was to contact the police"),
    ("actions_taken", "Actions taken", "satisfaction with the actions taken",
     "the actions the police took"),
    ("kept_informed", "Kept informed (follow-up)", "satisfaction with being kept informed",
     "how well they were kept informed of progress (the follow-up stage)"),
    ("treatment", "Treatment", "satisfaction with treatment",
     "the way they were treated by the officers and staff"),
    ("whole_experience", "Whole experience", "whole-experience satisfaction",
     "their whole experience; the headline satisfaction figure"),
)  # fmt: skip
assert tuple(s[0] for s in STAGES) == SURVEY_STAGES


def _rows(ctx: Context, detail: bool) -> Any:
    t = scope_dates(ctx, ctx.table("survey_responses"), "interviewed_on", detail)
    if detail:
        t = t.mutate(area=t.area_code)
    return t


def _aggregates(t: Any) -> dict[str, Any]:
    metrics = {}
    for stage in SURVEY_STAGES:
        metrics[f"{stage}_satisfied"] = count_if(t[stage].between(1, 3))
        metrics[f"{stage}_answered"] = count_if(t[stage].notnull())
    return metrics


SOURCE = Source(
    name="survey",
    dims=("area", "survey_group"),
    metrics=tuple(f"{s}_{k}" for s in SURVEY_STAGES for k in ("satisfied", "answered")),
    rows=_rows,
    aggregates=_aggregates,
)

MEASURES: tuple[Measure, ...] = tuple(
    Measure(
        id=f"satisfaction.{stage}",
        title=f"Satisfaction: {title}",
        theme=THEME,
        definition=(
            f"Share of victims answering the question on {subject} who were completely, very "
            "or fairly satisfied (ratings 1–3), by month of interview. Responses that leave the "
            "question empty are not counted."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="survey",
        numerator=f"{stage}_satisfied",
        denominator=f"{stage}_answered",
        breakdowns=("area", "survey_group"),
        target_meaning="the share of victims satisfied that the Police and Crime Plan aims for",
        noun=noun,
    )
    for stage, title, noun, subject in STAGES
)
