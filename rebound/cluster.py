"""`make cluster`: a throwaway PostgreSQL, N Rebound servers and HAProxy in front, on this machine.

What several servers must share, and how this sets it up (see the README, "Several servers"):
- the database URL: every server gets the same REBOUND_DATABASE_URL;
- the sign-in cookie key: kept in the database (or set as REBOUND_COOKIE_KEY), so a cookie signed
  by one server opens the account on another;
- Streamlit's server.cookieSecret (STREAMLIT_SERVER_COOKIE_SECRET), which signs its XSRF cookie:
  with a different secret per server, an upload (Import) after a failover would be refused.
HAProxy runs deploy/haproxy.cfg, with one `server` line per Rebound server.

Also used by the cluster's browser test and benchmarks: `Cluster(...).start()`, `.kill(i)`, `.stop()`.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from rebound.throwaway import ThrowawayPostgres, Unavailable, free_port

ROOT = Path(__file__).resolve().parent.parent
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
_SERVER_LINE = re.compile(r'^\s*server app\d+ "\$\{REBOUND_SERVER_\d+\}".*$\n', re.MULTILINE)


def haproxy() -> Path:
    """Debian's haproxy program, or why it can't be used."""
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if not found:
        raise Unavailable("HAProxy is not installed: apt-get install haproxy")
    return Path(found)


def haproxy_config(servers: int) -> str:
    """deploy/haproxy.cfg with one `server` line per Rebound server (REBOUND_SERVER_1..N)."""
    text = HAPROXY_CONFIG.read_text("utf-8")
    lines = "".join(
        f'    server app{i} "${{REBOUND_SERVER_{i}}}" cookie app{i}\n' for i in range(1, servers + 1)
    )
    first = _SERVER_LINE.search(text)
    if first is None:
        raise RuntimeError(f'{HAPROXY_CONFIG} has no `server appN "${{REBOUND_SERVER_N}}"` lines')
    return text[: first.start()] + lines + _SERVER_LINE.sub("", text[first.start() :])


def _wait_for(url: str, process: subprocess.Popen, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"{what} exited early:\n{out[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


class Cluster:
    """PostgreSQL, `servers` Rebound servers and HAProxy, all on loopback, all thrown away at the end."""

    def __init__(self, servers: int = 2, port: int = 0, durable: bool = False, extra_env: dict | None = None):
        if servers < 1:
            raise ValueError("at least one server")
        self.count = servers
        self.port = port or free_port()
        self.durable = durable
        self.extra_env = extra_env or {}
        self.postgres: ThrowawayPostgres | None = None
        self.database_url = ""
        self.folder = Path(tempfile.mkdtemp(prefix="rebound-cluster-"))
        self.servers: list[subprocess.Popen | None] = []
        self.server_urls: list[str] = []
        self.proxy: subprocess.Popen | None = None
        self._logs: list = []

    @property
    def url(self) -> str:
        """The one address to open: HAProxy's."""
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        """What every Rebound server of this cluster shares."""
        return {
            "REBOUND_DATABASE_URL": self.database_url,
            "STREAMLIT_SERVER_COOKIE_SECRET": self._cookie_secret,
            # Unused with a database; pointed here so nothing lands in the repo's ./data.
            "REBOUND_DATA_DIR": str(self.folder / "unused-data"),
            # HAProxy runs here and reaches the servers from this address: believe its X-Forwarded-For.
            "REBOUND_TRUSTED_PROXIES": "127.0.0.1",
        } | self.extra_env

    def _start_server(self, port: int) -> subprocess.Popen:
        command = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
            "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        log = (self.folder / f"server-{port}.log").open("wb")
        self._logs.append(log)
        return subprocess.Popen(
            command, cwd=ROOT, env=os.environ | self.environment(), stdout=log, stderr=subprocess.STDOUT
        )

    def start(self) -> Cluster:
        try:
            program = haproxy()
            self.postgres = ThrowawayPostgres(durable=self.durable).start()
            self.database_url = self.postgres.url(self.postgres.create_database("rebound"))
            self._cookie_secret = secrets.token_urlsafe(32)
            ports = [free_port() for _ in range(self.count)]
            self.servers = [self._start_server(port) for port in ports]
            self.server_urls = [f"http://127.0.0.1:{port}" for port in ports]
            for index, (process, url) in enumerate(zip(self.servers, self.server_urls, strict=True)):
                _wait_for(f"{url}/_stcore/health", process, f"Rebound server {index + 1}")
            config = self.folder / "haproxy.cfg"
            config.write_text(haproxy_config(self.count), "utf-8")
            env = os.environ | {"REBOUND_PROXY_BIND": f"127.0.0.1:{self.port}"}
            env |= {
                f"REBOUND_SERVER_{i}": url.removeprefix("http://")
                for i, url in enumerate(self.server_urls, 1)
            }
            log = (self.folder / "haproxy.log").open("wb")
            self._logs.append(log)
            self.proxy = subprocess.Popen(
                [str(program), "-db", "-f", str(config)], env=env, stdout=log, stderr=subprocess.STDOUT
            )
            _wait_for(f"{self.url}/_stcore/health", self.proxy, "HAProxy")
        except BaseException:
            self.stop()
            raise
        return self

    def server_log(self, index: int) -> str:
        path = self.folder / f"server-{self.server_urls[index].rsplit(':', 1)[1]}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def kill(self, index: int) -> None:
        """SIGKILL one Rebound server (0-based), as a machine that dies."""
        process = self.servers[index]
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    def stop(self) -> None:
        """Stop HAProxy, every server and PostgreSQL, and remove what they left."""
        processes = [p for p in [self.proxy, *self.servers] if p is not None]
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.proxy, self.servers = None, []
        for log in self._logs:
            log.close()
        if self.postgres is not None:
            self.postgres.stop()
            self.postgres = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def run(servers: int = 2, port: int = 8500) -> int:
    """Start a cluster, print the one URL, and keep it up until Ctrl-C (or SIGTERM)."""
    print(f"Starting a throwaway PostgreSQL, {servers} Rebound servers and HAProxy ...", flush=True)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    try:
        cluster = Cluster(servers, port).start()
    except (Unavailable, RuntimeError) as error:
        print(f"Could not start the cluster: {error}", file=sys.stderr)
        return 1
    try:
        for index, url in enumerate(cluster.server_urls, 1):
            print(f"  Rebound server {index}: {url}")
        print(f"  PostgreSQL: {cluster.database_url}")
        print(f"\nOpen {cluster.url}\n(Ctrl-C stops everything and removes its data.)", flush=True)
        while not stopping.is_set():
            for index, process in enumerate(cluster.servers, 1):
                if process is not None and process.poll() is not None:
                    print(
                        f"  Rebound server {index} stopped (exit {process.returncode}); HAProxy uses the others."
                    )
                    cluster.servers[index - 1] = None
            stopping.wait(1)
    finally:
        print("Stopping ...", flush=True)
        cluster.stop()
    print("Stopped.")
    return 0
