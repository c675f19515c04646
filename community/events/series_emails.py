"""The one email a member gets for booking a whole series: every date, with its status."""

from community.members.models import NotificationKind
from community.members.selectors import wants_email
from portal.links import site_url
from portal.mail import build_email, enqueue_email, unsubscribe_url

from .models import RSVP, EventSeries

SERIES_BOOKED_SUBJECT = "Your dates for “{title}”"


def send_series_booked(*, series: EventSeries, member, rsvps: list[RSVP]) -> None:
    kind = NotificationKind.EVENT_CHANGED
    if not member.email or not wants_email(user=member, kind=kind):
        return
    enqueue_email(
        build_email(
            template="events/emails/series_booked",
            context={"series": series, "member": member, "rsvps": rsvps, "site_url": site_url()},
            subject=SERIES_BOOKED_SUBJECT.format(title=series.title),
            to=member.email,
            unsubscribe=unsubscribe_url(user_id=member.pk, scope="email", target=kind),
        )
    )
