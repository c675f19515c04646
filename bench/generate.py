"""Fill a database with a realistic forum for benchmarks, fast: PostgreSQL COPY in batches.

    DJANGO_SETTINGS_MODULE=portal.settings.production ... python bench/generate.py --posts 1000000

Creates demo articles, 12 support groups, members (one per 100 posts, at least 50), threads
(one per 25 posts) and posts with varied text, keeping every denormalised counter and the
search vectors consistent with what the services would have written. Run again with a larger
--posts to add to an existing bench database."""

import argparse
import html
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from articles.demo import load_articles  # noqa: E402
from community.forums.models import Post, SupportGroup, Thread  # noqa: E402
from community.members.names import name_key  # noqa: E402

SUBJECTS = [
    "my back",
    "the pain",
    "my spine",
    "my physio",
    "my GP",
    "the scan",
    "my mum",
    "the exercise class",
    "tai chi",
    "my posture",
    "the medication",
    "sleep",
]
VERBS = [
    "helped",
    "changed",
    "worried me about",
    "made sense of",
    "improved",
    "eased",
    "slowed down",
    "surprised me with",
]
DETAILS = [
    "after the fracture",
    "in the mornings",
    "since the DEXA scan",
    "over the winter",
    "on bad days",
    "with a heat pad",
    "after a short walk",
    "when I paced myself",
    "with calcium and vitamin D",
    "once I started bisphosphonates",
]
OPENERS = [
    "Thank you for sharing.",
    "I know how that feels.",
    "Sending support.",
    "Me too.",
    "Good question.",
    "Has anyone else found this?",
    "Just an update.",
]
TITLES = [
    "Sleeping after a spinal fracture",
    "Heat or ice for back pain",
    "First DEXA scan",
    "Walking goals this month",
    "Questions for my rheumatologist",
    "Kyphoplasty recovery",
    "Tai chi for beginners",
    "Coping with height loss",
    "Carer support",
    "Pacing tips",
    "Denosumab injections",
    "Posture exercises",
    "Calcium rich breakfasts",
]
GROUPS = [
    "Living with back pain",
    "Newly diagnosed",
    "Carers and family",
    "Exercise and movement",
    "Treatments",
    "Diet and nutrition",
    "Men and osteoporosis",
    "Younger members",
    "After a hip fracture",
    "Spinal fractures",
    "Wellbeing",
    "Off topic",
]


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} "
        f"{rng.choice(SUBJECTS)} {rng.choice(DETAILS)}."
    )


def post_text(rng: random.Random) -> str:
    return " ".join([rng.choice(OPENERS), *(sentence(rng) for _ in range(rng.randint(2, 6)))])


def next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
        return cursor.fetchone()[0]


