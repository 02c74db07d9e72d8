"""Under the null (nothing but chance) the rules find (close to) nothing.

Each simulated month is a full catalogue of measures with 60 months of history, five areas,
seven peer forces, offence-group series and breakdowns, all drawn from the same stable
processes, with plan targets set at the true level. Every finding is therefore false. The
Benjamini–Hochberg step bounds the chance of *any* false finding in such a month at about 5%
(the false discovery rate equals the family-wise rate when every null is true); the
special-cause, compliance and forecast rules add a little. The test allows one false finding
in five months on average, well above what the rules should give and far below what they
would give without the control (dozens a month).
"""

from __future__ import annotations

import numpy as np

from assurance.findings import evaluate
from assurance.measures import CATALOGUE
from assurance.measures.results import MeasureResult, MeasuresReport
from tests.unit.findings.build import FORCE, Pair, report, result, value

AREAS = ("north", "south", "east", "west", "city")
GROUPS = ("violence-with-injury", "burglary-domestic", "shoplifting", "other-theft", "public-order")
PEERS = tuple(f"peer-{i}" for i in range(7))
TARGETS = {
    "satisfaction.whole_experience": 0.9,
    "response.emergency.within_target": 0.9,
    "integrity.recording_accuracy": 0.95,
}


def _share(rng: np.random.Generator, p: float, n: int, months: int) -> list[Pair]:
    return [(float(rng.binomial(n, p)), float(n)) for _ in range(months)]


def _sum(pairs: list[Pair]) -> Pair:
    return (sum(a for a, _ in pairs), sum(b for _, b in pairs))


def _proportion(rng: np.random.Generator, measure_id: str, p: float, n: int) -> MeasureResult:
    m = next(x for x in CATALOGUE if x.id == measure_id)
    history = _share(rng, p, n, 60)
    dims = {}
    if "area" in m.breakdowns:
        dims["area"] = {a: _sum(_share(rng, p, n // 5, 12)) for a in AREAS}
    if "offence_group" in m.breakdowns:
        dims["offence_group"] = {g: _sum(_share(rng, p, n // 8, 12)) for g in GROUPS}
    if "shift_change" in m.breakdowns:
        dims["shift_change"] = {
            "changeover": _sum(_share(rng, p, n // 8, 12)),
            "other": _sum(_share(rng, p, n - n // 8, 12)),
        }
    groups = {g: _share(rng, p, max(n // 8, 40), 60) for g in GROUPS} if m.series_by else None
    return result(
        measure_id,
        year=_sum(history[-12:]),
        target=TARGETS.get(measure_id, 1.0 if m.compliance else None),
        history=history,
        breakdowns=dims,
        groups=groups,
        peers={f: _sum(_share(rng, p, n, 12)) for f in PEERS} if m.peers else None,
    )


def _mean(rng: np.random.Generator, measure_id: str) -> MeasureResult:
    sd, n = 8.0 * 60, 3000

    def cell(count: int) -> object:
        mean = rng.normal(8.0 * 60, sd / np.sqrt(count))
        squares = count * (sd**2 * (count - 1) / count + mean**2)
        return value(measure_id, mean * count, count, squares)

    history = [(rng.normal(8.0 * 60, sd / np.sqrt(n)) * n, float(n)) for _ in range(60)]
    return result(
        measure_id,
        year=cell(12 * n),  # type: ignore[arg-type]
        history=history,
        breakdowns={"shift_change": {"changeover": cell(12 * n // 8), "other": cell(12 * n)}},  # type: ignore[dict-item]
    )


def _count(rng: np.random.Generator, measure_id: str, level: float) -> MeasureResult:
    history = [(float(rng.poisson(level)), 1.0) for _ in range(60)]
    return result(measure_id, year=_sum(history[-12:]), history=history)


def null_month(seed: int) -> MeasuresReport:
    rng = np.random.default_rng(seed)
    results = []
    for m in CATALOGUE:
        if m.statistic in ("proportion", "ratio"):
            p = 1.0 if m.compliance else {"satisfaction": 0.9}.get(m.theme, 0.3)
            p = TARGETS.get(m.id, p)
            n = 200 if m.theme in ("satisfaction", "integrity") else 3000
            results.append(_proportion(rng, m.id, p, n))
        elif m.statistic == "mean":
            results.append(_mean(rng, m.id))
        elif m.statistic == "count":
            results.append(_count(rng, m.id, 400.0))
    return report(*results, peers=PEERS)


def test_null_months_give_almost_no_findings() -> None:
    runs = 25
    found = []
    tests = 0
    for seed in range(runs):
        evaluation = evaluate(null_month(seed))
        tests += evaluation.tests
        found.extend((seed, f.kind, f.measure, f.scope.label) for f in evaluation.findings)
    assert tests / runs > 150  # a realistic family: well over a hundred tests a month
    assert len(found) <= runs // 5, found


def test_the_null_report_is_well_formed() -> None:
    r = null_month(1)
    assert r.force == FORCE
    assert {x.measure.id for x in r.results} >= set(TARGETS)
