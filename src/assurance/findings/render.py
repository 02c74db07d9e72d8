"""Findings as a terminal table (rich), for ``assurance findings``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assurance.findings.model import SEVERITY_ORDER, Finding
from assurance.findings.report import FindingsReport
from assurance.measures.periods import month_key, month_name

STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


def findings_table(findings: Sequence[Finding], title: str = "Findings") -> Table:
    """One row per finding: severity, kind, measure, scope and the sentence."""
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("severity")
    table.add_column("kind")
    table.add_column("measure")
    table.add_column("where")
    table.add_column("finding", ratio=1)
    for f in findings:
        table.add_row(
            Text(f.severity, style=STYLE[f.severity]),
            f.kind,
            f.measure,
            f.scope.label,
            f.text,
        )
    return table


def report_title(report: FindingsReport) -> str:
    s = report.summary()
    month = month_name(month_key(report.month))
    return (
        f"Findings: {report.force}, {month}: {s['findings']} from {s['tests']} tests "
        f"(false discovery rate {100 * s['fdr']:.0f}%)"
    )


def print_findings(report: FindingsReport, console: Console | None = None) -> None:
    """Print the findings table, or a line saying there are none."""
    out = console or Console()
    if not report:
        out.print(f"{report_title(report)}. Nothing the statistics support stands out.")
        return
    out.print(findings_table(report, report_title(report)))


def _headline(f: Finding, force: str) -> str:
    """A finding in a few words: kind, measure and, below force level, where."""
    where = f" ({f.scope.label})" if f.scope.label != force else ""
    return f"{f.kind} {f.measure}{where}"


def forces_table(month: str, reports: Mapping[str, FindingsReport]) -> Table:
    """One row per force: tests, findings by severity, and the most severe finding."""
    table = Table(
        title=f"Findings: {len(reports)} forces, {month_name(month_key(month))}",
        title_justify="left",
    )
    table.add_column("force")
    table.add_column("tests", justify="right")
    table.add_column("findings", justify="right")
    for severity in SEVERITY_ORDER:
        table.add_column(Text(severity, style=STYLE[severity]), justify="right")
    table.add_column("most severe")
    for force, report in reports.items():
        counts = [sum(f.severity == s for f in report) for s in SEVERITY_ORDER]
        top = _headline(report[0], force) if report else ""
        table.add_row(
            force,
            str(report.evaluation.tests),
            str(len(report)),
            *(str(n) for n in counts),
            top,
        )
    return table


def print_forces_findings(
    month: str, reports: Mapping[str, FindingsReport], console: Console | None = None
) -> None:
    """Print one line per force (``assurance findings --all-forces``)."""
    (console or Console()).print(forces_table(month, reports))
