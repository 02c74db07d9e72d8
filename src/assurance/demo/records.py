"""What the generator steps hand each other: the crimes and incidents of a force, and the
clock of the period; with the constants they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from assurance.demo import profiles as P
from assurance.demo.forces import Force
from assurance.demo.signals import Baseline, Signals
from assurance.demo.timeline import (
    I64,
    Bool,
    InstantSampler,
    Period,
)
from assurance.domain.vocabularies import (
    OFFENCE_GROUPS,
)

MINUTE = 60
G = len(OFFENCE_GROUPS)
GROUP_INDEX = {name: i for i, name in enumerate(OFFENCE_GROUPS)}
CODE = P.CODE_INDEX


class Clock:
    """Instant samplers for a period (shared by every force of a delivery)."""

    def __init__(self, period: Period) -> None:
        _, hour, wday = period.hour_slots()
        week = P.WEEKDAY[wday]
        late_weekend = ((wday == 4) | (wday == 5)) & (hour >= 21)
        early_weekend = ((wday == 5) | (wday == 6)) & (hour < 4)
        night_boost = np.where(late_weekend | early_weekend, P.WEEKEND_NIGHT, 1.0)
        self.period = period
        self.samplers = {
            "general": InstantSampler(period, P.HOURLY_GENERAL[hour] * week),
            "night": InstantSampler(period, P.HOURLY_NIGHT[hour] * week * night_boost),
            "day": InstantSampler(period, P.HOURLY_DAY[hour] * week),
        }


@dataclass
class Crimes:
    area: I64
    group: I64
    month: I64  # period month of the report
    reported: I64  # utc seconds
    recorded: I64
    from_incident: Bool
    status: I64  # index into CRIME_STATUSES
    cancelled: I64  # utc seconds, valid where status != recorded
    recorded_day: I64  # local day of recording
    domestic: Bool
    hate: Bool
    victim: Bool
    officer: I64  # pseudonymous officer number
    late: Bool  # recorded more than 24 hours after the report
    ref: pa.Array
    #: the crimes.csv columns; ``incident_ref`` is filled in once incidents exist.
    columns: dict[str, pa.Array | None]


@dataclass
class Incidents:
    month: I64  # period month opened
    category: npt.NDArray[np.int8]
    crime: I64  # index into crimes, -1 when none
    ref: pa.Array


Writer = Callable[[str, pa.Table], None]
#: incidents are generated, formatted and written this many at a time (bounded memory).
INCIDENT_CHUNK = 250_000
INCIDENT_COLUMNS = (
    "force", "area_code", "incident_ref", "opened_at", "grade", "opening_category", "setting",
    "dispatched_at", "arrived_at", "closed_at", "crime_ref",
)  # fmt: skip


# ---- helpers -----------------------------------------------------------------------------


class ForceState:
    """The force, period, seed and sizes every generator step reads."""

    def __init__(
        self,
        force: Force,
        clock: Clock,
        seed: int,
        signals: Signals | None,
        baseline: Baseline,
    ) -> None:
        self.force = force
        self.clock = clock
        self.period = clock.period
        self.seed = seed
        self.signals = signals if force.planted else None
        self.base = baseline
        self.pop = np.array([a.population for a in force.areas], dtype=np.float64)
        self.rural = np.array([a.rural_share for a in force.areas], dtype=np.float64)
        self.area_codes = tuple(a.code for a in force.areas)

    def rng(self, stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, self.force.key, stream])
