from urllib.parse import urlparse

import pytest

from community.events import notifications
from community.events.tests.factories import EventFactory, RSVPFactory
from community.members.models import NotificationPreference

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("template", sorted(notifications.SUBJECTS))
def test_every_event_email_carries_one_click_unsubscribe(
    template, mailoutbox, django_capture_on_commit_callbacks
):
    rsvp = RSVPFactory(event=EventFactory())

    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_rsvp_email(rsvp=rsvp, template=template)

    (message,) = mailoutbox
    assert message.subject.startswith("[Bone & Spine Health] ")
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/members/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].strip("<>") in message.body


def test_one_click_unsubscribe_from_event_changes_stops_those_emails(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    rsvp = RSVPFactory(event=EventFactory())
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_to_attendees(event=rsvp.event, template="event_changed")
    link = mailoutbox[-1].extra_headers["List-Unsubscribe"].strip("<>")

    client.post(urlparse(link).path, {"List-Unsubscribe": "One-Click"})
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_to_attendees(event=rsvp.event, template="event_changed")

    assert len(mailoutbox) == 1
    preference = NotificationPreference.objects.get(user=rsvp.member, kind="event_changed")
    assert preference.delivery == "site"


def test_one_click_unsubscribe_from_reminders_turns_reminders_off(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    rsvp = RSVPFactory(event=EventFactory())
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_rsvp_email(rsvp=rsvp, template="event_reminder")
    link = mailoutbox[-1].extra_headers["List-Unsubscribe"].strip("<>")

    client.post(urlparse(link).path, {"List-Unsubscribe": "One-Click"})

    rsvp.member.profile.refresh_from_db()
    assert rsvp.member.profile.notify_event_reminders is False
