"""Figures the tests measure, for the end-of-run summary (tests/conftest.py prints them).

Each figure rides on its test's report rather than in a module's dict, so one measured in a
pytest-xdist worker reaches the summary the main process prints, as one measured in it does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

KEY = "rebound.figures"
OUTPUT = Path(__file__).resolve().parents[1] / "test-output"
# The summary's sections, by the folder the measuring test lives in.
SECTIONS = {
    "unit": "crisis check on the labelled phrase table (tests/unit/crisis_table.py)",
    "reliability": "reliability figures",
    "e2e": "browser figures",
}


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | None) else str(value)


def recorder(request):
    """`record(name=value, ...)`: print the figures and add them to the summary, under this test."""
    node = request.node
    folder = Path(node.path).parent.name

    def record(**values: Any) -> None:
        plain = {name: _plain(value) for name, value in values.items()}
        node.user_properties.append((KEY, (folder, node.name, plain)))
        print(f"[figures] {node.name}: " + ", ".join(f"{k}={v}" for k, v in plain.items()))

    return record
