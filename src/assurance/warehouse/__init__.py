"""The warehouse: facts received from force systems, behind one narrow engine seam."""

from assurance.warehouse.base import Warehouse
from assurance.warehouse.connect import connect

__all__ = ["Warehouse", "connect"]
