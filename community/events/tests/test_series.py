from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.events import services
from community.events.models import RSVP, Event, EventSeries
from community.events.permissions import SYSTEM
from community.events.services.series import nth_weekday
from community.events.tests.factories import EventSeriesFactory
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

Weekday, Ordinal = EventSeries.Weekday, EventSeries.Ordinal


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def generate(series, since, until):
    services.series_generate_occurrences(by=SYSTEM, series=series, since=since, until=until)
    return list(series.occurrences.order_by("starts_at"))


def local_times(events) -> set[str]:
    return {f"{event.local_start:%H:%M}" for event in events}


def test_weekly_london_meeting_keeps_1800_when_the_clocks_go_forward():
    series = EventSeriesFactory(
        time_zone="Europe/London", weekday=Weekday.WEDNESDAY, start_time=time(18, 0)
    )

    events = generate(series, date(2027, 3, 17), date(2027, 4, 7))

    assert [e.starts_at for e in events] == [
        utc(2027, 3, 17, 18),
        utc(2027, 3, 24, 18),
        utc(2027, 3, 31, 17),
        utc(2027, 4, 7, 17),
    ]
    assert local_times(events) == {"18:00"}
    assert [e.ends_at - e.starts_at for e in events] == [timedelta(minutes=90)] * 4


def test_weekly_london_meeting_keeps_1800_when_the_clocks_go_back():
    series = EventSeriesFactory(
        time_zone="Europe/London", weekday=Weekday.WEDNESDAY, start_time=time(18, 0)
    )

    events = generate(series, date(2027, 10, 20), date(2027, 11, 10))

    assert [e.starts_at for e in events] == [
        utc(2027, 10, 20, 17),
        utc(2027, 10, 27, 17),
        utc(2027, 11, 3, 18),
        utc(2027, 11, 10, 18),
    ]
    assert local_times(events) == {"18:00"}


def test_weekly_new_york_class_across_both_changes():
    series = EventSeriesFactory(
        time_zone="America/New_York", weekday=Weekday.THURSDAY, start_time=time(19, 0)
    )

    spring = generate(series, date(2027, 3, 4), date(2027, 3, 18))
    autumn = generate(series, date(2027, 11, 4), date(2027, 11, 11))[len(spring) :]

    assert [e.starts_at for e in spring] == [
        utc(2027, 3, 5, 0),
        utc(2027, 3, 12, 0),
        utc(2027, 3, 18, 23),
    ]
    assert [e.starts_at for e in autumn] == [utc(2027, 11, 4, 23), utc(2027, 11, 12, 0)]
    assert local_times(spring + autumn) == {"19:00"}
    assert {e.series_date.weekday() for e in spring + autumn} == {Weekday.THURSDAY}


def test_monthly_first_tuesday_in_new_york():
    series = EventSeriesFactory(
        time_zone="America/New_York",
        frequency=EventSeries.Frequency.MONTHLY,
        weekday=Weekday.TUESDAY,
        ordinal=Ordinal.FIRST,
        start_time=time(19, 0),
    )

    spring = generate(series, date(2027, 2, 1), date(2027, 4, 30))
    autumn = generate(series, date(2027, 10, 1), date(2027, 12, 31))[len(spring) :]

    assert [e.starts_at for e in spring] == [
        utc(2027, 2, 3, 0),
        utc(2027, 3, 3, 0),
        utc(2027, 4, 6, 23),
    ]
    assert [e.starts_at for e in autumn] == [
        utc(2027, 10, 5, 23),
        utc(2027, 11, 2, 23),
        utc(2027, 12, 8, 0),
    ]
    assert local_times(spring + autumn) == {"19:00"}


def test_monthly_last_weekday_and_missing_fifth():
    assert nth_weekday(2027, 3, Weekday.FRIDAY, Ordinal.LAST) == date(2027, 3, 26)
    assert nth_weekday(2027, 2, Weekday.MONDAY, 5) is None
    assert nth_weekday(2027, 3, Weekday.MONDAY, Ordinal.SECOND) == date(2027, 3, 8)


def test_generating_again_creates_nothing_and_keeps_every_uid():
    series = EventSeriesFactory(weekday=Weekday.WEDNESDAY)
    first = generate(series, date(2027, 3, 1), date(2027, 5, 31))

    again = services.series_generate_occurrences(
        by=SYSTEM, series=series, since=date(2027, 3, 1), until=date(2027, 5, 31)
    )

    assert again == []
    assert [e.uid for e in generate(series, date(2027, 3, 1), date(2027, 5, 31))] == [
        e.uid for e in first
    ]
    assert len({e.uid for e in first}) == len(first) == 13


