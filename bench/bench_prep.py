"""How fast Before my next interview runs with 1,000 setbacks, against 300 ms, and how fast its one-page
PDF renders warm, against 100 ms.

The page figure is timed as bench/bench_history.py times History: the wall time of `AppTest.run()`
through the router on a warmed process (the store's parse cache warm), the median of repeated runs
in one session; the first run of a new session also gathers every item and is shown apart, and so is
a run that ticks a box (the run plus saving the sheet), and History timed the same way on the same
data in the same minutes, as a yardstick when the machine is busy. The setbacks differ in every text (plans,
questions, feedback, wins, lessons), so nothing merges away: about 9,000 items are gathered.

The PDF figure is the sheet a person gets by default (the newest few of each section, about twenty
entries, with the interview named), each render with every text marked so Typst has not laid it
out before (it caches layouts by content); the same sheet again is shown apart.

    .venv/bin/python bench/bench_prep.py            # 1,000 setbacks, 15 page runs, 30 renders
    .venv/bin/python bench/bench_prep.py --quick    # 30 setbacks, 2 runs: a smoke test
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import bench_history as history  # noqa: E402 - after the path is set

PAGE = "pages/prep.py"
PAGE_TARGET_MS = 300.0
PDF_TARGET_MS = 100.0
TOPICS = ("scaling growth", "stakeholder management", "design systems", "B2B sales", "pricing", "hiring")


def make_setbacks(count: int):
    """`count` filled setbacks whose plans, questions, feedback, wins and lessons all differ."""
    from core.models import Feedback, Stumble

    base = history.make_setbacks(count, 400)
    made = []
    for index, setback in enumerate(base):
        reflect = setback.reflect.model_copy(
            update={
                "if_then": f"If interview {index} runs late, then I'll summarise my three strongest points.",
                "learned": f"Lesson {index}: lead with the outcome, then the process.",
                "practice": f"Practise case study {index} out loud, twice.",
                "differently": f"Ask about team {index}'s biggest challenge earlier.",
                "stumbles": [
                    Stumble(
                        question=f"Question {index}: tell us about a hard call.",
                        better_answer="The launch delay.",
                    ),
                    Stumble(
                        question=f"Question {index}: why now?", better_answer="The product is at my stage."
                    ),
                ],
                "feedback": Feedback(
                    received="yes",
                    said=f"They wanted more evidence of {TOPICS[index % len(TOPICS)]} {index}.",
                    kinds=["reason"],
                ),
            }
        )
        wins = [
            f"Win {index}: a calm portfolio walkthrough",
            "Reached the final round",
            f"Rapport {index % 50}",
        ]
        went_well = setback.went_well.model_copy(update={"wins": wins})
        made.append(setback.model_copy(update={"reflect": reflect, "went_well": went_well}))
    return made


def fill(root: Path, setbacks) -> None:
    from tests.factories import add_person, files_store

    store = files_store(root)
    person = add_person(store, history.USER, first_name="Bench")
    for setback in setbacks:
        store.backend.create_setback(person.username, setback.id, setback.model_dump_json(indent=2).encode())
    from core.models import PrepSheet

    store.save_prep_sheet(
        person, PrepSheet(company="Globex", role="Designer", interview_on=date.today() + timedelta(days=9))
    )


def time_ticks(runs: int) -> list[float]:
    """Milliseconds for a run that ticks (or unticks) a box: the callback's save, then the whole page."""
    at = history.signed_in(PAGE)
    at.run()
    keys = [c.key for c in at.checkbox if c.key.startswith("prep.pick.")]
    times = []
    for index in range(runs):
        box = at.checkbox(key=keys[index % len(keys)])
        box.set_value(not box.value)
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise SystemExit(f"{PAGE} raised: {at.exception[0].value}")
    return times


def _fresh(doc, run: int):
    """The same sheet with a mark on every text: new to Typst, as each person's own sheet is."""
    mark = f" {run}"
    sections = tuple(
        dataclasses.replace(
            section,
            entries=tuple(
                dataclasses.replace(
                    e, text=e.text + mark, detail=e.detail and e.detail + mark, origin=e.origin + mark
                )
                for e in section.entries
            ),
        )
        for section in doc.sections
    )
    return dataclasses.replace(doc, title=doc.title + mark, sections=sections)


