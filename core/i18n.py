"""The language of this run, and the message catalogue that speaks it (gettext, via Babel).

Why gettext `.po`/`.mo`: it is the format translators and their tools (Poedit, Weblate, Lokalize)
already read; it carries plural rules per language in the catalogue itself (`Plural-Forms`), so
"1 day" / "3 días" is the catalogue's business, not an `if`; `msgctxt` holds our keys, so two
messages with the same English stay apart; a changed English source marks its translation fuzzy
instead of silently keeping an outdated one; and the compiled `.mo` is read by the standard
library's `gettext` in a millisecond, once per process, with no Babel import on the way. Babel
(already the way to dates, numbers and lists in a language) extracts, updates and compiles it.

How the words flow:
- `core/content.py` is the English source: one constant per message, as before. Pages and tests
  keep reading `content.X`; the module translates on access into the language of this run
  (`install_translating_module`), so nothing freezes English at import.
- Each message's key is its place in content: `SIGN_IN_TITLE`, `NAV.start`, `REASONS.referral.label`,
  `TARGETS_RECONNECT.1`. The catalogue keeps the key as `msgctxt` and the English as `msgid`.
- `python -m core.catalogue` (`make messages`) writes `core/locale/rebound.pot` from content,
  merges it into every `core/locale/<lang>/LC_MESSAGES/rebound.po`, and compiles the `.mo` files.
- The language of a run: a ContextVar set by app.py at the top of every run (`use`); inside a
  Streamlit callback, which runs before app.py, the resolver app.py registers (the session's
  choice) answers instead.
"""

from __future__ import annotations

import gettext
import string
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

LANGUAGES = ("en", "es")
SOURCE = "en"  # content.py is written in it; it needs no catalogue
DOMAIN = "rebound"
LOCALE_DIR = Path(__file__).with_name("locale")
# Babel's locale for each language: British English keeps "a, b and c" and "21 November 2026".
BABEL_LOCALES = {"en": "en_GB", "es": "es"}

_current: ContextVar[str | None] = ContextVar("rebound_language", default=None)
_resolver: Callable[[], str | None] | None = None


def normalise(code: str | None) -> str | None:
    """The supported language a code names ("es-MX" is "es"), or None."""
    base = (code or "").strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def pick(chosen: str | None, browser_locale: str | None) -> str:
    """The language to speak: the person's choice, else their browser's, else English."""
    return normalise(chosen) or normalise(browser_locale) or SOURCE


def use(language: str) -> None:
    """Speak `language` for the rest of this run (app.py calls it at the top of each run)."""
    _current.set(normalise(language) or SOURCE)


def set_resolver(resolver: Callable[[], str | None]) -> None:
    """Where the language comes from when no run has set it yet (a Streamlit callback)."""
    global _resolver
    _resolver = resolver


def language() -> str:
    """The language of this run."""
    code = _current.get()
    if code is None and _resolver is not None:
        try:
            code = normalise(_resolver())
        except Exception:  # noqa: BLE001 - outside a session (a thread of our own): the source language
            code = None
    return code or SOURCE


@contextmanager
def using(language: str) -> Iterator[None]:
    """Speak `language` inside the block (tests, exports built outside a page run)."""
    token = _current.set(normalise(language) or SOURCE)
    try:
        yield
    finally:
        _current.reset(token)


def bound(make: Callable[[], T]) -> Callable[[], T]:
    """`make`, to run later on another thread (a download), in the language of this run."""
    spoken = language()

    def in_language() -> T:
        with using(spoken):
            return make()

    return in_language


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language, read once per process (English: the source itself)."""
    if language == SOURCE:
        return gettext.NullTranslations()
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def text(key: str, english: str) -> str:
    """The message `key` (English `english`) in the language of this run."""
    code = language()
    if code == SOURCE:
        return english
    return Text(translations(code).pgettext(key, english))


def plural_text(key: str, one: str, other: str, count: int) -> str:
    """The form of a plural message for `count`, by the language's own rules (the catalogue's)."""
    code = language()
    chosen = translations(code).npgettext(key, one, other, count)
    return chosen if code == SOURCE else Text(chosen)


# -- formatting values in the language --------------------------------------------------------


def babel_locale() -> str:
    """The Babel locale of this run's language."""
    return BABEL_LOCALES[language()]


def number(value: int | float) -> str:
    """A number as the language writes it: 1,234 in English, 1234 and 12.345 in Spanish."""
    if language() == SOURCE:
        return f"{value:,}"
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale())


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: date) -> str:
    """21 November 2026; 21 de noviembre de 2026."""
    if language() == SOURCE:
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date

    return format_date(day, "long", locale=babel_locale())


def short_date(day: date) -> str:
    """21 Nov 2026; 21 nov 2026 (narrow table columns)."""
    if language() == SOURCE:
        return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"
    from babel.dates import format_date

    return format_date(day, "d MMM y", locale=babel_locale())


