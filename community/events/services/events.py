from django.db import transaction

from .. import errors, notifications
from ..errors import EventError
from ..models import Event
from ..permissions import can_manage_group_events
from .rsvps import fill_free_places

EDITABLE_FIELDS = {
    field.name
    for field in Event._meta.concrete_fields
    if field.editable and field.name not in {"id", "series", "created_at", "updated_at"}
}
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


def require_manager(by, group_id: int | None) -> None:
    """`by=None` is the system itself (cron, a series): no check."""
    if by is not None and not can_manage_group_events(by, group_id):
        raise EventError(errors.NOT_ALLOWED)


def _group_id(changes: dict, default: int | None) -> int | None:
    if "group" in changes:
        return changes["group"].pk if changes["group"] is not None else None
    return changes.get("group_id", default)


def _check_fields(changes: dict) -> None:
    unknown = set(changes) - EDITABLE_FIELDS - {"group_id", "organiser_id"}
    if unknown:
        raise TypeError(f"Events cannot be changed this way: {', '.join(sorted(unknown))}")


@transaction.atomic
def event_create(*, by=None, **fields) -> Event:
    _check_fields(fields)
    require_manager(by, _group_id(fields, None))
    event = Event(**fields)
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
def event_update(*, event: Event, by=None, **changes) -> Event:
    """Edit one event (or one occurrence of a series)."""
    _check_fields(changes)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    require_manager(by, locked.group_id)
    require_manager(by, _group_id(changes, locked.group_id))
    return apply_event_changes(locked, changes)


@transaction.atomic
def event_cancel(*, event: Event, by) -> Event:
    """Everyone with a place or on the waiting list is emailed; the bookings stay on record."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    require_manager(by, locked.group_id)
    if locked.is_cancelled:
        return locked
    return apply_event_changes(locked, {"status": Event.Status.CANCELLED})
