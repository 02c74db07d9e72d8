"""Compute the catalogue on a warehouse: fetch each source once, then derive every measure.

The engine does the heavy work: one aggregated query per source (grouped by force, month and
breakdown columns), one for attendance quantiles, and three tiny look-ups (population, plan
targets, peers). Everything else (windows, breakdowns, series, peer values, intervals) is
arithmetic on those small tables in :mod:`assurance.measures.derive`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from assurance.measures import crime, disposals, integrity, outcomes, response, satisfaction
from assurance.measures.catalogue import Context, Measure, Source, parse_shift_windows
from assurance.measures.cube import Cube, columns_of
from assurance.measures.derive import Inputs, Quantiles, derive
from assurance.measures.expressions import aggregate
from assurance.measures.periods import HISTORY_MONTHS, MeasureError, Period, first_day, month_key
from assurance.measures.results import MeasuresReport
from assurance.warehouse.base import Warehouse

log = logging.getLogger(__name__)

#: Every measure, in the order of the pack.
CATALOGUE: tuple[Measure, ...] = (
    *satisfaction.MEASURES,
    *response.MEASURES,
    *crime.MEASURES,
    *outcomes.MEASURES,
    *integrity.MEASURES,
    *disposals.MEASURES,
)

#: Every source, by name.
SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        satisfaction.SOURCE,
        response.SOURCE,
        crime.SOURCE,
        outcomes.SOURCE,
        *integrity.SOURCES,
        disposals.SOURCE,
    )
}

DEFAULT_SHIFT_WINDOWS = "07:00-08:00,15:00-16:00,22:00-23:00"
QUANTILES = "attendance-quantiles"
#: The warehouse tables the sources read.
TABLES = ("survey_responses", "incidents", "crimes", "outcomes", "audits", "disposals")


def measure(measure_id: str) -> Measure:
    """The catalogue entry with this id."""
    for m in CATALOGUE:
        if m.id == measure_id:
            return m
    raise MeasureError(f"there is no measure {measure_id!r}; see docs/measures.md for the ids")


def peers_of(warehouse: Warehouse, force: str) -> tuple[str, ...]:
    """The force's most similar group, as listed in the ``peers`` table."""
    rows = warehouse.fetchall(
        "SELECT peer_force FROM peers WHERE force = ? ORDER BY peer_force", [force]
    )
    return tuple(str(r[0]) for r in rows if r[0] != force)


def targets_of(warehouse: Warehouse, force: str, month: int) -> dict[str, float]:
    """Plan targets of the force that apply in the month (``from_month`` on or before it)."""
    rows = warehouse.fetchall(
        "SELECT measure, target FROM plan WHERE force = ? AND from_month <= ?",
        [force, first_day(month)],
    )
    return {str(m): float(t) for m, t in rows}


def _needed_sources(measures: Iterable[Measure]) -> list[str]:
    names: list[str] = []
    for m in measures:
        for name in (m.source, m.denominator_source):
            if name and name in SOURCES and name not in names:
                names.append(name)
    return names


def _population(warehouse: Warehouse, forces: tuple[str, ...]) -> dict[tuple[str, str], float]:
    """Resident population of every area of the forces (a look-up, not an aggregate)."""
    marks = ", ".join("?" for _ in forces)
    rows = warehouse.fetchall(
        f"SELECT force, area_code, population FROM areas WHERE force IN ({marks})", list(forces)
    )
    return {(str(f), str(a)): float(p) for f, a, p in rows}


def _quantiles(data: dict[str, Any]) -> Quantiles:
    out: Quantiles = {}
    for part, dim, group, median, p90, n in zip(
        data["part"],
        data["dim"],
        data["key"],
        data["median"],
        data["p90"],
        data["n"],
        strict=True,
    ):
        dim, group = str(dim), str(group)
        key = (str(part), dim, group.zfill(2) if dim == "hour_of_day" else group)
        out[key] = (_number(median), _number(p90), float(n or 0))
    return out


def _number(x: Any) -> float | None:
    return None if x is None or x != x else float(x)


def _run(warehouse: Warehouse, backend: Any, builders: dict[str, Any]) -> dict[str, Any]:
    """Build and compile each expression in a worker thread while the engine runs the one
    before it, and run the SQL through the warehouse seam.

    The tables the expressions use have been looked up already (the only step that reads from
    the connection), so building and compiling are pure Python; the engines release the GIL
    while they work, so preparing the next query overlaps with running this one. Only this
    thread uses the connection.
    """

    def prepare(build: Any) -> tuple[str, list[str]]:
        expr = build()
        return str(backend.compile(expr)), list(expr.schema().names)

    out: dict[str, Any] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="measures-sql") as pool:
        prepared = {name: pool.submit(prepare, build) for name, build in builders.items()}
        for name, future in prepared.items():
            sql, names = future.result()
            started = time.perf_counter()
            rows = warehouse.fetchall(sql)
            log.debug("%s: %d rows in %.3f s", name, len(rows), time.perf_counter() - started)
            out[name] = columns_of(rows, names)
    return out


def compute(
    warehouse: Warehouse,
    force: str,
    month: str,
    *,
    peers: tuple[str, ...] | None = None,
    history: int = HISTORY_MONTHS,
    shift_change_windows: str = DEFAULT_SHIFT_WINDOWS,
    measures: tuple[Measure, ...] = CATALOGUE,
) -> MeasuresReport:
    """Compute ``measures`` for ``force`` and ``month`` (``YYYY-MM``) on an open warehouse.

    ``peers`` defaults to the force's most similar group from the ``peers`` table; ``history``
    is the number of months in each series (the reporting month included).
    """
    started = time.perf_counter()
    period = Period(month_key(month), history)
    group = peers_of(warehouse, force) if peers is None else tuple(p for p in peers if p != force)
    backend = warehouse.ibis()
    ctx = Context(
        backend=backend,
        force=force,
        peers=group,
        first=period.first,
        window_first=period.window_first,
        month=period.month,
        shift_windows=parse_shift_windows(shift_change_windows),
    )
    for table in TABLES:
        ctx.table(table)
    builders: dict[str, Any] = {}
    for name in _needed_sources(measures):
        with_peers = any(m.peers and name in (m.source, m.denominator_source) for m in measures)
        builders[name] = partial(aggregate, ctx, SOURCES[name], with_peers)
    if any(not m.additive for m in measures):
        builders[QUANTILES] = partial(response.quantile_expression, ctx)
    data = _run(warehouse, backend, builders)
    cubes = {
        name: Cube.from_columns(name, data[name], SOURCES[name].dims, SOURCES[name].metrics)
        for name in builders
        if name != QUANTILES
    }
    population = (
        _population(warehouse, ctx.forces)
        if any(m.denominator_source == "population" for m in measures)
        else {}
    )
    quantiles = _quantiles(data[QUANTILES]) if QUANTILES in data else {}
    inputs = Inputs(
        period=period,
        force=force,
        peers=group,
        cubes=cubes,
        population=population,
        quantiles=quantiles,
        targets=targets_of(warehouse, force, period.month),
    )
    results = tuple(derive(m, inputs) for m in measures)
    log.info(
        "computed %d measures for %s %s on %s in %.2f s",
        len(results),
        force,
        month,
        warehouse.engine,
        time.perf_counter() - started,
    )
    return MeasuresReport(
        force=force,
        month=period.text,
        peers=group,
        history=history,
        engine=warehouse.engine,
        results=results,
    )
