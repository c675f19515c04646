from datetime import datetime
from decimal import Decimal
from typing import TypedDict, Unpack

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from community.forums.models import SupportGroup

from .. import errors, notifications
from ..errors import EventError
from ..models import Event
from ..permissions import Actor, can_manage_group_events
from .rsvps import fill_free_places


class EventDetailsFields(TypedDict, total=False):
    """What an event and its series share (models.SHARED_FIELDS), each optional: the model's
    defaults apply."""

    group: SupportGroup | None
    organiser: AbstractBaseUser | None
    description: str
    kind: str
    format: str
    region: str
    venue_name: str
    address: str
    postcode: str
    latitude: Decimal | None
    longitude: Decimal | None
    step_free_access: bool
    seating: bool
    hearing_loop: bool
    accessibility_notes: str
    online_url: str
    capacity: int | None
    time_zone: str


class EventChanges(EventDetailsFields, total=False):
    title: str
    slug: str
    starts_at: datetime
    ends_at: datetime
    rsvp_deadline: datetime | None
    status: str


EDITABLE_FIELDS = frozenset(EventChanges.__annotations__)
# Changes attendees are told about by email.
NOTIFY_FIELDS = {
    "starts_at",
    "ends_at",
    "time_zone",
    "format",
    "venue_name",
    "address",
    "postcode",
    "online_url",
}


def require_manager(by: Actor, group_id: int | None) -> None:
    """Every write names its actor: an organiser of the group, an Editor, or SYSTEM."""
    if not can_manage_group_events(by, group_id):
        raise EventError(errors.NOT_ALLOWED)


def group_id_of(fields: dict, default: int | None = None) -> int | None:
    if "group" in fields:
        return fields["group"].pk if fields["group"] is not None else None
    return default


def check_fields(changes: dict, allowed: frozenset[str]) -> None:
    """Type hints are not enforced at run time: a field that cannot be set is an error."""
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"These cannot be changed this way: {', '.join(sorted(unknown))}")


@transaction.atomic
def event_create(
    *,
    by: Actor,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    rsvp_deadline: datetime | None = None,
    status: str = Event.Status.SCHEDULED,
    **details: Unpack[EventDetailsFields],
) -> Event:
    check_fields(details, frozenset(EventDetailsFields.__annotations__))
    require_manager(by, group_id_of(details))
    event = Event(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        rsvp_deadline=rsvp_deadline,
        status=status,
        **details,
    )
    event.save()
    return event


def apply_event_changes(event: Event, changes: dict) -> Event:
    """Change a locked event: SEQUENCE goes up so calendars take the new version, attendees
    hear about a cancellation or a new time or place, and extra capacity goes to the waiting
    list. Lowering the capacity takes no places away: those booked keep them, newcomers wait.
    Nothing happens when nothing changes."""
    changed = [name for name, value in changes.items() if getattr(event, name) != value]
    if not changed:
        return event
    for name in changed:
        setattr(event, name, changes[name])
    event.sequence += 1
    event.save()
    if "status" in changed and event.is_cancelled:
        notifications.send_to_attendees(event=event, template="event_cancelled")
        return event
    if NOTIFY_FIELDS.intersection(changed) and not event.is_past and not event.is_cancelled:
        notifications.send_to_attendees(event=event, template="event_changed")
    if "capacity" in changed or "status" in changed:
        fill_free_places(event=event)
    return event


@transaction.atomic
def event_update(*, event: Event, by: Actor, **changes: Unpack[EventChanges]) -> Event:
    """Edit one event (or one occurrence of a series)."""
    check_fields(changes, EDITABLE_FIELDS)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    require_manager(by, locked.group_id)
    require_manager(by, group_id_of(changes, locked.group_id))
    return apply_event_changes(locked, changes)


@transaction.atomic
def event_cancel(*, event: Event, by: Actor) -> Event:
    """Everyone with a place or on the waiting list is emailed; the bookings stay on record."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    require_manager(by, locked.group_id)
    if locked.is_cancelled:
        return locked
    return apply_event_changes(locked, {"status": Event.Status.CANCELLED})
