"""The terminal tables show what the reports hold."""

from __future__ import annotations

from rich.console import Console

from assurance.findings import evaluate
from assurance.findings.render import findings_table
from assurance.measures.render import measures_table
from tests.unit.findings.build import report, result


def _text(renderable: object) -> str:
    console = Console(record=True, width=200)
    console.print(renderable)
    return console.export_text()


def test_measures_table_shows_values_intervals_and_targets() -> None:
    r = result(
        "satisfaction.whole_experience",
        year=(851, 1000),
        target=0.9,
        history=[(80.0 + i % 5, 100.0) for i in range(24)],
    )
    text = _text(measures_table(report(r)))
    assert "satisfaction.whole_experience" in text
    assert "85.1% (82.8–87.2)" in text and "90.0%" in text and "May 2016" in text


def test_findings_table_shows_each_finding() -> None:
    r = result("satisfaction.whole_experience", year=(851, 1000), target=0.9)
    findings = evaluate(report(r)).findings
    text = _text(findings_table(findings))
    assert "below-target" in text and "high" in text
    assert "significantly below the 90%" in text


def test_forces_table_counts_findings_by_severity() -> None:
    from assurance.findings.render import forces_table
    from assurance.findings.report import FindingsReport

    below = report(result("satisfaction.whole_experience", year=(851, 1000), target=0.9))
    above = report(result("satisfaction.whole_experience", year=(951, 1000), target=0.9))
    quiet = report(result("satisfaction.whole_experience", year=(899, 1000), target=0.9))
    reports = {
        name: FindingsReport(evaluate(r), r)
        for name, r in (("alpha", below), ("beta", above), ("gamma", quiet))
    }
    lines = {
        line.split("│")[1].strip(): line
        for line in _text(forces_table("2016-05", reports)).splitlines()
        if "│" in line
    }
    cells = {name: [c.strip() for c in line.split("│")[2:7]] for name, line in lines.items()}
    assert cells == {
        "alpha": ["1", "1", "1", "0", "0"],
        "beta": ["1", "1", "0", "0", "1"],
        "gamma": ["1", "0", "0", "0", "0"],
    }
    assert "below-target satisfaction.whole_experience" in lines["alpha"]
