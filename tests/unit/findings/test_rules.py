"""Each finding rule against independent calculations, on hand-built measure results."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from assurance.findings import Names, evaluate
from assurance.findings.common import Options, RuleInput
from assurance.findings.engine import _adjust
from assurance.findings.model import Check, Finding, Scope
from tests.unit.findings.build import binomial_history, report, result, value

SPEC_KEYS = {
    "measure", "window", "scope", "kind", "value", "interval", "target", "rule", "severity",
    "text",
}  # fmt: skip
NAMES = Names(areas={"telford-wrekin": "Telford and Wrekin", "herefordshire": "Herefordshire"})


def kinds(findings: tuple[Finding, ...]) -> set[tuple[str, str, str]]:
    return {(f.kind, f.measure, f.scope.label) for f in findings}


def test_below_target_uses_the_score_test_and_reads_plainly() -> None:
    r = result("satisfaction.whole_experience", year=(851, 1000), target=0.90)
    [f] = evaluate(report(r), NAMES).findings
    assert f.kind == "below-target" and f.window == "12m" and f.target == 0.90
    _, p = proportions_ztest(851, 1000, value=0.90, prop_var=0.90)
    assert f.p_value == pytest.approx(p, rel=1e-9)
    assert f.interval == pytest.approx(proportion_confint(851, 1000, method="wilson"), abs=1e-12)
    assert f.text == (
        "Whole-experience satisfaction was 85.1% (95% CI 82.8–87.2%) in the 12 months to May "
        "2016, significantly below the 90% Police and Crime Plan target."
    )
    data = f.to_json()
    assert set(data) >= SPEC_KEYS
    assert data["scope"] == {
        "force": "west-mercia", "area": None, "offence_group": None, "survey_group": None,
    }  # fmt: skip


def test_consistent_with_target_is_no_finding() -> None:
    r = result("satisfaction.whole_experience", year=(893, 1000), target=0.90)
    assert evaluate(report(r)).findings == ()


def test_area_below_target_names_the_area() -> None:
    r = result(
        "satisfaction.whole_experience",
        year=(4300, 5000),
        target=0.90,
        breakdowns={"area": {"telford-wrekin": (300, 400), "herefordshire": (580, 640)}},
    )
    found = {(f.scope.area, f.kind) for f in evaluate(report(r), NAMES).findings}
    assert ("telford-wrekin", "below-target") in found
    text = next(f.text for f in evaluate(report(r), NAMES).findings if f.scope.area)
    assert text.startswith("Whole-experience satisfaction in Telford and Wrekin was 75.0%")


def test_benjamini_hochberg_matches_statsmodels() -> None:
    rng = np.random.default_rng(3)
    p = np.concatenate([rng.uniform(0, 0.01, 5), rng.uniform(0, 1, 40)])
    tests = [
        Check(
            "x",
            float(v),
            Finding("m", "12m", Scope("f"), "below-target", 0.5, None, None, None, "low", f"t{i}"),
        )
        for i, v in enumerate(p)
    ]
    kept = _adjust(tests, 0.05)
    reject, q, _, _ = multipletests(p, alpha=0.05, method="fdr_bh")
    assert {f.text for f in kept} == {f"t{i}" for i in np.flatnonzero(reject)}
    for f in kept:
        assert f.q_value == pytest.approx(q[int(f.text[1:])])


def test_special_cause_at_the_latest_point() -> None:
    # 40 months near 13%, then 8 months near 7.5%: the domestic burglary story
    history = [(52.0 + (i % 3) - 1, 400.0) for i in range(40)] + [
        (30.0 + (i % 2), 400.0) for i in range(8)
    ]
    r = result(
        "outcomes.positive_rate",
        year=(3000, 10000),
        history=[(2500.0 + 10 * (i % 3), 10000.0) for i in range(48)],
        groups={"burglary-domestic": history},
    )
    findings = evaluate(report(r)).findings
    assert ("special-cause-concern", "outcomes.positive_rate", "burglary-domestic") in kinds(
        findings
    )
    f = next(f for f in findings if f.scope.offence_group == "burglary-domestic")
    assert f.rule in ("outside-limits", "shift", "two-of-three", "trend")
    assert f.window == "month" and f.value == pytest.approx(31.0 / 400.0)
    assert dict(f.evidence)["run_months"] >= 1


def test_a_stable_series_has_no_special_cause() -> None:
    rng = np.random.default_rng(5)
    r = result(
        "outcomes.positive_rate",
        year=(3000, 10000),
        history=binomial_history(rng, 0.3, 1000, 48),
    )
    assert evaluate(report(r)).findings == ()


def test_special_causes_need_enough_history() -> None:
    history = [(50.0, 400.0)] * 15 + [(20.0, 400.0)] * 5
    r = result("outcomes.positive_rate", year=(3000, 10000), history=history)
    assert evaluate(report(r)).findings == ()


def test_area_funnel_outliers_at_two_levels() -> None:
    areas = {
        "a": (850, 1000), "b": (855, 1000), "c": (845, 1000), "d": (780, 1000),
        "e": (870, 1000),
    }  # fmt: skip
    r = result("satisfaction.treatment", year=(4200, 5000), breakdowns={"area": areas})
    by_area = {f.scope.area: f for f in evaluate(report(r)).findings if f.scope.area}
    assert by_area["d"].kind == "outlier-low" and by_area["d"].rule == "funnel-998"
    assert by_area["d"].severity == "high"
    # e: z = 2.6 on the funnel around 84%, inside the 99.8% limits but outside the 95% ones
    assert by_area["e"].kind == "outlier-high" and by_area["e"].rule == "funnel-95"
    assert by_area["e"].severity == "low"
    assert set(by_area) == {"d", "e"}


def test_compliance_breach_counts_cases() -> None:
    history = [(10.0, 10.0)] * 21 + [(9.0, 10.0), (10.0, 10.0), (8.0, 10.0)]
    r = result("integrity.sso_cancel_authority", year=(117, 120), target=1.0, history=history)
    [f] = evaluate(report(r)).findings
    assert f.kind == "compliance-breach" and f.severity == "high"
    assert dict(f.evidence)["breaches"] == 3
    assert f.text.startswith(
        "3 serious sexual offence cancellations in the 12 months to May 2016 were not "
        "authorised by the Deputy Chief Constable"
    )
    clean = result("integrity.sso_cancel_authority", year=(120, 120), history=[(10.0, 10.0)] * 24)
    assert evaluate(report(clean)).findings == ()


def test_weakest_stage_only_when_clearly_weakest() -> None:
    levels = {
        "ease_of_contact": 0.94, "actions_taken": 0.91, "kept_informed": 0.78,
        "treatment": 0.93, "whole_experience": 0.86,
    }  # fmt: skip
    rs = [result(f"satisfaction.{s}", year=(round(p * 2500), 2500)) for s, p in levels.items()]
    found = kinds(evaluate(report(*rs)).findings)
    assert ("weakest-stage", "satisfaction.kept_informed", "west-mercia") in found
    even = [result(f"satisfaction.{s}", year=(2250 + i, 2500)) for i, s in enumerate(levels)]
    assert not any(f.kind == "weakest-stage" for f in evaluate(report(*even)).findings)


def test_peer_comparison_against_the_group_without_the_force() -> None:
    peers = {f"peer-{i}": (2580.0 + 5 * i, 10000.0) for i in range(7)}
    r = result("outcomes.positive_rate", year=(2850, 10000), peers=peers)
    [f] = evaluate(report(r, peers=tuple(peers))).findings
    assert f.kind == "peer-above" and f.severity == "low"
    assert dict(f.evidence)["peer_value"] == pytest.approx(
        sum(p[0] for p in peers.values()) / 70000
    )


def test_group_shortfall_is_one_sided() -> None:
    slow = value("response.emergency.mean_minutes", 11.9 * 60 * 4000, 4000, sq=None)
    r = result(
        "response.emergency.mean_minutes",
        year=(9.6 * 60 * 40000, 40000),
        breakdowns={
            "shift_change": {
                "changeover": _mean(11.9, 9.0, 4000),
                "other": _mean(9.5, 9.0, 36000),
            }
        },
    )
    found = evaluate(report(r)).findings
    assert [(f.kind, f.scope.breakdown) for f in found] == [
        ("breakdown-above", ("shift_change", "changeover"))
    ]
    assert slow.value == pytest.approx(11.9)
    quick = result(
        "response.emergency.mean_minutes",
        year=(9.6 * 60 * 40000, 40000),
        breakdowns={
            "shift_change": {"changeover": _mean(8.0, 9.0, 4000), "other": _mean(9.7, 9.0, 36000)}
        },
    )
    assert evaluate(report(quick)).findings == ()


def _mean(minutes: float, sd: float, n: int) -> object:
    seconds, sd_s = minutes * 60.0, sd * 60.0
    squares = n * (sd_s**2 * (n - 1) / n + seconds**2)
    return value("response.emergency.mean_minutes", seconds * n, n, squares)


def test_options_are_documented_defaults() -> None:
    o = Options()
    assert (o.fdr, o.min_spc_points, o.forecast_probability) == (0.05, 24, 0.95)
    assert RuleInput(report(), Names(), o).force == "west-mercia"
