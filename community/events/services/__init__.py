"""Every write in the events app: one function per use case, each in a transaction."""

from .events import event_cancel, event_create, event_update
from .reminders import reminders_send
from .rsvps import (
    check_bookable,
    rsvp_cancel,
    rsvp_create,
    rsvps_delete_for_member,
    series_rsvp_create,
)
from .series import (
    series_cancel,
    series_create,
    series_generate_occurrences,
    series_update_future,
)

__all__ = [
    "check_bookable",
    "event_cancel",
    "event_create",
    "event_update",
    "reminders_send",
    "rsvp_cancel",
    "rsvp_create",
    "rsvps_delete_for_member",
    "series_cancel",
    "series_create",
    "series_generate_occurrences",
    "series_rsvp_create",
    "series_update_future",
]
