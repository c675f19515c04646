"""Reads from a streaming read replica, where one is configured.

Only what a reader looks at goes to the `replica` alias: GET and HEAD requests outside the
paths in DATABASE_REPLICA_PRIMARY_ONLY_PATHS (sign-in, accounts, the admin, health), and only
while the replica answers and replays within DATABASE_REPLICA_MAX_LAG_SECONDS of the primary.
Everything else — every write, every read in a POST, and every request from a browser that
wrote in the last DATABASE_REPLICA_STICKY_SECONDS (a signed cookie, so members see their own
post at once) — uses the primary. A replica that is down or lagging is logged once; the
primary serves its reads until it is healthy again, which is logged once too.

Without a `replica` alias in DATABASES, or with DATABASE_REPLICA_READS off, nothing changes."""

import logging
import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"
RECENT_WRITE_COOKIE = "recent_write"
RECENT_WRITE_SALT = "portal.db_router.recent-write"
SAFE_METHODS = ("GET", "HEAD")

_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)

REPLICA_LAG_SQL = """
    SELECT pg_is_in_recovery(),
           CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END
"""


class ReplicaHealth:
    """Whether the replica may serve reads: checked at most every DATABASE_REPLICA_CHECK_SECONDS
    per process, and a change of state logged once."""

    def __init__(self):
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._healthy = True

    def reset(self) -> None:
        with self._lock:
            self._checked_at = float("-inf")
            self._healthy = True

    def is_healthy(self) -> bool:
        now = time.monotonic()
        if now - self._checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS:
            return self._healthy
        problem = self._problem()
        with self._lock:
            self._checked_at = now
            was_healthy, self._healthy = self._healthy, problem is None
        if was_healthy and problem:
            logger.warning("Read replica not used, reads go to the primary: %s", problem)
        elif problem is None and not was_healthy:
            logger.warning("Read replica healthy again: listing reads go to it.")
        return self._healthy

    def _problem(self) -> str | None:
        try:
            with connections[REPLICA].cursor() as cursor:
                cursor.execute(REPLICA_LAG_SQL)
                in_recovery, lag = cursor.fetchone()
        except DatabaseError as error:
            connections[REPLICA].close()
            return f"it does not answer ({error})".strip()
        if not in_recovery:
            return "it is not a standby"
        if lag is None or float(lag) > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
            limit = settings.DATABASE_REPLICA_MAX_LAG_SECONDS
            return f"it lags {float(lag or 0):.1f} s behind the primary (limit {limit} s)"
        return None


replica_health = ReplicaHealth()


def replica_configured() -> bool:
    return settings.DATABASE_REPLICA_READS and REPLICA in settings.DATABASES


def _wrote_recently(request) -> bool:
    return (
        request.get_signed_cookie(RECENT_WRITE_COOKIE, default=None, salt=RECENT_WRITE_SALT)
        is not None
    )


def _may_read_from_replica(request) -> bool:
    return (
        request.method in SAFE_METHODS
        and not request.path.startswith(settings.DATABASE_REPLICA_PRIMARY_ONLY_PATHS)
        and not _wrote_recently(request)
        and replica_health.is_healthy()
    )


class ReplicaReadsMiddleware:
    """Marks the requests whose reads the router may send to the replica, and marks browsers
    that write so their next reads see what they wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        token = _reads_from_replica.set(_may_read_from_replica(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_signed_cookie(
                RECENT_WRITE_COOKIE,
                "1",
                salt=RECENT_WRITE_SALT,
                max_age=settings.DATABASE_REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reads_from_replica.get() else None

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None} or None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
