"""The measure catalogue, computed on the warehouse.

* :data:`CATALOGUE`: every measure, defined once (see :mod:`assurance.measures.catalogue`).
* :func:`measures_report`: every measure for a force and month, with windows, breakdowns,
  series and peer values (:class:`MeasuresReport`).
* :func:`measures_for_forces`: the same for many forces (default: every force), computed
  together.
* :func:`compute`, :func:`compute_forces`: the same on an open warehouse connection.
"""

from assurance.measures.catalogue import BREAKDOWNS, Measure, Source
from assurance.measures.compute import CATALOGUE, SOURCES, compute, compute_forces, measure
from assurance.measures.periods import MeasureError
from assurance.measures.report import default_force, measures_for_forces, measures_report
from assurance.measures.results import (
    Breakdown,
    Cell,
    MeasureResult,
    MeasuresReport,
    Series,
    Value,
)

__all__ = [
    "BREAKDOWNS",
    "CATALOGUE",
    "SOURCES",
    "Breakdown",
    "Cell",
    "Measure",
    "MeasureError",
    "MeasureResult",
    "MeasuresReport",
    "Series",
    "Source",
    "Value",
    "compute",
    "compute_forces",
    "default_force",
    "measure",
    "measures_for_forces",
    "measures_report",
]
