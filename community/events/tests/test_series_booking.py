"""Booking every date of a series in one action, and cancelling one date of it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from community.events import errors, services
from community.events.errors import EventError
from community.events.models import RSVP, Event
from community.events.permissions import SYSTEM
from community.events.series_emails import SERIES_BOOKED_SUBJECT
from community.events.tests.factories import EventFactory, EventSeriesFactory
from community.members.permissions import EMAIL_NOT_VERIFIED
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def weekly_series(*, weeks: int = 4, **fields):
    """A weekly series with `weeks` upcoming dates, the first tomorrow or later."""
    series = EventSeriesFactory(**fields)
    since = timezone.now().date() + timedelta(days=1)
    services.series_generate_occurrences(
        by=SYSTEM, series=series, since=since, until=since + timedelta(days=7 * weeks - 1)
    )
    return series


def dates_of(series) -> list[Event]:
    return list(series.occurrences.order_by("starts_at"))


def statuses(series, member) -> list[str | None]:
    held = dict(RSVP.objects.filter(member=member).values_list("event_id", "status"))
    return [held.get(event.pk) for event in dates_of(series)]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The service ---------------------------------------------------------------------------------


def test_booking_a_series_books_every_upcoming_date_and_sends_one_email(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    series = weekly_series(weeks=4)

    with django_capture_on_commit_callbacks(execute=True):
        booked = services.series_rsvp_create(series=series, member=member)

    assert [rsvp.event for rsvp in booked] == dates_of(series)
    assert statuses(series, member) == [RSVP.Status.CONFIRMED] * 4
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.subject == f"[{settings.SITE_NAME}] " + SERIES_BOOKED_SUBJECT.format(
        title=series.title
    )
    assert email.to == [member.email]
    for event in dates_of(series):
        assert event.get_absolute_url() in email.body
        assert f"{event.local_start:%A %-d %B %Y, %H:%M}" in email.body
    assert email.body.count("you have a place") == 4


def test_a_full_date_puts_the_member_on_its_waiting_list_and_the_rest_are_booked(member):
    series = weekly_series(weeks=3)
    full = dates_of(series)[1]
    full.capacity = 1
    full.save()
    services.rsvp_create(event=full, member=MemberFactory())

    services.series_rsvp_create(series=series, member=member)

    assert statuses(series, member) == [
        RSVP.Status.CONFIRMED,
        RSVP.Status.WAITLISTED,
        RSVP.Status.CONFIRMED,
    ]
    assert RSVP.objects.get(event=full, member=member).waitlist_position == 1


def test_dates_already_held_closed_or_cancelled_are_left_alone(member):
    series = weekly_series(weeks=4)
    held, closed, cancelled, open_date = dates_of(series)
    kept = services.rsvp_create(event=held, member=member)
    closed.rsvp_deadline = timezone.now() - timedelta(minutes=1)
    closed.save()
    cancelled.status = Event.Status.CANCELLED
    cancelled.save()

    booked = services.series_rsvp_create(series=series, member=member)

    assert [rsvp.event for rsvp in booked] == [open_date]
    assert statuses(series, member) == [RSVP.Status.CONFIRMED, None, None, RSVP.Status.CONFIRMED]
    assert RSVP.objects.get(event=held, member=member).pk == kept.pk


def test_a_date_the_member_cancelled_is_booked_again(member):
    series = weekly_series(weeks=2)
    first = services.rsvp_create(event=dates_of(series)[0], member=member)
    services.rsvp_cancel(rsvp=first, by=member)

    services.series_rsvp_create(series=series, member=member)

    assert statuses(series, member) == [RSVP.Status.CONFIRMED] * 2
    assert RSVP.objects.filter(member=member).count() == 2


def test_booking_a_series_twice_is_refused_and_sends_nothing(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    series = weekly_series(weeks=2)
    services.series_rsvp_create(series=series, member=member)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(EventError) as refusal:
        services.series_rsvp_create(series=series, member=member)

    assert refusal.value.message == errors.SERIES_NOTHING_TO_BOOK
    assert mailoutbox == []


def test_unverified_members_cannot_book_a_series(unverified_member):
    series = weekly_series(weeks=2)

    with pytest.raises(EventError) as refusal:
        services.series_rsvp_create(series=series, member=unverified_member)

    assert refusal.value.message == EMAIL_NOT_VERIFIED
    assert not RSVP.objects.exists()


def test_cancelling_one_date_keeps_the_others_and_frees_its_place(member):
    series = weekly_series(weeks=3)
    second = dates_of(series)[1]
    second.capacity = 1
    second.save()
    booked = services.series_rsvp_create(series=series, member=member)
    waiting = services.rsvp_create(event=second, member=MemberFactory())

    services.rsvp_cancel(rsvp=booked[1], by=member)

    assert statuses(series, member) == [
        RSVP.Status.CONFIRMED,
        RSVP.Status.CANCELLED,
        RSVP.Status.CONFIRMED,
    ]
    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.CONFIRMED


# The pages -----------------------------------------------------------------------------------


def series_rsvp_url(event) -> str:
    return reverse("events:series-rsvp-create", args=[event.pk])


def test_anonymous_visitors_are_asked_to_sign_in_to_book_a_series(client):
    event = dates_of(weekly_series(weeks=2))[0]

    response = client.post(series_rsvp_url(event))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not RSVP.objects.exists()


def test_unverified_members_are_told_to_confirm_their_email_first(client, unverified_member):
    event = dates_of(weekly_series(weeks=2))[0]
    client.force_login(unverified_member)

    response = client.post(series_rsvp_url(event))

    assert messages_of(response) == [EMAIL_NOT_VERIFIED]
    assert not RSVP.objects.exists()


def test_a_member_books_all_dates_with_a_post_and_is_told_what_they_got(client, member):
    series = weekly_series(weeks=3)
    first, second, _ = dates_of(series)
    second.capacity = 0
    second.save()
    client.force_login(member)

    assert client.get(series_rsvp_url(first)).status_code == 405
    response = client.post(series_rsvp_url(first))

    assert response["Location"] == first.get_absolute_url()
    assert messages_of(response) == [
        errors.SERIES_BOOKED_WITH_WAITLIST.format(confirmed=2, waitlisted=1)
    ]
    assert statuses(series, member) == [
        RSVP.Status.CONFIRMED,
        RSVP.Status.WAITLISTED,
        RSVP.Status.CONFIRMED,
    ]


def test_booking_all_dates_again_says_there_is_nothing_left(client, member):
    event = dates_of(weekly_series(weeks=2))[0]
    client.force_login(member)
    client.post(series_rsvp_url(event))

    response = client.post(series_rsvp_url(event))

    assert messages_of(response)[-1] == errors.SERIES_NOTHING_TO_BOOK
    assert RSVP.objects.count() == 2


def test_an_event_outside_a_series_has_no_series_booking(client, member):
    client.force_login(member)

    assert client.post(series_rsvp_url(EventFactory())).status_code == 404
    assert not RSVP.objects.exists()


def test_a_moderator_booking_a_series_books_only_for_themselves(client, group, organiser, member):
    series = weekly_series(weeks=2, group=group)
    services.rsvp_create(event=dates_of(series)[0], member=member)
    client.force_login(organiser)

    client.post(series_rsvp_url(dates_of(series)[0]))

    assert statuses(series, organiser) == [RSVP.Status.CONFIRMED] * 2
    assert statuses(series, member) == [RSVP.Status.CONFIRMED, None]


def test_anonymous_visitors_cannot_book_members_only_series(client, members_only_group, member):
    event = dates_of(weekly_series(weeks=2, group=members_only_group))[0]

    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(member)
    client.post(series_rsvp_url(event))
    assert statuses(event.series, member) == [RSVP.Status.CONFIRMED] * 2


def test_another_member_cannot_cancel_a_date_of_my_series(client, member, other_member):
    series = weekly_series(weeks=2)
    booked = services.series_rsvp_create(series=series, member=member)
    client.force_login(other_member)

    response = client.post(reverse("events:rsvp-cancel", args=[booked[0].pk]))

    assert response.status_code == 404
    assert statuses(series, member) == [RSVP.Status.CONFIRMED] * 2


def test_a_moderator_cannot_cancel_a_members_date_either(client, group, organiser, member):
    series = weekly_series(weeks=2, group=group)
    booked = services.series_rsvp_create(series=series, member=member)
    client.force_login(organiser)

    response = client.post(reverse("events:rsvp-cancel", args=[booked[0].pk]))

    assert response.status_code == 404
    assert statuses(series, member) == [RSVP.Status.CONFIRMED] * 2


def test_the_owner_cancels_one_date_from_the_series_list(client, member):
    series = weekly_series(weeks=3)
    booked = services.series_rsvp_create(series=series, member=member)
    client.force_login(member)
    page = client.get(dates_of(series)[0].get_absolute_url()).text
    cancel_url = reverse("events:rsvp-cancel", args=[booked[1].pk])
    assert f'action="{cancel_url}"' in page

    response = client.post(cancel_url)

    assert messages_of(response) == [errors.BOOKING_CANCELLED]
    assert statuses(series, member) == [
        RSVP.Status.CONFIRMED,
        RSVP.Status.CANCELLED,
        RSVP.Status.CONFIRMED,
    ]


def test_the_event_page_lists_the_series_dates_with_the_members_status(client, member):
    series = weekly_series(weeks=3)
    first, second, third = dates_of(series)
    services.rsvp_create(event=first, member=member)
    third.capacity = 0
    third.save()
    services.rsvp_create(event=third, member=member)
    client.force_login(member)

    text = client.get(second.get_absolute_url()).text

    assert "All dates in this series" in text and "Book all dates" in text
    assert text.count("You have a place</span>") == 1
    assert text.count("On the waiting list</span>") == 1
    assert text.count("Cancel this date") == 2
    assert f'href="{first.get_absolute_url()}"' in text


def test_anonymous_readers_see_the_dates_and_are_asked_to_sign_in(client):
    event = dates_of(weekly_series(weeks=2))[0]

    text = client.get(event.get_absolute_url()).text

    assert "All dates in this series" in text
    assert "Sign in</a> to book all dates" in text
    assert "Cancel this date" not in text


def test_the_series_list_costs_the_same_queries_for_few_or_many_dates(
    client, member, django_assert_max_num_queries
):
    short, long = weekly_series(weeks=2), weekly_series(weeks=10)
    services.series_rsvp_create(series=short, member=member)
    services.series_rsvp_create(series=long, member=member)
    client.force_login(member)
    short_url, long_url = (
        dates_of(short)[0].get_absolute_url(),
        dates_of(long)[0].get_absolute_url(),
    )
    client.get(short_url)

    with django_assert_max_num_queries(14) as few:
        client.get(short_url)
    with django_assert_max_num_queries(14) as many:
        client.get(long_url)

    assert len(few) == len(many)


def test_the_book_all_button_goes_once_every_date_is_booked(client, member):
    series = weekly_series(weeks=2)
    first = dates_of(series)[0]
    client.force_login(member)
    assert "Book all dates" in client.get(first.get_absolute_url()).text

    services.series_rsvp_create(series=series, member=member)

    text = client.get(first.get_absolute_url()).text
    assert "Book all dates" not in text
    assert "You have booked every date." in text
