"""Races are closed in the database: these tests book and cancel from many threads at once,
each with its own connection, all released by one barrier."""

import threading
from collections import Counter

import pytest
from django.db import connection

from community.events import errors, services
from community.events.errors import EventError
from community.events.models import RSVP
from community.events.tests.factories import EventFactory
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)

PROMOTED_SUBJECT = "[Bone & Spine Health] Good news"


def run_at_once(calls):
    """Run each call in its own thread, started together; returns results and errors."""
    barrier = threading.Barrier(len(calls))
    results, failures = [None] * len(calls), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as error:
            failures[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, failures


def promoted_addresses(mailoutbox) -> Counter:
    return Counter(
        message.to[0] for message in mailoutbox if message.subject.startswith(PROMOTED_SUBJECT)
    )


def test_sixty_members_booking_twenty_places_at_once(mailoutbox):
    event = EventFactory(capacity=20)
    members = [MemberFactory() for _ in range(60)]

    results, failures = run_at_once(
        [lambda m=m: services.rsvp_create(event=event, member=m) for m in members]
    )

    assert failures == [None] * 60
    rsvps = RSVP.objects.filter(event=event)
    assert rsvps.filter(status=RSVP.Status.CONFIRMED).count() == 20
    waiting = rsvps.filter(status=RSVP.Status.WAITLISTED)
    assert sorted(waiting.values_list("waitlist_position", flat=True)) == list(range(1, 41))
    assert len(mailoutbox) == 60

    first_waiting = waiting.get(waitlist_position=1)
    holder = rsvps.filter(status=RSVP.Status.CONFIRMED).first()
    services.rsvp_cancel(rsvp=holder, by=holder.member)

    first_waiting.refresh_from_db()
    assert first_waiting.status == RSVP.Status.CONFIRMED
    assert rsvps.filter(status=RSVP.Status.CONFIRMED).count() == 20
    assert rsvps.filter(status=RSVP.Status.WAITLISTED).count() == 39
    assert promoted_addresses(mailoutbox) == {first_waiting.member.email: 1}


@pytest.fixture
def full_event():
    """Two places, both taken, and three members waiting at positions 1, 2 and 3."""
    event = EventFactory(capacity=2)
    holders = [services.rsvp_create(event=event, member=MemberFactory()) for _ in range(2)]
    waiting = [services.rsvp_create(event=event, member=MemberFactory()) for _ in range(3)]
    return event, holders, waiting


def test_two_cancellations_at_once_promote_the_first_two_waiting_once_each(full_event, mailoutbox):
    event, holders, waiting = full_event
    mailoutbox.clear()

    _, failures = run_at_once(
        [lambda r=rsvp: services.rsvp_cancel(rsvp=r, by=r.member) for rsvp in holders]
    )

    assert failures == [None, None]
    statuses = {rsvp.waitlist_position: RSVP.objects.get(pk=rsvp.pk).status for rsvp in waiting}
    assert statuses == {
        1: RSVP.Status.CONFIRMED,
        2: RSVP.Status.CONFIRMED,
        3: RSVP.Status.WAITLISTED,
    }
    assert RSVP.objects.filter(event=event, status=RSVP.Status.CONFIRMED).count() == 2
    assert promoted_addresses(mailoutbox) == {
        waiting[0].member.email: 1,
        waiting[1].member.email: 1,
    }


def test_the_same_booking_cancelled_twice_at_once_frees_one_place(full_event, mailoutbox):
    event, holders, waiting = full_event
    mailoutbox.clear()
    rsvp = holders[0]

    _, failures = run_at_once(
        [lambda: services.rsvp_cancel(rsvp=rsvp, by=rsvp.member) for _ in range(2)]
    )

    refusals = [failure for failure in failures if failure is not None]
    assert len(refusals) == 1
    assert isinstance(refusals[0], EventError)
    assert refusals[0].message == errors.ALREADY_CANCELLED
    assert [RSVP.objects.get(pk=r.pk).status for r in waiting] == [
        RSVP.Status.CONFIRMED,
        RSVP.Status.WAITLISTED,
        RSVP.Status.WAITLISTED,
    ]
    assert promoted_addresses(mailoutbox) == {waiting[0].member.email: 1}


def test_one_member_booking_twice_at_once_gets_one_booking():
    event = EventFactory(capacity=5)
    member = MemberFactory()

    _, failures = run_at_once(
        [lambda: services.rsvp_create(event=event, member=member) for _ in range(4)]
    )

    assert RSVP.objects.filter(event=event, member=member).count() == 1
    assert sorted(f.message for f in failures if f is not None) == [errors.ALREADY_BOOKED] * 3


def _series_with_dates(weeks: int, capacity: int):
    from datetime import timedelta

    from django.utils import timezone

    from community.events.permissions import SYSTEM
    from community.events.tests.factories import EventSeriesFactory

    series = EventSeriesFactory(capacity=capacity)
    since = timezone.now().date() + timedelta(days=1)
    services.series_generate_occurrences(
        by=SYSTEM, series=series, since=since, until=since + timedelta(days=7 * weeks - 1)
    )
    return series, list(series.occurrences.order_by("starts_at"))


def test_series_and_single_bookings_racing_for_the_same_seats_never_overbook():
    series, dates = _series_with_dates(weeks=3, capacity=3)
    series_members = [MemberFactory() for _ in range(4)]
    single_members = [MemberFactory() for _ in range(4)]

    _, failures = run_at_once(
        [lambda m=m: services.series_rsvp_create(series=series, member=m) for m in series_members]
        + [lambda m=m: services.rsvp_create(event=dates[1], member=m) for m in single_members]
    )

    assert failures == [None] * 8
    for event, bookers in [(dates[0], 4), (dates[1], 8), (dates[2], 4)]:
        rsvps = RSVP.objects.filter(event=event)
        assert rsvps.filter(status=RSVP.Status.CONFIRMED).count() == 3
        positions = rsvps.filter(status=RSVP.Status.WAITLISTED).values_list(
            "waitlist_position", flat=True
        )
        assert sorted(positions) == list(range(1, bookers - 3 + 1))


def test_one_member_booking_a_series_twice_at_once_gets_one_booking_per_date():
    series, dates = _series_with_dates(weeks=3, capacity=10)
    member = MemberFactory()

    _, failures = run_at_once(
        [lambda: services.series_rsvp_create(series=series, member=member) for _ in range(3)]
    )

    assert RSVP.objects.filter(member=member).count() == 3
    assert (
        sorted(f.message for f in failures if f is not None) == [errors.SERIES_NOTHING_TO_BOOK] * 2
    )
