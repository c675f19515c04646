from datetime import timedelta

import pytest
from django.utils import timezone

from community.events import errors, services
from community.events.errors import EventError
from community.events.models import RSVP, Event
from community.events.permissions import SYSTEM
from community.events.tests.factories import EventFactory, OnlineEventFactory
from community.members.permissions import EMAIL_NOT_VERIFIED, SIGN_IN_REQUIRED
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_members_get_places_until_the_event_is_full_then_join_the_waiting_list(event):
    first, second, third, fourth, fifth = (MemberFactory() for _ in range(5))

    booked = [services.rsvp_create(event=event, member=m) for m in (first, second, third)]
    waiting = [services.rsvp_create(event=event, member=m) for m in (fourth, fifth)]

    assert [r.status for r in booked] == [RSVP.Status.CONFIRMED] * 3
    assert all(r.waitlist_position is None for r in booked)
    assert [(r.status, r.waitlist_position) for r in waiting] == [
        (RSVP.Status.WAITLISTED, 1),
        (RSVP.Status.WAITLISTED, 2),
    ]


def test_an_event_without_capacity_never_fills(group):
    event = EventFactory(group=group, capacity=None)

    rsvps = [services.rsvp_create(event=event, member=MemberFactory()) for _ in range(30)]

    assert {r.status for r in rsvps} == {RSVP.Status.CONFIRMED}


def test_an_event_with_no_places_puts_everyone_on_the_waiting_list(group):
    event = EventFactory(group=group, capacity=0)

    rsvp = services.rsvp_create(event=event, member=MemberFactory())

    assert (rsvp.status, rsvp.waitlist_position) == (RSVP.Status.WAITLISTED, 1)


def _refused(event, member, message):
    before = RSVP.objects.count()
    with pytest.raises(EventError) as refusal:
        services.rsvp_create(event=event, member=member)
    assert refusal.value.message == message
    assert RSVP.objects.count() == before


def test_a_cancelled_event_takes_no_bookings(event, member):
    services.event_cancel(event=event, by=SYSTEM)

    _refused(event, member, errors.EVENT_CANCELLED)


def test_a_past_event_takes_no_bookings(member):
    event = EventFactory(starts_at=timezone.now() - timedelta(days=2))

    _refused(event, member, errors.EVENT_PAST)


def test_an_event_that_has_started_takes_no_bookings(member):
    event = EventFactory(starts_at=timezone.now() - timedelta(minutes=5))

    _refused(event, member, errors.EVENT_PAST)


def test_bookings_close_at_the_deadline(member):
    event = EventFactory(rsvp_deadline=timezone.now() - timedelta(minutes=1))
    deadline = event.rsvp_deadline.astimezone(event.tzinfo)

    _refused(event, member, errors.DEADLINE_PASSED.format(deadline=deadline))


def test_bookings_before_the_deadline_are_taken(member):
    event = EventFactory(rsvp_deadline=timezone.now() + timedelta(hours=1))

    assert services.rsvp_create(event=event, member=member).status == RSVP.Status.CONFIRMED


def test_unverified_members_cannot_book(event, unverified_member):
    _refused(event, unverified_member, EMAIL_NOT_VERIFIED)


def test_anonymous_visitors_cannot_book(event):
    from django.contrib.auth.models import AnonymousUser

    _refused(event, AnonymousUser(), SIGN_IN_REQUIRED)


def test_a_member_cannot_book_twice(event, member):
    services.rsvp_create(event=event, member=member)

    _refused(event, member, errors.ALREADY_BOOKED)


def test_a_member_on_the_waiting_list_cannot_book_again(group, member):
    event = EventFactory(group=group, capacity=0)
    services.rsvp_create(event=event, member=member)

    _refused(event, member, errors.ALREADY_BOOKED)


def test_a_cancelled_booking_can_be_made_again(event, member):
    rsvp = services.rsvp_create(event=event, member=member)
    services.rsvp_cancel(rsvp=rsvp, by=member)

    again = services.rsvp_create(event=event, member=member)

    assert again.pk == rsvp.pk
    assert again.status == RSVP.Status.CONFIRMED
    assert RSVP.objects.filter(event=event, member=member).count() == 1


def test_cancelling_a_place_promotes_the_first_waiting_member(group):
    event = EventFactory(group=group, capacity=1)
    holder, first, second = MemberFactory(), MemberFactory(), MemberFactory()
    place = services.rsvp_create(event=event, member=holder)
    services.rsvp_create(event=event, member=first)
    services.rsvp_create(event=event, member=second)

    services.rsvp_cancel(rsvp=place, by=holder)

    statuses = dict(RSVP.objects.filter(event=event).values_list("member_id", "status"))
    assert statuses == {
        holder.pk: RSVP.Status.CANCELLED,
        first.pk: RSVP.Status.CONFIRMED,
        second.pk: RSVP.Status.WAITLISTED,
    }
    assert RSVP.objects.get(member=first, event=event).waitlist_position is None


