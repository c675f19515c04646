import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.events import services
from community.events.models import Event
from community.events.permissions import SYSTEM
from community.events.tests.factories import EventFactory, OnlineEventFactory, RSVPFactory
from community.members.tests.factories import MemberFactory
from portal.pages.selectors import trust_page_urls

pytestmark = pytest.mark.django_db

LIST_URL = reverse("events:event-list")


def titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def json_ld(response) -> dict:
    (found,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.DOTALL
    )
    return json.loads(found)


def test_the_listing_shows_upcoming_events_soonest_first(client):
    later = EventFactory(title="Later", starts_at=timezone.now() + timedelta(days=20))
    sooner = EventFactory(title="Sooner", starts_at=timezone.now() + timedelta(days=2))
    EventFactory(title="Over", starts_at=timezone.now() - timedelta(days=3))

    response = client.get(LIST_URL)

    assert titles(response) == [sooner.title, later.title]


def test_past_events_have_their_own_listing_latest_first(client):
    EventFactory(title="Coming")
    EventFactory(title="Long ago", starts_at=timezone.now() - timedelta(days=30))
    EventFactory(title="Last week", starts_at=timezone.now() - timedelta(days=7))

    response = client.get(reverse("events:event-list-past"))

    assert titles(response) == ["Last week", "Long ago"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=webinar", ["Webinar on diet"]),
        ("format=online", ["Webinar on diet"]),
        ("region=london", ["London walk"]),
        ("group=leeds", ["Leeds meeting"]),
        ("kind=group-meeting&region=yorkshire", ["Leeds meeting"]),
        ("kind=talk", []),
        ("kind=nonsense", ["Leeds meeting", "London walk", "Webinar on diet"]),
    ],
)
def test_the_listing_filters_by_kind_format_region_and_group(client, group, query, expected):
    EventFactory(title="Leeds meeting", group=group, region="yorkshire")
    EventFactory(title="London walk", region="london")
    OnlineEventFactory(title="Webinar on diet")

    response = client.get(f"{LIST_URL}?{query}")

    assert sorted(titles(response)) == expected


def test_filter_chips_keep_the_other_filters(client, group):
    EventFactory(group=group)

    response = client.get(f"{LIST_URL}?kind=webinar&region=london")

    assert 'href="?kind=webinar&amp;region=london&amp;format=online"' not in response.text
    assert 'href="?kind=webinar&amp;format=online&amp;region=london"' in response.text
    assert 'class="chip chip--active" href="?kind=webinar&amp;region=london"' in response.text


