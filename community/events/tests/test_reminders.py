from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.events import services
from community.events.models import RSVP
from community.events.permissions import SYSTEM
from community.events.tests.factories import EventFactory, OnlineEventFactory, RSVPFactory
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def remind(capsys, *args) -> str:
    call_command("send_event_reminders", *args)
    return capsys.readouterr().out


@pytest.fixture
def soon(group):
    return OnlineEventFactory(group=group, starts_at=timezone.now() + timedelta(hours=3))


def test_reminders_go_once_to_each_attendee_who_wants_them(
    soon, capsys, mailoutbox, django_capture_on_commit_callbacks
):
    wants = RSVPFactory(event=soon)
    does_not_want = RSVPFactory(event=soon)
    does_not_want.member.profile.notify_event_reminders = False
    does_not_want.member.profile.save()
    RSVPFactory(event=soon, status="waitlisted", waitlist_position=1)
    RSVPFactory(event=soon, status="cancelled")
    later = RSVPFactory(event=EventFactory(starts_at=timezone.now() + timedelta(days=3)))
    gone = RSVPFactory(event=EventFactory(starts_at=timezone.now() + timedelta(hours=2)))
    services.event_cancel(event=gone.event, by=SYSTEM)

    with django_capture_on_commit_callbacks(execute=True):
        first = remind(capsys)
        second = remind(capsys)

    assert first == "Sent 1 reminder.\n"
    assert second == "Sent 0 reminders.\n"
    (message,) = mailoutbox
    assert message.to == [wants.member.email]
    assert message.subject == f"[Bone & Spine Health] Reminder: “{soon.title}” starts soon"
    assert soon.online_url in message.body
    assert soon.get_absolute_url() in message.alternatives[0][0]
    later.refresh_from_db()
    assert later.reminded_at is None
    assert RSVP.objects.filter(reminded_at__isnull=False).get() == wants


def test_the_window_is_configurable(settings, capsys):
    RSVPFactory(event=EventFactory(starts_at=timezone.now() + timedelta(days=3)))

    assert remind(capsys) == "Sent 0 reminders.\n"
    settings.EVENTS_REMINDER_WINDOW = timedelta(days=4)
    assert remind(capsys) == "Sent 1 reminder.\n"


def test_the_command_takes_a_window_in_hours(capsys):
    RSVPFactory(event=EventFactory(starts_at=timezone.now() + timedelta(hours=30)))

    assert remind(capsys, "--hours", "36") == "Sent 1 reminder.\n"


def test_events_that_have_started_get_no_reminder(capsys):
    RSVPFactory(event=EventFactory(starts_at=timezone.now() - timedelta(minutes=10)))

    assert remind(capsys) == "Sent 0 reminders.\n"


def test_booking_again_after_cancelling_resets_the_reminder(soon, capsys):
    member = MemberFactory()
    rsvp = services.rsvp_create(event=soon, member=member)
    remind(capsys)
    services.rsvp_cancel(rsvp=rsvp, by=member)

    services.rsvp_create(event=soon, member=member)

    assert remind(capsys) == "Sent 1 reminder.\n"
