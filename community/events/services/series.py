"""Recurring series. Occurrences are stored as ordinary events, created a few months ahead
(by the `generate_event_occurrences` command, run daily), each at the series' local time in
its own time zone, so a weekly 18:00 meeting stays at 18:00 when the clocks change."""

import calendar
from datetime import UTC, date, datetime, time, timedelta
from typing import Unpack

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal import pagecache

from ..models import SHARED_FIELDS, Event, EventSeries, event_slug
from ..permissions import Actor
from .events import (
    EventDetailsFields,
    apply_event_changes,
    check_fields,
    group_id_of,
    require_manager,
)

RULE_FIELDS = {"frequency", "weekday", "ordinal", "starts_on", "ends_on"}
TIME_FIELDS = {"start_time", "duration_minutes", "time_zone", "rsvp_hours_before"}


class SeriesChanges(EventDetailsFields, total=False):
    title: str
    frequency: str
    weekday: int
    ordinal: int | None
    start_time: time
    duration_minutes: int
    starts_on: date
    ends_on: date | None
    rsvp_hours_before: int | None


SERIES_FIELDS = frozenset(SeriesChanges.__annotations__)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> date | None:
    """The first, second, ... or last (ordinal -1) given weekday of a month."""
    days = [
        day
        for day in calendar.Calendar().itermonthdates(year, month)
        if day.month == month and day.weekday() == weekday
    ]
    if ordinal == -1:
        return days[-1]
    return days[ordinal - 1] if ordinal <= len(days) else None


def rule_dates(series: EventSeries, first: date, last: date) -> list[date]:
    """The dates the series' rule gives between first and last, both included."""
    first = max(first, series.starts_on)
    if series.ends_on is not None:
        last = min(last, series.ends_on)
    if first > last:
        return []
    if series.frequency == EventSeries.Frequency.WEEKLY:
        day = first + timedelta(days=(series.weekday - first.weekday()) % 7)
        dates = []
        while day <= last:
            dates.append(day)
            day += timedelta(weeks=1)
        return dates
    dates, month = [], first.replace(day=1)
    while month <= last:
        day = nth_weekday(month.year, month.month, series.weekday, series.ordinal)
        if day is not None and first <= day <= last:
            dates.append(day)
        month = add_months(month, 1)
    return dates


def occurrence_times(series: EventSeries, day: date) -> dict:
    """Local wall-clock time in the series' zone, stored as UTC; the duration is real time."""
    local_start = datetime.combine(day, series.start_time).replace(tzinfo=series.tzinfo)
    starts_at = local_start.astimezone(UTC)
    deadline = None
    if series.rsvp_hours_before is not None:
        deadline = starts_at - timedelta(hours=series.rsvp_hours_before)
    return {
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=series.duration_minutes),
        "rsvp_deadline": deadline,
    }


def _shared_values(series: EventSeries, names=SHARED_FIELDS) -> dict:
    values = {}
    for name in names:
        attname = Event._meta.get_field(name).attname
        values[attname] = getattr(series, attname)
    return values


def _today(series: EventSeries) -> date:
    return timezone.now().astimezone(series.tzinfo).date()


@transaction.atomic
def series_generate_occurrences(
    *, series: EventSeries, by: Actor, until: date | None = None, since: date | None = None
) -> list[Event]:
    """Create the occurrences from `since` (today) to `until` (months_ahead from today) that do
    not exist yet. Idempotent: one occurrence per series date, also when two runs overlap.
    The daily cron runs it as SYSTEM. Returns the events created."""
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    require_manager(by, series.group_id)
    if series.status == EventSeries.Status.CANCELLED:
        return []
    since = since or _today(series)
    until = until or add_months(_today(series), settings.EVENTS_SERIES_MONTHS_AHEAD)
    existing = set(series.occurrences.values_list("series_date", flat=True))
    shared = _shared_values(series)
    new = [
        Event(
            series=series,
            series_date=day,
            slug=event_slug(series.title),
            **shared,
            **occurrence_times(series, day),
        )
        for day in rule_dates(series, since, until)
        if day not in existing
    ]
    Event.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        # bulk_create sends no post_save: retire the cached event pages, feeds and .ics here.
        transaction.on_commit(lambda: pagecache.invalidate("events", "pages"))
    return list(series.occurrences.filter(series_date__in=[event.series_date for event in new]))


@transaction.atomic
def series_create(
    *,
    by: Actor,
    title: str,
    frequency: str,
    weekday: int,
    start_time: time,
    starts_on: date,
    ordinal: int | None = None,
    duration_minutes: int = 60,
    ends_on: date | None = None,
    rsvp_hours_before: int | None = None,
    **details: Unpack[EventDetailsFields],
) -> EventSeries:
    check_fields(details, frozenset(EventDetailsFields.__annotations__))
    require_manager(by, group_id_of(details))
    series = EventSeries.objects.create(
        title=title,
        frequency=frequency,
        weekday=weekday,
        start_time=start_time,
        starts_on=starts_on,
        ordinal=ordinal,
        duration_minutes=duration_minutes,
        ends_on=ends_on,
        rsvp_hours_before=rsvp_hours_before,
        **details,
    )
    series_generate_occurrences(series=series, by=by)
    return series


@transaction.atomic
def series_update_future(
    *,
    series: EventSeries,
    by: Actor,
    from_event: Event | None = None,
    **changes: Unpack[SeriesChanges],
) -> EventSeries:
    """Change the series and every scheduled occurrence from `from_event` on (from now when
    None). Occurrences keep their date and take the new local time; when the rule itself
    changes, occurrences it no longer gives are cancelled (attendees are told) and the new
    dates are created."""
    check_fields(changes, SERIES_FIELDS)
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    require_manager(by, series.group_id)
    require_manager(by, group_id_of(changes, series.group_id))
    for name, value in changes.items():
        setattr(series, name, value)
    series.save()
    since = from_event.starts_at if from_event is not None else timezone.now()
    future = (
        series.occurrences.select_for_update()
        .filter(starts_at__gte=since, status=Event.Status.SCHEDULED)
        .order_by("starts_at")
    )
    shared_changes = _shared_values(series, [name for name in changes if name in SHARED_FIELDS])
    rule_changed = bool(RULE_FIELDS.intersection(changes))
    retime = rule_changed or bool(TIME_FIELDS.intersection(changes))
    last_date = since.date()
    for event in future:
        last_date = max(last_date, event.series_date or last_date)
        if rule_changed and event.series_date not in rule_dates(
            series, event.series_date, event.series_date
        ):
            apply_event_changes(event, {"status": Event.Status.CANCELLED})
            continue
        updates = dict(shared_changes)
        if retime and event.series_date is not None:
            updates.update(occurrence_times(series, event.series_date))
        apply_event_changes(event, updates)
    if rule_changed:
        until = max(last_date, add_months(_today(series), settings.EVENTS_SERIES_MONTHS_AHEAD))
        series_generate_occurrences(series=series, by=by, since=since.date(), until=until)
    return series


@transaction.atomic
def series_cancel(*, series: EventSeries, by: Actor) -> EventSeries:
    """No more occurrences; the upcoming ones are cancelled and their attendees told."""
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    require_manager(by, series.group_id)
    series.status = EventSeries.Status.CANCELLED
    series.save(update_fields=["status", "updated_at"])
    upcoming = series.occurrences.select_for_update().filter(
        starts_at__gt=timezone.now(), status=Event.Status.SCHEDULED
    )
    for event in upcoming.order_by("starts_at"):
        apply_event_changes(event, {"status": Event.Status.CANCELLED})
    return series
