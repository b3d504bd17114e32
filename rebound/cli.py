"""The operator command: one entry point, one subcommand per task.

    python -m rebound migrate --to postgresql://user:password@host:5432/rebound
    python -m rebound migrate --to /srv/rebound-data          # back to a data folder
    python -m rebound migrate --from DIR --to postgresql://…  # from somewhere else than the settings
    python -m rebound migrate --user sam --from A --to B       # one person, sealed data and keys as they are
    python -m rebound export USER DIR                          # one person's export zip
    python -m rebound import USER ZIP [--on-conflict keep|take|both]
    python -m rebound cluster                                  # try several servers on this machine

Where the data is now comes from the same settings as the app (REBOUND_DATABASE_URL or
REBOUND_DATA_DIR, else `.streamlit/secrets.toml`'s `[rebound]` table), unless `--from` says.
A subcommand is a function taking the parsed arguments and returning the exit status; a new one
(export, import, ...) adds its parser in `_parser()` and its module beside this one.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _secrets() -> dict[str, Any]:
    """The `[rebound]` table as the app reads it: ~/.streamlit/secrets.toml, then ./.streamlit/secrets.toml."""
    values: dict[str, Any] = {}
    for path in (Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"):
        if path.is_file():
            with path.open("rb") as handle:
                values |= dict(tomllib.load(handle).get("rebound", {}))
    return values


def settings():
    """The app's settings, read the way the app reads them."""
    from core.settings import Settings

    return Settings.load(os.environ, _secrets())


def location(where: str) -> str:
    """A storage location from what an operator types: a postgresql:// URL, or a folder."""
    if where.startswith(("postgresql://", "postgres://", "files:")):
        return where
    return f"files:{Path(where).expanduser().resolve()}"


def shown(where: str) -> str:
    """A location as it can be printed (a database URL without its password)."""
    if where.startswith("files:"):
        return f"the data folder {where[len('files:') :]}"
    from core.storage.postgres import described

    return f"the database {described(where)}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m rebound", description="Rebound's operator command.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    migrate = commands.add_parser(
        "migrate",
        help="copy every account, setback and draft to a database or a data folder",
        description=(
            "Copy every account (password hashes unchanged), setback, draft and the cookie key to "
            "another backend, then read it all back to verify. Data already there is left alone; "
            "if anything there differs, nothing is written. Running it twice changes nothing. "
            "Stop the Rebound servers first, and point them at the new place afterwards."
        ),
    )
    migrate.add_argument("--to", required=True, help="a postgresql:// URL, or a data folder")
    migrate.add_argument("--from", dest="source", help="where from (default: the app's settings)")
    migrate.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="USER",
        help="move only this person (repeat for more): account, keys and every setback and draft as "
        "stored, so an encrypted person's password still opens them; the cookie key is left alone",
    )
    migrate.set_defaults(run=_migrate)

    from rebound.person_zip import add_parsers

    add_parsers(commands)

    cluster = commands.add_parser(
        "cluster",
        help="a throwaway PostgreSQL, two Rebound servers and HAProxy on this machine",
        description="Start a throwaway PostgreSQL, N Rebound servers and HAProxy in front; Ctrl-C stops them all.",
    )
    cluster.add_argument("--servers", type=int, default=2, help="how many Rebound servers (default 2)")
    cluster.add_argument("--port", type=int, default=8500, help="the port HAProxy listens on (default 8500)")
    cluster.set_defaults(run=_cluster)
    return parser


def _migrate(args: argparse.Namespace) -> int:
    from core.settings import SettingsError
    from core.storage import StorageError, StoreMisconfigured, open_location
    from core.storage.transfer import transfer

    try:
        source = location(args.source) if args.source else settings().storage_location
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    target = location(args.to)
    if source == target:
        print(f"The source and the target are the same ({shown(source)}): nothing to do.", file=sys.stderr)
        return 2
    print(f"From {shown(source)}\n  to {shown(target)}")
    try:
        source_store = open_location(source)
        target_store = open_location(target)
    except StoreMisconfigured as error:
        print(error, file=sys.stderr)
        return 2
    try:
        from core.storage import canonical_username

        only = [canonical_username(name) for name in args.user]
        report = transfer(source_store.backend, target_store.backend, progress=print, only=only)
    except StorageError as error:
        print(f"Stopped: {getattr(error, 'operator', '') or error}", file=sys.stderr)
        return 1
    finally:
        source_store.close()
        target_store.close()

    for line in report.unreadable:
        print(f"  could not be read in the source, left there, not copied: {line}")
    if report.conflicts:
        print(
            f"\nNothing was written: {len(report.conflicts)} thing(s) in the target differ from the source:"
        )
        for line in report.conflicts[:50]:
            print(f"  {line}")
        print("Choose an empty target, or remove what differs there, and run it again.")
        return 1
    width = max(
        len(f"{t.source:,}")
        for t in (report.accounts, report.setbacks, report.drafts, report.documents, report.secrets)
    )
    for name, tally in (
        ("accounts", report.accounts),
        ("setbacks", report.setbacks),
        ("drafts", report.drafts),
        ("documents", report.documents),
        ("secrets", report.secrets),
    ):
        print(
            f"  {name:<10}{tally.source:>{width},} in the source: {tally.copied:,} copied, "
            f"{tally.already:,} already there, {tally.verified:,} verified"
        )
    for note in report.notes:
        print(f"  note: {note}")
    if report.mismatches:
        print(f"\nVerification FAILED for {len(report.mismatches)} thing(s):")
        for line in report.mismatches[:50]:
            print(f"  {line}")
        return 1
    if not report.written:
        print("Everything was already there: nothing changed.")
    else:
        print("Copied and verified.")
    print(f"Point every Rebound server at {shown(target)} and start them again.")
    return 0


def _cluster(args: argparse.Namespace) -> int:
    from rebound.cluster import run

    return run(servers=args.servers, port=args.port)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)
