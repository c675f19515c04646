"""What the events app holds about a member, for their data export and account deletion."""

from . import selectors, services


def export_rsvps(user) -> list[dict]:
    return [
        {
            "event": rsvp.event.title,
            "starts_at": rsvp.event.starts_at.isoformat(),
            "time_zone": rsvp.event.time_zone,
            "status": rsvp.status,
            "waitlist_position": rsvp.waitlist_position,
            "booked_at": rsvp.created_at.isoformat(),
        }
        for rsvp in selectors.member_rsvps(user=user)
    ]


def delete_member_rsvps(*, user, keep_posts: bool) -> None:
    """Bookings go whatever keep_posts says: they are not posts, and a place held by a deleted
    account would be wasted. Events the member organised stay, without an organiser."""
    services.rsvps_delete_for_member(user=user)
