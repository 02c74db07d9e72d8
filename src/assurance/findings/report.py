"""``findings_report``: what the ``assurance findings`` command shows."""

from __future__ import annotations

import json
from typing import Any

from assurance.config import Settings
from assurance.findings.common import Options
from assurance.findings.engine import Evaluation, evaluate, summary
from assurance.findings.model import Finding
from assurance.findings.text import Names
from assurance.measures.compute import compute
from assurance.measures.periods import HISTORY_MONTHS
from assurance.measures.report import check_force, default_force
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


def names_of(warehouse: Warehouse, force: str) -> Names:
    """Area names of a force (the areas table); force names from their codes."""
    rows = warehouse.fetchall("SELECT area_code, area_name FROM areas WHERE force = ?", [force])
    return Names(areas={str(code): str(name) for code, name in rows})


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
        measures = compute(
            warehouse,
            chosen,
            month,
            history=history,
            shift_change_windows=settings.shift_change_windows,
        )
        names = names_of(warehouse, chosen)
    return FindingsReport(evaluate(measures, names, options), measures)
