from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from community.events import services
from community.events.calendar import google_calendar_url
from community.events.permissions import SYSTEM
from community.events.tests.factories import EventFactory, EventSeriesFactory, OnlineEventFactory

pytestmark = pytest.mark.django_db


def fetch(client, url) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def event_ics(client, event) -> icalendar.Event:
    calendar = fetch(client, reverse("events:event-ics", args=[event.pk]))
    (vevent,) = calendar.events
    return vevent


@pytest.fixture
def new_york_event(group):
    return EventFactory(
        group=group,
        title="Ask a rheumatologist",
        time_zone="America/New_York",
        starts_at=datetime(2030, 3, 12, 23, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, 13, 0, 30, tzinfo=UTC),
        venue_name="Brooklyn Library",
        address="10 Grand Army Plaza\nBrooklyn",
        postcode="11238",
    )


def test_an_events_file_has_its_zone_and_local_times(client, new_york_event):
    response = client.get(reverse("events:event-ics", args=[new_york_event.pk]))
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.events

    assert response["Content-Disposition"] == 'attachment; filename="ask-a-rheumatologist.ics"'
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]
    assert vevent["DTSTART"].params["TZID"] == "America/New_York"
    assert vevent.start == datetime(2030, 3, 12, 19, 0, tzinfo=ZoneInfo("America/New_York"))
    assert vevent.end == datetime(2030, 3, 12, 20, 30, tzinfo=ZoneInfo("America/New_York"))
    assert vevent.start.astimezone(UTC) == new_york_event.starts_at
    assert str(vevent["SUMMARY"]) == "Ask a rheumatologist"
    assert str(vevent["UID"]) == new_york_event.ical_uid
    assert str(vevent["URL"]).endswith(new_york_event.get_absolute_url())
    assert str(vevent["LOCATION"]) == "Brooklyn Library, 10 Grand Army Plaza, Brooklyn, 11238"
    assert vevent["SEQUENCE"] == 0
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in vevent


def test_the_uid_stays_and_the_sequence_rises_with_each_change(client, event):
    first = event_ics(client, event)

    services.event_update(
        by=SYSTEM, event=event, title="Leeds meeting: new room", venue_name="Room 2"
    )
    changed = event_ics(client, event)
    services.event_cancel(event=event, by=SYSTEM)
    cancelled = event_ics(client, event)

    assert str(first["UID"]) == str(changed["UID"]) == str(cancelled["UID"])
    assert [first["SEQUENCE"], changed["SEQUENCE"], cancelled["SEQUENCE"]] == [0, 1, 2]
    assert str(changed["SUMMARY"]) == "Leeds meeting: new room"
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_saving_without_changes_keeps_the_sequence(event):
    services.event_update(by=SYSTEM, event=event, title=event.title, capacity=event.capacity)

    event.refresh_from_db()
    assert event.sequence == 0


def test_an_online_events_file_never_contains_the_join_link(client, group):
    event = OnlineEventFactory(group=group)

    content = client.get(reverse("events:event-ics", args=[event.pk])).content.decode()
    vevent = icalendar.Calendar.from_ical(content).events[0]

    assert event.online_url not in content
    assert str(vevent["LOCATION"]).endswith(event.get_absolute_url())


def test_a_group_feed_lists_the_groups_upcoming_events(client, group, other_group):
    mine = EventFactory(group=group, title="Ours")
    cancelled = EventFactory(group=group, title="Called off")
    services.event_cancel(event=cancelled, by=SYSTEM)
    EventFactory(group=other_group, title="Theirs")
    EventFactory(
        group=group,
        title="Last year",
        starts_at=datetime(2020, 1, 1, 10, tzinfo=UTC),
        ends_at=datetime(2020, 1, 1, 11, tzinfo=UTC),
    )

    calendar = fetch(client, reverse("events:feed-group", args=[group.slug]))

    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.events}
    assert statuses == {"Ours": "CONFIRMED", "Called off": "CANCELLED"}
    assert str(calendar["X-WR-CALNAME"]) == f"{group.name}: events"
    assert mine.ical_uid in {str(e["UID"]) for e in calendar.events}


def test_a_members_only_groups_feed_is_hidden_from_anonymous_visitors(
    client, member, members_only_group
):
    EventFactory(group=members_only_group, title="Carers' coffee")
    url = reverse("events:feed-group", args=[members_only_group.slug])

    assert client.get(url).status_code == 404
    client.force_login(member)
    assert [str(e["SUMMARY"]) for e in fetch(client, url).events] == ["Carers' coffee"]


def test_the_site_feed_lists_public_upcoming_events_only(client, member, group, members_only_group):
    EventFactory(group=group, title="Public group event")
    EventFactory(group=None, title="Charity webinar")
    EventFactory(group=members_only_group, title="Private")
    client.force_login(member)  # the site feed is the same for everyone

    calendar = fetch(client, reverse("events:feed-all"))

    assert {str(e["SUMMARY"]) for e in calendar.events} == {"Public group event", "Charity webinar"}


def test_feed_uids_survive_regenerating_a_series(client, group):
    series = EventSeriesFactory(group=group, starts_on=date.today())
    services.series_generate_occurrences(by=SYSTEM, series=series)
    before = fetch(client, reverse("events:feed-group", args=[group.slug]))

    services.series_generate_occurrences(by=SYSTEM, series=series)
    after = fetch(client, reverse("events:feed-group", args=[group.slug]))

    uids = [str(e["UID"]) for e in before.events]
    assert len(uids) >= 12
    assert uids == [str(e["UID"]) for e in after.events]


def test_an_empty_feed_is_still_a_calendar(client):
    calendar = fetch(client, reverse("events:feed-all"))

    assert calendar.events == []
    assert str(calendar["VERSION"]) == "2.0"


def test_google_calendar_link_uses_utc_and_the_events_zone(new_york_event):
    query = parse_qs(urlparse(google_calendar_url(new_york_event)).query)

    assert query["dates"] == ["20300312T230000Z/20300313T003000Z"]
    assert query["ctz"] == ["America/New_York"]
    assert query["text"] == ["Ask a rheumatologist"]