def test_occurrences_copy_the_series_details_and_booking_deadline(group):
    series = EventSeriesFactory(
        group=group, title="Strong bones class", capacity=8, rsvp_hours_before=24
    )

    event = generate(series, date(2027, 3, 1), date(2027, 3, 7))[0]

    assert (event.title, event.group, event.capacity) == ("Strong bones class", group, 8)
    assert event.slug == "strong-bones-class"
    assert event.rsvp_deadline == event.starts_at - timedelta(hours=24)


def test_occurrences_are_made_months_ahead_from_today(settings):
    settings.EVENTS_SERIES_MONTHS_AHEAD = 1
    series = EventSeriesFactory(weekday=timezone.now().weekday())

    created = services.series_generate_occurrences(by=SYSTEM, series=series)

    assert 4 <= len(created) <= 6
    assert created[-1].starts_at < timezone.now() + timedelta(days=32)


def test_series_ends_on_its_end_date():
    series = EventSeriesFactory(starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 20))

    assert len(generate(series, date(2027, 3, 1), date(2027, 6, 1))) == 3


def test_a_new_time_applies_to_future_occurrences_only(
    mailoutbox, django_capture_on_commit_callbacks
):
    series = EventSeriesFactory(weekday=Weekday.WEDNESDAY, start_time=time(18, 0))
    events = generate(series, date(2027, 3, 17), date(2027, 4, 7))
    attendee = MemberFactory()
    RSVP.objects.create(event=events[3], member=attendee, status=RSVP.Status.CONFIRMED)

    with django_capture_on_commit_callbacks(execute=True):
        services.series_update_future(
            by=SYSTEM,
            series=series,
            from_event=events[2],
            start_time=time(19, 30),
            title="Evening group",
        )

    after = list(series.occurrences.order_by("starts_at"))
    assert [f"{e.local_start:%H:%M}" for e in after] == ["18:00", "18:00", "19:30", "19:30"]
    assert after[2].starts_at == utc(2027, 3, 31, 18, 30)
    assert [e.title for e in after] == [events[0].title] * 2 + ["Evening group"] * 2
    assert [e.sequence for e in after] == [0, 0, 1, 1]
    assert [m.to for m in mailoutbox] == [[attendee.email]]
    assert mailoutbox[0].subject.startswith("[Bone & Spine Health] Changed")


def test_changing_the_weekday_cancels_old_dates_and_creates_new_ones(group):
    series = EventSeriesFactory(group=group, weekday=Weekday.WEDNESDAY)
    events = generate(series, date(2027, 3, 1), date(2027, 3, 31))

    services.series_update_future(
        by=SYSTEM, series=series, from_event=events[1], weekday=Weekday.THURSDAY
    )

    scheduled = series.occurrences.filter(status=Event.Status.SCHEDULED).order_by("starts_at")
    cancelled = series.occurrences.filter(status=Event.Status.CANCELLED)
    assert scheduled[0].pk == events[0].pk
    assert all(e.series_date.weekday() == Weekday.THURSDAY for e in scheduled[1:])
    assert {e.pk for e in cancelled} == {e.pk for e in events[1:]}
    assert scheduled.filter(series_date__gte=date(2027, 3, 11)).count() >= 3


def test_cancelling_a_series_cancels_what_is_to_come_and_emails_attendees(
    mailoutbox, django_capture_on_commit_callbacks
):
    series = EventSeriesFactory(starts_on=timezone.now().date())
    services.series_generate_occurrences(by=SYSTEM, series=series)
    upcoming = series.occurrences.order_by("starts_at")
    attendee = MemberFactory()
    services.rsvp_create(event=upcoming[0], member=attendee)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.series_cancel(by=SYSTEM, series=series)

    assert not series.occurrences.filter(status=Event.Status.SCHEDULED).exists()
    assert [m.to for m in mailoutbox] == [[attendee.email]]
    assert services.series_generate_occurrences(by=SYSTEM, series=series) == []


def test_the_cron_command_fills_every_active_series(capsys):
    EventSeriesFactory(starts_on=timezone.now().date())
    EventSeriesFactory(starts_on=timezone.now().date(), status=EventSeries.Status.CANCELLED)

    call_command("generate_event_occurrences")
    first = capsys.readouterr().out
    call_command("generate_event_occurrences")

    assert first.startswith("Created 1") and "occurrences" in first
    assert capsys.readouterr().out == "Created 0 occurrences.\n"
    assert Event.objects.filter(series__status=EventSeries.Status.CANCELLED).count() == 0
