"""A throwaway PostgreSQL server in a temp folder, for tests, benchmarks and `make cluster`.

`initdb` makes a cluster in a fresh temp folder and `pg_ctl` starts it on a free loopback port
(and a socket in that folder). PostgreSQL refuses to run as root, so as root the folder is handed
to the unprivileged `postgres` user (Debian's package creates it) and the server runs as that user.
`stop()` shuts it down and removes the folder; `pause()` and `resume()` stop and start the same
server, as a database that goes away for a while and comes back.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

SUPERUSER = "postgres"
# Where Debian (and its derivatives) put each PostgreSQL version's programs.
DEBIAN_BINARIES = Path("/usr/lib/postgresql")


class Unavailable(RuntimeError):
    """PostgreSQL can't be started here; the message says why and what to install."""


def binaries() -> Path:
    """The folder with initdb, pg_ctl and postgres: Debian's newest version, else the PATH's."""
    versions = sorted(
        (p for p in DEBIAN_BINARIES.glob("*/bin") if (p / "pg_ctl").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1]
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    raise Unavailable(
        "PostgreSQL is not installed (no pg_ctl in /usr/lib/postgresql/*/bin or on the PATH): "
        "apt-get install postgresql"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    """One PostgreSQL server for as long as it is needed, then gone without a trace.

    `durable=False` (tests) switches fsync off: the data is thrown away anyway. Benchmarks that
    compare with the files backend (which fsyncs every write) keep it on.
    """

    def __init__(self, durable: bool = False, max_connections: int = 200) -> None:
        self.bin = binaries()
        self.durable = durable
        self.max_connections = max_connections
        self.folder: Path | None = None
        self.port = 0
        self._user: dict[str, Any] = {}
        self._databases = 0

    # -- where it is -------------------------------------------------------------------------

    @property
    def data(self) -> Path:
        assert self.folder is not None, "start() first"
        return self.folder / "data"

    @property
    def log(self) -> Path:
        assert self.folder is not None, "start() first"
        return self.folder / "server.log"

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        """A postgresql:// URL for a database on this server (loopback TCP)."""
        who = f"{user}:{password}" if password else user
        return f"postgresql://{who}@127.0.0.1:{self.port}/{database}"

    def socket_url(self, database: str = "postgres") -> str:
        """The same database reached through the server's socket in its folder."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.folder}&port={self.port}"

    # -- running it --------------------------------------------------------------------------

    def _as_server_user(self) -> dict[str, Any]:
        """What subprocess needs to run a program as the user PostgreSQL will run as."""
        if os.geteuid() != 0:
            return {}
        try:
            entry = pwd.getpwnam(SUPERUSER)
        except KeyError:
            raise Unavailable(
                "running as root, and there is no 'postgres' user to run PostgreSQL as "
                "(apt-get install postgresql creates it)"
            ) from None
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def _run(self, *command: str | Path, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(part) for part in command],
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=os.environ | {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
            **self._user,
        )

    def _checked(self, *command: str | Path) -> None:
        answer = self._run(*command)
        if answer.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise Unavailable(
                f"{Path(str(command[0])).name} failed ({answer.returncode}): "
                f"{(answer.stderr or answer.stdout).strip()[-1500:]}\n{log}"
            )

    def start(self) -> ThrowawayPostgres:
        """Make the cluster in a fresh temp folder and start the server; waits until it answers."""
        self._user = self._as_server_user()
        self.folder = Path(tempfile.mkdtemp(prefix="rebound-pg-"))
        if self._user:
            os.chown(self.folder, self._user["user"], self._user["group"])
        self.port = free_port()
        self._checked(
            self.bin / "initdb",
            "-D", self.data,
            "-U", SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-instructions",
            *([] if self.durable else ["--no-sync"]),
        )  # fmt: skip
        settings = {
            "port": str(self.port),
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.folder}'",
            "max_connections": str(self.max_connections),
            "shared_buffers": "'64MB'",
            "fsync": "on" if self.durable else "off",
            "synchronous_commit": "on" if self.durable else "off",
            "full_page_writes": "on" if self.durable else "off",
            "log_min_messages": "warning",
        }
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write("\n# rebound.throwaway\n")
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        # One role that must give a password over TCP (for the tests of a wrong password); every
        # other connection is trusted, as on a developer's machine.
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            "host all rebound_password 127.0.0.1/32 scram-sha-256\n" + hba.read_text(), encoding="utf-8"
        )
        self.resume()
        return self

    def resume(self) -> None:
        """Start the server (again), on the same port and data; waits until it takes connections."""
        self._checked(self.bin / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "start")

    def pause(self) -> None:
        """Stop the server, as a database that goes away; `resume()` brings it back with its data."""
        self._checked(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "60", "stop")

    def stop(self) -> None:
        """Stop the server and remove everything it had."""
        if self.folder is None:
            return
        if (self.data / "postmaster.pid").exists():
            self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "-t", "30", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    # -- databases ---------------------------------------------------------------------------

    def execute(self, sql: str, database: str = "postgres", params: tuple | None = None) -> list[tuple]:
        """Run one statement as the superuser (autocommit); the rows it returned, if any."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def create_database(self, prefix: str = "rebound") -> str:
        """A new, empty database; its name."""
        self._databases += 1
        name = f"{prefix}_{os.getpid()}_{self._databases}"
        self.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def __enter__(self) -> ThrowawayPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
