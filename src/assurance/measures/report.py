"""``measures_report``: what the ``assurance measures`` command shows."""

from __future__ import annotations

from assurance.config import Settings
from assurance.measures.compute import compute
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


def check_force(warehouse: Warehouse, force: str) -> None:
    """Raise :class:`MeasureError` when the warehouse has no areas for ``force``."""
    if not warehouse.fetchall("SELECT 1 FROM areas WHERE force = ? LIMIT 1", [force]):
        known = [str(r[0]) for r in warehouse.fetchall("SELECT DISTINCT force FROM areas")]
        raise MeasureError(
            f"the warehouse has no force {force!r}; it holds: {', '.join(sorted(known)) or 'none'}"
        )


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
