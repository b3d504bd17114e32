"""How fast the PDF summary renders: a full setback warm and first in a process, and each script.

Targets: the warm median of a fully filled setback (20,000-character vent shared) within 60 ms,
each render a summary Typst has not typeset before (it caches layouts by content, so the same
summary drawn again is much faster; that figure is printed too), and
the first render in a fresh process (Typst started, fonts found and loaded) within 500 ms, both for
that setback and for a short summary with a paragraph in every script (which loads every font,
the 32 MB CJK collection included). Per script: the first render that needs its font, and warm.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

# Runnable as `python bench/bench_pdf.py` from the repository root, without installing anything.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.models import STAGES
from core.pdf import render_pdf
from core.summary import Bullets, Cover, Pairs, Paragraph, Section, SummaryDoc, Table, build_summary
from tests.factories import full_setback

WARM_TARGET_MS = 60.0
FIRST_TARGET_MS = 500.0
SCRIPTS = {
    "Latin with accents": "Café déjà vu, Zoë naïve — Ærøskøbing, Łódź, Dvořák.",
    "Arabic": "مرحبا بالعالم، هذا نص عربي يلتف على أكثر من سطر حتى نرى المحاذاة إلى اليمين.",
    "Hebrew": "שלום עולם, זה טקסט בעברית שצריך להיות מיושר לימין.",
    "Devanagari": "नमस्ते दुनिया, यह हिन्दी में लिखा गया एक वाक्य है।",
    "Chinese": "你好世界，这是一段中文文本，用来检查换行和字体。",
    "Japanese": "こんにちは世界、これは日本語のテキストです。",
    "Korean": "안녕하세요 세계, 이것은 한국어 문장입니다.",
    "Emoji": "Good luck 👍 🎉 💪 🔥 🚀 🙂 🙏 ✨ 😀",
}


def full_doc() -> SummaryDoc:
    """Every stage, ten targets and the 20,000-character vent shared into the PDF: the heaviest case."""
    setback = full_setback()
    setback = setback.model_copy(update={"vent": setback.vent.model_copy(update={"private": False})})
    return build_summary(setback, sections=list(STAGES), include_vent=True)


def fresh_copy(doc: SummaryDoc, run: int | str) -> SummaryDoc:
    """The same document with a mark added to every text: new to Typst, whose layouts are cached
    by content, as every person's own summary is the first time it is drawn."""
    mark = f" {run}"

    def marked(value):
        if isinstance(value, str):
            return value + mark if value else value
        if isinstance(value, tuple):
            return tuple(marked(item) for item in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, date):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.init}
            return dataclasses.replace(value, **{name: marked(item) for name, item in fields.items()})
        return value

    return dataclasses.replace(
        doc,
        cover=marked(doc.cover),
        sections=marked(doc.sections),
        future_note=marked(doc.future_note),
    )


def script_doc(*texts: str) -> SummaryDoc:
    """A short summary with the texts in a paragraph, a list, label/value pairs, a table and the note."""
    cover = Cover("Acme", "Acme", "Designer", date(2025, 1, 2), "Interview", "Email")
    blocks = (
        Paragraph("\n".join(texts), label="Words"),
        Bullets(texts),
        Pairs(tuple(("Label", text) for text in texts)),
        Table(("One", "Two"), tuple((text, text) for text in texts)),
    )
    return SummaryDoc(cover, None, (Section("went_well", "What went well", blocks),), "\n".join(texts))


def _ms(doc: SummaryDoc) -> float:
    start = time.perf_counter()
    render_pdf(doc)
    return (time.perf_counter() - start) * 1000


def child(which: str) -> None:
    """In a fresh process: how long the first render takes, printed as JSON."""
    doc = full_doc() if which == "full" else script_doc(*SCRIPTS.values())
    print(json.dumps({"ms": _ms(doc)}))


def first_in_fresh_process(which: str) -> float:
    answer = subprocess.run(
        [sys.executable, __file__, "--child", which], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])["ms"]


def measure(runs: int, warmup: int) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    figures = {
        "first render (fonts loaded), ms": first_in_fresh_process("full"),
        "first render, every script, ms": first_in_fresh_process("scripts"),
    }
    doc = full_doc()
    render_pdf(doc)
    for run in range(warmup):
        render_pdf(fresh_copy(doc, f"w{run}"))
    wall, cpu, again = [], [], []
    for run in range(runs):
        new = fresh_copy(doc, run)  # every render a document Typst has not seen yet
        start, start_cpu = time.perf_counter(), time.process_time()
        data = render_pdf(new)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        render_pdf(new)  # the same summary downloaded again
        again.append((time.perf_counter() - start) * 1000)
    # The usual case: the vent writing kept private (the default), every stage filled in.
    usual = build_summary(full_setback(), sections=list(STAGES))
    usual_ms = [_ms(fresh_copy(usual, run)) for run in range(max(runs // 3, 1))]
    figures |= {
        "warm median, ms": statistics.median(wall),
        "warm fastest, ms": min(wall),
        "warm slowest, ms": max(wall),
        "warm median CPU time, ms": statistics.median(cpu),
        "same summary again, median, ms": statistics.median(again),
        "usual summary (vent private), warm median, ms": statistics.median(usual_ms),
        "PDF size, KB": len(data) / 1024,
    }
    # Per script, in this warm process: the first render that needs its font, then the warm median.
    per_script = {}
    for name, sample in SCRIPTS.items():
        one = script_doc(sample)
        first = _ms(one)
        warm = [_ms(fresh_copy(one, run)) for run in range(max(runs // 3, 1))]
        per_script[name] = (first, statistics.median(warm))
    return figures, per_script


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30, help="timed renders (default 30)")
    parser.add_argument(
        "--quick", action="store_true", help="one timed render: a smoke test, never fails on time"
    )
    parser.add_argument("--child", choices=("full", "scripts"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    runs, warmup = (1, 0) if args.quick else (max(args.runs, 1), 3)
    figures, per_script = measure(runs, warmup)
    targets = {
        "warm median, ms": WARM_TARGET_MS,
        "first render (fonts loaded), ms": FIRST_TARGET_MS,
        "first render, every script, ms": FIRST_TARGET_MS,
    }
    passed = all(figures[name] <= limit for name, limit in targets.items())
    rows = [("figure", "value", "target", "pass")]
    for name, value in figures.items():
        limit = targets.get(name)
        verdict = ("yes" if value <= limit else "NO") if limit else ""
        rows.append((name, f"{value:.1f}", f"<= {limit:.0f}" if limit else "", verdict))
    _table(rows)
    print()
    _table(
        [("script", "first use, ms", "warm, ms")]
        + [(name, f"{first:.1f}", f"{warm:.1f}") for name, (first, warm) in per_script.items()]
    )
    print(
        f"\n{runs} timed render(s) after {warmup} warm-up(s); full setback, 20,000-character vent included."
        "\nFirst renders run in a fresh process each; per-script figures are a short summary with a"
        "\nparagraph, a list, pairs, a table and a note in that script, after the full setback."
    )
    return 0 if passed or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
