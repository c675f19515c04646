from datetime import time, timedelta

import factory
from django.utils import timezone

from community.events.models import RSVP, Event, EventSeries


class EventFactory(factory.django.DjangoModelFactory):
    """An upcoming in-person group meeting next week, with 20 places."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Bone health meeting {n}")
    description = "We talk about living well with osteoporosis. Tea and biscuits provided."
    kind = Event.Kind.GROUP_MEETING
    format = Event.Format.IN_PERSON
    region = Event.Region.LONDON
    venue_name = "Community Hall"
    address = "1 High Street\nLondon"
    postcode = "N1 1AA"
    time_zone = "Europe/London"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=90))
    capacity = 20


class OnlineEventFactory(EventFactory):
    kind = Event.Kind.WEBINAR
    format = Event.Format.ONLINE
    region = Event.Region.ONLINE
    venue_name = ""
    address = ""
    postcode = ""
    online_url = "https://meet.example.org/secret-room-42"


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    title = "Wednesday evening group"
    kind = "group-meeting"
    format = "in-person"
    venue_name = "Community Hall"
    time_zone = "Europe/London"
    frequency = EventSeries.Frequency.WEEKLY
    weekday = EventSeries.Weekday.WEDNESDAY
    start_time = time(18, 0)
    duration_minutes = 90
    starts_on = factory.LazyFunction(lambda: timezone.now().date())
    capacity = 12


class RSVPFactory(factory.django.DjangoModelFactory):
    """A booking written straight to the database; tests of booking rules use the service."""

    class Meta:
        model = RSVP

    event = factory.SubFactory(EventFactory)
    member = factory.SubFactory("community.members.tests.factories.MemberFactory")
    status = RSVP.Status.CONFIRMED
