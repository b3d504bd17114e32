"""The PDF summary: `render_pdf(doc) -> bytes`, drawn with fpdf2 and the fonts bundled in core/fonts.

Why it is built this way (measured with cProfile and bench/bench_pdf.py on the 2-core dev machine):
fpdf2's `multi_cell` re-measures the whole line for every character it adds (~280 ms for a
20,000-character vent), `add_font` re-parses each TTF per document (~30 ms a face), and writing the
PDF subsets every embedded font (~25 ms for all of DejaVu Sans). So `pdf_text` wraps text itself with
widths read once from the fonts' cmaps, lines are placed with `FPDF.text`, parsed fonts are shared
across documents, and the common Latin text uses a small cut of DejaVu so subsetting stays cheap.
A full setback with the 20,000-character vent renders in ~40-50 ms warm median on a quiet machine
(~45 ms CPU; up to ~90 ms wall while other test suites share the cores), well inside the 150 ms
target, so fpdf2 stays and reportlab was not needed.
"""

from __future__ import annotations

from fpdf import FPDF

from core.pdf_text import PT_TO_MM, SANS, bank, sanitize, wrap
from core.summary import ARC_HEADING, FUTURE_NOTE_HEADING, Block, Bullets, Pairs, Paragraph, SummaryDoc, Table

FOOTER = "Private self-coaching record — Rebound"
COVER_KICKER = "REBOUND · PRIVATE SUMMARY"
COVER_INTRO = (
    "A record of what you worked through after hearing back. Keep it, reread it before your next "
    "interview, or share it with someone you trust."
)
LEGEND = ("Before (first check-in)", "After (closing check-in)")
NOT_RATED = "not rated"

RGB = tuple[int, int, int]
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT = 20.0, 190.0
WIDTH = RIGHT - LEFT
TOP, BOTTOM = 20.0, 274.0
INK = (45, 52, 54)
MUTED = (112, 120, 122)
ACCENT = (38, 110, 105)
BEFORE = (183, 199, 214)
RULE = (214, 220, 220)
TINT = (236, 243, 242)
BODY = 10.0  # pt
LEADING = 5.2  # mm between body lines


class _Pdf(FPDF):
    """A4 pages with the privacy footer and page numbers on every page."""

    def footer(self) -> None:
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(LEFT, PAGE_H - 15, RIGHT, PAGE_H - 15)
        self.set_font(SANS, "", 8)
        self.set_text_color(*MUTED)
        self.set_xy(LEFT, PAGE_H - 13.5)
        self.cell(WIDTH / 2, 5, FOOTER, align="L")
        # {nb} is fpdf2's alias for the page count, filled in when the document is written.
        self.cell(WIDTH / 2, 5, f"Page {self.page_no()} of {{nb}}", align="R")


