"""Regression tests for what attacking member accounts found: look-alike names, lock-outs by
strangers, signup timing that told who is a member, an admin page that looped, and a 500
instead of the 503 page during a database outage."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from community.members.forms import (
    DISPLAY_NAME_RESERVED,
    clean_display_name,
)
from community.members.middleware import ADMIN_IS_FOR_STAFF
from community.members.models import Profile
from community.members.names import name_key
from community.members.services import DISPLAY_NAME_TAKEN
from community.members.tests.factories import TEST_PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


# Look-alike display names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "lookalike",
    [
        "Formеr member",  # Cyrillic e
        "FORMER MEMBER",
        "Ｆｏｒｍｅｒ ｍｅｍｂｅｒ",  # fullwidth
        "Moderatоr Maya",  # Cyrillic o
        "Μoderator Jo",  # Greek capital mu
        "Admin Ann",
    ],
)
def test_reserved_names_are_refused_in_any_disguise(lookalike):
    with pytest.raises(Exception) as refusal:
        clean_display_name(lookalike)

    assert DISPLAY_NAME_RESERVED in str(refusal.value)


def test_a_lookalike_of_another_members_name_is_taken(member):
    member.profile.display_name = "Steady Oak"
    member.profile.save()

    for lookalike in ["Steady Оak", "steady oak", "Steady  Oak", "Steady 0ak"]:
        with pytest.raises(Exception) as refusal:
            clean_display_name(lookalike)
        assert DISPLAY_NAME_TAKEN in str(refusal.value), lookalike


def test_the_database_refuses_lookalikes_that_skip_the_form(member):
    from community.members.services import DisplayNameTaken, profile_create

    member.profile.display_name = "Quiet River"
    member.profile.save()
    other = MemberFactory()
    other.profile.delete()

    with pytest.raises(DisplayNameTaken):
        profile_create(user=other, display_name="Quiеt River")


def test_ordinary_names_keep_their_letters():
    assert name_key("Zoë Brontë") == "zoë brontë"
    assert name_key("Siobhán") != name_key("Siobhan")
    assert clean_display_name("Zoë Brontë") == "Zoë Brontë"


def test_renaming_updates_the_key(member):
    profile = member.profile
    profile.display_name = "Bright Fern"
    profile.save(update_fields=["display_name"])

    assert Profile.objects.get(pk=profile.pk).name_key == name_key("BRIGHT FERN")


# Failed logins: per account and address ---------------------------------------------------------


def sign_in(client, email, password, address):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_strangers_failing_from_many_addresses_do_not_lock_the_owner_out(client, member):
    for number in range(1, 6):
        for _ in range(5):
            sign_in(Client(), member.email, "guess", f"203.0.113.{number}")

    response = sign_in(client, member.email, TEST_PASSWORD, "198.51.100.7")

    assert response.status_code == 302


def test_the_same_address_is_still_limited(member):
    client = Client()
    for _ in range(5):
        sign_in(client, member.email, "guess", "203.0.113.9")

    response = sign_in(client, member.email, TEST_PASSWORD, "203.0.113.9")

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text


# Signup costs the same for known and new addresses ---------------------------------------------


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how often a password is hashed."""

    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


def hashes_during_signup(client, email, display_name) -> int:
    CountingHasher.calls = 0
    response = client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": display_name,
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "agree_guidelines": "on",
        },
    )
    assert response.status_code == 302
    return CountingHasher.calls


def test_signup_with_a_known_email_hashes_and_sends_like_a_new_one(
    client, settings, member, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]

    with django_capture_on_commit_callbacks(execute=True):
        new = hashes_during_signup(client, "brand.new@example.org", "Brand New")
    with django_capture_on_commit_callbacks(execute=True):
        known = hashes_during_signup(Client(), member.email, "Someone Else")

    assert new == known == 1
    assert [message.to for message in mailoutbox] == [["brand.new@example.org"], [member.email]]


# The admin for members who are not staff -------------------------------------------------------


def test_a_plain_member_at_the_admin_gets_a_clear_403_not_a_loop(client, member):
    client.force_login(member)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert response.redirect_chain == []
    assert escape(ADMIN_IS_FOR_STAFF) in response.text


def test_database_outage_at_the_admin_with_a_session_gives_the_503_page(member, database_down):
    client = Client(raise_request_exception=False)
    client.force_login(member)
    with database_down():
        response = client.get("/admin/")

    assert response.status_code == 503
    assert "We will be back shortly" in response.text