def time_pdf(setbacks, runs: int, warmup: int) -> dict[str, float]:
    from core import prep
    from core.models import PrepSheet
    from core.prep_pdf import render_prep_sheet

    gathered = prep.gather(setbacks)
    sheet = PrepSheet(company="Globex", role="Senior Designer", interview_on=date(2027, 3, 12))
    doc = prep.sheet_doc(gathered, sheet)
    start = time.perf_counter()
    render_prep_sheet(doc)
    first = (time.perf_counter() - start) * 1000
    for run in range(warmup):
        render_prep_sheet(_fresh(doc, -run - 1))
    wall, cpu, again = [], [], []
    for run in range(runs):
        new = _fresh(doc, run)
        start, start_cpu = time.perf_counter(), time.process_time()
        data = render_prep_sheet(new)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        render_prep_sheet(new)
        again.append((time.perf_counter() - start) * 1000)
    entries = sum(len(section.entries) for section in doc.sections)
    return {
        "prep PDF: entries on the sheet": float(entries),
        "prep PDF: first render in this process, ms": first,
        "prep PDF: warm median, ms": statistics.median(wall),
        "prep PDF: warm slowest, ms": max(wall),
        "prep PDF: warm median CPU time, ms": statistics.median(cpu),
        "prep PDF: same sheet again, median, ms": statistics.median(again),
        "prep PDF: size, KB": len(data) / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--setbacks", type=int, default=1000, help="setbacks on disk (default 1000)")
    parser.add_argument("--runs", type=int, default=15, help="timed page runs (default 15)")
    parser.add_argument("--renders", type=int, default=30, help="timed PDF renders (default 30)")
    parser.add_argument("--quick", action="store_true", help="30 setbacks, 2 runs: a smoke test, never fails")
    args = parser.parse_args(argv)
    count, runs, renders, warmup = (
        (30, 2, 2, 1) if args.quick else (args.setbacks, max(args.runs, 1), max(args.renders, 1), 3)
    )

    setbacks = make_setbacks(count)
    with tempfile.TemporaryDirectory(prefix="rebound-bench-prep-") as folder:
        root = Path(folder) / "data"
        os.environ["REBOUND_DATA_DIR"] = str(root)
        fill(root, setbacks)
        history.through_router()
        history.keep_compiled_scripts()
        from core import prep

        gathered = prep.gather(setbacks)
        start = time.perf_counter()
        prep.gather(setbacks)
        gather_ms = (time.perf_counter() - start) * 1000
        wall, cpu = history.time_page(PAGE, runs, warmup)
        figures = {
            "setbacks on disk": float(count),
            "items gathered": float(sum(1 for _ in gathered.items())),
            "gathering them (core.prep.gather), ms": gather_ms,
            "Before my next interview: median run, ms": statistics.median(wall),
            "Before my next interview: slowest run, ms": max(wall),
            "Before my next interview: median CPU time, ms": statistics.median(cpu),
            "Before my next interview: first run in a new session, ms": statistics.median(
                history.time_first_run(PAGE, 1 if args.quick else 3)
            ),
            "Before my next interview: tick a box (save and run), median, ms": statistics.median(
                time_ticks(runs)
            ),
        }
        # History on the same data in the same minutes: a yardstick when the machine is busy.
        history_wall, history_cpu = history.time_page("pages/history.py", runs, warmup)
        figures["History, same setbacks and minutes: median run, ms"] = statistics.median(history_wall)
        figures["History, same setbacks and minutes: median CPU time, ms"] = statistics.median(history_cpu)
    figures |= time_pdf(setbacks, renders, warmup)

    width = max(len(name) for name in figures)
    for name, value in figures.items():
        print(f"{name:<{width}}  {value:10.1f}")
    if args.quick:
        print("quick run: figures are a smoke test only")
        return 0
    missed = []
    if figures["Before my next interview: median run, ms"] > PAGE_TARGET_MS:
        missed.append(f"page run over {PAGE_TARGET_MS:.0f} ms")
    if figures["prep PDF: warm median, ms"] > PDF_TARGET_MS:
        missed.append(f"PDF over {PDF_TARGET_MS:.0f} ms")
    if missed:
        print("not met: " + "; ".join(missed))
        return 1
    print(f"page run within {PAGE_TARGET_MS:.0f} ms and the PDF within {PDF_TARGET_MS:.0f} ms (medians)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
