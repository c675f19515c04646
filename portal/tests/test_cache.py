"""The Redis cache when Redis is down: sign-in, sign-up, password reset, re-authentication
and posting keep working on real PostgreSQL, rate limits still hold, and the outage is
logged once, not once per request."""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from community.forums.tests.factories import ExperiencedMemberFactory, make_thread
from community.members.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def resilient_cache(port: int, retry_seconds: float = 30) -> dict:
    return {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "portal-test",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "RETRY_SECONDS": retry_seconds,
            },
        }
    }


@pytest.fixture
def redis_down(settings):
    """REDIS_URL pointing at a closed port."""
    settings.CACHES = resilient_cache(free_port())
    settings.FORUM_NOTIFICATION_DELAY = None


def sign_in(client, email, password=TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_members_sign_in_while_redis_is_down(client, redis_down, caplog):
    member = ExperiencedMemberFactory()

    with caplog.at_level(logging.WARNING):
        responses = [sign_in(client, member.email) for _ in range(3)]

    assert [response.status_code for response in responses] == [302, 302, 302]
    assert client.get(reverse("members:profile-edit")).status_code == 200
    outage_logs = [r for r in caplog.records if "Redis is unreachable" in r.getMessage()]
    assert len(outage_logs) == 1
    assert not any(r.exc_info for r in caplog.records if r.name.startswith("django_redis"))


def test_sign_up_password_reset_and_reauthentication_while_redis_is_down(
    client, redis_down, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup = client.post(
            reverse("account_signup"),
            {
                "email": "new.member@example.org",
                "display_name": "Calm Harbour",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
                "agree_guidelines": "on",
            },
        )
    assert signup.status_code == 302
    assert mailoutbox[-1].to == ["new.member@example.org"]

    member = ExperiencedMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reset = client.post(reverse("account_reset_password"), {"email": member.email})
    assert reset.status_code == 302
    assert mailoutbox[-1].to == [member.email]

    assert sign_in(client, member.email).status_code == 302
    reauth = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert reauth.status_code == 302


def test_posting_works_while_redis_is_down(client, redis_down):
    member = ExperiencedMemberFactory()
    thread = make_thread(title="Posting without Redis")
    sign_in(client, member.email)

    response = client.post(reverse("forums:reply", args=[thread.pk]), {"body": "Still here."})

    assert response.status_code == 302
    assert thread.posts.filter(author=member, body_markdown="Still here.").exists()


def test_failed_logins_are_still_limited_while_redis_is_down(client, redis_down):
    member = ExperiencedMemberFactory()

    statuses = [sign_in(client, member.email, "wrong password").status_code for _ in range(6)]

    assert statuses[:5] == [200] * 5
    assert "Too many failed login attempts" in sign_in(client, member.email).content.decode()


@pytest.fixture
def redis_server():
    """A Redis server of the test's own, so the test can stop and start it."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is installed by scripts/ensure-services.sh"
    port = free_port()

    def start():
        process = subprocess.Popen(  # noqa: S603
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                return process
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    server = {"port": port, "process": start(), "start": start}
    yield server
    server["process"].terminate()
    server["process"].wait()


def test_the_cache_recovers_when_redis_comes_back(settings, redis_server, caplog):
    settings.CACHES = resilient_cache(redis_server["port"], retry_seconds=0.3)
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"

    redis_server["process"].terminate()
    redis_server["process"].wait()
    with caplog.at_level(logging.WARNING):
        assert cache.get("greeting") is None
        assert cache.add("ratelimit:someone", 1) is True
        assert cache.incr("ratelimit:someone") == 2

        redis_server["process"] = redis_server["start"]()
        time.sleep(0.35)
        cache.set("greeting", "back")
        assert cache.get("greeting") == "back"

    messages = [record.getMessage() for record in caplog.records]
    assert sum("Redis is unreachable" in message for message in messages) == 1
    assert sum("Redis answers again" in message for message in messages) == 1