def test_leaving_the_waiting_list_promotes_nobody(group):
    event = EventFactory(group=group, capacity=1)
    services.rsvp_create(event=event, member=MemberFactory())
    waiting = services.rsvp_create(event=event, member=MemberFactory())
    behind = services.rsvp_create(event=event, member=MemberFactory())

    services.rsvp_cancel(rsvp=waiting, by=waiting.member)

    behind.refresh_from_db()
    assert (behind.status, behind.waitlist_position) == (RSVP.Status.WAITLISTED, 2)


def test_a_new_waiting_member_goes_behind_everyone_already_waiting(group):
    event = EventFactory(group=group, capacity=1)
    holder = MemberFactory()
    place = services.rsvp_create(event=event, member=holder)
    for _ in range(3):
        services.rsvp_create(event=event, member=MemberFactory())
    services.rsvp_cancel(rsvp=place, by=holder)  # position 1 promoted; 2 and 3 wait

    late = services.rsvp_create(event=event, member=MemberFactory())

    assert late.waitlist_position == 4


def test_nobody_can_cancel_someone_elses_booking(event, member, other_member):
    rsvp = services.rsvp_create(event=event, member=member)

    with pytest.raises(EventError) as refusal:
        services.rsvp_cancel(rsvp=rsvp, by=other_member)

    assert refusal.value.message == errors.NOT_YOUR_BOOKING
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CONFIRMED


def test_a_booking_cannot_be_cancelled_twice(event, member):
    rsvp = services.rsvp_create(event=event, member=member)
    services.rsvp_cancel(rsvp=rsvp, by=member)

    with pytest.raises(EventError) as refusal:
        services.rsvp_cancel(rsvp=rsvp, by=member)

    assert refusal.value.message == errors.ALREADY_CANCELLED


def test_booking_emails_say_what_happened(
    group, member, other_member, mailoutbox, django_capture_on_commit_callbacks
):
    event = OnlineEventFactory(group=group, capacity=1, title="Exercise after a fracture")
    with django_capture_on_commit_callbacks(execute=True):
        place = services.rsvp_create(event=event, member=member)
        services.rsvp_create(event=event, member=other_member)
        services.rsvp_cancel(rsvp=place, by=member)

    sent = [(message.to, message.subject) for message in mailoutbox]
    assert sent == [
        (
            [member.email],
            "[Bone & Spine Health] Your place at “Exercise after a fracture” is booked",
        ),
        (
            [other_member.email],
            "[Bone & Spine Health] You are on the waiting list for “Exercise after a fracture”",
        ),
        (
            [member.email],
            "[Bone & Spine Health] Your booking for “Exercise after a fracture” is cancelled",
        ),
        (
            [other_member.email],
            "[Bone & Spine Health] Good news: a place at “Exercise after a fracture” is yours",
        ),
    ]
    for message in mailoutbox:
        assert message.alternatives[0][1] == "text/html"
        assert event.get_absolute_url() in message.body
    confirmed, waitlisted, _, promoted = mailoutbox
    assert event.online_url in confirmed.body and event.online_url in promoted.body
    assert event.online_url not in waitlisted.body


def test_the_confirmation_email_gives_the_time_in_the_events_zone(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    from datetime import UTC, datetime

    event = EventFactory(
        time_zone="America/New_York",
        starts_at=datetime(2030, 1, 15, 0, 0, tzinfo=UTC),
        ends_at=datetime(2030, 1, 15, 1, 0, tzinfo=UTC),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.rsvp_create(event=event, member=member)

    assert "Monday 14 January 2030, 19:00 to 20:00 EST (America/New_York time)" in (
        mailoutbox[0].body
    )


def test_raising_capacity_gives_the_new_places_to_the_waiting_list(group):
    event = EventFactory(group=group, capacity=1)
    for _ in range(4):
        services.rsvp_create(event=event, member=MemberFactory())

    services.event_update(by=SYSTEM, event=event, capacity=3)

    counts = {
        status: RSVP.objects.filter(event=event, status=status).count()
        for status in RSVP.Status.values
    }
    assert counts == {"confirmed": 3, "waitlisted": 1, "cancelled": 0}
    assert RSVP.objects.get(event=event, status="waitlisted").waitlist_position == 3


def test_refusals_for_cancelled_events_use_the_status_not_the_time(member):
    event = EventFactory(status=Event.Status.CANCELLED)

    _refused(event, member, errors.EVENT_CANCELLED)
