"""The one email a member gets for booking a whole series: every date, with its status."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from portal.links import site_url
from portal.mail import enqueue_email

from .models import RSVP, EventSeries

SERIES_BOOKED_SUBJECT = "[Bone & Spine Health] Your dates for “{title}”"


def send_series_booked(*, series: EventSeries, member, rsvps: list[RSVP]) -> None:
    if not member.email:
        return
    context = {
        "series": series,
        "member": member,
        "rsvps": rsvps,
        "site_url": site_url(),
    }
    body = render_to_string("events/emails/series_booked.txt", context)
    html = render_to_string("events/emails/series_booked.html", context)
    message = EmailMultiAlternatives(
        SERIES_BOOKED_SUBJECT.format(title=series.title), body, None, [member.email]
    )
    message.attach_alternative(html, "text/html")
    enqueue_email(message)
