"""My activity: a member's own threads, replies, bookmarks and bookings, section by section,
at a cost that does not grow with what they have done, and to nobody but them."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from community.events import errors as event_errors
from community.events.models import RSVP
from community.events.tests.factories import EventFactory, EventSeriesFactory, RSVPFactory
from community.forums import services
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import with_powers
from portal.tests.query_counts import pages_built_on_each_request, queries_for  # noqa: F401

pytestmark = pytest.mark.django_db
ACTIVITY = reverse("members:activity")
SECTION_QUERIES = 9  # the bookings section is the dearest (8), plus the header bell


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    settings.FORUM_NOTIFICATION_DELAY = None
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    settings.FORUM_POST_RATE_LIMIT = (10_000, 600)


@pytest.fixture
def group(db):
    return SupportGroupFactory(name="Living with back pain", slug="back-pain")


@pytest.fixture
def me(db):
    member = ExperiencedMemberFactory(member_records__display_name="Robin")
    member.profile.time_zone = "America/New_York"
    member.profile.save()
    return member


@pytest.fixture
def someone(db):
    return ExperiencedMemberFactory(member_records__display_name="Sam")


def section(name: str) -> str:
    return f"{ACTIVITY}?section={name}"


def add_activity(*, me, someone, group, count: int):
    """`count` of each: threads I started, my replies, my bookmarks, my bookings (one series
    of `count` dates); and as much by someone else."""
    for number in range(count):
        mine = make_thread(group=group, author=me, title=f"My question {number}")
        theirs = make_thread(group=group, author=someone, title=f"Their question {number}")
        make_reply(thread=theirs, author=me, body=f"My answer {number}")
        answer = make_reply(thread=mine, author=someone, body=f"Their answer {number}")
        services.bookmark_add(member=me, post=answer)
        services.bookmark_add(member=someone, post=theirs.first_post)
    series = EventSeriesFactory(title="Strong bones class", group=group)
    start = timezone.now() + timedelta(days=2)
    for number in range(count):
        event = EventFactory(
            group=group,
            series=series,
            title="Strong bones class",
            starts_at=start + timedelta(days=7 * number),
            ends_at=start + timedelta(days=7 * number, hours=1),
        )
        RSVPFactory(event=event, member=me)
        RSVPFactory(event=event, member=someone)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(ACTIVITY)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unknown_section_is_not_found(client, me):
    client.force_login(me)

    assert client.get(section("secrets")).status_code == 404


def test_the_header_and_the_account_menu_link_to_my_activity(client, me):
    client.force_login(me)

    page = client.get(reverse("members:profile-edit")).text

    assert page.count(f'href="{ACTIVITY}"') == 2


def test_my_threads_lists_only_threads_i_started_latest_activity_first(client, me, someone, group):
    older = make_thread(group=group, author=me, title="Older question")
    newer = make_thread(group=group, author=me, title="Newer question")
    make_thread(group=group, author=someone, title="Not mine")
    make_reply(thread=older, author=someone)
    client.force_login(me)

    page = client.get(ACTIVITY).text

    assert "Not mine" not in page
    assert page.index("Older question") < page.index("Newer question")
    assert "1 reply" in page
    client.get(newer.get_absolute_url())  # read, then a reply comes
    make_reply(thread=newer, author=someone)
    assert "1 unread" in client.get(ACTIVITY).text


def test_my_replies_lists_my_replies_with_their_thread_and_a_link_to_each(
    client, me, someone, group
):
    theirs = make_thread(group=group, author=someone, title="How do you sleep?")
    reply = make_reply(thread=theirs, author=me, body="On my side, with a pillow.")
    make_reply(thread=theirs, author=someone, body="Thank you!")
    make_thread(group=group, author=me, title="My own opening post")
    client.force_login(me)

    page = client.get(section("replies")).text

    assert "Reply #2 in “How do you sleep?”" in page
    assert f'href="{reply.get_absolute_url()}"' in page
    assert "Thank you!" not in page
    assert "My own opening post" not in page


def test_my_bookmarks_lists_them_with_a_remove_button(client, me, someone, group):
    thread = make_thread(group=group, author=someone, title="Exercises that helped")
    post = make_reply(thread=thread, author=someone, body="Wall push-ups.")
    bookmark = services.bookmark_add(member=me, post=post)
    client.force_login(me)

    page = client.get(section("bookmarks")).text

    assert "Post #2 in “Exercises that helped”" in page
    assert "Wall push-ups." in page
    assert reverse("forums:bookmark-delete", args=[bookmark.pk]) in page


def test_my_bookings_lists_upcoming_places_and_waiting_lists_in_my_zone(client, me, someone, group):
    soon = EventFactory(group=group, title="Webinar on bone density", time_zone="Europe/London")
    full = EventFactory(group=group, title="Full walk", capacity=1)
    RSVPFactory(event=soon, member=me)
    RSVPFactory(event=full, member=someone)
    RSVPFactory(
        event=full, member=ExperiencedMemberFactory(), status="waitlisted", waitlist_position=1
    )
    RSVPFactory(event=full, member=me, status="waitlisted", waitlist_position=2)
    RSVPFactory(event=EventFactory(title="Cancelled by me"), member=me, status="cancelled")
    RSVPFactory(event=EventFactory(title="Someone else's"), member=someone)
    past = timezone.now() - timedelta(days=3)
    RSVPFactory(
        event=EventFactory(title="Last week", starts_at=past, ends_at=past + timedelta(hours=1)),
        member=me,
    )
    client.force_login(me)

    page = client.get(section("bookings")).text

    assert page.index("Webinar on bone density") < page.index("Full walk")
    assert "Waiting list: number 2" in page
    for absent in ("Cancelled by me", "Someone else's", "Last week"):
        assert absent not in page
    assert "In your time zone (America/New_York)" in page
    assert reverse("events:event-ics", args=[soon.pk]) in page
    assert page.count(">Cancel this date<") == 1
    assert page.count(">Leave the waiting list<") == 1


def test_a_series_booking_says_which_series_each_date_belongs_to(client, me, someone, group):
    add_activity(me=me, someone=someone, group=group, count=2)
    client.force_login(me)

    page = client.get(section("bookings")).text

    assert page.count("One date of a series: Every Wednesday") == 2


@pytest.mark.usefixtures("pages_built_on_each_request")
@pytest.mark.parametrize("name", ["threads", "replies", "bookmarks", "bookings"])
def test_each_section_costs_the_same_for_a_little_and_a_lot_of_activity(
    client, me, someone, group, name, django_assert_max_num_queries
):
    add_activity(me=me, someone=someone, group=group, count=1)
    client.force_login(me)
    little = queries_for(client, section(name))

    add_activity(me=me, someone=someone, group=group, count=12)

    assert queries_for(client, section(name)) == little
    with django_assert_max_num_queries(SECTION_QUERIES):
        client.get(section(name))


def test_a_section_pages_through_many_items(client, settings, me, someone, group):
    add_activity(me=me, someone=someone, group=group, count=22)
    client.force_login(me)

    page = client.get(section("threads")).text

    assert "Page 1 of 2" in page
    assert 'href="?section=threads&amp;page=2"' in page


# Cancelling from My activity, by every kind of visitor ------------------------------------


def cancel(client, rsvp, **data):
    return client.post(reverse("events:rsvp-cancel", args=[rsvp.pk]), data)


def test_cancelling_a_date_from_my_activity(client, me, someone, group):
    event = EventFactory(group=group)
    rsvp = RSVPFactory(event=event, member=me)
    organiser = with_powers(
        ExperiencedMemberFactory(), auth_groups=("Moderators",), moderates=group
    )
    back = section("bookings")

    assert cancel(client, rsvp, next=back)["Location"].startswith(reverse("account_login"))
    for someone_else in (someone, organiser):
        client.force_login(someone_else)
        assert cancel(client, rsvp, next=back).status_code == 404
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CONFIRMED

    client.force_login(me)
    response = cancel(client, rsvp, next=back)

    assert response["Location"] == back
    assert [str(m) for m in get_messages(response.wsgi_request)] == [event_errors.BOOKING_CANCELLED]
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED
    assert event.title not in client.get(back).text


def test_cancelling_never_redirects_to_another_site(client, me, group):
    event = EventFactory(group=group)
    rsvp = RSVPFactory(event=event, member=me)
    client.force_login(me)

    response = cancel(client, rsvp, next="https://evil.example/")

    assert response["Location"] == event.get_absolute_url()
