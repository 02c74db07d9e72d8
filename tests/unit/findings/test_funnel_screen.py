"""Funnels of fewer than 10 areas: their tests come from the z-scores, and the funnel (its
exact limits) is computed only for an area that could become a finding. Against funnels
computed in full: the same p values, and the same findings wherever one could survive."""

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
    fdr = Options().fdr
    skipped = 0
    for _ in range(150):
        cells = _areas(rng, proportion)
        fast = _tests(measure_id, cells)
        skipped += all(t.finding is None for t in fast)
        with monkeypatch.context() as patched:
            patched.setattr(funnels, "_area_z", lambda r: None)  # always the full funnel
            full = _tests(measure_id, cells)
        assert [t.p_value for t in fast] == [t.p_value for t in full]
        for a, b in zip(fast, full, strict=True):
            # a finding not deferred could never have survived the FDR step
            assert a.made() == b.made() or (a.finding is None and (b.p_value or 0.0) >= fdr)
    assert 20 < skipped < 130
