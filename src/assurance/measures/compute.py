"""Compute the catalogue on a warehouse: fetch each source once, then derive every measure.

The engine does the heavy work: one aggregated query per source (grouped by force, month and
breakdown columns), one for attendance quantiles, and three tiny look-ups (population, plan
targets, peers). Everything else (windows, breakdowns, series, peer values, intervals) is
arithmetic on those small tables in :mod:`assurance.measures.derive`.

The same queries serve one force (:func:`compute`) or many (:func:`compute_forces`): they
are grouped by force either way, and each force's measures are derived from its own rows and
its own peers' rows.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

from assurance.measures import crime, disposals, integrity, outcomes, response, satisfaction
from assurance.measures.catalogue import Context, Measure, Source, parse_shift_windows
from assurance.measures.cube import Cube, column_types, columns_of
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


def forces_with_areas(warehouse: Warehouse) -> tuple[str, ...]:
    """Every force the warehouse has areas for (the forces a report can be made for)."""
    rows = warehouse.fetchall("SELECT DISTINCT force FROM areas ORDER BY force")
    return tuple(str(r[0]) for r in rows)


def peer_groups(warehouse: Warehouse, forces: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each force's most similar group, as listed in the ``peers`` table (one query)."""
    rows = warehouse.fetchall("SELECT force, peer_force FROM peers ORDER BY force, peer_force")
    groups: dict[str, tuple[str, ...]] = {f: () for f in forces}
    for force, peer in rows:
        force, peer = str(force), str(peer)
        if force in groups and peer != force:
            groups[force] += (peer,)
    return groups


def peers_of(warehouse: Warehouse, force: str) -> tuple[str, ...]:
    """The force's most similar group, as listed in the ``peers`` table."""
    return peer_groups(warehouse, (force,))[force]


def plan_targets(
    warehouse: Warehouse, forces: Sequence[str], month: int
) -> dict[str, dict[str, float]]:
    """Plan targets of each force that apply in the month (``from_month`` on or before it;
    of several for a measure, the latest)."""
    rows = warehouse.fetchall(
        "SELECT force, measure, target FROM plan WHERE from_month <= ? "
        "ORDER BY force, measure, from_month",
        [first_day(month)],
    )
    targets: dict[str, dict[str, float]] = {f: {} for f in forces}
    for force, measure_id, target in rows:
        if str(force) in targets:
            targets[str(force)][str(measure_id)] = float(target)
    return targets


def targets_of(warehouse: Warehouse, force: str, month: int) -> dict[str, float]:
    """Plan targets of the force that apply in the month (``from_month`` on or before it)."""
    return plan_targets(warehouse, (force,), month)[force]


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


def _quantiles(data: dict[str, Any]) -> dict[str, Quantiles]:
    """The attendance quantiles of each force."""
    out: dict[str, Quantiles] = {}
    for force, part, dim, group, median, p90, n in zip(
        data["force"],
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
        out.setdefault(str(force), {})[key] = (_number(median), _number(p90), float(n or 0))
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

    def prepare(build: Any) -> tuple[str, dict[str, Any]]:
        expr = build()
        return str(backend.compile(expr)), column_types(expr.schema())

    out: dict[str, Any] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="measures-sql") as pool:
        prepared = {name: pool.submit(prepare, build) for name, build in builders.items()}
        for name, future in prepared.items():
            sql, types = future.result()
            started = time.perf_counter()
            rows = warehouse.fetchall(sql)
            log.debug("%s: %d rows in %.3f s", name, len(rows), time.perf_counter() - started)
            out[name] = columns_of(rows, types)
    return out


