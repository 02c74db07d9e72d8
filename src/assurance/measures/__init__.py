"""The measure catalogue, computed on the warehouse.

* :data:`CATALOGUE`: every measure, defined once (see :mod:`assurance.measures.catalogue`).
* :func:`measures_report`: every measure for a force and month, with windows, breakdowns,
  series and peer values (:class:`MeasuresReport`).
* :func:`compute`: the same on an open warehouse connection.
"""

from assurance.measures.catalogue import BREAKDOWNS, Measure, Source
from assurance.measures.compute import CATALOGUE, SOURCES, compute, measure
from assurance.measures.periods import MeasureError
from assurance.measures.report import default_force, measures_report
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
    "default_force",
    "measure",
    "measures_report",
]
