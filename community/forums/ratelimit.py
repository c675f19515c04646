"""The forum's posting limit (portal.ratelimit has the fixed-window counter)."""

from django.conf import settings

from portal.ratelimit import hit

__all__ = ["hit", "posting_allowed"]


def posting_allowed(user) -> bool:
    limit, window = settings.FORUM_POST_RATE_LIMIT
    return hit(key=f"forum-post:{user.pk}", limit=limit, window_seconds=window)
