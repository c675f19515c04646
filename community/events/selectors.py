from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from community.forums.models import SupportGroup

from .filters import EventFilters
from .models import RSVP, Event, EventSeries
from .permissions import can_manage_all_events


def filter_groups(*, user):
    return SupportGroup.objects.visible_to(user).only("pk", "slug", "name", "visibility")


def event_listing(*, user, filters: EventFilters, past: bool = False):
    events = Event.objects.visible_to(user)
    events = events.past() if past else events.upcoming()
    return (
        filters.apply(events)
        .with_confirmed_count()
        .select_related("group")
        .order_by(*(["-starts_at", "-pk"] if past else ["starts_at", "pk"]))
    )


def event_for(*, user, pk: int) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(user)
        .with_confirmed_count()
        .select_related("group", "organiser__profile", "series"),
        pk=pk,
    )


def series_dates(*, series_id: int, member) -> list[Event]:
    """The upcoming, scheduled dates of a series, each with `member_rsvps`: the member's live
    booking for it (an empty list for anonymous readers or dates not booked)."""
    dates = (
        Event.objects.filter(series_id=series_id, status=Event.Status.SCHEDULED)
        .upcoming()
        .with_confirmed_count()
        .order_by("starts_at", "pk")
    )
    if not member.is_authenticated:
        dates = list(dates)
        for event in dates:
            event.member_rsvps = []
        return dates
    live = RSVP.objects.filter(member=member).exclude(status=RSVP.Status.CANCELLED)
    return list(dates.prefetch_related(Prefetch("rsvps", queryset=live, to_attr="member_rsvps")))


def rsvp_of(*, member, event: Event) -> RSVP | None:
    if not member.is_authenticated:
        return None
    return RSVP.objects.filter(member=member, event=event).first()


def own_rsvp(*, member, pk: int) -> RSVP:
    """A member reaches only their own bookings: anyone else's answers 404."""
    return get_object_or_404(
        RSVP.objects.select_related("event").filter(event__in=Event.objects.visible_to(member)),
        pk=pk,
        member=member,
    )


def attendees(*, event: Event):
    return (
        RSVP.objects.filter(event=event)
        .exclude(status=RSVP.Status.CANCELLED)
        .select_related("member__profile")
        .order_by("status", "waitlist_position", "created_at", "pk")
    )


def feed_events(*, group: SupportGroup | None = None, user=None):
    """Upcoming events for a subscribable calendar, cancelled ones included so subscribers'
    calendars learn of the cancellation. Without a user, what anyone may see."""
    events = Event.objects.visible_to(user or AnonymousUser()).upcoming()
    if group is not None:
        events = events.filter(group=group)
    return events.select_related("group").order_by("starts_at", "pk")


def feed_group(*, user, slug: str) -> SupportGroup:
    return get_object_or_404(SupportGroup.objects.visible_to(user), slug=slug)


def manageable_events(user):
    """The events a user may edit in the admin."""
    if can_manage_all_events(user):
        return Event.objects.all()
    return Event.objects.filter(group__in=SupportGroup.objects.filter(moderators=user))


def manageable_series(user):
    if can_manage_all_events(user):
        return EventSeries.objects.all()
    return EventSeries.objects.filter(group__in=SupportGroup.objects.filter(moderators=user))


def reminders_due(*, start, end):
    return (
        RSVP.objects.filter(
            status=RSVP.Status.CONFIRMED,
            reminded_at__isnull=True,
            event__status=Event.Status.SCHEDULED,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
            member__is_active=True,
            member__profile__notify_event_reminders=True,
        )
        .select_related("event", "member__profile")
        .order_by("event__starts_at", "pk")
    )


def member_rsvps(*, user):
    return RSVP.objects.filter(member=user).select_related("event").order_by("event__starts_at")


def my_bookings(user):
    """The member's live bookings of events that have not ended, soonest first; a waiting
    member's bookings carry `waitlist_rank` (see waitlist_rank)."""
    ahead = (
        RSVP.objects.filter(
            event=OuterRef("event"),
            status=RSVP.Status.WAITLISTED,
            waitlist_position__lt=OuterRef("waitlist_position"),
        )
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        RSVP.objects.filter(
            member=user,
            status__in=[RSVP.Status.CONFIRMED, RSVP.Status.WAITLISTED],
            event__in=Event.objects.visible_to(user).upcoming(),
        )
        .annotate(
            waitlist_rank=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1,
        )
        .select_related("event__series", "event__group")
        .order_by("event__starts_at", "event_id")
    )


def waitlist_rank(*, rsvp: RSVP) -> int | None:
    """Where a waiting member stands now: positions are tickets and keep gaps."""
    if rsvp.status != RSVP.Status.WAITLISTED:
        return None
    ahead = RSVP.objects.filter(
        event_id=rsvp.event_id,
        status=RSVP.Status.WAITLISTED,
        waitlist_position__lt=rsvp.waitlist_position,
    ).count()
    return ahead + 1


def events_matching(*, query: str, user):
    """Upcoming events the user may see whose title or description holds every word."""
    if not query:
        return Event.objects.none()
    matches = Q()
    for word in query.split()[:8]:
        matches &= Q(title__icontains=word) | Q(description__icontains=word)
    return (
        Event.objects.visible_to(user)
        .upcoming()
        .filter(matches)
        .select_related("group")
        .order_by("starts_at")
    )


def listed_events(*, limit: int) -> list[Event]:
    return list(Event.objects.listed().select_related("group").order_by("starts_at")[:limit])
