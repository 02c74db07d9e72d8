"""Funnels skipped because no area could become a finding give the same tests as funnels
computed in full: the same p values, and findings only where a funnel was computed."""

from __future__ import annotations

import numpy as np
import pytest

from assurance.findings import funnels
from assurance.findings.common import Options, RuleInput
from assurance.findings.model import Check
from assurance.findings.text import Names
from tests.unit.findings.build import report, result

AREAS = "abcdefg"


def _tests(measure_id: str, cells: dict[str, tuple[float, float]]) -> list[Check]:
    year = (sum(c[0] for c in cells.values()), sum(c[1] for c in cells.values()))
    r = result(measure_id, year=year, breakdowns={"area": cells})
    return funnels.area_outliers(RuleInput(report(r), Names(), Options()))


def _areas(rng: np.random.Generator, proportion: bool) -> dict[str, tuple[float, float]]:
    units = int(rng.integers(3, 8))
    out = {}
    for key in AREAS[:units]:
        if proportion:
            n = float(rng.integers(5, 400))
            out[key] = (float(rng.binomial(int(n), rng.uniform(0.76, 0.84))), n)
        else:
            population = float(rng.integers(50_000, 400_000))
            out[key] = (float(rng.poisson(population * rng.uniform(0.0495, 0.0505))), population)
    return out


@pytest.mark.parametrize(
    ("measure_id", "proportion"),
    [("satisfaction.whole_experience", True), ("crime.rate_per_1000", False)],
)
def test_screened_funnels_give_the_tests_of_full_ones(
    measure_id: str, proportion: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(11)
    computed = funnels._funnel
    calls: list[object] = []

    def counted(*args: object) -> object:
        calls.append(args)
        return computed(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(funnels, "_funnel", counted)
    screened = 0
    for _ in range(150):
        cells = _areas(rng, proportion)
        before = len(calls)
        fast = _tests(measure_id, cells)
        screened += len(calls) == before
        with monkeypatch.context() as patched:
            patched.setattr(funnels, "_screened", lambda r, fdr: None)
            full = _tests(measure_id, cells)
        assert [t.p_value for t in fast] == [t.p_value for t in full]
        for a, b in zip(fast, full, strict=True):
            # a finding left out by the screen could never have survived the FDR step
            assert a == b or (a.finding is None and (b.p_value or 0.0) >= Options().fdr)
    assert 20 < screened < 130
