"""Unit-test figures: the crisis check's recall and false positives are printed at the end of the run."""

from __future__ import annotations

import pytest

from tests import figures
from tests.unit.figures import CRISIS_FIGURES


@pytest.fixture(autouse=True)
def crisis_figures_to_the_summary(request):
    """What a test wrote into CRISIS_FIGURES goes on its report, for the summary (see tests/figures.py)."""
    before = dict(CRISIS_FIGURES)
    yield
    added = {name: value for name, value in CRISIS_FIGURES.items() if before.get(name) != value}
    if added:
        request.node.user_properties.append((figures.KEY, ("unit", "", added)))