def test_members_only_groups_events_are_for_signed_in_members(client, member, members_only_group):
    private = EventFactory(group=members_only_group, title="Carers' coffee morning")

    assert titles(client.get(LIST_URL)) == []
    assert client.get(private.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:event-ics", args=[private.pk])).status_code == 404

    client.force_login(member)
    assert titles(client.get(LIST_URL)) == ["Carers' coffee morning"]
    response = client.get(private.get_absolute_url())
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.text


def test_pages_keep_the_filters(client, settings):
    settings.EVENTS_PER_PAGE = 2
    for _ in range(3):
        OnlineEventFactory()

    response = client.get(f"{LIST_URL}?format=online")

    assert 'href="?format=online&amp;page=2"' in response.text


def _listing_queries(client, count: int, group) -> int:
    Event.objects.all().delete()
    for index in range(count):
        event = EventFactory(title=f"Event {index}", capacity=5, group=group if index % 2 else None)
        RSVPFactory(event=event)
    trust_page_urls()  # the site-wide footer links, cached for every reader but the first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL)
    assert len(response.context["events"]) == count
    return len(queries)


SIGNED_IN_LISTING_QUERIES = 5


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_listing_runs_the_same_queries_for_10_or_100_events(
    client, settings, group, member, signed_in, django_assert_max_num_queries
):
    settings.EVENTS_PER_PAGE = 100
    if signed_in:
        client.force_login(member)
        client.get(LIST_URL)  # the reader's permissions and bell count, cached from then on

    ten = _listing_queries(client, 10, group)
    hundred = _listing_queries(client, 100, group)

    assert ten == hundred
    # A signed-in reader: the user, the groups, the count, the events and their profile (for
    # their time zone); the session, permissions and bell come from the cache (10 before).
    with django_assert_max_num_queries(SIGNED_IN_LISTING_QUERIES if signed_in else 8):
        client.get(LIST_URL)


def test_the_event_page_shows_time_place_access_and_organiser(client, group):
    organiser = MemberFactory(member_records__display_name="Jo the organiser")
    event = EventFactory(
        group=group,
        organiser=organiser,
        title="Strong bones talk",
        capacity=10,
        step_free_access=True,
        hearing_loop=True,
        accessibility_notes="Lift to the first floor.",
        starts_at=datetime(2030, 6, 4, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 6, 4, 18, 30, tzinfo=UTC),
    )
    RSVPFactory(event=event)

    response = client.get(event.get_absolute_url())

    text = response.text
    assert "Tuesday 4 June 2030, 18:00</time> to" in text and "19:30</time> BST" in text
    assert "Community Hall" in text and "N1 1AA" in text
    assert "https://www.openstreetmap.org/search?query=Community+Hall%2C+1+High+Street" in text
    assert "Step-free access: yes" in text and "Hearing loop: yes" in text
    assert "Seating available: no" in text and "Lift to the first floor." in text
    assert "Jo the organiser" in text and organiser.email not in text
    assert "9 of 10 places left." in text
    assert "Sign in to book a place" in text


def test_the_map_link_uses_coordinates_when_known(client):
    event = EventFactory(latitude="53.800800", longitude="-1.549100")

    response = client.get(event.get_absolute_url())

    assert "https://www.openstreetmap.org/?mlat=53.800800&amp;mlon=-1.549100" in response.text


def test_a_member_sees_the_time_in_their_own_zone_too(client, member):
    member.profile.time_zone = "America/New_York"
    member.profile.save()
    event = EventFactory(
        starts_at=datetime(2030, 6, 4, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 6, 4, 18, 0, tzinfo=UTC),
    )
    client.force_login(member)

    response = client.get(event.get_absolute_url())

    assert "In your time zone (America/New_York)" in response.text
    assert "Tuesday 4 June 2030, 13:00</time>" in response.text


def test_no_second_time_when_the_readers_clock_matches(client, member):
    member.profile.time_zone = "Europe/Lisbon"  # same offset as London
    member.profile.save()
    event = EventFactory()
    client.force_login(member)

    assert "In your time zone" not in client.get(event.get_absolute_url()).text


def test_only_members_with_a_place_see_the_join_link(client, group, member, other_member):
    event = OnlineEventFactory(group=group, capacity=1)
    services.rsvp_create(event=event, member=member)
    services.rsvp_create(event=event, member=other_member)  # waiting list

    assert event.online_url not in client.get(event.get_absolute_url()).text
    client.force_login(other_member)
    waiting_page = client.get(event.get_absolute_url()).text
    assert event.online_url not in waiting_page
    assert "You are number 1 on the waiting list" in waiting_page
    client.force_login(member)
    assert event.online_url in client.get(event.get_absolute_url()).text


def test_the_event_page_redirects_to_its_canonical_address(client, event):
    response = client.get(reverse("events:event-detail-short", args=[event.pk]))

    assert response.status_code == 301
    assert response["Location"] == event.get_absolute_url()


def test_the_event_page_has_bounded_queries(client, member, event, django_assert_max_num_queries):
    RSVPFactory(event=event, member=member)
    client.force_login(member)

    # 12, and one for the header bell's unread count.
    with django_assert_max_num_queries(13):
        assert client.get(event.get_absolute_url()).status_code == 200


def test_json_ld_describes_an_in_person_event(client, group):
    event = EventFactory(
        group=group,
        title="Leeds meeting",
        capacity=1,
        starts_at=datetime(2030, 1, 15, 18, 0, tzinfo=UTC),
        ends_at=datetime(2030, 1, 15, 19, 0, tzinfo=UTC),
        latitude="53.8",
        longitude="-1.55",
    )
    RSVPFactory(event=event)

    data = json_ld(client.get(event.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Leeds meeting"
    assert data["startDate"] == "2030-01-15T18:00:00+00:00"
    assert data["endDate"] == "2030-01-15T19:00:00+00:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["@type"] == "PostalAddress"
    assert data["location"]["address"]["postalCode"] == "N1 1AA"
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 53.8,
        "longitude": -1.55,
    }
    assert data["offers"]["price"] == "0"
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    assert data["organizer"]["@type"] == "Organization"
    assert group.name in data["organizer"]["name"]
    assert data["url"].endswith(event.get_absolute_url())


def test_json_ld_of_a_cancelled_online_event_keeps_the_join_link_private(client):
    event = OnlineEventFactory(
        time_zone="America/New_York",
        starts_at=datetime(2030, 1, 15, 0, 0, tzinfo=UTC),
        ends_at=datetime(2030, 1, 15, 1, 0, tzinfo=UTC),
    )
    services.event_cancel(event=event, by=SYSTEM)

    response = client.get(event.get_absolute_url())
    data = json_ld(response)

    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": data["url"]}
    assert data["startDate"] == "2030-01-14T19:00:00-05:00"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert event.online_url not in response.text


def test_json_ld_of_a_hybrid_event_has_both_locations_and_cannot_be_broken_out_of(client):
    event = EventFactory(format="hybrid", title="</script><script>alert(1)</script>")

    response = client.get(event.get_absolute_url())
    data = json_ld(response)

    assert "<script>alert(1)" not in response.text
    assert data["name"] == "</script><script>alert(1)</script>"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
