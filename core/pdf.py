"""The PDF summary, `render_pdf(doc) -> bytes`, typeset by Typst from the templates in core/typst.

Why Typst (measured on the 2-core dev machine, see the README's Performance section): the summary
must show Arabic and Hebrew shaped and right-aligned, Devanagari shaped, and Chinese, Japanese and
Korean in a font that has them. fpdf2 can shape through uharfbuzz, but its line wrapping, the
direction of each paragraph and the fallback between fonts would stay ours to write, and the only
CJK fonts on PyPI are variable fonts whose default instance is Thin: fpdf2 needs ~26 s to cut out
the regular weight (fontTools' instancer) and ~430 ms just to parse the SC face. Typst (the `typst`
package) shapes every script, applies the Unicode bidi and line-breaking rules, instantiates
variable fonts at the weight asked for, repeats table headers and keeps headings with what follows;
it typesets the whole summary in a few tens of milliseconds.

How: a document's words and the person's text are turned into plain data (`block_data`, `text`),
sent to Typst as JSON through `sys.inputs`, and drawn by the template as strings, so nothing a
person typed is ever read as markup. One compiler per process keeps the parsed fonts; compiles run
one at a time under a lock (a typst.Compiler refuses two at once).

To draw another document (the prep sheet, say): write core/typst/<name>.typ that imports
rebound.typ's primitives (page-setup, section-heading, paragraph, bullets, pairs, table-of,
block-of, text-of), then call `render_document("<name>.typ", data)` with `base_data()` plus what
the template reads; build its blocks with `block_data` from core.summary's Paragraph, Bullets,
Pairs and Table.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path
from typing import Any

from core import content, i18n
from core.pdf_fonts import font_dirs, font_lists
from core.pdf_text import Line, lines
from core.summary import Block, Bullets, Cover, Pairs, Paragraph, SummaryDoc

# The PDF's own words are content.PDF_* (in the language of the run that renders it).

TEMPLATES = Path(__file__).with_name("typst")


class _Typesetter:
    """One Typst compiler for the process: fonts are found once and parsed when first drawn."""

    def __init__(self) -> None:
        import typst  # ~80 MB of native code: loaded only when a PDF is first asked for

        self.compiler = typst.Compiler(
            root=str(TEMPLATES), font_paths=list(font_dirs()), ignore_system_fonts=True
        )
        self.lock = threading.Lock()

    def compile(self, template: str, data: dict[str, Any]) -> bytes:
        inputs = {"data": json.dumps(data, ensure_ascii=False)}
        with self.lock:
            # A tagged PDF: screen readers get headings, paragraphs and tables as such (~8 ms more).
            pdf = self.compiler.compile(
                input=str(TEMPLATES / template), format="pdf", sys_inputs=inputs, pdf_tags=True
            )
            return bytes(pdf)


_typesetter: _Typesetter | None = None
_typesetter_lock = threading.Lock()


def _shared() -> _Typesetter:
    global _typesetter
    if _typesetter is None:
        with _typesetter_lock:
            if _typesetter is None:
                _typesetter = _Typesetter()
    return _typesetter


def text(value: str, style: str = "") -> list[Line]:
    """A person's (or Rebound's) text as the templates draw it; `style` "B" for bold."""
    return lines(value, style)


def block_data(block: Block) -> dict[str, Any]:
    """One block of a document as the templates' `block-of` draws it."""
    label = text(block.label, "B") if block.label else []
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "label": label, "lines": text(block.text)}
    if isinstance(block, Bullets):
        return {"kind": "bullets", "label": label, "items": [text(item) for item in block.items]}
    if isinstance(block, Pairs):
        pairs = [{"label": text(name, "B"), "value": text(value)} for name, value in block.pairs]
        return {"kind": "pairs", "label": label, "pairs": pairs}
    columns = len(block.columns)
    widths = list(block.widths or (1.0,) * columns)
    rows = [[text(cell) for cell in (*row, *("",) * columns)[:columns]] for row in block.rows]
    return {
        "kind": "table",
        "label": label,
        "columns": [text(column, "B") for column in block.columns],
        "rows": rows,
        "widths": widths,
    }


def base_data(title: str = "") -> dict[str, Any]:
    """What rebound.typ itself reads: the footer's words, the document title, the language and the fonts."""
    return {
        "words": {
            "title": title or content.PDF_DOCUMENT_TITLE,
            "footer": content.PDF_FOOTER,
            "page": content.PDF_PAGE_NUMBER,
        },
        "lang": i18n.language(),
        "fonts": font_lists(),
    }


def render_document(template: str, data: dict[str, Any]) -> bytes:
    """Typeset core/typst/`template` with `data` (JSON-ready; see base_data) into PDF bytes."""
    return _shared().compile(template, data)


def _clamp(value: int | None) -> int | None:
    # The models keep scores in 0-100; a hand-made document might not.
    return None if value is None else max(0, min(100, value))


def summary_data(doc: SummaryDoc) -> dict[str, Any]:
    """The summary as the data summary.typ draws."""
    cover = doc.cover
    data = base_data()
    data["words"] |= {
        "kicker": content.PDF_COVER_KICKER,
        "intro": text(content.PDF_COVER_INTRO),
        "legend": list(content.PDF_LEGEND),
        "not_rated": content.PDF_NOT_RATED,
    }
    data["cover"] = {
        "title": text(content.PDF_COVER_TITLE.format(company=cover.company), "B"),
        "role": text(cover.role) if cover.role else [],
        "facts": block_data(Pairs(cover.facts())),
    }
    data["arc"] = None
    if doc.arc is not None:
        points = [
            {
                "label": " ".join(line["t"] for line in text(label)),
                "before": _clamp(before),
                "after": _clamp(after),
            }
            for label, (before, after) in doc.arc.points.items()
        ]
        reading = text(doc.arc.reading) if doc.arc.reading else []
        data["arc"] = {"heading": text(content.ARC_TITLE, "B"), "points": points, "reading": reading}
    data["sections"] = [
        {"heading": text(section.heading, "B"), "blocks": [block_data(block) for block in section.blocks]}
        for section in doc.sections
    ]
    data["note"] = None
    if doc.future_note.strip():
        data["note"] = {"heading": text(content.PDF_FUTURE_NOTE_HEADING, "B"), "lines": text(doc.future_note)}
    return data


def render_pdf(doc: SummaryDoc) -> bytes:
    """The summary as an A4 PDF; any text renders, characters no bundled font has show as □."""
    return render_document("summary.typ", summary_data(doc))


def warm_up() -> None:
    """Start Typst, find the fonts and typeset a cover page once, so the first PDF a person asks for
    comes about as fast as the rest (the CJK collection, 32 MB, still loads only when first needed)."""
    cover = Cover("Rebound", "Rebound", "", date(2000, 1, 1), "", "")
    render_pdf(SummaryDoc(cover, None, (), ""))
