"""Measures on the warehouse against hand computations, on DuckDB and on PostgreSQL."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from assurance.config import Settings
from assurance.ingest.run import ingest
from assurance.measures import CATALOGUE, MeasuresReport, measures_report
from assurance.measures.periods import month_key
from tests.integration.measures import handmade, reference

MONTH = "2016-05"
KEY = month_key(MONTH)
HISTORY = 24


@pytest.fixture
def loaded(settings: Settings, tmp_path: Path) -> tuple[Settings, dict[str, list[dict[str, str]]]]:
    delivery = handmade.build()
    ingest(settings, [delivery.write(tmp_path / "delivery")])
    return settings, delivery.rows


def _report(settings: Settings) -> MeasuresReport:
    return measures_report(settings, MONTH, handmade.FORCE, history=HISTORY)


def test_windows_breakdowns_series_and_peers_match_hand_computation(
    loaded: tuple[Settings, dict[str, list[dict[str, str]]]],
) -> None:
    settings, rows = loaded
    report = _report(settings)
    checked = 0
    for result in report.results:
        m = result.measure
        if not m.additive:
            continue
        for window, first in (("month", KEY), ("12m", KEY - 11)):
            want, num, _den = reference.value(m.id, rows, handmade.FORCE, first, KEY)
            got = result.window(window)
            assert reference.close(got.value, want), (m.id, window, got, want)
            assert reference.close(got.numerator, num), (m.id, window)
            for dim in m.breakdowns:
                b = result.breakdown(dim, window)
                if b is None:
                    continue
                for cell in b.cells:
                    want_cell = reference.value(
                        m.id, rows, handmade.FORCE, first, KEY, dim, cell.key
                    )
                    assert reference.close(cell.value.value, want_cell[0]), (m.id, dim, cell.key)
                    checked += 1
        for i, month in enumerate(result.series.months):
            k = month_key(month)
            want = reference.value(m.id, rows, handmade.FORCE, k, k)[0]
            assert reference.close(result.series.values[i], want), (m.id, month)
        if m.peers:
            peer = {c.key: c.value.value for c in result.peers}
            want = reference.value(m.id, rows, handmade.PEER, KEY - 11, KEY)[0]
            assert reference.close(peer[handmade.PEER], want), (m.id, "peer")
    assert checked > 300


def test_proportions_carry_wilson_intervals(
    loaded: tuple[Settings, dict[str, list[dict[str, str]]]],
) -> None:
    settings, _ = loaded
    v = _report(settings).result("satisfaction.whole_experience").window("12m")
    assert v.interval is not None and v.numerator is not None and v.denominator is not None
    # Wilson by its formula, written out here rather than taken from assurance.stats
    p, n, z = v.numerator / v.denominator, v.denominator, 1.959963984540054
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert v.interval == pytest.approx((centre - half, centre + half), abs=1e-12)


def test_quantiles_and_standard_deviation_match_numpy(
    loaded: tuple[Settings, dict[str, list[dict[str, str]]]],
) -> None:
    settings, rows = loaded
    report = _report(settings)
    for window, first in (("month", KEY), ("12m", KEY - 11)):
        minutes = np.array(reference.minutes(rows, handmade.FORCE, first, KEY))
        median = report.result("response.emergency.median_minutes").window(window)
        p90 = report.result("response.emergency.p90_minutes").window(window)
        assert median.value == pytest.approx(float(np.percentile(minutes, 50)), abs=1e-9)
        assert p90.value == pytest.approx(float(np.percentile(minutes, 90)), abs=1e-9)
        assert median.denominator == minutes.size
        mean = report.result("response.emergency.mean_minutes").window(window)
        assert mean.sd == pytest.approx(float(np.std(minutes, ddof=1)), rel=1e-9)


def test_local_time_edge_cases(loaded: tuple[Settings, dict[str, list[dict[str, str]]]]) -> None:
    """Months, hours and changeover windows are London local time, not UTC."""
    settings, rows = loaded
    mean = _report(settings).result("response.emergency.mean_minutes")
    by_hour = mean.breakdown("hour_of_day", "month")
    by_shift = mean.breakdown("shift_change", "month")
    assert by_hour is not None and by_shift is not None
    for dim, b in (("hour_of_day", by_hour), ("shift_change", by_shift)):
        for cell in b.cells:
            _, _, den = reference.value(
                mean.measure.id, rows, handmade.FORCE, KEY, KEY, dim, cell.key
            )
            assert cell.value.denominator == den, (dim, cell.key)
    # the edge cases are there: E-1 opened 00:30 on 1 May local (30 April in UTC)
    edge = {r["incident_ref"]: r for r in rows["incidents"] if r["incident_ref"].startswith("E-")}
    assert reference.utc(edge["E-1"]["opened_at"]).month == 4
    assert reference.changeover(edge["E-2"]["opened_at"]) == "changeover"
    assert reference.utc(edge["E-2"]["opened_at"]).hour == 6
    assert reference.changeover(edge["E-3"]["opened_at"]) == "other"
    assert reference.changeover(edge["E-4"]["opened_at"]) == "other"


def test_plan_targets_apply_from_their_month(
    loaded: tuple[Settings, dict[str, list[dict[str, str]]]],
) -> None:
    settings, _ = loaded
    report = _report(settings)
    assert report.result("satisfaction.whole_experience").target == 0.80
    assert report.result("response.emergency.within_target").target == 0.70
    assert report.result("integrity.recording_accuracy").target is None  # from June 2016
    earlier = measures_report(settings, "2015-12", handmade.FORCE, history=HISTORY)
    assert earlier.result("response.emergency.within_target").target is None


def test_every_measure_is_in_the_report_and_json(
    loaded: tuple[Settings, dict[str, list[dict[str, str]]]],
) -> None:
    settings, _ = loaded
    report = _report(settings)
    data = report.to_json()
    assert [m["measure"] for m in data["measures"]] == [m.id for m in CATALOGUE]
    assert data["force"] == handmade.FORCE and data["month"] == MONTH
    assert data["peers"] == [handmade.PEER]
    first = data["measures"][0]
    assert set(first) >= {"windows", "breakdowns", "series", "peers", "target", "direction"}
    assert len(first["series"]["months"]) == HISTORY


def test_default_force_is_the_planned_one_else_most_crimes(
    duck_settings: Settings, tmp_path: Path
) -> None:
    from assurance.measures import default_force
    from assurance.warehouse import connect

    delivery = handmade.build()
    del delivery.rows["plan"]
    ingest(duck_settings, [delivery.write(tmp_path / "unplanned")])
    counts: dict[str, int] = {}
    for row in delivery.rows["crimes"]:
        counts[row["force"]] = counts.get(row["force"], 0) + 1
    with connect(duck_settings) as warehouse:
        assert default_force(warehouse) == min(counts, key=lambda f: (-counts[f], f))
