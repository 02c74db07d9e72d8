"""``findings_report``: what the ``assurance findings`` command shows."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from assurance.config import Settings
from assurance.findings.common import Options
from assurance.findings.engine import Evaluation, evaluate, summary
from assurance.findings.model import Finding
from assurance.findings.text import Names
from assurance.measures.compute import compute_forces
from assurance.measures.periods import HISTORY_MONTHS
from assurance.measures.report import check_force, chosen_forces, default_force
from assurance.measures.results import MeasuresReport
from assurance.warehouse import connect
from assurance.warehouse.base import Warehouse


class FindingsReport(list[Finding]):
    """The findings of one force and month (a list), with the measures and test counts behind
    them. ``to_json()`` gives the JSON array of docs/findings.md."""

    def __init__(self, evaluation: Evaluation, measures: MeasuresReport) -> None:
        super().__init__(evaluation.findings)
        self.evaluation = evaluation
        self.measures = measures

    @property
    def force(self) -> str:
        return self.measures.force

    @property
    def month(self) -> str:
        return self.measures.month

    def to_json(self) -> list[dict[str, Any]]:
        return [f.to_json() for f in self]

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False)

    def summary(self) -> dict[str, Any]:
        return {"force": self.force, "month": self.month, **summary(self.evaluation)}


def area_names(warehouse: Warehouse, forces: Sequence[str]) -> dict[str, Names]:
    """Area names of each force (the areas table, one query); force names from their codes."""
    areas: dict[str, dict[str, str]] = {f: {} for f in forces}
    for force, code, name in warehouse.fetchall("SELECT force, area_code, area_name FROM areas"):
        if str(force) in areas:
            areas[str(force)][str(code)] = str(name)
    return {f: Names(areas=a) for f, a in areas.items()}


def names_of(warehouse: Warehouse, force: str) -> Names:
    """Area names of a force (the areas table); force names from their codes."""
    return area_names(warehouse, (force,))[force]


def _findings(
    warehouse: Warehouse,
    forces: tuple[str, ...],
    month: str,
    settings: Settings,
    history: int,
    options: Options | None,
) -> dict[str, FindingsReport]:
    """Measures for ``forces`` computed together, then each force's findings."""
    measures = compute_forces(
        warehouse,
        forces,
        month,
        history=history,
        shift_change_windows=settings.shift_change_windows,
    )
    names = area_names(warehouse, forces)
    return {
        f: FindingsReport(evaluate(measures[f], names[f], options), measures[f]) for f in forces
    }


def findings_report(
    settings: Settings,
    month: str,
    force: str | None = None,
    *,
    history: int = HISTORY_MONTHS,
    options: Options | None = None,
) -> FindingsReport:
    """Every finding for ``force`` (default: the force with a plan, else most crimes) and
    ``month`` (``YYYY-MM``)."""
    with connect(settings) as warehouse:
        chosen = force or default_force(warehouse)
        check_force(warehouse, chosen)
        return _findings(warehouse, (chosen,), month, settings, history, options)[chosen]


def findings_for_forces(
    settings: Settings,
    month: str,
    forces: Sequence[str] | None = None,
    *,
    history: int = HISTORY_MONTHS,
    options: Options | None = None,
) -> dict[str, FindingsReport]:
    """Every finding for each of ``forces`` (default: every force with areas) and ``month``.

    The measures of all the forces are computed with one set of engine queries; each force is
    then judged on its own (its own peers, plan targets and false-discovery family), so its
    report is the one :func:`findings_report` gives for it alone.
    """
    with connect(settings) as warehouse:
        chosen = chosen_forces(warehouse, forces)
        return _findings(warehouse, chosen, month, settings, history, options)


def forces_json(month: str, reports: Mapping[str, FindingsReport]) -> dict[str, Any]:
    """The JSON of ``assurance findings --all-forces --json``: each force's findings."""
    return {
        "month": month,
        "forces": [
            {"force": force, "tests": r.evaluation.tests, "findings": r.to_json()}
            for force, r in reports.items()
        ],
    }
