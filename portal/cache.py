"""The Redis cache, made to survive Redis being down.

django-redis can ignore connection errors, but then `cache.add` answers "not added" for
ever: allauth's rate-limit lock is never taken and every login, signup and password reset
answers 429, and each request waits out a connection timeout and logs a traceback.

This backend notices the first failure, logs it once, and for `RETRY_SECONDS` does not
touch Redis at all. Meanwhile rate-limit keys (allauth's and ours) live in this process's
memory, so limits still hold per process, and every other key is a miss: pages are built
fresh, and nothing is stored that could outlive an invalidation. After `RETRY_SECONDS` one
request tries Redis again; success is logged once too."""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)
LOCAL_KEY_PREFIXES = ("allauth:rl:", "ratelimit:")
_MISSING = object()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": False}
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._local = LocMemCache(f"resilient-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._down_until = 0.0
        self._state_lock = threading.Lock()

    # Circuit breaker ---------------------------------------------------------------------

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _mark_down(self, error: Exception) -> None:
        with self._state_lock:
            first = self._down_until == 0.0
            self._down_until = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "Redis is unreachable (%s): pages are built uncached and rate limits are kept "
                "in each process's memory until it answers again.",
                error,
            )

    def _mark_up(self) -> None:
        if self._down_until == 0.0:
            return
        with self._state_lock:
            recovered = self._down_until != 0.0
            self._down_until = 0.0
        if recovered:
            logger.warning("Redis answers again: the cache is back in use.")

    def _call(self, method: str, key, fallback, *args, **kwargs):
        """Run a cache method on Redis, or, while Redis is down, on local memory for
        rate-limit keys and as `fallback()` for the rest."""
        if not self.is_down:
            try:
                result = getattr(super(), method)(key, *args, **kwargs)
            except UNREACHABLE as error:
                self._mark_down(error)
            else:
                self._mark_up()
                return result
        if isinstance(key, str) and key.startswith(LOCAL_KEY_PREFIXES):
            return getattr(self._local, method)(key, *args, **kwargs)
        return fallback()

    # The cache API ---------------------------------------------------------------------

    def get(self, key, default=None, version=None, client=None):
        return self._call("get", key, lambda: default, default=default, version=version)

    def set(self, key, value, timeout=_MISSING, version=None, **kwargs):
        extra = {} if timeout is _MISSING else {"timeout": timeout}
        return self._call("set", key, lambda: False, value, version=version, **extra)

    def add(self, key, value, timeout=_MISSING, version=None, **kwargs):
        extra = {} if timeout is _MISSING else {"timeout": timeout}
        return self._call("add", key, lambda: False, value, version=version, **extra)

    def delete(self, key, version=None, **kwargs):
        return self._call("delete", key, lambda: False, version=version)

    def incr(self, key, delta=1, version=None, **kwargs):
        def unavailable():
            raise ValueError(f"Key {key!r} not found while Redis is down")

        return self._call("incr", key, unavailable, delta=delta, version=version)

    def has_key(self, key, version=None, **kwargs):
        return self._call("has_key", key, lambda: False, version=version)

    def touch(self, key, timeout=_MISSING, version=None, **kwargs):
        extra = {} if timeout is _MISSING else {"timeout": timeout}
        return self._call("touch", key, lambda: False, version=version, **extra)

    def get_many(self, keys, version=None, **kwargs):
        if self.is_down:
            return {}
        try:
            result = super().get_many(keys, version=version)
        except UNREACHABLE as error:
            self._mark_down(error)
            return {}
        self._mark_up()
        return result

    def set_many(self, data, timeout=_MISSING, version=None, **kwargs):
        if self.is_down:
            return list(data)
        extra = {} if timeout is _MISSING else {"timeout": timeout}
        try:
            result = super().set_many(data, version=version, **extra)
        except UNREACHABLE as error:
            self._mark_down(error)
            return list(data)
        self._mark_up()
        return result

    def delete_many(self, keys, version=None, **kwargs):
        if self.is_down:
            return None
        try:
            return super().delete_many(keys, version=version)
        except UNREACHABLE as error:
            self._mark_down(error)
            return None

    def clear(self):
        self._local.clear()
        if self.is_down:
            return False
        try:
            return super().clear()
        except UNREACHABLE as error:
            self._mark_down(error)
            return False
