"""Booking places. Every change to an event's bookings first locks the event's row, so
capacity and the waiting list are decided in the database, one transaction at a time."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from community.members.permissions import VerificationRequired, require_verified_member

from .. import errors, notifications, series_emails
from ..errors import EventError
from ..models import RSVP, Event, EventSeries
from ..permissions import SYSTEM, Actor


def _lock(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _require_member(member) -> None:
    try:
        require_verified_member(member)
    except VerificationRequired as refusal:
        raise EventError(refusal.message) from refusal


def check_bookable(event: Event, *, now=None) -> None:
    now = now or timezone.now()
    if event.is_cancelled:
        raise EventError(errors.EVENT_CANCELLED)
    if event.starts_at <= now:
        raise EventError(errors.EVENT_PAST)
    if event.rsvp_deadline is not None and now >= event.rsvp_deadline:
        deadline = event.rsvp_deadline.astimezone(event.tzinfo)
        raise EventError(errors.DEADLINE_PASSED.format(deadline=deadline))


def _confirmed_count(event: Event) -> int:
    return RSVP.objects.filter(event=event, status=RSVP.Status.CONFIRMED).count()


def _next_place(event: Event) -> tuple[str, int | None]:
    if event.capacity is None or _confirmed_count(event) < event.capacity:
        return RSVP.Status.CONFIRMED, None
    last = RSVP.objects.filter(event=event, status=RSVP.Status.WAITLISTED).aggregate(
        last=Max("waitlist_position")
    )["last"]
    return RSVP.Status.WAITLISTED, (last or 0) + 1


@transaction.atomic
def rsvp_create(*, event: Event, member) -> RSVP:
    """A verified member books a place while seats remain, or joins the back of the waiting
    list. A booking the member cancelled is re-activated; any other second booking is refused.
    Refusals save nothing."""
    _require_member(member)
    event = _lock(event.pk)
    check_bookable(event)
    rsvp = RSVP.objects.filter(event=event, member=member).first()
    if rsvp is not None and rsvp.status != RSVP.Status.CANCELLED:
        raise EventError(errors.ALREADY_BOOKED)
    rsvp = _take_place(event=event, member=member, previous=rsvp)
    template = "rsvp_confirmed" if rsvp.status == RSVP.Status.CONFIRMED else "rsvp_waitlisted"
    notifications.send_rsvp_email(rsvp=rsvp, template=template)
    return rsvp


def _take_place(*, event: Event, member, previous: RSVP | None) -> RSVP:
    """A place, or the back of the waiting list. The caller holds the lock on the event row and
    has checked that `previous` (the member's booking, if any) is cancelled."""
    status, position = _next_place(event)
    if previous is None:
        rsvp = RSVP.objects.create(
            event=event, member=member, status=status, waitlist_position=position
        )
    else:
        rsvp = previous
        rsvp.status, rsvp.waitlist_position, rsvp.reminded_at = status, position, None
        rsvp.save(update_fields=["status", "waitlist_position", "reminded_at", "updated_at"])
    rsvp.event = event
    return rsvp


@transaction.atomic
def series_rsvp_create(*, series: EventSeries, member) -> list[RSVP]:
    """A verified member books every upcoming date of a series in one go: a place where seats
    remain, the waiting list where a date is full. Dates the member already holds, and dates
    whose booking has closed, are left alone. Each date's event row is locked as a single
    booking locks it, all in one transaction and in date order (as the series services lock
    them), so series and single bookings racing for the same seats are decided one at a time.
    One email lists what was booked. Returns the new bookings, soonest first."""
    _require_member(member)
    now = timezone.now()
    events = list(
        Event.objects.select_for_update()
        .filter(series=series, starts_at__gt=now, status=Event.Status.SCHEDULED)
        .order_by("starts_at", "pk")
    )
    held = {rsvp.event_id: rsvp for rsvp in RSVP.objects.filter(member=member, event__in=events)}
    booked = []
    for event in events:
        previous = held.get(event.pk)
        if previous is not None and previous.status != RSVP.Status.CANCELLED:
            continue
        try:
            check_bookable(event, now=now)
        except EventError:
            continue
        booked.append(_take_place(event=event, member=member, previous=previous))
    if not booked:
        raise EventError(errors.SERIES_NOTHING_TO_BOOK)
    series_emails.send_series_booked(series=series, member=member, rsvps=booked)
    return booked


def fill_free_places(*, event: Event) -> list[RSVP]:
    """Give free places to the waiting list, lowest position first. The caller holds the lock
    on the event row; an event that has started or is cancelled promotes nobody."""
    if event.is_cancelled or event.starts_at <= timezone.now():
        return []
    waiting = RSVP.objects.filter(event=event, status=RSVP.Status.WAITLISTED).order_by(
        "waitlist_position"
    )
    if event.capacity is not None:
        free = event.capacity - _confirmed_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_related("member"))
    for rsvp in promoted:
        rsvp.status, rsvp.waitlist_position, rsvp.event = RSVP.Status.CONFIRMED, None, event
        rsvp.save(update_fields=["status", "waitlist_position", "updated_at"])
        notifications.send_rsvp_email(rsvp=rsvp, template="rsvp_promoted")
    return promoted


@transaction.atomic
def rsvp_cancel(*, rsvp: RSVP, by: Actor) -> RSVP:
    """The member (or SYSTEM) gives up their place or waiting-list spot. A freed place goes to
    the first person waiting in the same transaction, so when cancellations race each freed
    place is given exactly once, and a booking cancelled twice frees nothing the second time."""
    if by is not SYSTEM and (by is None or by.pk != rsvp.member_id):
        raise EventError(errors.NOT_YOUR_BOOKING)
    event = _lock(rsvp.event_id)
    rsvp = RSVP.objects.select_for_update().select_related("member").get(pk=rsvp.pk)
    if rsvp.status == RSVP.Status.CANCELLED:
        raise EventError(errors.ALREADY_CANCELLED)
    if event.starts_at <= timezone.now():
        raise EventError(errors.EVENT_PAST)
    was_confirmed = rsvp.status == RSVP.Status.CONFIRMED
    rsvp.status, rsvp.waitlist_position, rsvp.event = RSVP.Status.CANCELLED, None, event
    rsvp.save(update_fields=["status", "waitlist_position", "updated_at"])
    notifications.send_rsvp_email(rsvp=rsvp, template="rsvp_cancelled")
    if was_confirmed:
        fill_free_places(event=event)
    return rsvp


@transaction.atomic
def rsvps_delete_for_member(*, user) -> None:
    """An account being deleted takes its bookings with it; each place it held on an upcoming
    event goes to the waiting list."""
    held = RSVP.objects.filter(member=user, status=RSVP.Status.CONFIRMED)
    event_ids = sorted(set(held.values_list("event_id", flat=True)))
    events = list(Event.objects.select_for_update().filter(pk__in=event_ids).order_by("pk"))
    RSVP.objects.filter(member=user).delete()
    for event in events:
        fill_free_places(event=event)
