"""Event times read the same everywhere: in the event's zone with its name, and in the reader's
profile zone when its clock differs (the `event_when` tag)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from articles.tests.factories import build_site
from community.events.tests.factories import EventFactory, RSVPFactory
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

NEW_YORK_WEBINAR = {
    "title": "Ask a rheumatologist",
    "time_zone": "America/New_York",
    "starts_at": datetime(2030, 1, 15, 18, 0, tzinfo=UTC),
    "ends_at": datetime(2030, 1, 15, 19, 0, tzinfo=UTC),
}
EVENT_ZONE = (
    'Tuesday 15 January 2030, 13:00</time> to <time datetime="2030-01-15T14:00:00-05:00">'
    "14:00</time> EST"
)
EVENT_ZONE_NAME = "(America/New_York time)"
READER_ZONE = (
    'In your time zone (Europe/London): <time datetime="2030-01-15T18:00:00+00:00">'
    "Tuesday 15 January 2030, 18:00</time>"
)


@pytest.fixture
def webinar():
    return EventFactory(**NEW_YORK_WEBINAR)


@pytest.fixture
def london_member():
    member = MemberFactory()
    member.profile.time_zone = "Europe/London"
    member.profile.save()
    return member


def render_when(event, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load events_tags %}{% event_when event %}")
    return template.render(Context({"event": event, "request": request}))


def test_anonymous_readers_see_the_events_zone_with_its_name(webinar):
    from django.contrib.auth.models import AnonymousUser

    html = render_when(webinar, AnonymousUser())

    assert EVENT_ZONE in html and EVENT_ZONE_NAME in html
    assert "In your time zone" not in html


def test_members_in_another_zone_see_their_time_too(webinar, london_member):
    html = render_when(webinar, london_member)

    assert EVENT_ZONE in html and EVENT_ZONE_NAME in html
    assert READER_ZONE in html


def test_members_in_the_events_zone_see_one_time(webinar):
    member = MemberFactory()
    member.profile.time_zone = "America/New_York"
    member.profile.save()

    assert "In your time zone" not in render_when(webinar, member)


def test_the_readers_date_is_given_when_it_differs_from_the_events(london_member):
    late = EventFactory(
        time_zone="America/New_York",
        starts_at=datetime(2030, 1, 16, 2, 0, tzinfo=UTC),
        ends_at=datetime(2030, 1, 16, 3, 0, tzinfo=UTC),
    )

    html = render_when(late, london_member)

    assert "Tuesday 15 January 2030, 21:00" in html
    assert "Wednesday 16 January 2030, 02:00" in html


def test_the_home_page_shows_times_in_both_zones(client, webinar, london_member):
    build_site()
    client.force_login(london_member)

    text = client.get("/").text

    assert EVENT_ZONE in text and READER_ZONE in text


def test_the_home_page_names_the_events_zone_for_anonymous_readers(client, webinar):
    build_site()

    text = client.get("/").text

    assert EVENT_ZONE in text and EVENT_ZONE_NAME in text
    assert "In your time zone" not in text


def test_the_event_list_shows_times_in_both_zones(client, webinar, london_member):
    client.force_login(london_member)

    text = client.get(reverse("events:event-list")).text

    assert EVENT_ZONE in text and READER_ZONE in text


def test_the_event_page_shows_times_in_both_zones(client, webinar, london_member):
    client.force_login(london_member)

    text = client.get(webinar.get_absolute_url()).text

    assert EVENT_ZONE in text and READER_ZONE in text


def test_reminders_give_the_time_in_the_events_zone_and_the_recipients(
    london_member, mailoutbox, django_capture_on_commit_callbacks
):
    soon = datetime.now(UTC) + timedelta(hours=3)
    event = EventFactory(
        time_zone="America/New_York", starts_at=soon, ends_at=soon + timedelta(hours=1)
    )
    RSVPFactory(event=event, member=london_member)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")

    (email,) = mailoutbox
    local = event.starts_at.astimezone(event.tzinfo)
    reader = event.starts_at.astimezone(ZoneInfo("Europe/London"))
    assert f"{local:%H:%M} to" in email.body and "(America/New_York time)" in email.body
    assert f"In your time zone (Europe/London): {reader:%A %-d %B %Y, %H:%M}" in email.body
    html = email.alternatives[0][0]
    assert "(America/New_York time)" in html and "In your time zone (Europe/London)" in html


def test_the_ics_file_gives_the_events_zone_as_tzid(client, webinar):
    response = client.get(reverse("events:event-ics", args=[webinar.pk]))

    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.events
    assert vevent["DTSTART"].params["TZID"] == "America/New_York"
    assert vevent.decoded("DTSTART") == NEW_YORK_WEBINAR["starts_at"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
