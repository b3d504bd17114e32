"""How fast the PDF summary renders: warm median for a fully filled setback, against the 150 ms target."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

# Runnable as `python bench/bench_pdf.py` from the repository root, without installing anything.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.models import STAGES
from core.pdf import render_pdf
from core.summary import build_summary
from tests.factories import full_setback

TARGET_MS = 150.0


def full_doc():
    """Every stage, ten targets and the 20,000-character vent shared into the PDF: the heaviest case."""
    setback = full_setback()
    setback = setback.model_copy(update={"vent": setback.vent.model_copy(update={"private": False})})
    return build_summary(setback, sections=list(STAGES), include_vent=True)


def measure(runs: int, warmup: int) -> dict[str, float]:
    doc = full_doc()
    start = time.perf_counter()
    data = render_pdf(doc)
    first = (time.perf_counter() - start) * 1000
    for _ in range(warmup):
        render_pdf(doc)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        render_pdf(doc)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return {
        "first render (fonts loaded), ms": first,
        "warm median, ms": statistics.median(wall),
        "warm fastest, ms": min(wall),
        "warm slowest, ms": max(wall),
        "warm median CPU time, ms": statistics.median(cpu),
        "PDF size, KB": len(data) / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30, help="timed renders (default 30)")
    parser.add_argument(
        "--quick", action="store_true", help="one timed render: a smoke test, never fails on time"
    )
    args = parser.parse_args(argv)
    runs, warmup = (1, 0) if args.quick else (max(args.runs, 1), 3)
    figures = measure(runs, warmup)
    median = figures["warm median, ms"]
    passed = median <= TARGET_MS
    rows = [("figure", "value", "target", "pass")]
    for name, value in figures.items():
        is_target = name == "warm median, ms"
        rows.append(
            (
                name,
                f"{value:.1f}",
                f"<= {TARGET_MS:.0f}" if is_target else "",
                ("yes" if passed else "NO") if is_target else "",
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
    print(
        f"\n{runs} timed render(s) after {warmup} warm-up(s); full setback, 20,000-character vent included."
    )
    return 0 if passed or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
