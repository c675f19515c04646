"""A fixed-window posting limit kept in the cache (Redis in production).

When the cache cannot be reached the limit fails open: members can still post, and the
failure is logged. Refusing every post while Redis is down would silence the community;
the new-member limits, which live in the database, still apply."""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one action; return False when it goes over the limit."""
    cache_key = f"ratelimit:{key}"
    try:
        if cache.add(cache_key, 1, timeout=window_seconds):
            return True
        return cache.incr(cache_key) <= limit
    except ValueError:
        cache.set(cache_key, 1, timeout=window_seconds)
        return True
    except Exception:
        logger.warning("Rate limit store unavailable; allowing the action.", exc_info=True)
        return True


def posting_allowed(user) -> bool:
    limit, window = settings.FORUM_POST_RATE_LIMIT
    return hit(key=f"forum-post:{user.pk}", limit=limit, window_seconds=window)
