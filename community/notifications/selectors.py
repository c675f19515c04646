from django.core.paginator import Page, Paginator
from django.db.models.functions import Lower

from community.members.models import Profile

from .models import Notification

PER_PAGE = 20


def notification_page(*, user, page) -> Page:
    notifications = (
        Notification.objects.visible_to(user)
        .select_related("post", "event")
        .order_by("-created_at", "-pk")
    )
    return Paginator(notifications, PER_PAGE).get_page(page)


def unread_count(*, user) -> int:
    return Notification.objects.visible_to(user).unread().count()


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
