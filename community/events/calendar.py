"""iCalendar (RFC 5545) files: one event to download, and subscribable feeds. Times carry
their event's TZID with a VTIMEZONE, UIDs never change, SEQUENCE counts the changes."""

from collections.abc import Iterable
from datetime import UTC, date
from urllib.parse import urlencode

import icalendar

from portal.links import absolute_url

from .models import Event

PRODID = "-//Bone & Spine Health//Events//EN"


def _location(event: Event, page_url: str) -> str:
    """The venue for people going in person; the event page (never the private join link)
    for online events."""
    if event.is_in_person:
        parts = [event.venue_name, event.address.replace("\n", ", "), event.postcode]
        return ", ".join(part.strip() for part in parts if part and part.strip())
    return page_url


def _description(event: Event, page_url: str) -> str:
    text = event.description.strip()
    if event.is_online:
        text += "\n\nThe join link is on the event page for members with a place."
    return f"{text}\n\n{page_url}".strip()


def event_component(event: Event) -> icalendar.Event:
    page_url = absolute_url(event.get_absolute_url())
    component = icalendar.Event()
    component.add("uid", event.ical_uid)
    component.add("dtstamp", event.updated_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("created", event.created_at.astimezone(UTC))
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("summary", event.title)
    component.add("description", _description(event, page_url))
    component.add("location", _location(event, page_url))
    component.add("url", page_url)
    component.add("sequence", event.sequence)
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    if event.group_id is not None:
        component.add("categories", [event.group.name])
    return component


def build_calendar(events: Iterable[Event], *, name: str | None = None) -> bytes:
    events = list(events)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("name", name)
    for event in events:
        cal.add_component(event_component(event))
    if events:
        # Time zone rules only for the years the events span keep the file small.
        first = min(event.starts_at for event in events).date()
        last = max(event.ends_at for event in events).date()
        cal.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    return cal.to_ical()


def google_calendar_url(event: Event) -> str:
    """A Google Calendar "add event" link (its template URL), in UTC."""
    stamp = "%Y%m%dT%H%M%SZ"
    page_url = absolute_url(event.get_absolute_url())
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": (
            f"{event.starts_at.astimezone(UTC):{stamp}}/{event.ends_at.astimezone(UTC):{stamp}}"
        ),
        "details": _description(event, page_url),
        "location": _location(event, page_url),
        "ctz": event.time_zone,
    }
    return f"https://calendar.google.com/calendar/render?{urlencode(query)}"
