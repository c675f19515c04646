"""Every protected events URL, tried by every kind of visitor."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from community.events import errors
from community.events.models import RSVP
from community.events.tests.factories import EventFactory, RSVPFactory
from community.forums.tests.factories import SupportGroupFactory
from community.members.permissions import EMAIL_NOT_VERIFIED
from community.members.tests.factories import MemberFactory, UserFactory, enrol_totp
from portal.pages.selectors import trust_page_urls

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Booking ------------------------------------------------------------------------------------


def rsvp_url(event) -> str:
    return reverse("events:rsvp-create", args=[event.pk])


def test_anonymous_visitors_are_asked_to_sign_in_to_book(client, event):
    assert_login_redirect(client.post(rsvp_url(event)))
    assert not RSVP.objects.exists()


def test_unverified_members_are_told_to_confirm_their_email(client, event, unverified_member):
    client.force_login(unverified_member)

    response = client.post(rsvp_url(event))

    assert response.status_code == 302
    assert messages_of(response) == [EMAIL_NOT_VERIFIED]
    assert not RSVP.objects.exists()


def test_members_book_with_a_post(client, event, member):
    client.force_login(member)

    assert client.get(rsvp_url(event)).status_code == 405
    response = client.post(rsvp_url(event))

    assert response["Location"] == event.get_absolute_url()
    assert messages_of(response) == [errors.BOOKED]
    assert RSVP.objects.get().status == RSVP.Status.CONFIRMED


def test_a_full_event_tells_the_member_their_place_in_the_queue(client, group, member):
    event = EventFactory(group=group, capacity=0)
    client.force_login(member)

    response = client.post(rsvp_url(event))

    assert messages_of(response) == [errors.WAITLISTED.format(position=1)]


def test_a_second_booking_is_refused_with_a_message(client, event, member):
    client.force_login(member)
    client.post(rsvp_url(event))

    response = client.post(rsvp_url(event))

    assert messages_of(response)[-1] == errors.ALREADY_BOOKED
    assert RSVP.objects.count() == 1


def test_members_cannot_book_events_of_groups_they_cannot_see(client, members_only_group):
    event = EventFactory(group=members_only_group)

    assert_login_redirect(client.post(rsvp_url(event)))


# Cancelling ---------------------------------------------------------------------------------


def cancel_url(rsvp) -> str:
    return reverse("events:rsvp-cancel", args=[rsvp.pk])


def test_anonymous_visitors_cannot_cancel(client, event):
    rsvp = RSVPFactory(event=event)

    assert_login_redirect(client.post(cancel_url(rsvp)))
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CONFIRMED


def test_a_member_cannot_cancel_someone_elses_booking(client, event, other_member):
    rsvp = RSVPFactory(event=event)
    client.force_login(other_member)

    assert client.post(cancel_url(rsvp)).status_code == 404
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CONFIRMED


def test_a_member_cancels_their_own_booking(client, event, member):
    rsvp = RSVPFactory(event=event, member=member)
    client.force_login(member)

    response = client.post(cancel_url(rsvp))

    assert response["Location"] == event.get_absolute_url()
    assert messages_of(response) == [errors.BOOKING_CANCELLED]
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED


def test_cancelling_needs_a_post(client, event, member):
    rsvp = RSVPFactory(event=event, member=member)
    client.force_login(member)

    assert client.get(cancel_url(rsvp)).status_code == 405


# The attendee list and its CSV --------------------------------------------------------------


@pytest.fixture
def booked(event):
    RSVPFactory(event=event, member=MemberFactory(member_records__display_name="Ann Smith"))
    RSVPFactory(
        event=event,
        member=MemberFactory(member_records__display_name="=HYPERLINK(1)"),
        status="waitlisted",
        waitlist_position=1,
    )
    RSVPFactory(
        event=event, member=MemberFactory(member_records__display_name="Gone"), status="cancelled"
    )
    return event


def people(event, group) -> dict:
    superuser = UserFactory(is_superuser=True, is_staff=True)
    other_organiser = MemberFactory()
    other_organiser.moderated_groups.add(SupportGroupFactory())
    event_organiser = MemberFactory()
    event.organiser = event_organiser
    event.save()
    group_organiser = MemberFactory()
    group.moderators.add(group_organiser)
    editor = MemberFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    attendee = RSVP.objects.filter(event=event).first().member
    for person in (superuser, other_organiser, event_organiser, group_organiser, editor):
        enrol_totp(person)
    return {
        "member": MemberFactory(),
        "attendee": attendee,
        "other_organiser": other_organiser,
        "event_organiser": event_organiser,
        "group_organiser": group_organiser,
        "editor": editor,
        "superuser": superuser,
    }


@pytest.mark.parametrize("name", ["event-attendees", "event-attendees-csv"])
def test_the_attendee_list_is_for_organisers_and_editors(client, booked, group, name):
    url = reverse(f"events:{name}", args=[booked.pk])
    assert_login_redirect(client.get(url))
    expected = {
        "member": 404,
        "attendee": 404,
        "other_organiser": 404,
        "event_organiser": 200,
        "group_organiser": 200,
        "editor": 200,
        "superuser": 200,
    }

    seen = {}
    for role, user in people(booked, group).items():
        client.force_login(user)
        seen[role] = client.get(url).status_code

    assert seen == expected


def test_the_attendee_list_names_members_by_display_name_only(client, booked, organiser):
    client.force_login(organiser)

    response = client.get(reverse("events:event-attendees", args=[booked.pk]))

    assert "Ann Smith" in response.text and "=HYPERLINK(1)" in response.text
    assert "Gone" not in response.text
    assert "@example.org" not in response.text
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_attendee_csv_has_names_status_and_position_but_no_emails(client, booked, organiser):
    client.force_login(organiser)

    response = client.get(reverse("events:event-attendees-csv", args=[booked.pk]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    content = response.content.decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Display name", "Status", "Waiting-list position", "Booked at"]
    assert [row[:3] for row in rows[1:]] == [
        ["Ann Smith", "Confirmed", ""],
        ["'=HYPERLINK(1)", "On the waiting list", "1"],
    ]
    assert "@" not in content


def test_the_attendee_list_has_bounded_queries(
    client, event, organiser, django_assert_max_num_queries
):
    for _ in range(15):
        RSVPFactory(event=event)
    client.force_login(organiser)
    trust_page_urls()  # the site-wide links, cached for every reader but the first

    # The userbar's Wagtail profile, the 2FA check and the reader's time zone.
    with django_assert_max_num_queries(15):
        assert client.get(reverse("events:event-attendees", args=[event.pk])).status_code == 200
