"""Small Ibis building blocks shared by the sources: scoping, counting, London months.

A source's rows come in two kinds. *Detail* rows are the reported forces', for every month of
the series, with the month and breakdown columns (London local time where the date is a
date-time). *Peer* rows are the peer forces', for the 12-month window only, with no month or
breakdown columns: peers are compared on the window as a whole, so their rows need neither
the time conversion nor the joins that give breakdowns. :func:`aggregate` groups both in the
engine and returns them as one table.
"""

from __future__ import annotations

from typing import Any

from assurance.measures.catalogue import NOT_GIVEN, Context, Source
from assurance.measures.periods import first_day, key_of, local_month_start_utc, london


def count_if(condition: Any) -> Any:
    """The number of rows where ``condition`` holds (unknown counts as not holding)."""
    import ibis

    return ibis.ifelse(condition, 1, 0).sum().cast("float64")


def sum_of(value: Any) -> Any:
    """The sum of ``value`` over the rows (0 when every value is missing)."""
    return value.sum().fill_null(0).cast("float64")


def given(column: Any) -> Any:
    """A breakdown column with missing values shown as ``not-given``."""
    return column.fill_null(NOT_GIVEN)


def _scope(
    ctx: Context, t: Any, column: Any, lower: tuple[Any, Any], upper: Any, detail: bool
) -> Any:
    if detail:
        return t.filter(ctx.reported(t.force), column >= lower[0], column < upper)
    return t.filter(ctx.compared(t.force), column >= lower[1], column < upper)


def scope_dates(ctx: Context, t: Any, column: str, detail: bool) -> Any:
    """Filter ``t`` on a DATE column to the detail or peer rows of ``ctx``.

    Detail rows get a ``month`` column (the month key of the date).
    """
    lower = (first_day(ctx.first), first_day(ctx.window_first))
    kept = _scope(ctx, t, t[column], lower, first_day(ctx.month + 1), detail)
    return kept.mutate(month=key_of(kept[column])) if detail else kept


def scope_times(ctx: Context, t: Any, column: str, detail: bool) -> Any:
    """Filter ``t`` on a UTC TIMESTAMP column to the detail or peer rows of ``ctx``.

    The bounds are the UTC instants of local midnight, so the filter runs on the stored
    column. Detail rows get a column ``local`` (London local time) and ``month`` (its month
    key). The table is returned as a *view*, so that Ibis computes ``local`` once per row
    rather than repeating its expression in every column derived from it.
    """
    lower = (local_month_start_utc(ctx.first), local_month_start_utc(ctx.window_first))
    kept = _scope(ctx, t, t[column], lower, local_month_start_utc(ctx.month + 1), detail)
    if not detail:
        return kept
    kept = kept.mutate(local=london(kept[column], ctx.first // 12, ctx.month // 12 + 1)).view()
    return kept.mutate(month=key_of(kept.local))


def seconds_between(start: Any, end: Any) -> Any:
    """Whole seconds from ``start`` to ``end`` (both timestamps), as an integer."""
    return (end.epoch_seconds() - start.epoch_seconds()).cast("int64")


def aggregate(ctx: Context, source: Source, peers: bool = True) -> Any:
    """One source's aggregated table, computed by the engine in one query.

    The reported forces' rows are grouped by force, month and breakdowns; before the 12-month
    window only the breakdowns with series (``source.series_dims``) are kept (the others read
    ``not-given``), which keeps the table small. With ``peers`` (and peer forces in ``ctx``),
    one row per peer force for the window follows, with month set to the reporting month and
    every breakdown ``not-given``. The column ``peer`` tells the two kinds apart (a force may
    be both reported on and another's peer).
    """
    import ibis

    own = source.rows(ctx, True)
    schema = own.schema()

    def blank(dim: str) -> Any:
        return ibis.literal(-1 if schema[dim].is_integer() else NOT_GIVEN, schema[dim])

    in_window = own.month >= ctx.window_first
    keys = {
        d: own[d] if d in source.series_dims else ibis.ifelse(in_window, own[d], blank(d))
        for d in source.dims
    }
    detail = own.group_by(force=own.force, month=own.month, **keys).aggregate(
        **source.aggregates(own)
    )
    detail = detail.mutate(peer=ibis.literal(False))
    if not (peers and ctx.peers):
        return detail
    other = source.rows(ctx, False)
    part = other.group_by("force").aggregate(**source.aggregates(other))
    part = part.mutate(
        month=ibis.literal(ctx.month, "int64"),
        peer=ibis.literal(True),
        **{d: blank(d) for d in source.dims},
    )
    columns = ["force", "month", "peer", *source.dims, *source.metrics]
    target = detail.schema()
    uniform = [
        t.select(**{c: t[c].cast(target[c].copy(nullable=True)) for c in columns})
        for t in (detail, part)
    ]
    return ibis.union(*uniform, distinct=False)
