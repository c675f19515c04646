import pytest
from django.contrib.auth import get_user_model

from community.events import services
from community.events.models import RSVP
from community.events.tests.factories import EventFactory
from community.members.selectors import member_data_export
from community.members.services import account_delete
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_data_export_lists_the_members_bookings_and_nobody_elses(event, member, other_member):
    services.rsvp_create(event=event, member=member)
    services.rsvp_create(event=EventFactory(title="Someone else's"), member=other_member)

    exported = member_data_export(user=member)["rsvps"]

    assert exported == [
        {
            "event": event.title,
            "starts_at": event.starts_at.isoformat(),
            "time_zone": "Europe/London",
            "status": "confirmed",
            "waitlist_position": None,
            "booked_at": RSVP.objects.get(member=member).created_at.isoformat(),
        }
    ]


@pytest.mark.parametrize("keep_posts", [True, False])
def test_deleting_an_account_frees_its_places_for_the_waiting_list(
    group, keep_posts, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(group=group, capacity=1)
    leaving, waiting = MemberFactory(), MemberFactory()
    services.rsvp_create(event=event, member=leaving)
    services.rsvp_create(event=event, member=waiting)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=leaving, keep_posts=keep_posts)

    assert not get_user_model().objects.filter(pk=leaving.pk).exists()
    assert list(RSVP.objects.values_list("member_id", "status")) == [(waiting.pk, "confirmed")]
    assert [m.to for m in mailoutbox] == [[waiting.email]]


def test_deleting_an_organiser_keeps_their_events(event, member):
    event.organiser = member
    event.save()

    account_delete(user=member, keep_posts=True)

    event.refresh_from_db()
    assert event.organiser is None
