"""What a page shows a person, as AppTest sees it, and which of it the message catalogue explains.

`shown(at)` gathers every string in the page's elements (labels, bodies, help, placeholders,
options, captions, table columns, chart titles); `unexplained(strings, messages, own)` returns the
strings that still hold words once every catalogue message (placeholders standing for anything)
and the person's own text are taken out. A string left over is a word the catalogue does not hold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from google.protobuf.message import Message

# Proto fields that are not words for people (ids, keys, styles, formats, values typed by the person).
_NOT_WORDS = {
    "id", "form_id", "key", "type", "icon", "format", "css", "theme", "url", "page_script_hash",
    "page_name", "url_pathname", "data", "default", "value", "raw_value", "set_value", "spec",
    "vega_lite_chart", "selection_mode", "width", "height", "color", "dtype", "label_visibility",
    "autocomplete", "step", "min", "max", "background", "border", "gap", "direction", "string_value",
    "placeholder_text_value", "default_value", "arrow_data", "page_link_page", "page", "target",
    "column_order", "editing_mode", "language",
}  # fmt: skip
_SKIP_ELEMENTS = {"html", "empty", "json"}  # scripts and styles


def _strings(message: Message, found: list[str]) -> None:
    for field, value in message.ListFields():
        if field.name in _NOT_WORDS:
            continue
        if field.name == "columns" and isinstance(value, str):  # a table's column settings, as JSON
            _column_words(json.loads(value or "{}"), found)
            continue
        values = (
            value
            if getattr(field, "is_repeated", False)
            or isinstance(value, (list, tuple))
            or type(value).__name__.startswith("Repeated")
            else [value]
        )
        for item in values:
            if isinstance(item, Message):
                _strings(item, found)
            elif isinstance(item, str) and item.strip():
                found.append(item)


_NUMERIC_DATE = re.compile(r"^(?!.*MMM)[YMDHhms/.:\- ]+$")


def _column_words(columns: object, found: list[str]) -> None:
    """The labels, help and number formats ("%d of 5") in a table's column settings."""
    if isinstance(columns, dict):
        for name, value in columns.items():
            if name in ("label", "help", "format") and isinstance(value, str):
                if not _NUMERIC_DATE.match(value):  # "YYYY-MM-DD" shows no words; "D MMM YYYY" does
                    found.append(value)
            else:
                _column_words(value, found)


def _chart_titles(spec: object, found: list[str]) -> None:
    if isinstance(spec, dict):
        for name, value in spec.items():
            if name in ("title", "format") and isinstance(value, str):
                found.append(value)
            else:
                _chart_titles(value, found)
    elif isinstance(spec, list):
        for value in spec:
            _chart_titles(value, found)


def shown(at) -> list[str]:
    """Every string the page's elements show (main area and sidebar)."""
    found: list[str] = []

    def walk(node) -> None:
        kind = getattr(node, "type", "")
        if kind in _SKIP_ELEMENTS:
            return
        proto = getattr(node, "proto", None)
        if kind in ("arrow_vega_lite_chart", "vega_lite_chart"):
            _chart_titles(json.loads(getattr(proto, "spec", "") or "{}"), found)
            return
        if kind == "arrow_data_frame":
            found.extend(str(column) for column in node.value.columns)
            return
        if isinstance(proto, Message):
            _strings(proto, found)
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at._tree)
    return found


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _plain(text: str) -> str:
    """Markdown marks and backslash escapes out, spaces collapsed: text as a person reads it."""
    text = re.sub(r"\]\([^)]*\)", " ", text)  # [words](link): the link's address is not words
    text = re.sub(r":[a-z]+-badge\[", " ", text)  # :green-badge[Current]: the badge's colour
    text = re.sub(r":material/[a-z_]+:", " ", text)  # an icon, not words
    text = text.replace("&#58;", ":")
    text = re.sub(r"\\(.)", r"\1", text)  # markdown escapes (pages/_shell.escape)
    text = re.sub(r"\b[0-9a-f]{32}\b", " ", text)  # ids
    text = re.sub(r"[*#`>\[\]]|^- ", " ", text, flags=re.M)
    return " ".join(text.split())


def _pattern(template: str) -> re.Pattern[str] | None:
    plain = _plain(template)
    literal = _PLACEHOLDER.sub("", plain)
    if len(_LETTERS.findall(literal)) == 0:
        return None  # "{kind}: {what}" alone would match anything
    parts = _PLACEHOLDER.split(plain)
    body = r".+?".join(re.escape(part) for part in parts)
    if plain.endswith("}"):  # a placeholder at the end takes the rest of the words, not one letter
        body = body[: -len(r".+?")] + r".+" if body.endswith(r".+?") else body
    return re.compile(rf"(?<!\w){body}(?!\w)", re.S)  # whole words only: "No" is not inside "Now"


def patterns(messages: Iterable[str]) -> list[re.Pattern[str]]:
    """The messages as patterns, longest literal first."""
    compiled = {_plain(text): _pattern(text) for text in messages if text and text.strip()}
    found = [pattern for pattern in compiled.values() if pattern is not None]
    return sorted(found, key=lambda pattern: -len(pattern.pattern))


def unexplained(strings: Iterable[str], messages: list[re.Pattern[str]], own: Iterable[str]) -> list[str]:
    """The strings that keep words (two letters or more) once messages and the person's text are out."""
    own_plain = sorted({_plain(text) for text in own if text and text.strip()}, key=len, reverse=True)
    own_patterns = [re.compile(rf"(?<!\w){re.escape(mine)}(?!\w)") for mine in own_plain]
    left = []
    for text in dict.fromkeys(strings):
        rest = _plain(text)
        # Messages first (a placeholder stands for the person's words), then the person's own
        # words, names and months, whole words only.
        for pattern in messages:
            if _LETTERS.search(rest) is None:
                break
            rest = pattern.sub(" ", rest)
        for pattern in own_patterns:
            rest = pattern.sub(" ", rest)
        if _LETTERS.search(rest):
            left.append(f"{text!r} -> left: {' '.join(rest.split())!r}")
    return left