def day_month(day: date) -> str:
    """12 March; 12 de marzo (a day named without its year, as in a title)."""
    if language() == SOURCE:
        return f"{day.day} {_MONTHS[day.month - 1]}"
    from babel.dates import format_skeleton

    return format_skeleton("MMMMd", day, locale=babel_locale())


def join(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c" — by the language's list rules (CLDR, through Babel)."""
    if len(items) <= 1:
        return "".join(items)
    from babel.lists import format_list

    return format_list(items, locale=babel_locale())


class _Formatter(string.Formatter):
    """str.format that writes numbers and dates in the language of the run."""

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and format_spec in ("", ","):
            return number(value)
        if isinstance(value, date) and not isinstance(value, datetime) and not format_spec:
            return long_date(value)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


class Text(str):
    """A translated message: `.format` writes its numbers and dates in the language of the run."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        return _FORMATTER.vformat(str(self), args, kwargs)


# -- messages by key: content.py's constants, translated on access -----------------------------


class Plural:
    """A message with a singular and a plural English form; `format(count, ...)` picks the form by
    the language's own plural rules (the catalogue's `Plural-Forms`), never by an `if`."""

    __slots__ = ("key", "one", "other")

    def __init__(self, one: str, other: str, key: str = "") -> None:
        self.one, self.other, self.key = one, other, key

    def __repr__(self) -> str:
        return f"Plural({self.one!r}, {self.other!r})"

    def form(self, count: int) -> str:
        """The template for `count`, in the language of this run."""
        return plural_text(self.key, self.one, self.other, count)

    def format(self, count: int, **values: object) -> str:
        """The message for `count` ({count} in the template), with the other placeholders filled."""
        return self.form(count).format(count=count, **values)


def _is_message(text: str) -> bool:
    return bool(text.strip()) and not text.startswith(":material/")


def entries(name: str, value: object) -> Iterator[tuple[str, str, str | None]]:
    """(key, English, English plural or None) for every message inside a content constant."""
    if isinstance(value, str):
        if _is_message(value):
            yield name, value, None
    elif isinstance(value, Plural):
        value.key = value.key or name
        yield value.key, value.one, value.other
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from entries(f"{name}.{key}", item)
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from entries(f"{name}.{index}", item)
    elif hasattr(value, "__dataclass_fields__") and isinstance(getattr(value, "id", None), str):
        # A record with an id (content.Reason) has one key wherever it appears (REASONS, REASONS_BY_ID).
        for field in value.__dataclass_fields__:
            if field != "id" and isinstance(getattr(value, field), str):
                yield from entries(f"{type(value).__name__}.{value.id}.{field}", getattr(value, field))


def translate(name: str, value: object) -> object:
    """A content constant with every message inside it in the language of this run."""
    import dataclasses

    if isinstance(value, str):
        return text(name, value) if _is_message(value) else value
    if isinstance(value, Plural):
        value.key = value.key or name
        return value  # picks its form when formatted
    if isinstance(value, dict):
        return {key: translate(f"{name}.{key}", item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(translate(f"{name}.{index}", item) for index, item in enumerate(value))
    if hasattr(value, "__dataclass_fields__") and isinstance(getattr(value, "id", None), str):
        changes = {
            field: text(f"{type(value).__name__}.{value.id}.{field}", getattr(value, field))
            for field in value.__dataclass_fields__
            if field != "id" and isinstance(getattr(value, field), str) and _is_message(getattr(value, field))
        }
        return dataclasses.replace(value, **changes)
    return value


def message_names(namespace: dict[str, object]) -> list[str]:
    """The names of a module's message constants: UPPER_CASE, not listed in its NOT_MESSAGES."""
    skip = set(namespace.get("NOT_MESSAGES", ())) | {"NOT_MESSAGES"}
    return [name for name in namespace if name[:1].isupper() and name.isupper() and name not in skip]


class TranslatingModule(__import__("types").ModuleType):
    """A module whose UPPER_CASE constants read in the language of the run (see the docstring above).

    Each constant is translated once per language and process, then served from a cache (checked
    against the constant itself, so a test that swaps a constant sees its own value).
    """

    def __getattribute__(self, name: str) -> object:
        value = super().__getattribute__(name)
        if not (name[:1].isupper() and name.isupper()):
            return value
        code = language()
        if code == SOURCE:
            return value
        namespace = super().__getattribute__("__dict__")
        if name == "NOT_MESSAGES" or name in namespace.get("NOT_MESSAGES", ()):
            return value
        cache_ = namespace.setdefault("_translated", {})
        hit = cache_.get((code, name))
        if hit is not None and hit[0] is value:
            return hit[1]
        translated = translate(name, value)
        cache_[(code, name)] = (value, translated)
        return translated


def install_translating_module(module_name: str) -> None:
    """Make the module `module_name` a TranslatingModule (content.py calls it for itself)."""
    import sys

    sys.modules[module_name].__class__ = TranslatingModule
