"""Response: attendance at emergency and priority incidents; and incident-to-crime conversion.

Attendance is the time from ``opened_at`` to ``arrived_at``. Incidents are placed in the local
month, hour of the day and shift-changeover window in which they were *opened* (London time).
The emergency target is 15 minutes in an urban setting and 20 in a rural one; an emergency never
attended counts as not within it. Priority incidents have a 60-minute target.

Means, shares and counts are sums over a cube; medians and 90th percentiles are not, so they
come from one further query (:func:`quantile_expression`) that computes every window, breakdown
and month at once in the engine.
"""

from __future__ import annotations

from typing import Any

from assurance.measures.catalogue import Context, Measure, Source
from assurance.measures.expressions import count_if, scope_times, seconds_between, sum_of

THEME = "response"

URBAN_TARGET_SECONDS = 15 * 60
RURAL_TARGET_SECONDS = 20 * 60
PRIORITY_TARGET_SECONDS = 60 * 60

RESPONSE_DIMS = ("area", "setting", "hour_of_day", "shift_change")
CHANGEOVER = "changeover"
OTHER_TIMES = "other"


def _changeover(local: Any, windows: tuple[tuple[int, int], ...]) -> Any:
    """``changeover`` when a local time falls in a shift-changeover window, else ``other``.

    Windows on whole hours (the usual case) need only the hour of the day; others need the
    minute of the day.
    """
    import ibis

    if all(start % 60 == 0 and end % 60 == 0 for start, end in windows):
        hours: set[int] = set()
        for start, end in windows:
            span = (end - start) % (24 * 60) or 24 * 60
            hours.update((start // 60 + h) % 24 for h in range(span // 60))
        inside = local.hour().isin(sorted(hours))
    else:
        minute = local.hour() * 60 + local.minute()
        inside = ibis.literal(False)
        for start, end in windows:
            if end > start:
                part = (minute >= start) & (minute < end)
            else:  # crosses midnight
                part = (minute >= start) | (minute < end)
            inside = inside | part
    return ibis.ifelse(inside, CHANGEOVER, OTHER_TIMES)


def _rows(ctx: Context, detail: bool, attended_emergencies: bool = False) -> Any:
    """Emergency, priority and crime-category incidents in scope (or, for the quantiles, the
    attended emergencies alone)."""
    t = ctx.table("incidents")
    if attended_emergencies:
        t = t.filter(t.grade == "emergency", t.arrived_at.notnull())
    else:
        t = t.filter(t.grade.isin(["emergency", "priority"]) | (t.opening_category == "crime"))
    t = scope_times(ctx, t, "opened_at", detail)
    if detail:
        t = t.mutate(
            area=t.area_code,
            hour_of_day=t.local.hour().cast("int64"),
            shift_change=_changeover(t.local, ctx.shift_windows),
        )
    return t.mutate(seconds=seconds_between(t.opened_at, t.arrived_at))


def _aggregates(t: Any) -> dict[str, Any]:
    import ibis

    emergency = t.grade == "emergency"
    priority = t.grade == "priority"
    limit = ibis.ifelse(t.setting == "rural", RURAL_TARGET_SECONDS, URBAN_TARGET_SECONDS)
    em_seconds = ibis.ifelse(emergency, t.seconds, ibis.null("int64"))
    crime_category = t.opening_category == "crime"
    return {
        "emergency_all": count_if(emergency),
        "emergency_arrived": count_if(emergency & t.arrived_at.notnull()),
        "emergency_seconds": sum_of(em_seconds),
        "emergency_seconds2": sum_of(em_seconds * em_seconds),
        "emergency_within": count_if(emergency & (t.seconds <= limit)),
        "priority_all": count_if(priority),
        "priority_within": count_if(priority & (t.seconds <= PRIORITY_TARGET_SECONDS)),
        "crime_incidents": count_if(crime_category),
        "crime_converted": count_if(crime_category & t.crime_ref.notnull()),
    }


SOURCE = Source(
    name="incidents",
    dims=RESPONSE_DIMS,
    metrics=(
        "emergency_all",
        "emergency_arrived",
        "emergency_seconds",
        "emergency_seconds2",
        "emergency_within",
        "priority_all",
        "priority_within",
        "crime_incidents",
        "crime_converted",
    ),
    rows=_rows,
    aggregates=_aggregates,
)


def quantile_expression(ctx: Context) -> Any:
    """Median and 90th percentile of emergency attendance minutes, in one aggregate.

    Each attended emergency is counted once per *view* it belongs to (``unnest`` of a list of
    views; before the 12-month window only ``series``): ``series`` by month over the whole
    series, ``month`` for the reporting month, and ``12m`` overall and by each breakdown over
    the 12-month window, for each reported force.
    Rows: ``force``, ``part`` (the view family: ``series``, ``month`` or ``12m``), ``dim``
    (``month``, ``all`` or a breakdown), ``key``, ``median``, ``p90`` and ``n``. Attendance
    is not compared with peers.
    """
    import ibis

    t = _rows(ctx, True, attended_emergencies=True)
    t = t.mutate(minutes=t.seconds.cast("float64") / 60.0)
    in_window = ibis.array(["series", "month", "12m", *RESPONSE_DIMS])
    views = ibis.ifelse(t.month >= ctx.window_first, in_window, ibis.array(["series"]))
    x = t.mutate(view_=views.unnest())
    x = x.filter((x.view_ != "month") | (x.month == ctx.month))
    key = ibis.cases(
        (x.view_ == "series", x.month.cast("string")),
        *[(x.view_ == dim, x[dim].cast("string")) for dim in RESPONSE_DIMS],
        else_=ibis.literal("all"),
    )
    part = ibis.cases(
        (x.view_ == "series", ibis.literal("series")),
        (x.view_ == "month", ibis.literal("month")),
        else_=ibis.literal("12m"),
    )
    dim = ibis.cases(
        (x.view_ == "series", ibis.literal("month")),
        (x.view_.isin(["month", "12m"]), ibis.literal("all")),
        else_=x.view_,
    )
    return x.group_by(force=x.force, part=part, dim=dim, key=key).aggregate(
        median=x.minutes.quantile(0.5),
        p90=x.minutes.quantile(0.9),
        n=x.count().cast("float64"),
    )


_EMERGENCY = "emergency incidents (grade `emergency`) that were attended, by month opened"

MEASURES: tuple[Measure, ...] = (
    Measure(
        id="response.emergency.mean_minutes",
        title="Emergency attendance: mean minutes",
        theme=THEME,
        definition=f"Mean minutes from opened to arrived, {_EMERGENCY}.",
        unit="minutes",
        direction="decrease",
        statistic="mean",
        source="incidents",
        numerator="emergency_seconds",
        denominator="emergency_arrived",
        breakdowns=RESPONSE_DIMS,
        peers=False,
        target_meaning="the mean attendance time, in minutes, the plan aims to stay within",
        noun="the mean emergency attendance time",
    ),
    Measure(
        id="response.emergency.median_minutes",
        title="Emergency attendance: median minutes",
        theme=THEME,
        definition=f"Median minutes from opened to arrived, {_EMERGENCY}.",
        unit="minutes",
        direction="decrease",
        statistic="median",
        source="incidents",
        numerator="median",
        breakdowns=RESPONSE_DIMS,
        peers=False,
        target_meaning="the median attendance time, in minutes, the plan aims to stay within",
        noun="the median emergency attendance time",
    ),
    Measure(
        id="response.emergency.p90_minutes",
        title="Emergency attendance: 90th percentile minutes",
        theme=THEME,
        definition=f"90th percentile of minutes from opened to arrived, {_EMERGENCY}.",
        unit="minutes",
        direction="decrease",
        statistic="p90",
        source="incidents",
        numerator="p90",
        breakdowns=RESPONSE_DIMS,
        peers=False,
        target_meaning="the time, in minutes, within which 9 in 10 emergencies should be reached",
        noun="the 90th percentile of emergency attendance times",
    ),
    Measure(
        id="response.emergency.within_target",
        title="Emergency attendance within target",
        theme=THEME,
        definition=(
            "Share of emergency incidents arrived at within 15 minutes (urban setting) or 20 "
            "minutes (rural setting) of being opened, by month opened. An emergency never "
            "attended counts as not within the target."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="incidents",
        numerator="emergency_within",
        denominator="emergency_all",
        breakdowns=RESPONSE_DIMS,
        peers=False,
        target_meaning="the share of emergencies the plan expects to be reached within target",
        noun="the share of emergencies attended within target",
    ),
    Measure(
        id="response.priority.within_target",
        title="Priority attendance within 60 minutes",
        theme=THEME,
        definition=(
            "Share of priority incidents arrived at within 60 minutes of being opened, by month "
            "opened. A priority incident never attended counts as not within."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="incidents",
        numerator="priority_within",
        denominator="priority_all",
        breakdowns=RESPONSE_DIMS,
        peers=False,
        target_meaning="the share of priority incidents to be reached within an hour",
        noun="the share of priority incidents attended within an hour",
    ),
)
