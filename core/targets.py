"""The target-companies table: rows as the editor holds them, cleaned into Target models.

The table is edited with Streamlit's data editor, whose state is a set of edits on the rows it was
given. `apply_edits` replays those edits on plain rows (dicts), so the page can keep a draft across
page switches and the Save button can read the table before the editor has drawn again. Pandas is
imported only inside `to_frame`, keeping it off the sign-in path.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from core import content
from core.models import Target

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("company", "why", "role", "contact", "next_step", "due", "status")
# The order the table shows its columns in, on the page and in the PDF: the contact comes last so
# that the due date and the status fit in the page's width.
SHOWN_ORDER = ("company", "why", "role", "next_step", "due", "status", "contact")
TEXT_COLUMNS = ("company", "why", "role", "contact", "next_step")
Row = dict[str, Any]


@dataclass(frozen=True)
class Cleaned:
    """What a table becomes on Save: targets to keep, problems that stop the save, duplicates to flag."""

    targets: list[Target] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # {"targets.2.why": "…"}, row numbers from 0
    duplicates: list[str] = field(default_factory=list)


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _value(value: Any) -> Any:
    """A cell as a model takes it: missing values (None, NaN, NaT, "") become None."""
    if _empty(value) or str(value) == "NaT":
        return None
    if isinstance(value, datetime):
        return value.date()
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime().date()
    return value


def is_blank(row: Mapping[str, Any]) -> bool:
    """A row with nothing typed in it (a status alone does not count: new rows get one by default)."""
    return all(_value(row.get(column)) is None for column in COLUMNS if column != "status")


def apply_edits(rows: list[Row], state: Mapping[str, Any] | None) -> list[Row]:
    """Rows with the data editor's edits replayed: cell edits, then deletions, then added rows."""
    result = [dict(row) for row in rows]
    if not state:
        return result
    for index, changes in (state.get("edited_rows") or {}).items():
        position = int(index)
        if 0 <= position < len(result):
            result[position].update(changes)
    deleted = {int(index) for index in state.get("deleted_rows") or ()}
    result = [row for position, row in enumerate(result) if position not in deleted]
    result += [dict(row) for row in state.get("added_rows") or ()]
    return result


def clean(rows: Iterable[Mapping[str, Any]]) -> Cleaned:
    """Ignore blank rows, validate the rest (problems keyed by the row on screen), flag duplicates."""
    targets: list[Target] = []
    problems: dict[str, str] = {}
    for position, row in enumerate(rows):
        if is_blank(row):
            continue
        values = {column: _value(row.get(column)) for column in COLUMNS}
        if values["company"] is None:
            problems[f"targets.{position}.company"] = content.TARGETS_NO_COMPANY.format(row=position + 1)
            continue
        values = {key: value for key, value in values.items() if value is not None}
        try:
            targets.append(Target.model_validate(values))
        except ValidationError as error:
            problems.update(content.stage_errors(error, prefix=("targets", position)))
    return Cleaned(targets=targets, problems=problems, duplicates=duplicates(targets))


def duplicates(targets: Iterable[Target]) -> list[str]:
    """Companies listed more than once for the same role (case and spacing ignored), first spelling kept."""
    seen: dict[tuple[str, str], str] = {}
    repeated: dict[str, None] = {}
    for target in targets:
        key = (_plain(target.company), _plain(target.role))
        if key in seen:
            repeated.setdefault(seen[key])
        else:
            seen[key] = target.company
    return list(repeated)


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def to_rows(targets: Iterable[Target], minimum: int = 0) -> list[Row]:
    """Saved targets as editor rows, padded with empty rows to `minimum` so there is room to type."""
    rows: list[Row] = [{column: getattr(target, column) for column in COLUMNS} for target in targets]
    return rows + [dict.fromkeys(COLUMNS) for _ in range(minimum - len(rows))]


def to_frame(rows: list[Row]) -> pd.DataFrame:
    """Rows as the DataFrame the editor shows: text as text, due as dates, status as its id (or empty)."""
    import pandas as pd  # heavy, and only the Next targets page needs it

    frame = pd.DataFrame([{column: row.get(column) for column in COLUMNS} for row in rows], columns=COLUMNS)
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].map(lambda value: "" if _empty(value) else str(value)).astype(object)
    frame["due"] = pd.Series([_as_date(value) for value in frame["due"]], dtype=object)
    frame["status"] = pd.Series(
        [value if value in content.TARGET_STATUS else None for value in frame["status"]], dtype=object
    )
    return frame


def _as_date(value: Any) -> date | None:
    value = _value(value)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def comparable(rows: Any) -> list[dict[str, Any]]:
    """What of a table counts when telling it from the saved one: its non-blank rows, cells as saved."""
    if not isinstance(rows, list):
        return []
    kept = [row for row in rows if isinstance(row, Mapping) and not is_blank(row)]
    return [{column: _plain_cell(row.get(column)) for column in COLUMNS} for row in kept]


def _plain_cell(value: Any) -> Any:
    value = _value(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is not None and not isinstance(value, (str, int, float, bool)):
        return str(value)
    return value


def removed(before: list[Row] | None, after: list[Row]) -> list[tuple[int, Row]]:
    """The rows of `before` that are gone from `after` (with where they were), when the table shrank.

    Rows are matched in order, so a removal in the middle is found where it happened; blank rows
    removed leave nothing worth bringing back, so only rows with something in them are named.
    """
    if not before or len(after) >= len(before):
        return []
    gone, position = [], 0
    for index, row in enumerate(before):
        if position < len(after) and comparable([after[position]]) == comparable([row]):
            position += 1
        else:
            gone.append((index, row))
    if position < len(after):  # the rows changed as well as shrank: nothing can be told apart
        return []
    return [(index, row) for index, row in gone if not is_blank(row)]


def put_back(rows: list[Row], gone: list[tuple[int, Row]]) -> list[Row]:
    """`rows` with removed rows put back at their places (as `removed` reported them)."""
    result = [dict(row) for row in rows]
    for index, row in sorted(gone, key=lambda item: item[0]):
        result.insert(min(index, len(result)), dict(row))
    return result
