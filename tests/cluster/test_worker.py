"""`manage.py db_worker` in its own process, sending email to an SMTP server on loopback:
what is queued while it is down goes out when it is back, and a task whose worker was killed
while sending is not sent a second time by the next worker (at most once)."""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.db import connections
from django_tasks_db.models import DBTaskResult

from portal.mail import send_email

from .conftest import ROOT, node_environment, primary_url
from .processes import CLUSTER, free_port, stop

pytestmark = [*CLUSTER, pytest.mark.django_db(transaction=True)]


class RecordingMailbox:
    """Keeps the subject of every message it is handed; while `holding`, it keeps the sender
    waiting for its answer, as a slow mail server would."""

    def __init__(self):
        self.subjects: list[str] = []
        self.holding = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        message = envelope.content.decode()
        subject = next(line for line in message.splitlines() if line.startswith("Subject:"))
        self.subjects.append(subject.removeprefix("Subject: "))
        while self.holding.is_set():
            await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while len(self.subjects) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{count} messages expected, {self.subjects} arrived")
            time.sleep(0.05)


@pytest.fixture
def mailbox():
    box = RecordingMailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, controller.port
    box.holding.clear()
    controller.stop()


@pytest.fixture
def worker(mailbox, settings, tmp_path):
    """Starts `manage.py db_worker` (production settings, the test database, the mailbox as
    its SMTP server); every worker started is stopped at the end."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    environment = {
        **node_environment(
            database_url=primary_url(connections["default"].settings_dict["NAME"]),
            redis_url="",
            static_root=tmp_path,
        ),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mailbox[1]),
    }
    started = []

    def start() -> subprocess.Popen:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=environment,
            stdout=(tmp_path / "worker.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        stop(process)


def enqueue(subject: str) -> str:
    return send_email.enqueue(subject=subject, body="Hello", to=["member@example.org"]).id


def test_an_email_queued_while_the_worker_is_down_is_sent_once_it_is_back(mailbox, worker):
    box, _port = mailbox
    enqueue("Your RSVP is confirmed")
    time.sleep(1)
    assert box.subjects == []

    worker()
    box.wait_for(1)

    assert box.subjects == ["Your RSVP is confirmed"]


def test_a_worker_killed_while_sending_does_not_send_the_email_twice(mailbox, worker):
    box, _port = mailbox
    box.holding.set()
    interrupted = enqueue("A reply in your thread")
    first_worker = worker()
    box.wait_for(1)

    os.kill(first_worker.pid, signal.SIGKILL)
    first_worker.wait()
    box.holding.clear()
    worker()
    enqueue("Your weekly digest")
    box.wait_for(2)
    time.sleep(1)

    assert box.subjects == ["A reply in your thread", "Your weekly digest"]
    assert DBTaskResult.objects.get(id=interrupted).status == "RUNNING"
