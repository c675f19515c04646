"""Starting and stopping the real servers the cluster tests run on loopback."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

# Every test module here is selectable with -m cluster. Each module's servers are session
# fixtures used by that module only: started once per xdist worker that runs its tests.
CLUSTER = [pytest.mark.cluster]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen | None = None, seconds=30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"Nothing answered on 127.0.0.1:{port} within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: root runs its tools as the postgres OS user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def give_to_postgres_user(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, user="postgres", group="postgres")
