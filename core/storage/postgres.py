"""The PostgreSQL backend: accounts, setbacks, drafts and documents as rows, for several servers at once.

Chosen by a `postgresql://` database URL (settings.database_url). The schema is made and upgraded
by the numbered SQL files in `migrations/`, under an advisory lock, and `schema_migrations` records
which ran. Every write is one transaction; a save locks the setback's row, replaces one top-level
key of its JSON document and writes a new version, so two servers saving different stages never
undo each other. Usernames and emails are unique by constraint on the same folded ids the files
backend names its folders by (`user_id`, `email_id`).

Connections come from a psycopg_pool pool. When the database goes away, the first call that finds
a dead connection marks it down; until a direct connection works again every call fails at once
(the person is told nothing was saved) instead of waiting on the pool, and the first call that
gets through makes a fresh pool, so the next Save after the database is back succeeds.

psycopg is imported only here, and this module only when a database URL is configured.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool, PoolTimeout

from core import content
from core.storage.backend import (
    Account,
    AccountNotFound,
    AccountUnreadable,
    Busy,
    EmailTaken,
    Problem,
    SaveFailed,
    SetbackChanged,
    SetbackNotFound,
    SetbackUnreadable,
    StorageError,
    Stored,
    StoreMisconfigured,
    UsernameTaken,
    counter_id,
    email_id,
    user_id,
    valid_setback_id,
)
from core.storage.files import _company_in, _damage, parse_account

log = logging.getLogger("rebound.storage")

T = TypeVar("T")

MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# pg_advisory_xact_lock key for migrations: "REBOUND" in ASCII. Two servers starting on an
# empty database queue on it; the second finds the schema made and does nothing.
MIGRATION_LOCK = 0x5245424F554E44
POOL_MIN = 1
POOL_MAX = 10
# How long a call waits for a free pooled connection before trying the database directly.
POOL_WAIT_S = 10.0
CONNECT_TIMEOUT_S = 5
# Same as the files backend's lock timeout: a save waiting this long on another's row lock is Busy.
SESSION_SETTINGS = (
    "SET lock_timeout = '30s'; SET statement_timeout = '60s'; SET idle_in_transaction_session_timeout = '60s'"
)
_NAME = re.compile(r"^[a-z_]{1,40}$")


# -- URLs and what to tell the operator -------------------------------------------------------


def is_database_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def described(url: str) -> str:
    """A database URL as it can be shown: user, host, port and database, never the password."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if not host:
            query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
            host = unquote(query.get("host", "")) or "the local socket"
        port = f":{parts.port}" if parts.port else ""
        user = f"{unquote(parts.username)}@" if parts.username else ""
        database = parts.path.lstrip("/") or "(default database)"
    except ValueError:
        return "(a URL that does not parse)"
    return f"{user}{host}{port}/{database}"


def _password(url: str) -> str:
    with suppress(ValueError):
        return unquote(urlsplit(url).password or "")
    return ""


def _scrub(text: str, url: str) -> str:
    """`text` without the URL's password (in any form it could appear in) or the URL itself."""
    secret = _password(url)
    for found in filter(None, (url, secret, secret and urlsplit(url).password)):
        text = text.replace(found, "***")
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.IGNORECASE)


