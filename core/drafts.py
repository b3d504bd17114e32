"""The rules of drafts: what a page's draft holds, when it differs from what is saved, which one wins.

A stage page keeps its values as flat fields (`"text"`, `"wins.count"`, `"wins.2.text"`). A `Shape`
says which fields a page has and their saved values; lists are a count plus rows of parts, each
part with its blank value. These rules know nothing of Streamlit or storage: the page hands them
what its widgets hold and what a store kept, and gets back plain values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
QUOTE_LIMIT = 40  # how much of a removed row's words "Removed “…”" repeats


@dataclass(frozen=True)
class Shape:
    """The fields of one page: their saved values, its lists, and how some fields compare.

    `saved`: every plain field's saved value, and for each list its `<list>.count` and the saved
    rows' parts. `lists`: each list's parts and their blank values; a `fixed` list always shows
    `count` rows (removing one blanks the last). `aside`: fields a draft keeps that say nothing by
    themselves (what a table's edits are counted from). `compare`: for a field whose value needs it,
    what of the value counts when telling whether it differs from the saved one.
    """

    saved: Mapping[str, Any] = field(default_factory=dict)
    lists: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fixed: frozenset[str] = frozenset()
    aside: frozenset[str] = frozenset()
    compare: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def merged(self, other: Shape) -> Shape:
        """This shape with another page part's fields added (a page seeds in several steps)."""
        return Shape(
            saved={**self.saved, **other.saved},
            lists={**self.lists, **other.lists},
            fixed=self.fixed | other.fixed,
            aside=self.aside | other.aside,
            compare={**self.compare, **other.compare},
        )

    def _row_field(self, key: str) -> tuple[str, int, str] | None:
        """(list, index, part) when `key` is a list row's part, else None."""
        for name, parts in self.lists.items():
            if key.startswith(name + "."):
                index, _, part = key[len(name) + 1 :].partition(".")
                if index.isdigit() and part in parts:
                    return name, int(index), part
        return None

    def plain_fields(self) -> list[str]:
        """The fields that are not a list's count or row."""
        counts = {f"{name}.count" for name in self.lists}
        return [key for key in self.saved if key not in counts and self._row_field(key) is None]


def list_values(name: str, rows: list[Mapping[str, Any]], minimum: int = 0) -> dict[str, Any]:
    """A list's rows as flat fields: its count (at least `minimum`) and each row's parts."""
    values: dict[str, Any] = {f"{name}.count": max(len(rows), minimum)}
    for index, row in enumerate(rows):
        values |= {f"{name}.{index}.{part}": value for part, value in row.items()}
    return values


def rows(shape: Shape, values: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    """A list's rows as `values` hold them (parts missing there are blank)."""
    parts = shape.lists[name]
    count = int(values.get(f"{name}.count") or 0)
    return [
        {part: _or(values.get(f"{name}.{index}.{part}"), blank) for part, blank in parts.items()}
        for index in range(count)
    ]


def held(shape: Shape, current: Mapping[str, Any]) -> dict[str, Any]:
    """What a page's draft holds: each field as the page has it now, else as saved.

    Only the page's own fields, and of each list only the rows it shows.
    """
    values = {key: _or(current.get(key), shape.saved.get(key)) for key in shape.plain_fields()}
    for name, parts in shape.lists.items():
        count = int(_or(current.get(f"{name}.count"), shape.saved.get(f"{name}.count")) or 0)
        values[f"{name}.count"] = count
        for index in range(count):
            for part, blank in parts.items():
                key = f"{name}.{index}.{part}"
                values[key] = _or(current.get(key), _or(shape.saved.get(key), blank))
    return values


def unsaved(shape: Shape, values: Mapping[str, Any]) -> bool:
    """Whether `values` hold anything the saved stage does not (blank rows and aside fields don't count)."""
    for key in shape.plain_fields():
        if key in shape.aside:
            continue
        same = shape.compare.get(key, _plain)
        if same(values.get(key)) != same(shape.saved.get(key)):
            return True
    for name, parts in shape.lists.items():
        blank = _plain(dict(parts))
        now = [row for row in map(_plain, rows(shape, values, name)) if row != blank]
        before = [row for row in map(_plain, rows(shape, shape.saved, name)) if row != blank]
        if now != before:
            return True
    return False


def restore(shape: Shape, kept: Mapping[str, Any]) -> dict[str, Any]:
    """A kept draft's values ready for the page's fields, or left out when they no longer fit.

    Dates were kept as ISO strings: a field whose saved (or blank) value is a date or None gets
    its date back. A value of another kind than the field's (a draft from an older page, or
    damaged) is left out, so the page shows the saved value there instead.
    """
    restored: dict[str, Any] = {}
    for key, value in kept.items():
        row = shape._row_field(key)
        if key in shape.saved and row is None:
            like = shape.saved[key]
        elif row is not None:
            like = shape.saved.get(key, shape.lists[row[0]][row[2]])
        elif key.endswith(".count") and key[: -len(".count")] in shape.lists:
            like = 0
        else:
            continue
        fitted = _fit(value, like)
        if fitted is not _MISFIT:
            restored[key] = fitted
    return restored


def plain(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values as a draft keeps them: JSON types only (dates as ISO strings, tuples as lists)."""
    return _plain(dict(values))


def same_values(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether two sets of values say the same once kept."""
    return _plain(dict(one)) == _plain(dict(other))


def take_kept(
    *, session_has_values: bool, session_changed_at: datetime | None, kept_at: datetime | None, same: bool
) -> bool:
    """On opening a page: whether to show the kept draft rather than what this session holds.

    A session that holds nothing for the page takes the draft. Otherwise the newer wins: the draft
    only if it says something else and was kept when or after this session last changed the page
    (in another tab, say). Times are to the second: a draft kept in the same second still counts as
    the newer, since this session's own last change would have replaced it in storage.
    """
    if kept_at is None:
        return False
    if not session_has_values:
        return True
    if same:
        return False
    return session_changed_at is None or kept_at >= session_changed_at


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A row's words, on one line and shortened, for "Removed “…”"."""
    words = " ".join(str(text).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def without_row(shape: Shape, values: Mapping[str, Any], name: str, index: int) -> dict[str, Any]:
    """The list's fields after taking row `index` out (the rows below move up).

    The freed last row is blanked rather than dropped, so no old words can come back into a row
    added later; a fixed list keeps its count.
    """
    listed = rows(shape, values, name)
    if not 0 <= index < len(listed):
        return {}
    del listed[index]
    blank = dict(shape.lists[name])
    count = len(listed) + (1 if name in shape.fixed else 0)
    changes = list_values(name, [*listed, blank])
    changes[f"{name}.count"] = count
    return changes


def with_row(
    shape: Shape, values: Mapping[str, Any], name: str, index: int, row: Mapping[str, Any]
) -> dict[str, Any]:
    """The list's fields with `row` put back at `index` (the rows from there move down).

    A fixed list gives up a blank row for it (its last blank one), or keeps its length and lets the
    last row go only when it is blank too; otherwise the row goes back and the list grows.
    """
    listed = rows(shape, values, name)
    index = max(0, min(index, len(listed)))
    listed.insert(index, {part: _or(row.get(part), blank) for part, blank in shape.lists[name].items()})
    if name in shape.fixed:
        blank = _plain(dict(shape.lists[name]))
        for position in range(len(listed) - 1, -1, -1):
            if position != index and _plain(listed[position]) == blank:
                del listed[position]
                break
    return list_values(name, listed)


# -- small helpers ---------------------------------------------------------------------------

_MISFIT = object()


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


def _fit(value: Any, like: Any) -> Any:
    """`value` as a field like `like` takes it, or _MISFIT."""
    if isinstance(value, str) and _ISO_DATE.match(value) and (like is None or isinstance(like, date)):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return _MISFIT
    if like is None or value is None:
        return value
    if isinstance(like, bool) or isinstance(value, bool):
        return value if isinstance(value, bool) and isinstance(like, bool) else _MISFIT
    if isinstance(like, (int, float)):
        return value if isinstance(value, (int, float)) else _MISFIT
    if isinstance(like, (list, tuple)):
        return list(value) if isinstance(value, (list, tuple)) else _MISFIT
    return value if isinstance(value, type(like)) else _MISFIT


def _plain(value: Any) -> Any:
    """A value as it is kept (JSON: dates as ISO strings, tuples as lists)."""
    return json.loads(json.dumps(value, default=_iso, sort_keys=True))


def _iso(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # a pandas Timestamp
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} can't be kept in a draft")
