"""A member stops an email from the link in it, in the browser, without signing in: the
address the List-Unsubscribe header names asks first and then does it."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from community.events.services import rsvp_create
from community.events.tests.factories import EventFactory
from community.members.models import NotificationKind
from community.members.selectors import wants_email
from community.members.tests.factories import MemberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_member_unsubscribes_from_the_link_in_a_booking_email(
    page, live_server, csp_violations, screenshot
):
    member = MemberFactory()
    rsvp_create(event=EventFactory(title="Chair yoga"), member=member)
    (email,) = [message for message in mail.outbox if member.email in message.to]
    header = email.extra_headers["List-Unsubscribe"]
    link = re.search(r"<(https?://[^>]+)>", header).group(1)
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(live_server.url + urlsplit(link).path)
    expect(page.get_by_text("Stop these emails?")).to_be_visible()
    page.get_by_role("button", name="Unsubscribe").click()

    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    expect(page.get_by_text("your bookings and changes to events you booked")).to_be_visible()
    screenshot("unsubscribed")
    assert not wants_email(user=member, kind=NotificationKind.EVENT_CHANGED)
    assert csp_violations == []
