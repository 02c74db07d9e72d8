"""The synthetic demo force: ``generate`` writes a contract delivery anyone can regenerate.

All the data is synthetic: no real person, crime or incident is in it. See docs/demo-force.md.
"""

from assurance.demo.api import GenerateSummary, generate
from assurance.demo.signals import Baseline, Signals

__all__ = ["Baseline", "GenerateSummary", "Signals", "generate"]
