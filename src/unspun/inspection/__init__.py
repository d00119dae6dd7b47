"""Inspection: what a page shows about itself when its original is not in the library
(machine-rewriting flags and score, names against the library, where to look)."""

from __future__ import annotations

from unspun.inspection.types import Flag, GarbledName, Inspection, Lead

__all__ = ["Flag", "GarbledName", "Inspection", "Lead"]