@dataclass(frozen=True)
class Fetched:
    """Everything read from the warehouse for one month and a set of forces."""

    period: Period
    cubes: dict[str, Cube]
    population: dict[tuple[str, str], float]
    quantiles: dict[str, Quantiles]
    """The attendance quantiles of each reported force."""
    targets: dict[str, dict[str, float]]
    """The plan targets of each reported force."""

    def inputs(self, force: str, peers: tuple[str, ...]) -> Inputs:
        """What :func:`derive` needs for one force compared with ``peers``."""
        forces = {force, *peers}
        return Inputs(
            period=self.period,
            force=force,
            peers=peers,
            cubes={name: cube.select(force, peers) for name, cube in self.cubes.items()},
            population={k: v for k, v in self.population.items() if k[0] in forces},
            quantiles=self.quantiles.get(force, {}),
            targets=self.targets.get(force, {}),
        )


def fetch(
    warehouse: Warehouse,
    groups: dict[str, tuple[str, ...]],
    period: Period,
    shift_windows: tuple[tuple[int, int], ...],
    measures: tuple[Measure, ...],
) -> Fetched:
    """Run one query per source (and one for attendance quantiles) covering every force of
    ``groups`` (force -> its peers), with the look-ups beside them."""
    forces = tuple(groups)
    backend = warehouse.ibis()
    ctx = Context(
        backend=backend,
        forces=forces,
        peers=tuple(sorted({p for group in groups.values() for p in group})),
        first=period.first,
        window_first=period.window_first,
        month=period.month,
        shift_windows=shift_windows,
        every_force=len(forces) > 1 and set(forces) >= set(forces_with_areas(warehouse)),
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
        _population(warehouse, tuple(dict.fromkeys((*ctx.forces, *ctx.peers))))
        if any(m.denominator_source == "population" for m in measures)
        else {}
    )
    return Fetched(
        period=period,
        cubes=cubes,
        population=population,
        quantiles=_quantiles(data[QUANTILES]) if QUANTILES in data else {},
        targets=plan_targets(warehouse, forces, period.month),
    )


def _report(inputs: Inputs, measures: tuple[Measure, ...], engine: str) -> MeasuresReport:
    return MeasuresReport(
        force=inputs.force,
        month=inputs.period.text,
        peers=inputs.peers,
        history=inputs.period.history,
        engine=engine,
        results=tuple(derive(m, inputs) for m in measures),
    )


def compute_forces(
    warehouse: Warehouse,
    forces: Sequence[str],
    month: str,
    *,
    peers: Mapping[str, Sequence[str]] | None = None,
    history: int = HISTORY_MONTHS,
    shift_change_windows: str = DEFAULT_SHIFT_WINDOWS,
    measures: tuple[Measure, ...] = CATALOGUE,
) -> dict[str, MeasuresReport]:
    """Compute ``measures`` for each of ``forces`` and ``month`` (``YYYY-MM``) on an open
    warehouse, with one set of engine queries covering them all.

    Each force is compared with its own most similar group (``peers``: force -> peer forces;
    by default the ``peers`` table) and gets its own plan targets. The report of a force is
    the same as :func:`compute` gives for it alone.
    """
    started = time.perf_counter()
    period = Period(month_key(month), history)
    chosen = tuple(dict.fromkeys(forces))
    if not chosen:
        return {}
    if peers is None:
        groups = peer_groups(warehouse, chosen)
    else:
        groups = {f: tuple(p for p in peers.get(f, ()) if p != f) for f in chosen}
    fetched = fetch(warehouse, groups, period, parse_shift_windows(shift_change_windows), measures)
    reports = {
        force: _report(fetched.inputs(force, group), measures, warehouse.engine)
        for force, group in groups.items()
    }
    log.info(
        "computed %d measures for %d force(s), %s, on %s in %.2f s",
        len(measures),
        len(reports),
        month,
        warehouse.engine,
        time.perf_counter() - started,
    )
    return reports


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
    return compute_forces(
        warehouse,
        (force,),
        month,
        peers=None if peers is None else {force: peers},
        history=history,
        shift_change_windows=shift_change_windows,
        measures=measures,
    )[force]
