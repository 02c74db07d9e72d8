"""``measures_report``: what the ``assurance measures`` command shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assurance.config import Settings
from assurance.measures.compute import compute, compute_forces, forces_with_areas
from assurance.measures.periods import HISTORY_MONTHS, MeasureError
from assurance.measures.results import MeasuresReport
from assurance.warehouse import connect
from assurance.warehouse.base import Warehouse


def default_force(warehouse: Warehouse) -> str:
    """The force a report is about when none is named.

    The force with Police and Crime Plan targets (the force the warehouse is kept for; peers
    and national comparators have none); among several, or when no force has a plan, the one
    with most crimes. Raises :class:`MeasureError` when the warehouse holds no crimes.
    """
    planned = [str(r[0]) for r in warehouse.fetchall("SELECT DISTINCT force FROM plan")]
    if len(planned) == 1:
        return planned[0]
    where = f"WHERE force IN ({', '.join('?' for _ in planned)}) " if planned else ""
    rows = warehouse.fetchall(
        f"SELECT force, count(*) AS crimes FROM crimes {where}"
        "GROUP BY force ORDER BY crimes DESC, force LIMIT 1",
        planned,
    )
    if not rows:
        raise MeasureError(
            "the warehouse holds no crimes yet: load a delivery first (assurance ingest)"
        )
    return str(rows[0][0])


def check_forces(warehouse: Warehouse, forces: Sequence[str]) -> None:
    """Raise :class:`MeasureError` when the warehouse has no areas for one of ``forces``."""
    known = forces_with_areas(warehouse)
    missing = [f for f in forces if f not in known]
    if missing:
        raise MeasureError(
            f"the warehouse has no force {missing[0]!r}; it holds: {', '.join(known) or 'none'}"
        )


def check_force(warehouse: Warehouse, force: str) -> None:
    """Raise :class:`MeasureError` when the warehouse has no areas for ``force``."""
    check_forces(warehouse, (force,))


def chosen_forces(warehouse: Warehouse, forces: Sequence[str] | None) -> tuple[str, ...]:
    """``forces`` once checked, or every force the warehouse has areas for when None.

    Raises :class:`MeasureError` for a force the warehouse does not hold, or when it holds
    none."""
    if forces is None:
        every = forces_with_areas(warehouse)
        if not every:
            raise MeasureError(
                "the warehouse holds no forces yet: load a delivery first (assurance ingest)"
            )
        return every
    check_forces(warehouse, forces)
    return tuple(dict.fromkeys(forces))


def measures_report(
    settings: Settings, month: str, force: str | None = None, *, history: int = HISTORY_MONTHS
) -> MeasuresReport:
    """Every measure of the catalogue for ``force`` (default: :func:`default_force`) and
    ``month`` (``YYYY-MM``), with both windows, breakdowns, series and peers."""
    with connect(settings) as warehouse:
        chosen = force or default_force(warehouse)
        check_force(warehouse, chosen)
        return compute(
            warehouse,
            chosen,
            month,
            history=history,
            shift_change_windows=settings.shift_change_windows,
        )


def measures_for_forces(
    settings: Settings,
    month: str,
    forces: Sequence[str] | None = None,
    *,
    history: int = HISTORY_MONTHS,
) -> dict[str, MeasuresReport]:
    """Every measure for each of ``forces`` (default: every force with areas) and ``month``,
    computed together (:func:`compute_forces`); each force's report is the one
    :func:`measures_report` gives for it alone."""
    with connect(settings) as warehouse:
        return compute_forces(
            warehouse,
            chosen_forces(warehouse, forces),
            month,
            history=history,
            shift_change_windows=settings.shift_change_windows,
        )


def forces_json(month: str, reports: Mapping[str, MeasuresReport]) -> dict[str, Any]:
    """The JSON of ``assurance measures --all-forces --json``: each force's report."""
    return {"month": month, "forces": [r.to_json() for r in reports.values()]}