class _Writer:
    """A cursor over the pages: draws sanitised text line by line and breaks pages itself."""

    def __init__(self) -> None:
        self.fonts = bank()
        self.pdf = _Pdf(unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(LEFT, TOP, PAGE_W - RIGHT)
        self.pdf.set_creator("Rebound")
        self.pdf.c_margin = 0  # the footer's cells line up with the text above them
        self.pdf.set_title("Rebound summary")
        self.fonts.attach(self.pdf, SANS.lower())
        self.fonts.attach(self.pdf, SANS.lower() + "B")
        self.pdf.set_font(SANS, "", BODY)
        self.y = TOP
        self.new_page()

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = TOP

    def need(self, height: float) -> None:
        """Start a new page unless `height` more millimetres fit on this one."""
        if self.y + height > BOTTOM:
            self.new_page()

    def draw_line(
        self, line: str, x: float, baseline: float, size: float, style: str = "", color: RGB = INK
    ) -> None:
        """One already wrapped line, switching to a fallback face where the main one lacks a glyph."""
        self.pdf.set_text_color(*color)
        runs = self.fonts.runs(line, style)
        for index, (fontkey, text) in enumerate(runs):
            self.fonts.attach(self.pdf, fontkey)
            face = self.fonts.faces[fontkey]
            self.pdf.set_font(face.family, face.style, size)
            self.pdf.text(x, baseline, text)
            if index + 1 < len(runs):
                x += self.fonts.width(text, size, style)

    def text(
        self,
        text: str,
        x: float = LEFT,
        width: float = WIDTH,
        size: float = BODY,
        style: str = "",
        color: RGB = INK,
        leading: float = LEADING,
        bar: RGB | None = None,
    ) -> None:
        """Wrapped text flowing across pages; `bar` draws a coloured rule beside every line."""
        for line in wrap(sanitize(text), width, size, style):
            self.need(leading)
            if bar:
                self.pdf.set_fill_color(*bar)
                self.pdf.rect(x - 4.5, self.y, 1.2, leading, style="F")
            self.draw_line(line, x, self.baseline(leading, size), size, style, color)
            self.y += leading

    def baseline(self, leading: float, size: float) -> float:
        """Where to put the baseline so a line sits in the middle of its `leading`."""
        return self.y + leading / 2 + size * PT_TO_MM * 0.35

    def bookmark(self, name: str) -> None:
        """An entry in the PDF viewer's outline pointing here."""
        self.pdf.set_y(self.y)
        self.pdf.start_section(sanitize(name))

    def gap(self, height: float) -> None:
        self.y = min(self.y + height, BOTTOM)

    def rule(self, color: RGB = RULE, width: float = 0.3) -> None:
        self.pdf.set_draw_color(*color)
        self.pdf.set_line_width(width)
        self.pdf.line(LEFT, self.y, RIGHT, self.y)


def _cover(w: _Writer, doc: SummaryDoc) -> None:
    cover = doc.cover
    w.bookmark(f"Looking back on {cover.company}")
    w.gap(8)
    w.text(COVER_KICKER, size=8.5, style="B", color=ACCENT)
    w.gap(4)
    w.text(f"Looking back on {cover.company}", size=22, style="B", leading=10)
    if cover.role:
        w.gap(1)
        w.text(cover.role, size=13, color=MUTED, leading=6.5)
    w.gap(6)
    w.rule(ACCENT, 0.6)
    w.gap(6)
    _pairs(w, Pairs(cover.facts()))
    w.gap(4)
    w.text(COVER_INTRO, size=9.5, color=MUTED, leading=5)
    if doc.arc is not None:
        w.gap(10)
        _arc(w, doc)


def _arc(w: _Writer, doc: SummaryDoc) -> None:
    """Before and after bars for each feeling, on a shared 0-100 scale."""
    assert doc.arc is not None
    points = doc.arc.points
    row, label_w, value_w = 9.5, 44.0, 10.0
    x0, x1 = LEFT + label_w, RIGHT - value_w
    scale = (x1 - x0) / 100
    w.need(12 + 10 + row * min(len(points), 3))
    w.bookmark(ARC_HEADING)
    w.text(ARC_HEADING, size=14, style="B", color=ACCENT, leading=7)
    w.gap(2)
    # Legend: two swatches and their meaning.
    x = x0
    for color, label in zip((BEFORE, ACCENT), LEGEND, strict=True):
        w.pdf.set_fill_color(*color)
        w.pdf.rect(x, w.y + 1.2, 4, 2.6, style="F")
        w.draw_line(label, x + 5.5, w.y + 3.6, 8.5, color=MUTED)
        x += 6 + w.fonts.width(label, 8.5) + 8
    w.gap(8)
    for label, (before, after) in points.items():
        w.need(row + 6)
        top = w.y
        # Faint quarter lines make the bars comparable at a glance.
        w.pdf.set_draw_color(*RULE)
        w.pdf.set_line_width(0.15)
        for tick in range(0, 101, 25):
            w.pdf.line(x0 + tick * scale, top, x0 + tick * scale, top + row)
        name = _fit(w, sanitize(label), label_w - 3, 9.5)
        w.draw_line(name, LEFT, top + row / 2 + 1.2, 9.5)
        for offset, value, color in ((1.3, before, BEFORE), (4.9, after, ACCENT)):
            bar_top = top + offset
            if value is not None:
                value = max(0, min(100, value))  # the models keep scores in 0-100; a hand-made doc might not
            if value is None:
                w.draw_line(NOT_RATED, x0 + 1, bar_top + 2.6, 7.5, color=MUTED)
                continue
            if value:
                w.pdf.set_fill_color(*color)
                w.pdf.rect(x0, bar_top, value * scale, 3.3, style="F")
            w.draw_line(str(value), x0 + value * scale + 1.2, bar_top + 2.6, 7.5, color=MUTED)
        w.y = top + row
    # The scale under the last row.
    for tick in range(0, 101, 25):
        number = str(tick)
        w.draw_line(number, x0 + tick * scale - w.fonts.width(number, 7) / 2, w.y + 3.5, 7, color=MUTED)
    w.gap(8)
    if doc.arc.reading:
        w.text(doc.arc.reading, size=10, leading=5.4)


def _fit(w: _Writer, text: str, width: float, size: float) -> str:
    """Text cut with an ellipsis to fit one line (chart labels only)."""
    if w.fonts.width(text, size) <= width:
        return text
    while text and w.fonts.width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _label(w: _Writer, label: str, keep: float = LEADING * 2) -> None:
    """A block's small heading, kept on the same page as the first `keep` millimetres of the block."""
    if label:
        w.need(6.8 + keep)
        w.text(label, size=10.5, style="B", leading=6)
        w.gap(0.8)


def _pairs(w: _Writer, block: Pairs) -> None:
    label_w = 48.0
    labels = [wrap(sanitize(label), label_w - 4, 9, "B") for label, _ in block.pairs]
    values = [wrap(sanitize(value), WIDTH - label_w, BODY) for _, value in block.pairs]
    # A short block of facts stays together on one page.
    lines = sum(max(len(label), len(value)) for label, value in zip(labels, values, strict=True))
    if lines <= 12:
        w.need(lines * LEADING + len(labels) * 1.2 + (LEADING * 2 if block.label else 0))
    _label(w, block.label)
    for label_lines, (_, value) in zip(labels, block.pairs, strict=True):
        w.need(len(label_lines) * LEADING)
        page, top = w.pdf.page, w.y
        for line in label_lines:
            w.draw_line(line, LEFT, w.baseline(LEADING, BODY), 9, "B", MUTED)
            w.y += LEADING
        label_end, w.y = w.y, top
        # The value starts beside the label and may flow onto the next pages.
        w.text(value, x=LEFT + label_w, width=WIDTH - label_w)
        if w.pdf.page == page:
            w.y = max(w.y, label_end)
        w.gap(1.2)


def _bullets(w: _Writer, block: Bullets) -> None:
    _label(w, block.label)
    for item in block.items:
        w.need(LEADING)
        w.draw_line("•", LEFT + 1, w.baseline(LEADING, BODY), BODY, color=ACCENT)
        w.text(item, x=LEFT + 6, width=WIDTH - 6)
        w.gap(1.2)


def _table(w: _Writer, block: Table) -> None:
    size, leading, pad = 8.5, 4.3, 1.6
    weights = block.widths or (1.0,) * len(block.columns)
    total = sum(weights)
    widths = [WIDTH * weight / total for weight in weights]
    lefts = [LEFT + sum(widths[:index]) for index in range(len(widths))]

    def wrapped(cells: tuple[str, ...], style: str = "") -> list[list[str]]:
        return [
            wrap(sanitize(cell), width - 2 * pad, size, style)
            for cell, width in zip(cells, widths, strict=False)
        ]

    header = wrapped(block.columns, "B")
    header_h = max(map(len, header)) * leading + 2 * pad

    def draw_header() -> None:
        w.pdf.set_fill_color(*TINT)
        w.pdf.rect(LEFT, w.y, WIDTH, header_h, style="F")
        for left, lines in zip(lefts, header, strict=True):
            for index, line in enumerate(lines):
                w.draw_line(line, left + pad, w.y + pad + index * leading + leading * 0.75, size, "B")
        w.y += header_h

    rows = [wrapped(row) for row in block.rows]
    first = max(map(len, rows[0])) if rows else 0
    start = header_h + min(first, 4) * leading + 2 * pad  # the header never sits alone at a page foot
    _label(w, block.label, keep=start)
    w.need(start)
    draw_header()
    for cells in rows:
        height = max(map(len, cells), default=1)
        done = 0
        if (
            w.y + height * leading + 2 * pad > BOTTOM
            and height * leading + 2 * pad <= BOTTOM - TOP - header_h
        ):
            w.new_page()
            draw_header()
        while True:
            # A row too tall for what is left of the page is continued on the next one.
            fits = max(int((BOTTOM - w.y - 2 * pad) // leading), 0)
            if fits == 0:
                w.new_page()
                draw_header()
                continue
            chunk = min(height - done, fits)
            for left, lines in zip(lefts, cells, strict=False):
                for index, line in enumerate(lines[done : done + chunk]):
                    w.draw_line(line, left + pad, w.y + pad + index * leading + leading * 0.75, size)
            w.y += chunk * leading + 2 * pad
            w.rule()
            done += chunk
            if done >= height:
                break
            w.new_page()
            draw_header()
    w.gap(2)


def _block(w: _Writer, block: Block) -> None:
    if isinstance(block, Paragraph):
        _label(w, block.label)
        w.text(block.text)
    elif isinstance(block, Bullets):
        _bullets(w, block)
    elif isinstance(block, Pairs):
        _pairs(w, block)
    elif isinstance(block, Table):
        _table(w, block)
    w.gap(4)


def _heading(w: _Writer, heading: str) -> None:
    w.need(30)  # a heading never sits alone at the foot of a page
    w.bookmark(heading)
    w.text(heading, size=15, style="B", color=ACCENT, leading=7.5)
    w.gap(1.5)
    w.rule()
    w.gap(4)


def render_pdf(doc: SummaryDoc) -> bytes:
    """The summary as an A4 PDF; any text renders, characters no bundled font has show as □."""
    w = _Writer()
    _cover(w, doc)
    for index, section in enumerate(doc.sections):
        if index == 0:
            w.new_page()
        else:
            w.gap(6)
        _heading(w, section.heading)
        for block in section.blocks:
            _block(w, block)
    if doc.future_note.strip():
        w.gap(6)
        _heading(w, FUTURE_NOTE_HEADING)
        w.text(doc.future_note, x=LEFT + 5, width=WIDTH - 5, leading=5.6, bar=ACCENT)
    return bytes(w.pdf.output())
