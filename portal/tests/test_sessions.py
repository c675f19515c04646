"""Sessions are read through the cache (cached_db): no query for a signed-in request's
session, and still everything a session must do: expire, end on signing out, survive the
cache losing it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("forums:group-list")


def signed_in(client) -> bool:
    return "Sign out" in client.get(PAGE).text


def test_a_signed_in_request_reads_its_session_from_the_cache(client):
    client.force_login(MemberFactory())
    client.get(PAGE)

    with CaptureQueriesContext(connection) as captured:
        assert signed_in(client)

    assert not any("django_session" in query["sql"] for query in captured.captured_queries)


def test_the_session_is_kept_in_the_database_and_read_from_there_when_the_cache_lost_it(client):
    client.force_login(MemberFactory())
    assert Session.objects.filter(session_key=client.session.session_key).exists()

    cache.clear()

    assert signed_in(client)


def test_an_expired_session_signs_the_member_out(client):
    client.force_login(MemberFactory())
    session = client.session
    session.set_expiry(timezone.now() - timedelta(seconds=1))
    session.save()

    assert not signed_in(client)


def test_signing_out_ends_the_session_for_whoever_holds_its_cookie(client, another_browser):
    client.force_login(MemberFactory())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    another_browser.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert signed_in(another_browser)

    client.post(reverse("account_logout"))

    assert not signed_in(another_browser)


@pytest.fixture
def another_browser():
    return Client()
