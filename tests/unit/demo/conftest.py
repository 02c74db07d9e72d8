"""Shared deliveries for the demo generator tests (generated once per test session)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from demo_helpers import END, START, Query, connect, query_of

from assurance.demo import GenerateSummary, generate

#: The seed of the shared deliveries (override to check the tests hold for other seeds).
SEED = int(os.environ.get("DEMO_TEST_SEED", "2016"))


@pytest.fixture(scope="session")
def signal_delivery(tmp_path_factory: pytest.TempPathFactory) -> GenerateSummary:
    return generate(tmp_path_factory.mktemp("signals"), seed=SEED, start=START, end=END)


@pytest.fixture(scope="session")
def null_delivery(tmp_path_factory: pytest.TempPathFactory) -> GenerateSummary:
    return generate(tmp_path_factory.mktemp("null"), seed=SEED, start=START, end=END, signals=False)


@pytest.fixture(scope="session")
def sq(signal_delivery: GenerateSummary) -> Iterator[Query]:
    """Query the signal delivery."""
    con = connect(signal_delivery.out)
    yield query_of(con)
    con.close()


@pytest.fixture(scope="session")
def nq(null_delivery: GenerateSummary) -> Iterator[Query]:
    """Query the null (no signals) delivery."""
    con = connect(null_delivery.out)
    yield query_of(con)
    con.close()


@pytest.fixture(params=["signals", "null"])
def any_q(request: pytest.FixtureRequest) -> Query:
    """Each of the two deliveries in turn."""
    name = "sq" if request.param == "signals" else "nq"
    query: Query = request.getfixturevalue(name)
    return query
