"""Findings: rules that turn measure results and statistics into plain-English findings.

* :func:`findings_report`: every finding for a force and month (a :class:`FindingsReport`,
  a list of :class:`Finding` with ``to_json()``).
* :func:`findings_for_forces`: the same for many forces (default: every force), their
  measures computed together.
* :func:`evaluate`: the same from a computed :class:`~assurance.measures.MeasuresReport`,
  without touching the warehouse.

The kinds, the JSON shape and the false-discovery method are documented in docs/findings.md
and docs/methodology.md.
"""

from assurance.findings.common import Options
from assurance.findings.engine import Evaluation, evaluate
from assurance.findings.model import KINDS, Check, Finding, Scope
from assurance.findings.report import FindingsReport, findings_for_forces, findings_report
from assurance.findings.text import Names

__all__ = [
    "KINDS",
    "Check",
    "Evaluation",
    "Finding",
    "FindingsReport",
    "Names",
    "Options",
    "Scope",
    "evaluate",
    "findings_for_forces",
    "findings_report",
]
