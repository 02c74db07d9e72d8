"""Run every rule on a month's measures and keep what survives the false-discovery step.

1. Each rule makes *tests*: target tests, funnel units, peer comparisons, group differences,
   the weakest stage and special-cause charts each give a p value, whether or not they found
   anything.
2. Benjamini–Hochberg adjusts all those p values together (one family for the month), and a
   test becomes a finding only when its q value is below ``Options.fdr`` (5%).
3. Compliance breaches (facts, not estimates) and predicted breaches (a forecast probability)
   have no p value and stand on their own rules.

Findings are sorted by severity, then by the catalogue order of their measure.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from assurance.findings.blas import one_blas_thread
from assurance.findings.common import Options, RuleInput
from assurance.findings.comparisons import group_differences, weakest_stage
from assurance.findings.compliance import compliance_breaches
from assurance.findings.funnels import area_outliers, peer_comparisons
from assurance.findings.model import SEVERITY_ORDER, Check, Finding
from assurance.findings.spc import special_causes
from assurance.findings.targets import predicted_breaches, target_tests
from assurance.findings.text import Names
from assurance.measures.results import MeasuresReport
from assurance.stats.compare import bh_adjust

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Evaluation:
    """The findings of a month, and how many tests stood behind them."""

    findings: tuple[Finding, ...]
    tests: int
    tests_by_family: tuple[tuple[str, int], ...]
    fdr: float


def _adjust(tests: list[Check], fdr: float) -> list[Finding]:
    tested = [t for t in tests if t.p_value is not None]
    q: list[float] = (
        [float(v) for v in bh_adjust(np.array([t.p_value for t in tested], dtype=np.float64))]
        if tested
        else []
    )
    kept: list[Finding] = []
    for test, q_value in zip(tested, q, strict=True):
        finding = test.made() if test.finding is not None and float(q_value) < fdr else None
        if finding is not None:
            kept.append(finding.with_q(float(q_value)))
    for test in tests:
        finding = test.made() if test.p_value is None else None
        if finding is not None:
            kept.append(finding)
    return kept


def _run_rules(inp: RuleInput) -> tuple[list[Check], list[Finding], list[Check]]:
    """Every rule: the tests, the findings that survive the false-discovery step, and the
    checks without a p value (compliance breaches, predicted breaches)."""
    tests: list[Check] = []
    tests += target_tests(inp)
    tests += special_causes(inp)
    tests += area_outliers(inp)
    tests += peer_comparisons(inp)
    tests += group_differences(inp)
    tests += weakest_stage(inp)
    kept = _adjust(tests, inp.options.fdr)
    already = {
        f.measure
        for f in kept
        if f.kind in ("below-target", "above-target")
        and f.scope.area is None
        and f.severity != "low"
    }
    return tests, kept, compliance_breaches(inp) + predicted_breaches(inp, already)


def evaluate(
    report: MeasuresReport, names: Names | None = None, options: Options | None = None
) -> Evaluation:
    """Every finding the statistics support for one force and month."""
    inp = RuleInput(report, names or Names(), options or Options())
    with one_blas_thread():
        tests, kept, extra = _run_rules(inp)
    kept += _adjust(extra, inp.options.fdr)
    order = {r.measure.id: i for i, r in enumerate(report.results)}
    kept.sort(key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.measure, 999), f.kind))
    families: dict[str, int] = {}
    for t in tests:
        if t.p_value is not None:
            families[t.family] = families.get(t.family, 0) + 1
    log.info(
        "%d findings for %s %s from %d tests",
        len(kept),
        report.force,
        report.month,
        sum(families.values()),
    )
    return Evaluation(
        findings=tuple(kept),
        tests=sum(families.values()),
        tests_by_family=tuple(sorted(families.items())),
        fdr=inp.options.fdr,
    )


def summary(evaluation: Evaluation) -> dict[str, Any]:
    """Counts for a report header."""
    kinds: dict[str, int] = {}
    for f in evaluation.findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    return {
        "findings": len(evaluation.findings),
        "tests": evaluation.tests,
        "tests_by_family": dict(evaluation.tests_by_family),
        "fdr": evaluation.fdr,
        "kinds": kinds,
    }
