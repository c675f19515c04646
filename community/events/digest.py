"""The weekly digest of a member's followed support groups: the week's most active threads and
the groups' coming events. The `send_weekly_digest` command runs hourly; each member's digest
is due from DIGEST_HOUR on DIGEST_WEEKDAY in their own profile time zone."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from community.forums.models import Post, Subscription, SupportGroup, Thread
from community.members.models import Profile
from community.members.time_zones import time_zone_names
from portal.links import site_url
from portal.mail import build_email, enqueue_email, unsubscribe_url

from .models import DigestDelivery, Event

SUBJECT = "Your week in your support groups"
UNSUBSCRIBE_SCOPE = "digest"
THREADS_PER_DIGEST = 5
EVENTS_PER_DIGEST = 5
FOLLOWING_LEVELS = [Subscription.Level.WATCHING, Subscription.Level.FOLLOWING]


@dataclass
class Digest:
    threads: list[Thread] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.threads and not self.events


def weeks_due(now: datetime) -> dict[str, date]:
    """The zones where the digest is due at `now`, each with the local date it is due on."""
    due = {}
    for zone in time_zone_names():
        local = now.astimezone(ZoneInfo(zone))
        if local.weekday() == settings.DIGEST_WEEKDAY and local.hour >= settings.DIGEST_HOUR:
            due[zone] = local.date()
    return due


def members_due(now: datetime) -> list[tuple[Profile, date]]:
    """Active members who want the digest, whose local digest time has come this week and who
    have not had this week's digest."""
    due = weeks_due(now)
    profiles = Profile.objects.filter(
        weekly_digest=True, user__is_active=True, time_zone__in=due
    ).select_related("user")
    done = set(
        DigestDelivery.objects.filter(week_of__in=set(due.values())).values_list(
            "member_id", "week_of"
        )
    )
    return [
        (profile, due[profile.time_zone])
        for profile in profiles.order_by("pk")
        if (profile.user_id, due[profile.time_zone]) not in done
    ]


def followed_groups(member):
    """Groups the member watches or follows, among those they may read."""
    followed = Subscription.objects.filter(
        user=member, group__isnull=False, level__in=FOLLOWING_LEVELS
    ).values("group_id")
    return SupportGroup.objects.visible_to(member).filter(pk__in=followed)


def digest_for(member, *, now: datetime) -> Digest:
    """The week's threads with the most new visible posts in the member's followed groups
    (threads they muted left out), and those groups' events in the coming fortnight."""
    since = now - timedelta(days=7)
    groups = followed_groups(member)
    muted = Subscription.objects.filter(
        user=member, thread__isnull=False, level=Subscription.Level.MUTED
    ).values("thread_id")
    week_posts = Count(
        "posts",
        filter=Q(
            posts__created_at__gte=since,
            posts__status=Post.Status.VISIBLE,
            posts__is_deleted=False,
        ),
    )
    threads = (
        Thread.objects.visible_to(member)
        .filter(group__in=groups, last_post_at__gte=since)
        .exclude(pk__in=muted)
        .annotate(week_posts=week_posts)
        .filter(week_posts__gt=0)
        .select_related("group")
        .order_by("-week_posts", "-last_post_at", "pk")[:THREADS_PER_DIGEST]
    )
    events = (
        Event.objects.visible_to(member)
        .filter(
            group__in=groups,
            status=Event.Status.SCHEDULED,
            starts_at__gte=now,
            starts_at__lt=now + settings.DIGEST_EVENTS_AHEAD,
        )
        .select_related("group")
        .order_by("starts_at", "pk")[:EVENTS_PER_DIGEST]
    )
    return Digest(threads=list(threads), events=list(events))


def _send(member, digest: Digest) -> None:
    stop_link = unsubscribe_url(user_id=member.pk, scope=UNSUBSCRIBE_SCOPE, target="weekly")
    context = {
        "member": member,
        "digest": digest,
        "site_url": site_url(),
        "preferences_url": site_url() + reverse("members:profile-edit"),
    }
    enqueue_email(
        build_email(
            template="events/emails/weekly_digest",
            context=context,
            subject=SUBJECT,
            to=member.email,
            unsubscribe=stop_link,
        )
    )


def digests_send(*, now: datetime | None = None) -> int:
    """Send every digest due at `now`; returns how many went out. Each member's week is
    claimed (a DigestDelivery row) in the same transaction as the email is queued, so a rerun
    or a second run at once sends nothing twice; a week with nothing new is claimed unsent."""
    now = now or timezone.now()
    sent = 0
    for profile, week_of in members_due(now):
        member = profile.user
        digest = digest_for(member, now=now)
        with transaction.atomic():
            _, claimed = DigestDelivery.objects.get_or_create(
                member=member, week_of=week_of, defaults={"sent": not digest.is_empty}
            )
            if claimed and not digest.is_empty and member.email:
                _send(member, digest)
                sent += 1
    return sent


@transaction.atomic
def digest_unsubscribe(*, user_id: int, target: str) -> str:
    """The one-click link in each digest (portal.mail's unsubscribe scope "digest")."""
    Profile.objects.filter(user_id=user_id).update(weekly_digest=False)
    return "the weekly digest of your groups"
