from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import notifications, selectors
from ..models import RSVP


def reminders_send(*, now: datetime | None = None, window: timedelta | None = None) -> int:
    """Email each confirmed attendee who wants reminders once, for events starting within the
    window. The booking is marked before the email is queued, in one transaction, so a second
    run (or two runs at once) sends nothing more. Returns how many were sent."""
    now = now or timezone.now()
    window = window or settings.EVENTS_REMINDER_WINDOW
    sent = 0
    for rsvp in selectors.reminders_due(start=now, end=now + window):
        with transaction.atomic():
            claimed = RSVP.objects.filter(
                pk=rsvp.pk, reminded_at__isnull=True, status=RSVP.Status.CONFIRMED
            ).update(reminded_at=now)
            if claimed:
                notifications.send_rsvp_email(rsvp=rsvp, template="event_reminder")
                sent += 1
    return sent
