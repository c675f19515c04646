"""The emails the events app sends. Each has a .txt and an .html template under
templates/events/emails/, and goes out through a background task once the transaction commits."""

from django.urls import reverse

from community.members.models import NotificationKind
from community.members.selectors import wants_email
from community.members.services import EVENT_REMINDERS
from community.notifications import services as site_notifications
from portal.links import absolute_url as absolute
from portal.mail import build_email, enqueue_email, unsubscribe_url

from .models import RSVP, Event

SUBJECTS = {
    "rsvp_confirmed": "Your place at “{title}” is booked",
    "rsvp_waitlisted": "You are on the waiting list for “{title}”",
    "rsvp_promoted": "Good news: a place at “{title}” is yours",
    "rsvp_cancelled": "Your booking for “{title}” is cancelled",
    "event_cancelled": "Cancelled: “{title}”",
    "event_changed": "Changed: “{title}”",
    "event_reminder": "Reminder: “{title}” starts soon",
}


# Which member preference each email answers to; its one-click unsubscribe link turns it off.
PREFERENCES = {
    "rsvp_confirmed": NotificationKind.EVENT_CHANGED,
    "rsvp_waitlisted": NotificationKind.EVENT_CHANGED,
    "rsvp_promoted": NotificationKind.WAITLIST_OFFERED,
    "rsvp_cancelled": NotificationKind.EVENT_CHANGED,
    "event_cancelled": NotificationKind.EVENT_CHANGED,
    "event_changed": NotificationKind.EVENT_CHANGED,
    "event_reminder": EVENT_REMINDERS,
}


def _context(event: Event, rsvp: RSVP | None = None) -> dict:
    return {
        "event": event,
        "rsvp": rsvp,
        "event_url": absolute(event.get_absolute_url()),
        "ics_url": absolute(reverse("events:event-ics", args=[event.pk])),
        "preferences_url": absolute(reverse("notifications:notification-settings")),
        "join_url": (
            event.online_url
            if rsvp is not None
            and rsvp.status == RSVP.Status.CONFIRMED
            and event.is_online
            and not event.is_cancelled
            else ""
        ),
    }


def _send(*, template: str, event: Event, rsvp: RSVP) -> None:
    """Reminders answer to the profile's reminder switch (checked where they are chosen); the
    others to the member's notification preference for their kind."""
    member, preference = rsvp.member, PREFERENCES[template]
    site_notifications.notify_event(member=member, event=event, template=template)
    if not member.email:
        return
    if preference != EVENT_REMINDERS and not wants_email(user=member, kind=preference):
        return
    enqueue_email(
        build_email(
            template=f"events/emails/{template}",
            context=_context(event, rsvp),
            subject=SUBJECTS[template].format(title=event.title),
            to=member.email,
            unsubscribe=unsubscribe_url(user_id=member.pk, scope="email", target=preference),
        )
    )


def send_rsvp_email(*, rsvp: RSVP, template: str) -> None:
    """template: rsvp_confirmed, rsvp_waitlisted, rsvp_promoted, rsvp_cancelled or
    event_reminder."""
    _send(template=template, event=rsvp.event, rsvp=rsvp)


def send_to_attendees(*, event: Event, template: str) -> int:
    """Everyone with a place or on the waiting list: for event_cancelled and event_changed."""
    rsvps = (
        RSVP.objects.filter(event=event)
        .exclude(status=RSVP.Status.CANCELLED)
        .select_related("member")
        .order_by("pk")
    )
    sent = 0
    for rsvp in rsvps:
        rsvp.event = event
        _send(template=template, event=event, rsvp=rsvp)
        sent += 1
    return sent