def copy_rows(table: str, columns: list[str], rows) -> int:
    count = 0
    raw = connection.connection
    with (
        raw.cursor() as cursor,
        cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN"  # noqa: S608
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def fix_sequence(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


def ensure_groups() -> list[int]:
    ids = []
    for position, name in enumerate(GROUPS):
        group, _ = SupportGroup.objects.get_or_create(
            slug=f"bench-{position}",
            defaults={
                "name": name,
                "position": position,
                "indexable": position % 3 == 0,
                "visibility": "members" if name == "Younger members" else "public",
                "description": f"Bench group: {name}.",
            },
        )
        ids.append(group.pk)
    return ids


def add_members(count: int, rng: random.Random) -> list[int]:
    start = next_id("auth_user")
    password = make_password("bench-password-not-secret")
    now = datetime.now(UTC)
    ids = list(range(start, start + count))
    copy_rows(
        "auth_user",
        [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
        ],
        (
            (
                i,
                password,
                False,
                f"bench{i}",
                "",
                "",
                f"bench{i}@bench.example",
                False,
                True,
                now - timedelta(days=rng.randint(30, 2000)),
            )
            for i in ids
        ),
    )
    copy_rows(
        "account_emailaddress",
        ["user_id", "email", "verified", '"primary"'],
        ((i, f"bench{i}@bench.example", True, True) for i in ids),
    )
    copy_rows(
        "members_profile",
        [
            "user_id",
            "display_name",
            "name_key",
            "bio",
            "time_zone",
            "notify_replies",
            "notify_event_reminders",
            "weekly_digest",
            "post_count",
            "created_at",
            "avatar",
        ],
        (
            (
                i,
                f"Bench member {i}",
                name_key(f"Bench member {i}"),
                "",
                "",
                True,
                True,
                False,
                0,
                now,
                "",
            )
            for i in ids
        ),
    )
    fix_sequence("auth_user")
    return ids


def add_forum(posts: int, group_ids: list[int], member_ids: list[int], rng: random.Random) -> None:
    thread_count = max(posts // 25, 10)
    thread_start, post_id = next_id("forums_thread"), next_id("forums_post")
    now = datetime.now(UTC)
    per_thread = [1] * thread_count
    for _ in range(posts - thread_count):
        per_thread[min(int(rng.expovariate(1 / (thread_count / 4))), thread_count - 1)] += 1
    threads, post_rows = [], []
    for offset, count in enumerate(per_thread):
        thread_id = thread_start + offset
        started = now - timedelta(minutes=rng.randint(count, 60 * 24 * 365))
        title = f"{rng.choice(TITLES)} ({thread_id})"
        times = sorted(
            started + timedelta(minutes=rng.randint(0, 60 * 24 * 30)) for _ in range(count)
        )
        threads.append(
            (
                thread_id,
                rng.choice(group_ids),
                rng.choice(member_ids),
                title,
                f"bench-thread-{thread_id}",
                False,
                False,
                False,
                count,
                count,
                times[-1],
                started,
            )
        )
        for position, created in enumerate(times, start=1):
            text = post_text(rng)
            post_rows.append(
                (
                    post_id,
                    thread_id,
                    rng.choice(member_ids),
                    position,
                    text,
                    f"<p>{html.escape(text, quote=False)}</p>",
                    "visible",
                    False,
                    False,
                    "",
                    False,
                    0,
                    created,
                )
            )
            post_id += 1
    copy_rows(
        "forums_thread",
        [
            "id",
            "group_id",
            "author_id",
            "title",
            "slug",
            "pinned",
            "locked",
            "is_removed",
            "post_count",
            "last_position",
            "last_post_at",
            "created_at",
        ],
        threads,
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS post_search_vector")
        # The RUM index (migration forums 0017) is rebuilt in finish(), not row by row.
        cursor.execute("DROP INDEX IF EXISTS post_search_vector_rum")
    copy_rows(
        "forums_post",
        [
            "id",
            "thread_id",
            "author_id",
            "position",
            "body_markdown",
            "body_html",
            "status",
            "is_deleted",
            "is_urgent",
            "urgent_reason",
            "needs_review",
            "report_count",
            "created_at",
        ],
        post_rows,
    )
    fix_sequence("forums_thread")
    fix_sequence("forums_post")


def finish() -> None:
    """Counters, first posts and search vectors, as the services would have left them."""
    statements = [
        "SET CONSTRAINTS ALL IMMEDIATE",
        """UPDATE forums_thread t SET first_post_id = p.id FROM forums_post p
           WHERE p.thread_id = t.id AND p.position = 1 AND t.first_post_id IS NULL""",
        """UPDATE forums_post p SET search_vector =
             setweight(to_tsvector('english', t.title), 'A') ||
             setweight(to_tsvector('english', p.body_markdown), 'B')
           FROM forums_thread t WHERE p.thread_id = t.id AND p.position = 1
             AND p.search_vector IS NULL""",
        """UPDATE forums_post SET search_vector =
             setweight(to_tsvector('english', body_markdown), 'B') WHERE search_vector IS NULL""",
        "CREATE INDEX IF NOT EXISTS post_search_vector ON forums_post USING gin (search_vector)",
        """DO $$ BEGIN
             IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum') THEN
               CREATE INDEX IF NOT EXISTS post_search_vector_rum
                 ON forums_post USING rum (search_vector rum_tsvector_ops);
             END IF;
           END $$""",
        """UPDATE forums_supportgroup g SET thread_count = s.threads, post_count = s.posts,
             last_post_at = s.last FROM (
               SELECT group_id, count(*) AS threads, sum(post_count) AS posts,
                      max(last_post_at) AS last FROM forums_thread GROUP BY group_id) s
           WHERE s.group_id = g.id""",
        """UPDATE members_profile pr SET post_count = s.n FROM (
             SELECT author_id, count(*) AS n FROM forums_post GROUP BY author_id) s
           WHERE s.author_id = pr.user_id""",
        "ANALYZE",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, required=True, help="total forum posts wanted")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - test data
    started = time.monotonic()
    load_articles()
    existing = Post.objects.count()
    wanted = args.posts - existing
    if wanted <= 0:
        print(f"Already {existing} posts; nothing to add.")
        return
    with transaction.atomic():
        group_ids = ensure_groups()
        member_ids = add_members(max(wanted // 100, 50), rng)
        add_forum(wanted, group_ids, member_ids, rng)
        finish()
    print(
        f"Added {wanted} posts in {Thread.objects.count()} threads by "
        f"{len(member_ids)} new members in {time.monotonic() - started:.0f}s."
    )


if __name__ == "__main__":
    main()
