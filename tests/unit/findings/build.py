"""Measure results built by hand (no warehouse), for testing the finding rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from assurance.measures import CATALOGUE, MeasuresReport, measure
from assurance.measures.derive import values_of
from assurance.measures.periods import month_key, month_text
from assurance.measures.results import Breakdown, Cell, MeasureResult, Series, Value

FORCE = "west-mercia"
MONTH = "2016-05"
Pair = tuple[float, float]


def value(measure_id: str, num: float, den: float | None, sq: float | None = None) -> Value:
    m = measure(measure_id)
    return values_of(m, [num], None if den is None else [den], None if sq is None else [sq])[0]


def series(measure_id: str, pairs: Sequence[Pair], group: tuple[str, str] | None = None) -> Series:
    m = measure(measure_id)
    end = month_key(MONTH)
    months = tuple(month_text(end - len(pairs) + 1 + i) for i in range(len(pairs)))
    nums = [p[0] for p in pairs]
    dens = [p[1] for p in pairs] if m.denominator else None
    vs = values_of(m, nums, dens)
    return Series(
        months=months,
        values=tuple(v.value for v in vs),
        numerators=tuple(v.numerator for v in vs),
        denominators=tuple(v.denominator for v in vs),
        group=group,
    )


def result(
    measure_id: str,
    *,
    year: Pair | Value,
    month: Pair | Value | None = None,
    target: float | None = None,
    history: Sequence[Pair] = (),
    breakdowns: Mapping[str, Mapping[str, Pair | Value]] | None = None,
    groups: Mapping[str, Sequence[Pair]] | None = None,
    peers: Mapping[str, Pair] | None = None,
) -> MeasureResult:
    """One measure's result: 12-month value, optional month value, monthly history (oldest
    first, ending with the report month), 12-month breakdowns, offence-group series and peer
    values (the force's own 12-month value comes first)."""

    def as_value(x: Pair | Value) -> Value:
        return x if isinstance(x, Value) else value(measure_id, x[0], x[1])

    m = measure(measure_id)
    y = as_value(year)
    cells = tuple(
        Breakdown(dim, "12m", tuple(Cell(k, as_value(v)) for k, v in sorted(groups_.items())))
        for dim, groups_ in (breakdowns or {}).items()
    )
    peer_cells: tuple[Cell, ...] = ()
    if peers:
        peer_cells = (Cell(FORCE, y), *(Cell(f, as_value(p)) for f, p in peers.items()))
    return MeasureResult(
        measure=m,
        force=FORCE,
        month=MONTH,
        target=target,
        windows=(("month", as_value(month) if month is not None else y), ("12m", y)),
        breakdowns=cells,
        series=series(measure_id, history) if history else series(measure_id, []),
        group_series=tuple(
            series(measure_id, pairs, ("offence_group", key))
            for key, pairs in (groups or {}).items()
        ),
        peers=peer_cells,
    )


def report(*results: MeasureResult, peers: tuple[str, ...] = ()) -> MeasuresReport:
    order = {m.id: i for i, m in enumerate(CATALOGUE)}
    return MeasuresReport(
        force=FORCE,
        month=MONTH,
        peers=peers,
        history=60,
        engine="test",
        results=tuple(sorted(results, key=lambda r: order[r.measure.id])),
    )


def binomial_history(rng: np.random.Generator, p: float, n: int, months: int) -> list[Pair]:
    return [(float(rng.binomial(n, p)), float(n)) for _ in range(months)]
