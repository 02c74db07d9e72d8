"""The measure catalogue as data: what each measure is, in one place.

Every measure is one :class:`Measure`: an id, a title, a plain-English definition, the unit,
the improvement direction, the statistic and where its numerator and denominator come from.
The numbers come from *sources* (:class:`Source`): one aggregated Ibis expression per fact
table, grouped by force, month and the breakdowns the table supports, holding the counts and
sums every measure on that table needs. One scan of a table serves all of its measures; the
windows, breakdowns, series and peer values are sums of the small aggregated table.

The theme modules (``satisfaction``, ``response``, ``crime``, ``outcomes``, ``integrity``,
``disposals``) each define their sources and measures; :data:`CATALOGUE` collects them.
docs/measures.md describes the same catalogue in prose (a test keeps the two in step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from assurance.stats.spc_rules import Improvement

Statistic = Literal["proportion", "ratio", "mean", "median", "p90", "count", "rate_per_1000"]
Unit = Literal["share", "minutes", "count", "per 1,000 residents"]

#: Every breakdown a measure may have. ``force`` (peers) is handled separately.
BREAKDOWNS: tuple[str, ...] = (
    "area",
    "survey_group",
    "offence_group",
    "hour_of_day",
    "shift_change",
    "setting",
)

#: A source value that stands for "no value given" (e.g. an audit with no offence group).
NOT_GIVEN = "not-given"

#: The statistics whose value is a share of a denominator (Wilson intervals, funnels).
PROPORTIONS: tuple[Statistic, ...] = ("proportion", "ratio")


@dataclass(frozen=True)
class Measure:
    """One measure of the catalogue.

    ``numerator`` and ``denominator`` name metrics of ``source`` (the denominator of
    ``denominator_source`` when it comes from another source, or ``population`` for rates per
    1,000 residents). ``compliance`` marks a rule that every case must keep (a target of 100%):
    such a measure is judged case by case, never by a significance test. ``series_by`` lists
    the breakdowns that also get a monthly series per group (for charts of, say, one offence
    group). ``noun`` is how a sentence names the measure.
    """

    id: str
    title: str
    theme: str
    definition: str
    unit: Unit
    direction: Improvement
    statistic: Statistic
    source: str
    numerator: str
    denominator: str | None = None
    denominator_source: str | None = None
    breakdowns: tuple[str, ...] = ("area",)
    series_by: tuple[str, ...] = ()
    compliance: bool = False
    target_meaning: str = ""
    noun: str = ""
    peers: bool = True
    """Whether the measure is compared with the most similar group of forces. Response times
    are not: forces set and record attendance differently, and no comparable national
    series exists."""

    @property
    def is_proportion(self) -> bool:
        return self.statistic in PROPORTIONS

    @property
    def additive(self) -> bool:
        """Whether windows and groups are sums of monthly cells (not so for quantiles)."""
        return self.statistic not in ("median", "p90")

    @property
    def name(self) -> str:
        """How a sentence names the measure (``noun``, or the title in lower case)."""
        return self.noun or self.title[0].lower() + self.title[1:]


@dataclass(frozen=True)
class Context:
    """What a source's expression needs: the engine, the forces, the months, the settings.

    ``forces`` are the forces reported on (their rows come grouped by month and breakdowns);
    ``peers`` the forces they are compared with (their rows come as one 12-month total per
    force). A force may be in both: in a run for every force, each is some other's peer.
    """

    backend: Any
    forces: tuple[str, ...]
    peers: tuple[str, ...]
    first: int
    """First month key of the series."""
    window_first: int
    """First month key of the 12-month window (the peers are computed for it only)."""
    month: int
    shift_windows: tuple[tuple[int, int], ...]
    """Shift-changeover windows as (start, end) minutes of the local day."""
    every_force: bool = False
    """Whether ``forces`` are every force the warehouse has areas for. Rows are then not
    filtered by force at all: a filter naming 43 forces costs the engine a join on every row,
    while rows of any other force (one with no areas) are simply never picked out of the
    result (:meth:`assurance.measures.cube.Cube.select`)."""
    tables: dict[str, Any] = field(default_factory=dict, compare=False)
    """Ibis tables already looked up (see :meth:`table`)."""

    def table(self, name: str) -> Any:
        """A warehouse table as an Ibis table. Looking a table up reads its schema from the
        connection, so :func:`assurance.measures.compute.compute` looks every table up first,
        on its own thread; building expressions from them is then pure Python."""
        if name not in self.tables:
            self.tables[name] = self.backend.table(name)
        return self.tables[name]

    def reported(self, force: Any) -> Any:
        """An Ibis condition: ``force`` (a column) is one of the forces reported on."""
        return _one_of(force, self.forces, self.every_force)

    def compared(self, force: Any) -> Any:
        """An Ibis condition: ``force`` (a column) is one of the peer forces."""
        return _one_of(force, self.peers, self.every_force)


def _one_of(column: Any, forces: tuple[str, ...], every_force: bool) -> Any:
    import ibis

    if every_force:
        return ibis.literal(True)
    return column == forces[0] if len(forces) == 1 else column.isin(forces)


@dataclass(frozen=True)
class Source:
    """The rows of one fact table behind a set of measures, and what to sum over them.

    ``rows(ctx, detail)`` returns an Ibis table: with ``detail`` true, the target force's rows
    for the whole series with a ``month`` column (a month key) and one column per entry of
    ``dims``; with ``detail`` false, the peer forces' rows for the 12-month window. Either way
    ``aggregates(table)`` gives one float aggregate per entry of ``metrics``.
    """

    name: str
    dims: tuple[str, ...]
    metrics: tuple[str, ...]
    rows: Callable[[Context, bool], Any]
    aggregates: Callable[[Any], dict[str, Any]]
    series_dims: tuple[str, ...] = ()
    """Breakdowns that also get monthly series per group (before the 12-month window only
    these are kept, which keeps the aggregated table small)."""


def parse_shift_windows(text: str) -> tuple[tuple[int, int], ...]:
    """``07:00-08:00,15:00-16:00`` as ((420, 480), (900, 960)); a window may cross midnight."""

    def minutes(clock: str) -> int:
        hours, _, mins = clock.strip().partition(":")
        value = int(hours) * 60 + int(mins or 0)
        if not 0 <= value <= 24 * 60:
            raise ValueError(clock)
        return value

    windows: list[tuple[int, int]] = []
    for part in text.split(","):
        if not part.strip():
            continue
        try:
            start, end = part.split("-")
            windows.append((minutes(start), minutes(end)))
        except ValueError as exc:
            from assurance.measures.periods import MeasureError

            raise MeasureError(
                f"shift-changeover window {part.strip()!r} is not HH:MM-HH:MM; fix "
                "ASSURANCE_SHIFT_CHANGE_WINDOWS (e.g. 07:00-08:00,15:00-16:00,22:00-23:00)"
            ) from exc
    return tuple(windows)
