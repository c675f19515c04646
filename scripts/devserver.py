"""`make run`: the portal on a real PostgreSQL, from one command.

With DATABASE_URL unset it starts the embedded PostgreSQL (portal/devdb.py; data in
.data/postgres, kept between runs), creates the database, migrates, loads the demo quietly,
serves on http://127.0.0.1:8000 and ends its output with the URL and the demo accounts.
Ctrl-C stops the web server and then the embedded PostgreSQL. With DATABASE_URL set it uses
that server and leaves it running."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import devdb  # noqa: E402 - after the project root is on the path

HOST, PORT = "127.0.0.1", int(os.environ.get("PORT", "8000"))


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def manage(*args: str, env: dict, capture: bool = False) -> str:
    finished = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return finished.stdout or ""


def wait_until_serving(server: subprocess.Popen, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection((HOST, PORT), timeout=1):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, stop_on_sigterm)  # `kill` stops as cleanly as Ctrl-C
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    database = None
    if not env.get("DATABASE_URL"):
        say(f"Starting the embedded PostgreSQL (data in {devdb.DATA_DIR.relative_to(ROOT)})...")
        database = devdb.start(stop_at_exit=True)
        env["DATABASE_URL"] = devdb.ensure_database(database)
    try:
        say("Migrating...")
        manage("migrate", "--noinput", "-v0", env=env)
        say("Loading the demo content...")
        # Nobody reads mail sent while loading: keep it off the console.
        loaded = manage(
            "load_demo_content",
            *argv,
            env={**env, "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
            capture=True,
        )
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, str(ROOT / "manage.py"), "runserver", f"{HOST}:{PORT}"], env=env
        )
        try:
            wait_until_serving(server)
            if server.poll() is None:  # serving, or slow to start: the summary comes last
                where = "embedded PostgreSQL 18" if database is not None else "DATABASE_URL"
                say(f"\n{loaded.strip()}\n")
                say(f"The portal is at http://{HOST}:{PORT}/ on {where}. Ctrl-C stops it.\n")
            return server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait()
            return 0
    finally:
        if database is not None:
            devdb.stop(database)
            say("Stopped the embedded PostgreSQL.")


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
