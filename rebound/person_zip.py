"""`python -m rebound export USER DIR` and `python -m rebound import USER ZIP`: one person's export
zip, from the command line, through the same checks and the same Store calls as the Account page.

Encrypted accounts: an operator has no person's password, so neither command can open or seal
their writing. Both refuse such an account, saying so, and point to the two ways that work: the
person exports and imports on their own Account page, or the operator moves the person whole —
account record, password hash, keyring and every sealed setback and draft, byte for byte — with
`python -m rebound migrate --user USER --from A --to B`, after which the person's own password
opens everything on the other installation as before.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from core.models import utcnow

ON_CONFLICT = ("keep", "take", "both")
ENCRYPTED = (
    "{username}'s writing is encrypted with a key only their password or recovery codes open, so this "
    "command can't {verb} it (nothing was {done}).\n"
    "  - The person can do it themselves: Account → Export all my data, and Account → Import.\n"
    "  - To move them whole to another installation, sealed as it is (their password keeps working):\n"
    "      python -m rebound migrate --user {username} --from SOURCE --to TARGET"
)


def _store(args: argparse.Namespace):
    from core.settings import SettingsError
    from core.storage import StoreMisconfigured, open_location
    from rebound.cli import location, settings, shown

    try:
        where = location(args.at) if args.at else settings().storage_location
        return open_location(where), shown(where)
    except (SettingsError, StoreMisconfigured) as error:
        print(error, file=sys.stderr)
        return None, ""


def _account(store, username: str):
    from core.storage import AccountUnreadable, Person

    try:
        account = store.account(username)
    except AccountUnreadable as error:
        print(f"{username}'s account record is damaged: {error.operator}", file=sys.stderr)
        return None, None
    if account is None:
        print(
            f"There is no account named {username!r} here. Nothing was changed.\n"
            "  The person creates it first (Create account), then the import can go into it.",
            file=sys.stderr,
        )
        return None, None
    return account, Person.named(account.username)


def _file_name(username: str) -> str:
    from core import data_zip

    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", username).strip("._") or "person"
    return f"{safe}-{data_zip.file_name(utcnow())}"


def run_export(args: argparse.Namespace) -> int:
    from core import data_zip
    from core.storage import StorageError

    store, where = _store(args)
    if store is None:
        return 2
    try:
        account, person = _account(store, args.user)
        if account is None:
            return 2
        if getattr(account, "keyring", None) is not None:
            print(ENCRYPTED.format(username=account.username, verb="read", done="written"), file=sys.stderr)
            return 2
        folder = Path(args.dir).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / _file_name(account.username)
        listing = store.list(person, include_archived=True)
        drafts = store.drafts(person)
        details = {field: str(getattr(account, field) or "") for field in data_zip.ACCOUNT_FIELDS}
        try:
            prep_sheet = store.load_prep_sheet(person)
        except StorageError:
            prep_sheet = None  # set aside if damaged; the setbacks are what matter here
        data = data_zip.build_zip(listing.setbacks, details, utcnow(), drafts, prep_sheet=prep_sheet)
    except StorageError as error:
        print(f"Stopped: {getattr(error, 'operator', '') or error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    # Private writing: readable by the operator only, never over an existing file.
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"{target} already exists; nothing was written. Choose another folder.", file=sys.stderr)
        return 2
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    for problem in listing.problems:
        print(f"  could not be read, set aside, not in the export: setback {problem.setback_id}")
    print(
        f"Exported {account.username} from {where}: {len(listing.setbacks):,} setbacks and "
        f"{len(drafts):,} drafts.\n  {target}"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from core import content, importer
    from core.storage import StorageError

    path = Path(args.zip).expanduser()
    try:
        if path.stat().st_size > importer.MAX_ZIP_BYTES:
            raise importer.ImportRefused(
                "zip_too_big", size=path.stat().st_size, limit=importer.MAX_ZIP_BYTES
            )
        contents = importer.read_export(path.read_bytes())
    except OSError as error:
        print(f"Can't read {path}: {error.strerror}. Nothing was imported.", file=sys.stderr)
        return 2
    except importer.ImportRefused as error:
        print(error, file=sys.stderr)
        return 1
    store, where = _store(args)
    if store is None:
        return 2
    try:
        account, person = _account(store, args.user)
        if account is None:
            return 2
        if getattr(account, "keyring", None) is not None:
            print(ENCRYPTED.format(username=account.username, verb="seal", done="imported"), file=sys.stderr)
            return 2
        plan = store.plan_import(person, contents)
        _print_plan(plan, account.username, where)
        if plan.skipped and not args.skip_broken:
            print(
                f"\nNothing was imported: {len(plan.skipped)} entries would be left out (above). "
                "Run again with --skip-broken to import the rest without them.",
                file=sys.stderr,
            )
            return 1
        try:
            decision = importer.decide(plan, {}, args.on_conflict)
        except importer.ChoicesMissing as missing:
            print(
                f"\nNothing was imported: {len(missing.setback_ids)} setbacks are here already with different "
                "contents. Say what to do with them: --on-conflict keep (leave them as they are here), "
                "take (replace them with the imported ones) or both (add the imported ones under new ids).",
                file=sys.stderr,
            )
            return 1
        if args.dry_run:
            print(f"\nDry run: {len(decision.writes)} setbacks would be written; nothing was.")
            return 0

        def progress(done: int, total: int) -> None:
            if done % 100 == 0 or done == total:
                print(f"  {done:,} of {total:,}")

        result = store.apply_import(person, decision, progress)
    except StorageError as error:
        print(f"Stopped: {getattr(error, 'operator', '') or error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"\nAdded {result.added}, replaced {result.replaced}, kept both for {result.copies}, "
        f"{result.identical} already the same, kept {result.kept} as they were here; {result.drafts} drafts."
    )
    if result.not_written:
        print(f"Not written (changed here meanwhile, or taken): {', '.join(result.not_written)}")
    if result.stopped is not None:
        print(content.IMPORT_FAILED.format(problem=str(result.stopped)), file=sys.stderr)
        return 1
    return 1 if result.not_written else 0


def _print_plan(plan, username: str, where: str) -> None:
    from core import content

    print(f"Import into {username} at {where}")
    if plan.made_by or plan.username:
        print(f"  made by {plan.made_by or 'an older Rebound'}, from the account {plan.username or '?'}")
    print(
        f"  {len(plan.incoming):,} setbacks: {plan.count('new'):,} new, {plan.count('identical'):,} identical, "
        f"{plan.count('different'):,} different; {plan.drafts:,} drafts; {plan.upgraded:,} from an older schema"
    )
    for item in plan.incoming:
        intake = item.setback.intake
        print(f"  {item.status:<9} {item.setback.id}  {intake.heard_on}  {intake.company[:60]}")
    for skipped in plan.skipped:
        reason = content.IMPORT_SKIPPED.get(skipped.reason, skipped.reason).format(detail=skipped.detail)
        print(f"  left out   {skipped.name}: {reason}")


def add_parsers(commands) -> None:
    """The export and import subcommands (called by rebound.cli._parser)."""
    at_help = "a postgresql:// URL or a data folder (default: the app's settings)"
    exporting = commands.add_parser(
        "export",
        help="one person's export zip (what Account → Export all my data gives them)",
        description=(
            "Write USER's export zip (every setback, archived ones too, and drafts, as JSON) into DIR, "
            "readable by you only. Refuses an encrypted account: see the README."
        ),
    )
    exporting.add_argument("user", metavar="USER")
    exporting.add_argument("dir", metavar="DIR")
    exporting.add_argument("--at", help=at_help)
    exporting.set_defaults(run=run_export)

    importing = commands.add_parser(
        "import",
        help="import an export zip into one person's account, through the same checks as Account → Import",
        description=(
            "Check ZIP whole (nothing is written until it all passes), show what it holds against what "
            "USER has, and import it. Setbacks already there and identical are left alone; by default, "
            "one that differs stops the import with nothing written, unless --on-conflict says what to do."
        ),
    )
    importing.add_argument("user", metavar="USER")
    importing.add_argument("zip", metavar="ZIP")
    importing.add_argument("--at", help=at_help)
    importing.add_argument(
        "--on-conflict",
        choices=ON_CONFLICT,
        default=None,
        help="for setbacks here with different contents: keep this one, take the imported one, or both "
        "(the imported one under a new id). Default: import nothing and list them.",
    )
    importing.add_argument(
        "--skip-broken", action="store_true", help="import the rest when some entries can't be read"
    )
    importing.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing")
    importing.set_defaults(run=run_import)
