"""Fixed-window rate limits kept in the cache (Redis in production).

When the cache cannot be reached the limit fails open: members can still post, and the
failure is logged. Refusing every post while Redis is down would silence the community;
the new-member limits, which live in the database, still apply."""

import hashlib
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


def client_key(scope: str, client: str) -> str:
    """A rate-limit key for a visitor's address: only a keyed hash of it is stored, and only
    for the window."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()[:32]
    return f"{scope}:{digest}"
