"""Small shared judgements of the rules."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from assurance.findings.common import two_sided


def test_two_sided_p_is_scipys_normal_tail_to_the_bit() -> None:
    rng = np.random.default_rng(3)
    for z in [*rng.normal(0.0, 3.0, 500), *rng.uniform(-40.0, 40.0, 200), 0.0, 1e-300, -38.5]:
        assert two_sided(float(z)) == float(2.0 * stats.norm.sf(abs(z)))
    assert two_sided(math.inf) == 0.0 and two_sided(-math.inf) == 0.0
    assert two_sided(math.nan) == 1.0
