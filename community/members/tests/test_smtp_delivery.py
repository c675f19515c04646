"""The verification email travels through a real SMTP server on loopback."""

import email
import re
import socket
from email import policy
from urllib.parse import urlparse

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.urls import reverse

from community.members.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


class CollectingHandler:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    yield handler
    controller.stop()


def test_verification_email_is_delivered_over_smtp_and_its_link_works(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "harbour@example.org",
                "display_name": "Calm Harbour",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
                "agree_guidelines": "on",
            },
        )

    assert len(smtp_server.messages) == 1
    delivered = smtp_server.messages[0]
    assert delivered["To"] == "harbour@example.org"
    text = delivered.get_body(preferencelist=("plain",)).get_content()
    assert delivered.get_body(preferencelist=("html",)) is not None
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", text).group(0)
    client.post(urlparse(link).path)

    assert EmailAddress.objects.get(email="harbour@example.org").verified