def _first_lines(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    return " ".join(lines[:2]) or error.__class__.__name__


def unreachable(url: str, error: BaseException) -> StoreMisconfigured:
    """The operator's message for a database URL that can't be used (names the setting)."""
    why = _scrub(_first_lines(error), url)
    return StoreMisconfigured(content.DATABASE_UNREACHABLE.format(where=described(url), why=why))


# -- migrations -------------------------------------------------------------------------------


def migration_files() -> list[tuple[int, str, Path]]:
    """(version, name, file) of every numbered migration, in order; gaps or repeats are refused."""
    found = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        match = _MIGRATION_FILE.match(path.name)
        if not match:
            raise RuntimeError(f"{path.name} in {MIGRATIONS} is not named NNNN_name.sql")
        found.append((int(match[1]), match[2], path))
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations in {MIGRATIONS} must be numbered 1, 2, 3...: {versions}")
    return found


def migrate(conn: psycopg.Connection) -> list[int]:
    """Apply the migrations this database has not had yet, in one transaction; the versions applied.

    The advisory lock is taken before anything is looked at, so a second server starting at the
    same moment waits, then finds every migration recorded and applies none.
    """
    applied: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for version, name, path in migration_files():
            if version in done:
                continue
            conn.execute(path.read_text("utf-8").encode("utf-8"))
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name))
            applied.append(version)
        newer = sorted(done - {version for version, _, _ in migration_files()})
    if applied:
        log.warning("Database schema upgraded: applied migrations %s", applied)
    if newer:
        log.warning("The database has migrations this Rebound does not know (%s): a newer version ran", newer)
    return applied


# -- connections ------------------------------------------------------------------------------


def _configure(conn: psycopg.Connection) -> None:
    conn.execute(SESSION_SETTINGS)
    conn.commit()


class _Connections:
    """A pool of connections that notices a database gone away and recovers as soon as it is back."""

    def __init__(self, url: str, max_size: int) -> None:
        self.url = url
        self.max_size = max_size
        self._lock = threading.Lock()
        self._down = False
        self._pool = self._new_pool()

    def _new_pool(self) -> ConnectionPool:
        pool = ConnectionPool(
            self.url,
            min_size=min(POOL_MIN, self.max_size),
            max_size=self.max_size,
            kwargs={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "rebound"},
            configure=_configure,
            timeout=POOL_WAIT_S,
            name="rebound",
            open=False,
        )
        pool.open(wait=False)
        return pool

    def _direct(self) -> psycopg.Connection:
        """A connection made now, outside the pool (raises if the database can't be reached)."""
        conn = psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S, application_name="rebound")
        _configure(conn)
        return conn

    def _recovered(self) -> psycopg.Connection:
        """While marked down: a direct connection if the database is back (and a fresh pool), else raise."""
        conn = self._direct()  # the database is still away: this raises and the call fails at once
        with self._lock:
            if self._down:
                old, self._pool, self._down = self._pool, self._new_pool(), False
                # Its connections are dead and its reconnection attempts back off for minutes.
                threading.Thread(target=old.close, kwargs={"timeout": 1.0}, daemon=True).start()
                log.warning("The database is reachable again; connections renewed")
        return conn

    def _mark_down(self, error: BaseException) -> None:
        with self._lock:
            if not self._down:
                log.warning("The database can't be reached: %s", _scrub(_first_lines(error), self.url))
            self._down = True

    def _checkout(self) -> tuple[ConnectionPool | None, psycopg.Connection]:
        """A working connection and the pool it came from (None: made directly, to be closed)."""
        if not self._down:
            pool = self._pool
            try:
                conn = pool.getconn()
            except PoolTimeout as error:
                # Every pooled connection busy for POOL_WAIT_S, or none can be made: go direct.
                try:
                    return None, self._direct()
                except psycopg.OperationalError:
                    self._mark_down(error)
                    raise
            try:
                ConnectionPool.check_connection(conn)
                return pool, conn
            except psycopg.OperationalError as error:
                pool.putconn(conn)  # dead (the server restarted, or is gone): the pool drops it
                self._mark_down(error)
        return None, self._recovered()

    def run(self, work: Callable[[psycopg.Connection], T]) -> T:
        """`work(conn)` in one transaction, committed when it returns, rolled back when it raises."""
        pool, conn = self._checkout()
        try:
            result = work(conn)
            conn.commit()
            return result
        except BaseException as error:
            with suppress(Exception):
                conn.rollback()
            if isinstance(error, psycopg.OperationalError) and (conn.broken or conn.closed):
                self._mark_down(error)
            raise
        finally:
            if pool is not None:
                pool.putconn(conn)
            else:
                conn.close()

    def close(self) -> None:
        self._pool.close()


