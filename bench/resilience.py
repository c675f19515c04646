"""Restart PostgreSQL in the middle of a write load, then check nothing was half-written.

    (same environment as bench/run.sh) python bench/resilience.py [--seconds 20]

Writer threads keep creating forum threads and replies through the services (the same
transactions the site uses). PostgreSQL is restarted a few seconds in. Afterwards: errors
must fall only in the outage window, writes must succeed again without restarting this
process, every thread must have its first post, every counter must match a recount, and no
event may have more confirmed places than seats. Exits non-zero on any violation."""

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import DatabaseError, close_old_connections, connection  # noqa: E402
from django.db.models import Count, F, Max, Q  # noqa: E402

from community.forums import services  # noqa: E402
from community.forums.models import Post, SupportGroup, Thread  # noqa: E402

settings.FORUM_POST_RATE_LIMIT = (10**6, 1)


def restart_postgres() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(  # noqa: S603 - the local cluster only
        ["/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        timeout=120,
    )


def writer(stop: threading.Event, log: list, members, groups, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - load generation
    while not stop.is_set():
        close_old_connections()
        started = time.monotonic()
        try:
            if rng.random() < 0.2:
                services.thread_create(
                    group=rng.choice(groups),
                    author=rng.choice(members),
                    title=f"Resilience thread {rng.randint(1, 10**9)}",
                    body="Written during a database restart.",
                )
            else:
                thread = Thread.objects.filter(group__in=groups, locked=False).order_by("?").first()
                services.post_create(
                    thread=thread, author=rng.choice(members), body="A reply under load."
                )
            log.append((started, True))
        except (DatabaseError, Exception) as error:  # noqa: BLE001 - counted, not hidden
            log.append((started, False))
            if not isinstance(error, DatabaseError):
                print(f"unexpected error: {error!r}")
            connection.close()
            time.sleep(0.05)
    connection.close()


def check_consistency() -> list[str]:
    problems = []
    if Thread.objects.filter(first_post__isnull=True, is_removed=False).exists():
        problems.append("a thread without its first post")
    public = Q(posts__status=Post.Status.VISIBLE, posts__is_deleted=False)
    for thread in Thread.objects.annotate(
        n=Count("posts", filter=public), last=Max("posts__created_at", filter=public)
    ):
        if thread.post_count != thread.n:
            problems.append(f"thread {thread.pk}: post_count {thread.post_count} != {thread.n}")
    for group in SupportGroup.objects.all():
        counted = group.threads.filter(is_removed=False).exclude(first_post__status="pending")
        posts = Post.objects.filter(thread__in=counted, status="visible", is_deleted=False).count()
        if (group.thread_count, group.post_count) != (counted.count(), posts):
            problems.append(f"group {group.pk}: counters do not match a recount")
    try:
        from community.events.models import RSVP, Event

        over = (
            Event.objects.filter(capacity__isnull=False)
            .annotate(n=Count("rsvps", filter=Q(rsvps__status=RSVP.Status.CONFIRMED)))
            .filter(n__gt=F("capacity"))
        )
        if over.exists():
            problems.append("an event with more confirmed places than seats")
    except ImportError:
        pass
    return problems


def main() -> int:
    seconds = int(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 20
    members = list(get_user_model().objects.filter(emailaddress__verified=True)[:200])
    groups = list(SupportGroup.objects.filter(visibility="public")[:4])
    if not members or not groups:
        print("Run bench/generate.py first.")
        return 2
    stop, log = threading.Event(), []
    threads = [
        threading.Thread(target=writer, args=(stop, log, members, groups, seed))
        for seed in range(4)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(seconds / 4)
    outage_start = time.monotonic()
    restart_postgres()
    outage_end = time.monotonic()
    time.sleep(seconds * 3 / 4)
    stop.set()
    for thread in threads:
        thread.join()
    close_old_connections()

    grace = 2.0
    errors = [t for t, ok in log if not ok]
    stray = [t for t in errors if not (outage_start - grace <= t <= outage_end + grace)]
    after = [ok for t, ok in log if t > outage_end + grace]
    problems = check_consistency()
    print(
        f"writes: {len(log)} in {time.monotonic() - started:.0f}s; errors: {len(errors)} "
        f"(outage {outage_end - outage_start:.1f}s); errors outside the outage: {len(stray)}; "
        f"writes after recovery: {sum(after)}/{len(after)} succeeded"
    )
    if stray:
        problems.append(f"{len(stray)} errors outside the outage window")
    if not after or not all(after):
        problems.append("writes did not all succeed after the restart")
    for problem in problems:
        print("PROBLEM:", problem)
    print("OK: no partial rows, counters match, recovery without restart" if not problems else "")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
