"""How event times read: in the event's own zone, named, and — for a member whose profile zone
keeps a different clock at that moment — in the member's zone too. The `event_when` template
tag is the one place pages, cards and emails take this from."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.dateformat import format as date_format

from community.members.time_zones import time_zone_names

DAY_AND_TIME = "l j F Y, H:i"
TIME_ONLY = "H:i"


@dataclass(frozen=True)
class Span:
    zone: str
    starts_at: datetime
    ends_at: datetime

    @property
    def start_iso(self) -> str:
        return self.starts_at.isoformat()

    @property
    def end_iso(self) -> str:
        return self.ends_at.isoformat()

    @property
    def start_text(self) -> str:
        return date_format(self.starts_at, DAY_AND_TIME)

    @property
    def end_text(self) -> str:
        same_day = self.starts_at.date() == self.ends_at.date()
        return date_format(self.ends_at, TIME_ONLY if same_day else DAY_AND_TIME)

    @property
    def abbreviation(self) -> str:
        return date_format(self.ends_at, "T")


def span_in(event, zone: str) -> Span:
    tzinfo = ZoneInfo(zone)
    return Span(zone, event.starts_at.astimezone(tzinfo), event.ends_at.astimezone(tzinfo))


def profile_time_zone(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None)
    zone = profile.time_zone if profile is not None else ""
    return zone if zone in time_zone_names() else None


def reader_span(user, event) -> Span | None:
    """The event in the reader's zone, when its clock there differs from the event's own."""
    zone = profile_time_zone(user)
    if zone is None or zone == event.time_zone:
        return None
    span = span_in(event, zone)
    if span.starts_at.utcoffset() == event.starts_at.astimezone(event.tzinfo).utcoffset():
        return None
    return span
