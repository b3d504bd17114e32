"""The message catalogue's upkeep: `python -m core.catalogue` (or `make messages`).

It reads every message from core/content.py (and the crisis lines of core/crisis.py), writes the
template core/locale/rebound.pot, merges it into each language's rebound.po (new keys come in
untranslated, changed English makes a translation fuzzy, keys gone from content become obsolete)
and compiles each .po into the .mo the app reads. `--check` changes nothing and exits 1 when a
file is out of date. Only this command and the tests import Babel's catalogue code.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from core import crisis, i18n

TEMPLATE = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
FIXED_DATE = datetime(2026, 12, 2, tzinfo=UTC)
HEADER = "Rebound's messages. English source: core/content.py; update with `make messages`."


def source_messages() -> dict[str, tuple[str, str | None]]:
    """Every message: key -> (English, English plural or None), in content's order."""
    from core import content

    namespace = vars(content)
    found: dict[str, tuple[str, str | None]] = {}
    for name in i18n.message_names(namespace):
        for key, one, other in i18n.entries(name, namespace[name]):
            found.setdefault(key, (one, other))
    for key, english in crisis.messages():
        found.setdefault(key, (english, None))
    return found


def po_path(language: str) -> Path:
    return i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def template():
    """The catalogue template (Babel Catalog) of the source messages."""
    from babel.messages.catalog import Catalog

    # A fixed date: an unchanged catalogue stays the same bytes, so `--check` can tell.
    catalog = Catalog(project="Rebound", header_comment=f"# {HEADER}", fuzzy=False, creation_date=FIXED_DATE)
    for key, (one, other) in source_messages().items():
        catalog.add((one, other) if other is not None else one, context=key)
    return catalog


def read_po(language: str):
    from babel.messages.pofile import read_po as babel_read_po

    with po_path(language).open("rb") as handle:
        return babel_read_po(handle, locale=language)


def _po_bytes(catalog) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, include_previous=True)
    return buffer.getvalue()


def _mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _pot_bytes(catalog) -> bytes:
    return _po_bytes(catalog)


def updated(language: str, source=None):
    """The language's catalogue merged with the source messages (not written)."""
    from babel.messages.catalog import Catalog

    source = source or template()
    path = po_path(language)
    catalog = (
        read_po(language)
        if path.exists()
        else Catalog(locale=language, project="Rebound", revision_date=FIXED_DATE)
    )
    catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
    return catalog


def run(check: bool) -> int:
    source = template()
    wanted = {TEMPLATE: _pot_bytes(source)}
    for language in i18n.LANGUAGES:
        if language == i18n.SOURCE:
            continue
        catalog = updated(language, source)
        wanted[po_path(language)] = _po_bytes(catalog)
        wanted[mo_path(language)] = _mo_bytes(catalog)
    stale = [path for path, data in wanted.items() if not path.exists() or path.read_bytes() != data]
    if check:
        for path in stale:
            print(f"out of date: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(wanted[path])
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.catalogue", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file is out of date"
    )
    return run(parser.parse_args(argv).check)


if __name__ == "__main__":
    sys.exit(main())
