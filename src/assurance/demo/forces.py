"""The forces the generator makes: West Mercia, its synthetic peers, synthetic national forces.

Only West Mercia (and its five areas) is modelled on a real force; every other force, area and
name here is invented. Peer and national force names are deliberately not real force names.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    population: int
    rural_share: float


@dataclass(frozen=True)
class Force:
    code: str
    name: str
    #: the force number used in crime references (``22/012345/16``).
    number: int
    areas: tuple[Area, ...]
    #: whether the planted signals apply to this force (West Mercia only).
    planted: bool = False

    @property
    def population(self) -> int:
        return sum(a.population for a in self.areas)

    @property
    def key(self) -> int:
        """A stable number derived from the code, for deriving random seeds."""
        return zlib.crc32(self.code.encode("utf-8"))


WEST_MERCIA = Force(
    code="west-mercia",
    name="West Mercia",
    number=22,
    planted=True,
    areas=(
        Area("herefordshire", "Herefordshire", 189_000, 0.55),
        Area("shropshire", "Shropshire", 311_000, 0.50),
        Area("telford-wrekin", "Telford and Wrekin", 170_000, 0.15),
        Area("north-worcestershire", "North Worcestershire", 290_000, 0.25),
        Area("south-worcestershire", "South Worcestershire", 300_000, 0.35),
    ),
)

#: Seven invented forces forming West Mercia's most similar group.
PEER_NAMES: tuple[tuple[str, str], ...] = (
    ("northshire", "Northshire"),
    ("eastmoor", "Eastmoor"),
    ("westdale", "Westdale"),
    ("southvale", "Southvale"),
    ("midwold", "Midwold"),
    ("highfen", "Highfen"),
    ("lowmarch", "Lowmarch"),
)

_AREA_SUFFIXES: tuple[str, ...] = ("north", "south", "east", "west", "central", "city", "vale")


def _areas(
    force_code: str,
    force_name: str,
    population: int,
    n_areas: int,
    rng: np.random.Generator,
) -> tuple[Area, ...]:
    weights = rng.uniform(0.6, 1.4, n_areas)
    pops = np.floor(population * weights / weights.sum() / 1000).astype(np.int64) * 1000
    rural = np.round(rng.uniform(0.10, 0.60, n_areas), 2)
    suffixes = _AREA_SUFFIXES[:n_areas]
    return tuple(
        Area(
            code=f"{force_code}-{suffix}",
            name=f"{force_name} {suffix.capitalize()}",
            population=int(max(pop, 20_000)),
            rural_share=float(r),
        )
        for suffix, pop, r in zip(suffixes, pops, rural, strict=True)
    )


def peer_forces(seed: int) -> tuple[Force, ...]:
    """West Mercia's seven synthetic peers: comparable size (0.9-1.6 million), 4-6 areas."""
    forces = []
    for i, (code, name) in enumerate(PEER_NAMES):
        rng = np.random.default_rng([seed, zlib.crc32(code.encode()), 1])
        population = int(rng.uniform(0.9e6, 1.6e6))
        n_areas = int(rng.integers(4, 7))
        forces.append(
            Force(
                code=code,
                name=f"{name} (synthetic)",
                number=61 + i,
                areas=_areas(code, name, population, n_areas, rng),
            )
        )
    return tuple(forces)


#: Smallest and largest national synthetic force populations (log-uniformly spread).
NATIONAL_MIN_POPULATION = 100_000
NATIONAL_MAX_POPULATION = 600_000


def national_forces(count: int, seed: int) -> tuple[Force, ...]:
    """``count`` synthetic forces of varied size for benchmarks.

    Populations are spread log-uniformly between 100,000 and 600,000 by a fixed low
    discrepancy sequence, so any ``count`` gives a representative spread and the total volume
    is predictable (43 forces ~ 12 million people, ~15 million incidents over 2012-01..2016-05).
    """
    if count < 1:
        raise ValueError(f"national_forces must be at least 1, got {count}")
    lo, hi = np.log(NATIONAL_MIN_POPULATION), np.log(NATIONAL_MAX_POPULATION)
    forces = []
    for i in range(count):
        code = f"national-{i + 1:02d}"
        quantile = ((i + 0.5) * 0.6180339887498949) % 1.0
        population = int(np.exp(lo + (hi - lo) * quantile))
        rng = np.random.default_rng([seed, zlib.crc32(code.encode()), 1])
        n_areas = int(rng.integers(3, 8))
        forces.append(
            Force(
                code=code,
                name=f"National Synthetic Force {i + 1:02d}",
                number=100 + i,
                areas=_areas(code, f"National {i + 1:02d}", population, n_areas, rng),
            )
        )
    return tuple(forces)


def national_peer_groups(forces: tuple[Force, ...], size: int = 7) -> list[tuple[str, str]]:
    """Each national force's most similar group: the ``size`` forces nearest in population."""
    order = sorted(range(len(forces)), key=lambda i: (forces[i].population, forces[i].code))
    rank = {f: r for r, f in enumerate(order)}
    pairs: list[tuple[str, str]] = []
    for i, force in enumerate(forces):
        r = rank[i]
        others = sorted(
            (j for j in range(len(forces)) if j != i),
            key=lambda j: (abs(rank[j] - r), forces[j].code),
        )[:size]
        pairs.extend((force.code, forces[j].code) for j in sorted(others))
    return pairs
