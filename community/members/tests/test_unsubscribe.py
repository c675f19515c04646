import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from community.members.models import NotificationPreference
from community.members.services import (
    UNSUBSCRIBE_EXPIRED,
    UNSUBSCRIBE_GONE,
    UNSUBSCRIBE_INVALID,
)
from community.members.tests.factories import MemberFactory
from portal.mail import (
    UNSUBSCRIBE_SALT,
    UNSUBSCRIBE_TOKEN_MAX_AGE,
    build_email,
    unsubscribe_token,
    unsubscribe_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MemberFactory()


def url_for(token: str) -> str:
    return reverse("members:unsubscribe", args=[token])


def test_get_asks_to_confirm_and_changes_nothing(client, member):
    token = unsubscribe_token(user_id=member.pk, scope="email", target="mention")

    response = client.get(url_for(token))

    assert response.status_code == 200
    assert "Stop these emails?" in response.text
    assert not NotificationPreference.objects.exists()


def test_confirming_on_the_page_needs_the_csrf_token(member):
    token = unsubscribe_token(user_id=member.pk, scope="email", target="mention")
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(url_for(token))

    assert response.status_code == 403
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize("signed_in", ["anonymous", "other member", "owner", "moderator"])
def test_the_token_alone_decides_whose_emails_stop(client, member, signed_in):
    """Whoever is signed in (or nobody), the link stops the emails of the member it was sent
    to, and nobody else's."""
    someone = {"anonymous": None, "other member": MemberFactory(), "owner": member}.get(
        signed_in, MemberFactory(is_staff=True)
    )
    if someone is not None:
        client.force_login(someone)
    token = unsubscribe_token(user_id=member.pk, scope="email", target="mention")

    response = client.post(url_for(token), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert list(NotificationPreference.objects.values_list("user", "kind", "delivery")) == [
        (member.pk, "mention", "site")
    ]


def test_an_altered_token_is_refused_with_a_clear_message(client, member):
    token = unsubscribe_token(user_id=member.pk, scope="email", target="mention")
    altered = token.replace(token[5], "A" if token[5] != "A" else "B", 1)

    response = client.post(url_for(altered), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 400
    assert UNSUBSCRIBE_INVALID in response.text
    assert not NotificationPreference.objects.exists()


def test_an_unknown_scope_is_refused(client, member):
    token = unsubscribe_token(user_id=member.pk, scope="everything", target=1)

    response = client.post(url_for(token), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 400
    assert UNSUBSCRIBE_INVALID in response.text


def test_a_link_about_something_gone_says_so(client, member):
    token = unsubscribe_token(user_id=member.pk, scope="thread", target=999_999)

    response = client.post(url_for(token), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 400
    assert UNSUBSCRIBE_GONE in response.text


def test_a_link_past_its_age_asks_for_the_settings_page(client, member):
    class SignedLongAgo(signing.TimestampSigner):
        def timestamp(self):
            age = UNSUBSCRIBE_TOKEN_MAX_AGE + timedelta(days=1)
            return signing.b62_encode(int(time.time() - age.total_seconds()))

    token = SignedLongAgo(salt=UNSUBSCRIBE_SALT).sign_object(
        {"u": member.pk, "s": "email", "x": "mention"}, compress=True
    )

    response = client.post(url_for(token), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 400
    assert UNSUBSCRIBE_EXPIRED in response.text


def test_build_email_adds_the_site_name_both_parts_and_the_mailto_when_set(settings, member):
    settings.UNSUBSCRIBE_MAILTO = "unsubscribe@example.org"
    link = unsubscribe_url(user_id=member.pk, scope="email", target="mention")

    message = build_email(
        template="forums/emails/private_message",
        context={"message": "Hello", "moderator_name": "Ann"},
        subject="Test",
        to=member.email,
        unsubscribe=link,
    )

    assert message.subject == "[Bone & Spine Health] Test"
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<{link}>, <mailto:unsubscribe@example.org?subject=unsubscribe>"
    )
