"""Recorded crime: volume and the rate per 1,000 residents.

Crimes are counted in the local month of their recording decision (``recorded_at``). Volume
counts crimes whose status is ``recorded`` (not those later cancelled or transferred); the same
source counts every recording decision (for the cancelled rate) and those made within 24 hours
of the report (for timeliness, see :mod:`assurance.measures.integrity`).
"""

from __future__ import annotations

from typing import Any

from assurance.measures.catalogue import Context, Measure, Source
from assurance.measures.expressions import count_if, scope_times, seconds_between

THEME = "crime"
DAY_SECONDS = 24 * 60 * 60


def _rows(ctx: Context, detail: bool) -> Any:
    t = scope_times(ctx, ctx.table("crimes"), "recorded_at", detail)
    if detail:
        t = t.mutate(area=t.area_code)
    return t


def _aggregates(t: Any) -> dict[str, Any]:
    return {
        "recorded": count_if(t.status == "recorded"),
        "recorded_any": t.count().cast("float64"),
        "within_24h": count_if(seconds_between(t.reported_at, t.recorded_at) <= DAY_SECONDS),
    }


SOURCE = Source(
    name="crimes",
    dims=("area", "offence_group"),
    metrics=("recorded", "recorded_any", "within_24h"),
    rows=_rows,
    aggregates=_aggregates,
    series_dims=("offence_group",),
)


MEASURES: tuple[Measure, ...] = (
    Measure(
        id="crime.volume",
        title="Recorded crime",
        theme=THEME,
        definition=(
            "Number of crimes recorded (status `recorded`), by local month of the recording "
            "decision. Crimes later cancelled or transferred are not counted."
        ),
        unit="count",
        direction="neutral",
        statistic="count",
        source="crimes",
        numerator="recorded",
        breakdowns=("area", "offence_group"),
        target_meaning="a level of recorded crime (rarely set: more recording can be better)",
        noun="recorded crime",
    ),
    Measure(
        id="crime.rate_per_1000",
        title="Recorded crime per 1,000 residents",
        theme=THEME,
        definition=(
            "Recorded crimes (as `crime.volume`) per 1,000 resident population of the force or "
            "area (`areas.population`). For the 12-month window this is the annual rate."
        ),
        unit="per 1,000 residents",
        direction="decrease",
        statistic="rate_per_1000",
        source="crimes",
        numerator="recorded",
        denominator="population",
        denominator_source="population",
        breakdowns=("area", "offence_group"),
        target_meaning="the crime rate per 1,000 residents the plan aims to stay below",
        noun="the recorded crime rate",
    ),
)
