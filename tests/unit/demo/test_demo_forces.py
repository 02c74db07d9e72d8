"""Peers (`--peers`) and national scale (`--scale national`) deliveries."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from demo_helpers import Query, connect, query_of

from assurance.demo import GenerateSummary, generate
from assurance.demo.forces import PEER_NAMES, national_forces, national_peer_groups

#: Real territorial police forces of England and Wales (none may be used for a synthetic one).
REAL_FORCE_WORDS = (
    "avon", "somerset", "bedfordshire", "cambridgeshire", "cheshire", "cleveland", "cumbria",
    "derbyshire", "devon", "cornwall", "dorset", "durham", "dyfed", "powys", "essex",
    "gloucestershire", "manchester", "gwent", "hampshire", "hertfordshire", "humberside",
    "kent", "lancashire", "leicestershire", "lincolnshire", "merseyside", "metropolitan",
    "norfolk", "north-wales", "yorkshire", "northamptonshire", "northumbria",
    "nottinghamshire", "south-wales", "staffordshire", "suffolk", "surrey", "sussex",
    "thames", "warwickshire", "mercia", "midlands", "wiltshire", "london",
)  # fmt: skip

SHORT = {"start": "2016-02", "end": "2016-05"}


@pytest.fixture(scope="module")
def peer_delivery(tmp_path_factory: pytest.TempPathFactory) -> GenerateSummary:
    return generate(tmp_path_factory.mktemp("peers"), peers=True, **SHORT)


@pytest.fixture(scope="module")
def pq(peer_delivery: GenerateSummary) -> Query:
    return query_of(connect(peer_delivery.out))


def test_peers_make_west_mercia_and_seven_synthetic_forces(
    peer_delivery: GenerateSummary, pq: Query
) -> None:
    assert peer_delivery.forces[0] == "west-mercia"
    assert len(peer_delivery.forces) == 8
    for code in peer_delivery.forces[1:]:
        assert not any(word in code for word in REAL_FORCE_WORDS), code
    for table in ("areas", "incidents", "crimes", "outcomes", "survey_responses", "audits"):
        forces = {f for (f,) in pq(f"SELECT DISTINCT force FROM {table}")}
        assert forces == set(peer_delivery.forces), table


def test_peers_file_lists_each_force_group(peer_delivery: GenerateSummary, pq: Query) -> None:
    pairs = pq("SELECT force, peer_force FROM peers")
    assert len(pairs) == 8 * 7
    west_mercia = {p for f, p in pairs if f == "west-mercia"}
    assert west_mercia == {code for code, _ in PEER_NAMES}
    for force in peer_delivery.forces:
        group = {p for f, p in pairs if f == force}
        assert len(group) == 7 and force not in group


def test_peers_are_of_comparable_size_with_their_own_areas(pq: Query) -> None:
    sizes = dict(pq("SELECT force, sum(population::BIGINT) FROM areas GROUP BY 1"))
    for force, population in sizes.items():
        assert 800_000 <= population <= 1_700_000, force
    areas = pq("SELECT force, area_code FROM areas WHERE force <> 'west-mercia'")
    assert all(area.startswith(force + "-") for force, area in areas)
    plan = {f for (f,) in pq("SELECT DISTINCT force FROM plan")}
    assert plan == {"west-mercia"}


def test_refs_are_unique_per_force_and_distinct_between_forces(pq: Query) -> None:
    assert pq("SELECT count(*) - count(DISTINCT crime_ref) FROM crimes") == [(0,)]
    assert pq("SELECT count(*) - count(DISTINCT (force, incident_ref)) FROM incidents") == [(0,)]


def test_west_mercia_is_the_same_with_or_without_peers(
    peer_delivery: GenerateSummary, tmp_path: Path
) -> None:
    alone = generate(tmp_path, **SHORT)
    for name in ("incidents", "crimes", "outcomes", "disposals"):
        with (peer_delivery.out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            mixed = [row for row in csv.reader(f) if row[0] == "west-mercia"]
        with (alone.out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            own = list(csv.reader(f))[1:]
        assert mixed == own, name


def test_west_mercia_outcome_rate_above_the_peer_average(pq: Query) -> None:
    rates = dict(
        pq(
            "SELECT force, avg((outcome_code IN ('1','1A','2','3','4','5','6','7','8'))::INT) "
            "FROM outcomes GROUP BY 1"
        )
    )
    west_mercia = rates.pop("west-mercia")
    peers = sum(rates.values()) / len(rates)
    assert west_mercia > peers + 0.015
    assert max(rates.values()) - min(rates.values()) < 0.03


def test_peers_carry_no_planted_signal(pq: Query) -> None:
    assert pq(
        "SELECT count(*) FROM disposals WHERE force <> 'west-mercia' "
        "AND disposal_type = 'community-resolution' AND audited_on IS NULL"
    ) == [(0,)]
    assert pq(
        "SELECT count(*) FROM crimes WHERE force <> 'west-mercia' AND status = 'cancelled' "
        "AND offence_group IN ('rape', 'other-sexual-offences') AND cancel_authority <> 'dcc'"
    ) == [(0,)]


def test_national_scale_makes_varied_synthetic_forces(tmp_path: Path) -> None:
    stages: list[tuple[str, int, int]] = []
    summary = generate(
        tmp_path,
        scale="national",
        national_forces=3,
        start="2016-04",
        end="2016-05",
        progress=lambda stage, done, total: stages.append((stage, done, total)),
    )
    assert summary.forces == ("national-01", "national-02", "national-03")
    q = query_of(connect(summary.out))
    sizes = dict(q("SELECT force, count(*) FROM incidents GROUP BY 1"))
    assert set(sizes) == set(summary.forces)
    assert max(sizes.values()) > 1.5 * min(sizes.values())
    assert q("SELECT count(*) FROM peers") == [(6,)]
    assert {f for (f,) in q("SELECT DISTINCT force FROM plan")} == set(summary.forces)
    # progress: monotonic, ends at the total
    assert stages[0][1] == 0
    assert [d for _, d, _ in stages] == sorted(d for _, d, _ in stages)
    assert stages[-1][1] == stages[-1][2]


def test_national_peer_groups_are_the_nearest_in_size() -> None:
    forces = national_forces(20, 1)
    pairs = national_peer_groups(forces)
    assert len(pairs) == 20 * 7
    assert all(a != b for a, b in pairs)
    smallest = min(forces, key=lambda f: f.population)
    group = {b for a, b in pairs if a == smallest.code}
    by_size = sorted((f for f in forces if f is not smallest), key=lambda f: f.population)
    assert group == {f.code for f in by_size[:7]}
