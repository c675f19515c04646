import re
import time
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from community.members.forms import GUIDELINES_NOT_ACCEPTED
from community.members.middleware import MFA_REQUIRED_FOR_STAFF
from community.members.models import Profile
from community.members.permissions import (
    EMAIL_NOT_VERIFIED,
    VerificationRequired,
    require_verified_member,
)
from community.members.tests.factories import TEST_PASSWORD, MemberFactory
from portal.pages.tests.factories import build_trust_pages

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-and-longer-passphrase-42"
LINK = re.compile(r"https?://[^\s\"<>]+")


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def sign_up(client, email="river@example.org", display_name="Quiet River", agree=True):
    data = {
        "email": email,
        "display_name": display_name,
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
    }
    if agree:
        data["agree_guidelines"] = "on"
    return client.post(reverse("account_signup"), data)


def test_signup_verify_login_logout_and_reset_password(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302
    assert Profile.objects.get().display_name == "Quiet River"
    assert not EmailAddress.objects.get().verified

    verification = mailoutbox[-1]
    assert verification.to == ["river@example.org"]
    assert any(mimetype == "text/html" for _, mimetype in verification.alternatives)
    confirm_path = urlparse(next(u for u in links_in(verification) if "confirm-email" in u)).path
    assert client.get(confirm_path).status_code == 200
    client.post(confirm_path)
    assert EmailAddress.objects.get().verified

    client.post(reverse("account_logout"))
    response = client.post(
        reverse("account_login"), {"login": "river@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("members:profile-edit")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("members:profile-edit")).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "river@example.org"})
    reset_url = next(u for u in links_in(mailoutbox[-1]) if "password/reset/key" in u)
    set_password_page = client.get(urlparse(reset_url).path, follow=True)
    set_password_path = set_password_page.redirect_chain[-1][0]
    client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    response = client.post(
        reverse("account_login"), {"login": "river@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_signup_with_a_taken_display_name_keeps_what_was_typed(client, member):
    response = sign_up(client, display_name=member.profile.display_name.upper())

    assert response.status_code == 200
    assert "That display name is taken" in response.text
    assert 'value="river@example.org"' in response.text
    assert not EmailAddress.objects.filter(email="river@example.org").exists()


def test_signup_needs_the_guidelines_tick_and_keeps_what_was_typed(client):
    response = sign_up(client, agree=False)

    assert response.status_code == 200
    assert GUIDELINES_NOT_ACCEPTED in response.text
    assert 'value="Quiet River"' in response.text
    assert not Profile.objects.exists()


def test_signup_links_the_guidelines_and_privacy_notice_and_records_the_agreement(client):
    build_trust_pages()
    form = client.get(reverse("account_signup")).text
    assert 'href="/guidelines/"' in form and 'href="/privacy/"' in form
    before = timezone.now()

    sign_up(client)

    agreed = Profile.objects.get().guidelines_accepted_at
    assert agreed is not None and before <= agreed <= timezone.now()


def test_unverified_member_is_refused_by_the_verification_check(unverified_member):
    with pytest.raises(VerificationRequired) as refusal:
        require_verified_member(unverified_member)

    assert refusal.value.message == EMAIL_NOT_VERIFIED


def test_verified_member_passes_the_verification_check(member):
    require_verified_member(member)


def test_login_is_refused_after_too_many_failures(client, member):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})

    response = client.post(
        reverse("account_login"), {"login": member.email, "password": TEST_PASSWORD}
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_staff_without_mfa_are_sent_to_set_it_up_and_get_in_after_totp(client):
    editor = MemberFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.post(reverse("account_login"), {"login": editor.email, "password": TEST_PASSWORD})

    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("mfa_activate_totp"))
    assert MFA_REQUIRED_FOR_STAFF in response.text

    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post(reverse("mfa_activate_totp"), {"code": code})

    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_ordinary_members_are_not_asked_for_mfa_and_cannot_enter_admin(client, member):
    client.force_login(member)

    response = client.get("/admin/")

    assert response.status_code == 403
    assert "editors, medical reviewers and moderators" in response.text


def test_signup_and_password_reset_emails_carry_the_site_name(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_NAME = "Strong Bones Portal"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    EmailAddress.objects.update(verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "river@example.org"})

    verification, reset = mailoutbox[-2], mailoutbox[-1]
    for message in (verification, reset):
        assert "Hello from Strong Bones Portal!" in message.body
        assert "Hello from !" not in message.body
        assert "Thank you for using Strong Bones Portal!" in message.body
        assert "testserver" in message.body
