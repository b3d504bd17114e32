"""Figures the unit tests measure, printed at the end of the run (see conftest.py)."""

from __future__ import annotations

CRISIS_FIGURES: dict[str, str] = {}
