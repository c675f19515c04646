"""Bad input is refused with a clear message, in the admin's forms and in the database."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.events import errors
from community.events.forms import EventForm, EventSeriesForm
from community.events.models import RSVP, Event, EventSeries
from community.events.tests.factories import EventFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db


def event_data(**changes) -> dict:
    data = {
        "title": "Walking for stronger bones",
        "description": "A gentle walk round the park.",
        "kind": "group-meeting",
        "format": "in-person",
        "group": "",
        "organiser": "",
        "status": "scheduled",
        "time_zone": "Europe/London",
        "local_start": "2030-05-01 18:00",
        "local_end": "2030-05-01 19:30",
        "local_rsvp_deadline": "",
        "capacity": "12",
        "region": "london",
        "venue_name": "Park gates",
        "address": "",
        "postcode": "",
        "latitude": "",
        "longitude": "",
        "accessibility_notes": "",
        "online_url": "",
    }
    return {**data, **changes}


def test_the_form_reads_times_as_local_to_the_events_zone(editor):
    form = EventForm(
        data=event_data(
            time_zone="America/New_York",
            local_start="2030-01-14 19:00",
            local_end="2030-01-14 20:30",
        ),
        for_user=editor,
    )

    assert form.is_valid(), form.errors
    values = form.event_values()
    assert values["starts_at"] == datetime(2030, 1, 15, 0, 0, tzinfo=UTC)
    assert values["ends_at"] == datetime(2030, 1, 15, 1, 30, tzinfo=UTC)


def test_the_form_shows_an_events_times_in_its_own_zone(editor):
    event = EventFactory(
        time_zone="America/New_York",
        starts_at=datetime(2030, 1, 15, 0, 0, tzinfo=UTC),
        ends_at=datetime(2030, 1, 15, 1, 0, tzinfo=UTC),
    )

    form = EventForm(instance=event, for_user=editor)

    assert form["local_start"].value() == datetime(2030, 1, 14, 19, 0)


@pytest.mark.parametrize("end", ["2030-05-01 17:00", "2030-05-01 18:00"])
def test_an_event_must_end_after_it_starts(editor, end):
    form = EventForm(data=event_data(local_end=end), for_user=editor)

    assert not form.is_valid()
    assert form.errors["local_end"] == [errors.END_BEFORE_START]


def test_capacity_cannot_be_negative(editor):
    form = EventForm(data=event_data(capacity="-1"), for_user=editor)

    assert not form.is_valid()
    assert form.errors["capacity"] == [errors.NEGATIVE_CAPACITY]


def test_an_unknown_time_zone_is_refused(editor):
    form = EventForm(data=event_data(time_zone="Mars/Olympus_Mons"), for_user=editor)

    assert not form.is_valid()
    assert form.errors["time_zone"] == [errors.UNKNOWN_TIME_ZONE]


def test_the_database_refuses_an_event_ending_before_it_starts():
    start = timezone.now() + timedelta(days=3)

    with pytest.raises(IntegrityError, match="event_ends_after_start"), transaction.atomic():
        EventFactory(starts_at=start, ends_at=start - timedelta(hours=1))
    assert not Event.objects.exists()


def test_the_database_refuses_negative_capacity():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(capacity=-5)
    assert not Event.objects.exists()


def test_model_validation_names_the_broken_rule():
    start = timezone.now() + timedelta(days=3)
    event = EventFactory.build(starts_at=start, ends_at=start)

    with pytest.raises(ValidationError) as invalid:
        event.full_clean(exclude=["slug"])

    assert errors.END_BEFORE_START in invalid.value.messages


def test_the_database_keeps_waiting_positions_only_for_waiting_members(event, member):
    with pytest.raises(IntegrityError), transaction.atomic():
        RSVP.objects.create(event=event, member=member, status="confirmed", waitlist_position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RSVP.objects.create(event=event, member=member, status="waitlisted")


def test_the_database_refuses_a_second_booking_by_the_same_member(event, member):
    RSVP.objects.create(event=event, member=member, status="confirmed")

    with pytest.raises(IntegrityError), transaction.atomic():
        RSVP.objects.create(event=event, member=member, status="confirmed")


def series_data(**changes) -> dict:
    data = {
        "title": "Chair yoga",
        "description": "",
        "frequency": "monthly",
        "weekday": "1",
        "ordinal": "1",
        "start_time": "10:00",
        "duration_minutes": "60",
        "starts_on": "2030-01-01",
        "ends_on": "",
        "rsvp_hours_before": "",
        "kind": "exercise-class",
        "format": "online",
        "region": "online",
        "venue_name": "",
        "address": "",
        "postcode": "",
        "latitude": "",
        "longitude": "",
        "accessibility_notes": "",
        "online_url": "https://meet.example.org/yoga",
        "capacity": "",
        "time_zone": "Europe/London",
        "group": "",
        "organiser": "",
    }
    return {**data, **changes}


def test_a_monthly_series_needs_its_week_of_the_month(editor):
    form = EventSeriesForm(data=series_data(ordinal=""), for_user=editor)

    assert not form.is_valid()
    assert form.errors["ordinal"] == [errors.ORDINAL_REQUIRED]


def test_a_series_cannot_end_before_it_starts(editor):
    form = EventSeriesForm(data=series_data(ends_on="2029-12-01"), for_user=editor)

    assert not form.is_valid()
    assert errors.SERIES_ENDS_BEFORE_START in form.errors["ends_on"]


def test_a_valid_series_form(editor):
    form = EventSeriesForm(data=series_data(), for_user=editor)

    assert form.is_valid(), form.errors


def test_the_database_refuses_a_monthly_series_without_its_week():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventSeriesFactory(frequency=EventSeries.Frequency.MONTHLY, ordinal=None)