# -- the backend ------------------------------------------------------------------------------


def _constraint(error: psycopg.Error) -> str:
    return getattr(error.diag, "constraint_name", None) or ""


class PostgresBackend:
    """Accounts, setbacks, drafts and documents in a PostgreSQL database (see the module docstring)."""

    def __init__(self, url: str, pool_size: int = POOL_MAX) -> None:
        self.url = url
        try:
            with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, application_name="rebound") as conn:
                self.migrated = migrate(conn)
        except psycopg.Error as error:
            raise unreachable(url, error) from None
        self._db = _Connections(url, pool_size)
        self._sweep_counters()

    def close(self) -> None:
        self._db.close()

    def __repr__(self) -> str:
        return f"PostgresBackend({described(self.url)!r})"

    # -- running statements ------------------------------------------------------------------

    def _run(self, work: Callable[[psycopg.Connection], T], write: bool = True) -> T:
        """Run `work` in a transaction; database trouble becomes the storage errors pages know."""
        try:
            return self._db.run(work)
        except StorageError:
            raise
        except (pg_errors.LockNotAvailable, pg_errors.DeadlockDetected):
            raise Busy() from None
        except psycopg.OperationalError as error:
            log.warning("Database call failed: %s", _scrub(_first_lines(error), self.url))
            why = content.DATABASE_AWAY
            raise (SaveFailed(why=why) if write else StorageError("unavailable", why=why)) from None
        except psycopg.Error as error:
            log.error("Database call failed: %s", _scrub(_first_lines(error), self.url))
            why = content.DATABASE_REFUSED
            raise (SaveFailed(why=why) if write else StorageError("unavailable", why=why)) from None

    @staticmethod
    def _account_exists(conn: psycopg.Connection, username: str) -> bool:
        return (
            conn.execute("SELECT 1 FROM accounts WHERE user_id = %s", (user_id(username),)).fetchone()
            is not None
        )

    def _missing(self, conn: psycopg.Connection, username: str) -> StorageError:
        """What to raise when a person's row is not there: no account, or no such setback."""
        return SetbackNotFound() if self._account_exists(conn, username) else AccountNotFound()

    # -- accounts ----------------------------------------------------------------------------

    @staticmethod
    def _parse_account(username: str, record: str | None) -> Account | None:
        if record is None:
            return None
        try:
            account = parse_account(record.encode("utf-8", "surrogatepass"))
        except ValueError as error:
            message = (
                f"Account record of {username!r} (accounts.user_id = {user_id(username)}) is damaged: "
                f"{_damage(error)}. Nothing is written for this person until it is repaired."
            )
            log.error(message)
            raise AccountUnreadable(message) from None
        return account if account.username == username else None

    def _read_account(self, conn: psycopg.Connection, username: str, lock: bool = False) -> Account | None:
        sql = "SELECT record::text FROM accounts WHERE user_id = %s" + (" FOR UPDATE" if lock else "")
        row = conn.execute(sql, (user_id(username),)).fetchone()
        return self._parse_account(username, row[0] if row else None)

    def get_account(self, username: str) -> Account | None:
        return self._run(lambda conn: self._read_account(conn, username), write=False)

    def find_account_by_email(self, email: str) -> Account | None:
        if not email.strip():
            return None

        def work(conn: psycopg.Connection) -> Account | None:
            row = conn.execute(
                "SELECT username, record::text FROM accounts WHERE email_id = %s", (email_id(email),)
            ).fetchone()
            return self._parse_account(row[0], row[1]) if row else None

        return self._run(work, write=False)

    @staticmethod
    def _email_key(email: str) -> str | None:
        return email_id(email) if email.strip() else None

    def _taken(self, error: pg_errors.UniqueViolation) -> StorageError:
        return EmailTaken() if "email" in _constraint(error) else UsernameTaken()

    def add_account(self, account: Account) -> None:
        def work(conn: psycopg.Connection) -> None:
            try:
                with conn.transaction():
                    conn.execute(
                        "INSERT INTO accounts (user_id, username, email_id, record) VALUES (%s, %s, %s, %s)",
                        (
                            user_id(account.username),
                            account.username,
                            self._email_key(account.email),
                            account.model_dump_json(),
                        ),
                    )
            except pg_errors.UniqueViolation as error:
                raise self._taken(error) from None

        self._run(work)

    def _change(self, username: str, change: Callable[[Account], Account]) -> Account:
        """Lock the account's row, apply `change` to the record and write it, in one transaction."""

        def work(conn: psycopg.Connection) -> Account:
            latest = self._read_account(conn, username, lock=True)
            if latest is None:
                raise AccountNotFound()
            updated = change(latest)
            try:
                with conn.transaction():
                    conn.execute(
                        "UPDATE accounts SET record = %s, email_id = %s, written_at = now() WHERE user_id = %s",
                        (updated.model_dump_json(), self._email_key(updated.email), user_id(username)),
                    )
            except pg_errors.UniqueViolation as error:
                raise self._taken(error) from None
            return updated

        return self._run(work)

    def update_account(self, username: str, changes: Mapping[str, Any]) -> Account:
        if "username" in changes:
            raise ValueError("a username never changes")

        return self._change(
            username, lambda latest: Account.model_validate(latest.model_dump() | dict(changes))
        )

    def modify_account(self, username: str, change: Callable[[Account], Mapping[str, Any]]) -> Account:
        """`change(latest record)` under the row's lock, in one transaction (nothing written when
        it is empty or raises); never the username or email."""

        def work(conn: psycopg.Connection) -> Account:
            latest = self._read_account(conn, username, lock=True)
            if latest is None:
                raise AccountNotFound()
            changes = dict(change(latest))
            if not changes:
                return latest
            if {"username", "email"} & changes.keys():
                raise ValueError("modify_account changes neither the username nor the email")
            updated = Account.model_validate(latest.model_dump() | changes)
            conn.execute(
                "UPDATE accounts SET record = %s, written_at = now() WHERE user_id = %s",
                (updated.model_dump_json(), user_id(username)),
            )
            return updated

        return self._run(work)

    def record_failed_sign_in(self, username: str, at: datetime, window: timedelta) -> Account:
        def change(latest: Account) -> Account:
            recent = latest.failed_sign_in_at is not None and at - latest.failed_sign_in_at < window
            count = latest.failed_sign_ins + 1 if recent else 1
            return latest.model_copy(update={"failed_sign_ins": count, "failed_sign_in_at": at})

        return self._change(username, change)

    def remove_account(self, username: str) -> None:
        # Setbacks, drafts, documents and what was set aside go with the account (ON DELETE CASCADE).
        self._run(lambda conn: conn.execute("DELETE FROM accounts WHERE user_id = %s", (user_id(username),)))

    # -- event counters ------------------------------------------------------------------------

    def _sweep_counters(self) -> None:
        """Forget counters nobody has touched for two days (every window is shorter than that)."""
        with suppress(StorageError):
            self._run(
                lambda conn: conn.execute(
                    "DELETE FROM event_counters WHERE touched_at < now() - interval '2 days'"
                )
            )

    def count_event(self, key: str, at: datetime, window: timedelta, limit: int | None = None) -> int:
        if limit is not None and limit <= 0:
            return limit + 1
        # One statement: the row lock ON CONFLICT takes makes read-and-add atomic across servers.
        # The WHERE of DO UPDATE leaves a full count untouched (no row comes back: refused).
        sql = """
            INSERT INTO event_counters AS c (key_id, count, last_at) VALUES (%(key)s, 1, %(at)s)
            ON CONFLICT (key_id) DO UPDATE SET
                count = CASE WHEN %(at)s - c.last_at >= %(window)s THEN 1 ELSE c.count + 1 END,
                last_at = %(at)s,
                touched_at = now()
            WHERE %(limit)s::integer IS NULL OR %(at)s - c.last_at >= %(window)s OR c.count < %(limit)s
            RETURNING count"""
        params = {"key": counter_id(key), "at": at, "window": window, "limit": limit}

        def work(conn: psycopg.Connection) -> int:
            row = conn.execute(sql, params).fetchone()
            return row[0] if row else limit + 1

        return self._run(work)

    def uncount_event(self, key: str) -> None:
        self._run(
            lambda conn: conn.execute(
                "UPDATE event_counters SET count = count - 1, touched_at = now() WHERE key_id = %s AND count > 0",
                (counter_id(key),),
            )
        )

    def count_accounts(self) -> int:
        return self._run(
            lambda conn: conn.execute("SELECT count(*) FROM accounts").fetchone()[0], write=False
        )

    def usernames(self) -> Iterator[str]:
        rows = self._run(
            lambda conn: conn.execute("SELECT username FROM accounts ORDER BY username").fetchall(),
            write=False,
        )
        return iter([row[0] for row in rows])

    def secret(self, name: str, make: Callable[[], str]) -> str:
        """A secret in the `secrets` table: made once (servers starting at once agree on it)."""
        if not _NAME.match(name):
            raise ValueError(name)

        def read(conn: psycopg.Connection) -> str | None:
            row = conn.execute("SELECT value FROM secrets WHERE name = %s", (name,)).fetchone()
            return row[0] if row else None

        found = self._run(read, write=False)
        if found:
            return found
        value = make()

        def write(conn: psycopg.Connection) -> str:
            conn.execute(
                "INSERT INTO secrets (name, value) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
                (name, value),
            )
            return read(conn) or value

        return self._run(write)

    def replace_secret(self, name: str, value: str) -> None:
        if not _NAME.match(name):
            raise ValueError(name)
        self._run(
            lambda conn: conn.execute(
                "INSERT INTO secrets (name, value) VALUES (%s, %s)"
                " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, made_at = now()",
                (name, value),
            )
        )

    # -- setbacks ----------------------------------------------------------------------------

    def create_setback(self, username: str, setback_id: str, raw: bytes) -> Stored:
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()

        def work(conn: psycopg.Connection) -> Stored:
            try:
                with conn.transaction():
                    row = conn.execute(
                        "INSERT INTO setbacks (user_id, setback_id, doc) VALUES (%s, %s, %s) RETURNING version::text",
                        (user_id(username), setback_id, raw),
                    ).fetchone()
            except pg_errors.ForeignKeyViolation:
                raise AccountNotFound() from None
            except pg_errors.UniqueViolation:
                raise SaveFailed(why=content.DATABASE_ID_IN_USE) from None
            return Stored(setback_id, row[0], raw)

        return self._run(work)

    def load_setback(self, username: str, setback_id: str, known: str | None = None) -> Stored:
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()

        def work(conn: psycopg.Connection) -> Stored:
            row = conn.execute(
                "SELECT version::text, CASE WHEN version::text = %s THEN NULL ELSE doc END"
                " FROM setbacks WHERE user_id = %s AND setback_id = %s",
                (known or "", user_id(username), setback_id),
                binary=True,
            ).fetchone()
            if row is None:
                raise SetbackNotFound()
            return Stored(setback_id, row[0], None if row[1] is None else bytes(row[1]))

        return self._run(work, write=False)

    def list_setbacks(
        self, username: str, known: Mapping[str, str] | None = None
    ) -> tuple[list[Stored], list[Problem]]:
        # What this process already holds is named by id and version; only what changed is sent.
        held = json.dumps(dict(known or {}))

        def work(conn: psycopg.Connection) -> list[Stored]:
            rows = conn.execute(
                "SELECT setback_id, version::text,"
                " CASE WHEN (%s::jsonb ->> setback_id) = version::text THEN NULL ELSE doc END"
                " FROM setbacks WHERE user_id = %s",
                (held, user_id(username)),
                binary=True,
            ).fetchall()
            return [Stored(sid, version, None if doc is None else bytes(doc)) for sid, version, doc in rows]

        return self._run(work, write=False), []

    def save_part(self, username: str, setback_id: str, part: str, value: bytes, updated_at: str) -> Stored:
        if not _NAME.match(part):
            raise ValueError(part)
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()
        changed = json.loads(value)
        key = (user_id(username), setback_id)

        def work(conn: psycopg.Connection) -> Stored | Problem:
            row = conn.execute(
                "SELECT doc FROM setbacks WHERE user_id = %s AND setback_id = %s FOR UPDATE", key, binary=True
            ).fetchone()
            if row is None:
                raise self._missing(conn, username)
            try:
                document = json.loads(bytes(row[0]))
            except ValueError:
                return self._set_aside_in(conn, username, setback_id, "damaged")
            if not isinstance(document, dict):
                return self._set_aside_in(conn, username, setback_id, "not_rebound")
            document[part] = changed
            document["updated_at"] = updated_at
            raw = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
            version = conn.execute(
                "UPDATE setbacks SET doc = %s, version = gen_random_uuid(), written_at = now()"
                " WHERE user_id = %s AND setback_id = %s RETURNING version::text",
                (raw, *key),
            ).fetchone()[0]
            return Stored(setback_id, version, raw)

        outcome = self._run(work)
        if isinstance(outcome, Problem):  # set aside and committed: now say so
            raise SetbackUnreadable(outcome)
        return outcome

    def replace_setback(self, username: str, setback_id: str, raw: bytes, expected_version: str) -> Stored:
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()
        key = (user_id(username), setback_id)

        def work(conn: psycopg.Connection) -> Stored:
            row = conn.execute(
                "SELECT version::text FROM setbacks WHERE user_id = %s AND setback_id = %s FOR UPDATE", key
            ).fetchone()
            if row is None:
                raise self._missing(conn, username)
            if row[0] != expected_version:
                raise SetbackChanged()
            version = conn.execute(
                "UPDATE setbacks SET doc = %s, version = gen_random_uuid(), written_at = now()"
                " WHERE user_id = %s AND setback_id = %s RETURNING version::text",
                (raw, *key),
            ).fetchone()[0]
            return Stored(setback_id, version, raw)

        return self._run(work)

    def _set_aside_in(self, conn: psycopg.Connection, username: str, setback_id: str, key: str) -> Problem:
        row = conn.execute(
            "WITH gone AS (DELETE FROM setbacks WHERE user_id = %s AND setback_id = %s RETURNING *)"
            " INSERT INTO set_aside (user_id, setback_id, reason, doc)"
            " SELECT user_id, setback_id, %s, doc FROM gone RETURNING doc",
            (user_id(username), setback_id, key),
            binary=True,
        ).fetchone()
        if row is None:
            raise SetbackNotFound()
        log.warning(
            "Set aside setback %s of %s into the set_aside table (%s)", setback_id, user_id(username), key
        )
        return Problem(setback_id, key, _company_in(bytes(row[0])))

    def set_aside(self, username: str, setback_id: str, key: str) -> Problem:
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()
        return self._run(lambda conn: self._set_aside_in(conn, username, setback_id, key))

    def delete_setback(self, username: str, setback_id: str) -> None:
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()

        def work(conn: psycopg.Connection) -> None:
            key = (user_id(username), setback_id)
            gone = conn.execute(
                "DELETE FROM setbacks WHERE user_id = %s AND setback_id = %s RETURNING 1", key
            ).fetchone()
            if gone is None:
                raise self._missing(conn, username)
            conn.execute("DELETE FROM drafts WHERE user_id = %s AND setback_id = %s", key)

        self._run(work)

    # -- drafts ------------------------------------------------------------------------------

    @staticmethod
    def _draft_key(username: str, setback_id: str, stage: str) -> tuple[str, str, str]:
        if not valid_setback_id(setback_id) or not _NAME.match(stage):
            raise SetbackNotFound()
        return user_id(username), setback_id, stage

    def save_draft(self, username: str, setback_id: str, stage: str, raw: bytes) -> None:
        key = self._draft_key(username, setback_id, stage)

        def work(conn: psycopg.Connection) -> None:
            # The setback's row is held (FOR KEY SHARE) so it can't be deleted until this commits.
            found = conn.execute(
                "SELECT 1 FROM setbacks WHERE user_id = %s AND setback_id = %s FOR KEY SHARE", key[:2]
            ).fetchone()
            if found is None:
                raise self._missing(conn, username)
            conn.execute(
                "INSERT INTO drafts (user_id, setback_id, stage, raw) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (user_id, setback_id, stage) DO UPDATE SET raw = EXCLUDED.raw, written_at = now()",
                (*key, raw),
            )

        self._run(work)

    def load_draft(self, username: str, setback_id: str, stage: str) -> bytes | None:
        key = self._draft_key(username, setback_id, stage)

        def work(conn: psycopg.Connection) -> bytes | None:
            row = conn.execute(
                "SELECT raw FROM drafts WHERE user_id = %s AND setback_id = %s AND stage = %s",
                key,
                binary=True,
            ).fetchone()
            return bytes(row[0]) if row else None

        return self._run(work, write=False)

    def list_drafts(self, username: str) -> list[tuple[str, str, bytes]]:
        def work(conn: psycopg.Connection) -> list[tuple[str, str, bytes]]:
            rows = conn.execute(
                "SELECT setback_id, stage, raw FROM drafts WHERE user_id = %s",
                (user_id(username),),
                binary=True,
            ).fetchall()
            return [(sid, stage, bytes(raw)) for sid, stage, raw in rows]

        return self._run(work, write=False)

    def clear_draft(self, username: str, setback_id: str, stage: str) -> None:
        key = self._draft_key(username, setback_id, stage)
        self._run(
            lambda conn: conn.execute(
                "DELETE FROM drafts WHERE user_id = %s AND setback_id = %s AND stage = %s", key
            )
        )

    # -- documents ---------------------------------------------------------------------------

    @staticmethod
    def _document_key(username: str, name: str) -> tuple[str, str]:
        if not _NAME.match(name):
            raise ValueError(name)
        return user_id(username), name

    def save_document(self, username: str, name: str, raw: bytes) -> None:
        key = self._document_key(username, name)

        def work(conn: psycopg.Connection) -> None:
            # The account's row is held (FOR KEY SHARE) so it can't be removed until this commits.
            found = conn.execute(
                "SELECT 1 FROM accounts WHERE user_id = %s FOR KEY SHARE", key[:1]
            ).fetchone()
            if found is None:
                raise AccountNotFound()
            conn.execute(
                "INSERT INTO documents (user_id, name, raw) VALUES (%s, %s, %s)"
                " ON CONFLICT (user_id, name) DO UPDATE SET raw = EXCLUDED.raw, written_at = now()",
                (*key, raw),
            )

        self._run(work)

    def load_document(self, username: str, name: str) -> bytes | None:
        key = self._document_key(username, name)

        def work(conn: psycopg.Connection) -> bytes | None:
            row = conn.execute(
                "SELECT raw FROM documents WHERE user_id = %s AND name = %s", key, binary=True
            ).fetchone()
            return bytes(row[0]) if row else None

        return self._run(work, write=False)

    def set_aside_document(self, username: str, name: str) -> bool:
        key = self._document_key(username, name)

        def work(conn: psycopg.Connection) -> bool:
            row = conn.execute(
                "WITH gone AS (DELETE FROM documents WHERE user_id = %s AND name = %s RETURNING *)"
                " INSERT INTO documents_set_aside (user_id, name, raw)"
                " SELECT user_id, name, raw FROM gone RETURNING 1",
                key,
            ).fetchone()
            return row is not None

        try:
            moved = self._run(work)
        except StorageError as error:
            log.error("Could not set aside document %s of %s: %s", name, key[0], error)
            return False
        if moved:
            log.warning("Set aside document %s of %s into the documents_set_aside table", name, key[0])
        return moved
