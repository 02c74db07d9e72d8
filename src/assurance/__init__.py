"""Assurance: evidence for Police and Crime Commissioners to hold the Chief Constable to account."""

__version__ = "0.1.0"
