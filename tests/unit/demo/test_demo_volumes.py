"""Volumes and structure of the West Mercia demo delivery (calendar year 2015)."""

from __future__ import annotations

from demo_helpers import Query

from assurance.demo import profiles
from assurance.demo.forces import national_forces
from assurance.domain.vocabularies import OFFENCE_GROUPS

YEAR = "substr({}, 1, 4) = '2015'"


def _one(q: Query, sql: str) -> float:
    ((value,),) = q(sql)
    return float(value)


def test_yearly_volumes_are_those_of_a_force_of_1_2_million(any_q: Query) -> None:
    crimes = _one(any_q, f"SELECT count(*) FROM crimes WHERE {YEAR.format('recorded_at')}")
    incidents = _one(any_q, f"SELECT count(*) FROM incidents WHERE {YEAR.format('opened_at')}")
    surveys = _one(
        any_q, f"SELECT count(*) FROM survey_responses WHERE {YEAR.format('interviewed_on')}"
    )
    assert 60_000 <= crimes <= 70_000
    assert 300_000 <= incidents <= 400_000
    assert 2_200 <= surveys <= 2_800


def test_about_a_hundred_audits_a_month(any_q: Query) -> None:
    per_month = any_q(
        "SELECT count(*) FROM audits WHERE audited_on >= '2014-02' "
        "GROUP BY substr(audited_on, 1, 7)"
    )
    counts = [c for (c,) in per_month]
    assert len(counts) == 28
    assert 85 <= sum(counts) / len(counts) <= 115
    assert min(counts) >= 60


def test_areas_scale_with_population(any_q: Query) -> None:
    rates = any_q(
        "SELECT area_code, count(*) / any_value(population::DOUBLE) * 1000 "
        "FROM crimes JOIN areas USING (force, area_code) "
        f"WHERE {YEAR.format('recorded_at')} GROUP BY 1"
    )
    values = [r for (_, r) in rates]
    assert len(values) == 5
    assert max(values) / min(values) < 1.06  # same rate per 1,000 everywhere


def test_violence_peaks_in_summer_and_burglary_in_winter(any_q: Query) -> None:
    def season(groups: str, months: str) -> float:
        return _one(
            any_q,
            f"SELECT count(*) FROM crimes WHERE offence_group IN ({groups}) "
            f"AND substr(recorded_at, 6, 2) IN ({months}) AND recorded_at < '2016'",
        )

    violence = "'violence-with-injury', 'violence-without-injury'"
    burglary = "'burglary-domestic', 'burglary-non-domestic'"
    summer, winter = "'06', '07', '08'", "'11', '12', '01'"
    assert season(violence, summer) > 1.12 * season(violence, winter)
    assert season(burglary, winter) > 1.12 * season(burglary, summer)


def test_incidents_follow_daily_and_weekly_cycles(any_q: Query) -> None:
    by_hour = dict(any_q("SELECT substr(opened_at, 12, 2), count(*) FROM incidents GROUP BY 1"))
    assert by_hour["17"] > 2.5 * by_hour["04"]
    by_day = dict(
        any_q("SELECT dayofweek(opened_at::TIMESTAMP), count(*) FROM incidents GROUP BY 1")
    )
    assert by_day[5] > 1.05 * by_day[0]  # Friday busier than Sunday


def test_outcome_mixes_differ_by_offence_group(any_q: Query) -> None:
    shares = dict(
        any_q(
            "SELECT offence_group, avg((outcome_code = '18')::INT) FROM outcomes "
            "JOIN crimes USING (force, crime_ref) GROUP BY 1"
        )
    )
    assert shares["other-theft"] > 0.5
    assert shares["violence-with-injury"] < 0.2
    assert shares["drug-possession"] < 0.05


def test_survey_ratings_are_correlated_across_stages(any_q: Query) -> None:
    corr = _one(
        any_q,
        "SELECT corr(kept_informed::INT, whole_experience::INT) FROM survey_responses",
    )
    assert 0.3 < corr < 0.8


def test_every_offence_group_is_generated(any_q: Query) -> None:
    groups = {g for (g,) in any_q("SELECT DISTINCT offence_group FROM crimes")}
    assert groups == set(OFFENCE_GROUPS)


def test_default_national_scale_makes_at_least_ten_million_incidents() -> None:
    forces = national_forces(43, 2016)
    years = (31 + 29 + 31 + 30 + 31) / 365.25 + 4  # 2012-01 .. 2016-05
    expected = sum(f.population for f in forces) * profiles.INCIDENTS_PER_PERSON * years
    assert expected > 12_000_000
    sizes = sorted(f.population for f in forces)
    assert sizes[-1] > 4 * sizes[0]
