"""The emails the events app sends. Each has a .txt and an .html template under
templates/events/emails/, and goes out through a background task once the transaction commits."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from portal.links import absolute_url as absolute
from portal.mail import enqueue_email

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


def _context(event: Event, rsvp: RSVP | None = None) -> dict:
    return {
        "event": event,
        "rsvp": rsvp,
        "event_url": absolute(event.get_absolute_url()),
        "ics_url": absolute(reverse("events:event-ics", args=[event.pk])),
        "preferences_url": absolute(reverse("members:profile-edit")),
        "join_url": (
            event.online_url
            if rsvp is not None
            and rsvp.status == RSVP.Status.CONFIRMED
            and event.is_online
            and not event.is_cancelled
            else ""
        ),
    }


def _send(*, template: str, event: Event, rsvp: RSVP | None, to: str) -> None:
    if not to:
        return
    context = _context(event, rsvp)
    body = render_to_string(f"events/emails/{template}.txt", context)
    html = render_to_string(f"events/emails/{template}.html", context)
    subject = SUBJECTS[template].format(title=event.title)
    message = EmailMultiAlternatives(f"[Bone & Spine Health] {subject}", body, None, [to])
    message.attach_alternative(html, "text/html")
    enqueue_email(message)


def send_rsvp_email(*, rsvp: RSVP, template: str) -> None:
    """template: rsvp_confirmed, rsvp_waitlisted, rsvp_promoted, rsvp_cancelled or
    event_reminder."""
    _send(template=template, event=rsvp.event, rsvp=rsvp, to=rsvp.member.email)


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
        _send(template=template, event=event, rsvp=rsvp, to=rsvp.member.email)
        sent += 1
    return sent
