"""``generate``: write a synthetic demo delivery (see docs/demo-force.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pyarrow as pa

from assurance.demo.forces import (
    WEST_MERCIA,
    Force,
    national_peer_groups,
    peer_forces,
)
from assurance.demo.forces import national_forces as make_national_forces
from assurance.demo.generator import ForceGenerator
from assurance.demo.records import Clock
from assurance.demo.signals import BASELINE, DEFAULT_SIGNALS, Baseline, Signals
from assurance.demo.timeline import Period
from assurance.demo.writer import COLUMNS, DeliveryWriter

Progress = Callable[[str, int, int], None]

#: Plan targets written for a force with a plan (measure, target, first month).
PLAN_TARGETS: tuple[tuple[str, str, str], ...] = (
    ("satisfaction.whole_experience", "0.90", "2012-04"),
    ("response.emergency.within_target", "0.90", "2012-04"),
    ("integrity.recording_accuracy", "0.95", "2012-04"),
    ("integrity.sso_cancel_authority", "1.00", "2012-04"),
    ("disposals.audit_coverage", "1.00", "2012-04"),
)

#: The steps reported through ``progress`` for each force.
STEPS: tuple[str, ...] = ("crimes", "incidents", "outcomes", "disposals", "surveys", "audits")


@dataclass(frozen=True)
class GenerateSummary:
    """What :func:`generate` wrote."""

    out: Path
    forces: tuple[str, ...]
    rows: Mapping[str, int]
    seed: int
    signals: bool

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _areas_table(forces: tuple[Force, ...]) -> pa.Table:
    areas = [(f.code, a) for f in forces for a in f.areas]
    return pa.table(
        {
            "force": pa.array([f for f, _ in areas], pa.string()),
            "area_code": pa.array([a.code for _, a in areas], pa.string()),
            "area_name": pa.array([a.name for _, a in areas], pa.string()),
            "population": pa.array([a.population for _, a in areas], pa.int64()),
            "rural_share": pa.array([f"{a.rural_share:.2f}" for _, a in areas], pa.string()),
        }
    )


def _plan_table(forces: tuple[Force, ...]) -> pa.Table:
    rows = [(f.code, *t) for f in forces for t in PLAN_TARGETS]
    return pa.table(
        {
            name: pa.array([r[i] for r in rows], pa.string())
            for i, name in enumerate(COLUMNS["plan"])
        }
    )


def _peers_table(pairs: list[tuple[str, str]]) -> pa.Table:
    return pa.table(
        {
            "force": pa.array([a for a, _ in pairs], pa.string()),
            "peer_force": pa.array([b for _, b in pairs], pa.string()),
        }
    )


def generate(
    out: Path,
    *,
    seed: int = 2016,
    start: str = "2012-01",
    end: str = "2016-05",
    peers: bool = False,
    scale: str = "force",
    national_forces: int = 43,
    progress: Progress | None = None,
    signals: bool | Signals = True,
    baseline: Baseline = BASELINE,
) -> GenerateSummary:
    """Write one synthetic contract delivery into ``out`` and say what was written.

    ``scale="force"`` makes West Mercia (with ``peers=True`` also its seven synthetic most
    similar forces); ``scale="national"`` makes ``national_forces`` synthetic forces of varied
    size instead (for benchmarks; ``peers`` is then ignored: each national force gets the seven
    nearest in size as its group). ``signals`` switches the planted West Mercia findings on
    (``True``, or a :class:`Signals` with other sizes) or off (``False``). The same arguments
    always give byte-identical files.
    """
    if scale not in ("force", "national"):
        raise ValueError(f"scale must be 'force' or 'national', got {scale!r}")
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number, got {seed!r}")
    period = Period.of(start, end)
    planted: Signals | None
    if signals is True:
        planted = DEFAULT_SIGNALS
    elif signals is False:
        planted = None
    else:
        planted = signals

    pairs: list[tuple[str, str]]
    if scale == "national":
        forces = make_national_forces(national_forces, seed)
        pairs = national_peer_groups(forces)
        planned = forces
    else:
        forces = (WEST_MERCIA, *peer_forces(seed)) if peers else (WEST_MERCIA,)
        group = [f.code for f in forces] if peers else []
        pairs = [(a, b) for a in group for b in group if a != b]
        planned = (WEST_MERCIA,)

    total = len(forces) * len(STEPS)
    done = 0

    def report(stage: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(stage, done, total)

    if progress is not None:
        progress("starting", 0, total)
    clock = Clock(period)
    out = Path(out)
    with DeliveryWriter(out) as writer:
        writer.write("areas", _areas_table(forces))
        writer.write("plan", _plan_table(planned))
        writer.write("peers", _peers_table(pairs))
        for force in forces:

            def step(name: str, code: str = force.code) -> None:
                report(f"{code}: {name}")

            ForceGenerator(force, clock, seed, planted, baseline).run(writer.write, step)
    return GenerateSummary(
        out=out,
        forces=tuple(f.code for f in forces),
        rows=MappingProxyType(dict(writer.rows)),
        seed=seed,
        signals=planted is not None,
    )
