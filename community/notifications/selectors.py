from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models.functions import Lower

from community.members.models import Profile
from portal import pagecache

from .models import Notification

PER_PAGE = 20


def notification_page(*, user, page) -> Page:
    notifications = (
        Notification.objects.visible_to(user)
        .select_related("post", "event")
        .order_by("-created_at", "-pk")
    )
    return Paginator(notifications, PER_PAGE).get_page(page)


# The bell's count, per member: (forums generation, count).
UNREAD_COUNT_KEY = "notifications:unread:{user_id}"
UNREAD_COUNT_SECONDS = 60 * 60


def unread_count(*, user) -> int:
    """The bell's count, counted once and then read from the cache with the forums' generation
    it was counted under, in one cache round trip with that generation. A post or thread saved
    (hidden, approved, deleted, removed: what `visible_to` depends on) bumps the generation,
    and every change to the member's own notifications forgets the count
    (`services.forget_unread_count`), so the bell never shows a stale number."""
    generation_key = pagecache.GENERATION_KEY.format(area="forums")
    key = UNREAD_COUNT_KEY.format(user_id=user.pk)
    try:
        found = cache.get_many([generation_key, key])
    except Exception:  # the cache is down: count in the database, as before
        found = {}
    generation = found.get(generation_key) or pagecache.generation("forums")
    counted = found.get(key)
    if generation and counted and counted[0] == generation:
        return counted[1]
    count = Notification.objects.visible_to(user).unread().count()
    if generation:
        cache.set(key, (generation, count), timeout=UNREAD_COUNT_SECONDS)
    return count


MENTION_SUGGESTIONS = 8


def mention_suggestions(*, prefix: str) -> list[str]:
    """Active members' display names starting with the prefix, for the composer's @ menu."""
    prefix = " ".join(prefix.split())
    if not prefix:
        return []
    return list(
        Profile.objects.filter(user__is_active=True, display_name__istartswith=prefix)
        .order_by(Lower("display_name"))
        .values_list("display_name", flat=True)[:MENTION_SUGGESTIONS]
    )
