"""Discussions are ranked among all their matches, not among whichever matches the index
yields first, and a search costs the same queries however many posts match."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchVector
from django.db.models import Value
from django.urls import reverse
from django.utils import timezone

from community.forums import selectors
from community.forums.models import Post, Thread
from community.forums.selectors import RANKED_CANDIDATES
from community.forums.tests.factories import ExperiencedMemberFactory, SupportGroupFactory
from portal.tests.query_counts import pages_built_on_each_request, queries_for  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_built_on_each_request")]

WEAK_MATCH = "Long day at the clinic; the nurse mentioned calcium once, among many other things."
BEST_MATCH = "Calcium calcium: my calcium supplement and calcium-rich food doubled my scan."


def bulk_posts(thread: Thread, author, bodies: list[str], *, days_old: list[int] | None = None):
    """Posts inserted in bulk, as bench/generate.py does, with their search vectors."""
    thread.refresh_from_db()
    start = thread.last_position
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=author,
            position=start + number,
            body_markdown=body,
            body_html=f"<p>{body}</p>",
            status=Post.Status.VISIBLE,
        )
        for number, body in enumerate(bodies, start=1)
    )
    Thread.objects.filter(pk=thread.pk).update(
        last_position=start + len(bodies), post_count=start + len(bodies)
    )
    Post.objects.filter(thread=thread, position__gt=start).update(
        search_vector=SearchVector(Value(""), weight="A", config="english")
        + SearchVector("body_markdown", weight="B", config="english")
    )
    now = timezone.now()
    for number, days in enumerate(days_old or [], start=start + 1):
        Post.objects.filter(thread=thread, position=number).update(
            created_at=now - timedelta(days=days)
        )


@pytest.fixture
def busy_thread(db):
    group = SupportGroupFactory()
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    bulk_posts(thread, author, [WEAK_MATCH] * (RANKED_CANDIDATES + 100))
    return thread, author


def test_the_best_match_is_found_beyond_the_first_matches_the_index_yields(client, busy_thread):
    thread, author = busy_thread
    bulk_posts(thread, author, [BEST_MATCH])

    response = client.get(reverse("search:search"), {"q": "calcium", "type": "discussions"})

    first = response.context["page_obj"].object_list[0]
    assert first.body_markdown == BEST_MATCH


def test_equally_relevant_posts_come_newest_first(client, busy_thread):
    thread, author = busy_thread
    bulk_posts(thread, author, [BEST_MATCH, BEST_MATCH])

    response = client.get(reverse("search:search"), {"q": "calcium", "type": "discussions"})

    first, second = response.context["page_obj"].object_list[:2]
    assert (first.created_at, first.pk) >= (second.created_at, second.pk)
    assert first.body_markdown == second.body_markdown == BEST_MATCH


def test_search_costs_the_same_queries_for_few_and_many_matches(client, db):
    group = SupportGroupFactory()
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    bulk_posts(thread, author, [WEAK_MATCH] * 3)
    urls = [
        f"{reverse('search:search')}?q=calcium",
        f"{reverse('search:search')}?q=calcium&type=discussions",
    ]
    few = [queries_for(client, url) for url in urls]

    bulk_posts(thread, author, [WEAK_MATCH] * 300)

    assert [queries_for(client, url) for url in urls] == few


def matching_bodies_and_ids() -> list[tuple[str, int]]:
    posts = selectors.posts_matching(query="calcium", user=AnonymousUser())
    return [(post.body_markdown, post.pk) for post in posts]


def test_an_older_best_match_beats_thousands_of_newer_weaker_ones(db):
    group = SupportGroupFactory()
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    bulk_posts(thread, author, [BEST_MATCH], days_old=[20])
    bulk_posts(thread, author, [WEAK_MATCH] * (RANKED_CANDIDATES + 100))

    found = matching_bodies_and_ids()

    assert found[0][0] == BEST_MATCH
    assert len(found) == RANKED_CANDIDATES


def test_hidden_deleted_and_members_only_matches_stay_out(db):
    group = SupportGroupFactory()
    members_only = SupportGroupFactory(visibility="members")
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    private = Thread.objects.create(
        group=members_only, author=author, title="Our days", slug="ours"
    )
    bulk_posts(thread, author, [BEST_MATCH, BEST_MATCH, BEST_MATCH, WEAK_MATCH])
    bulk_posts(private, author, [BEST_MATCH])
    first, second = Post.objects.filter(thread=thread, body_markdown=BEST_MATCH)[:2]
    Post.objects.filter(pk=first.pk).update(status=Post.Status.HIDDEN)
    Post.objects.filter(pk=second.pk).update(is_deleted=True)

    found = matching_bodies_and_ids()

    assert [body for body, _ in found] == [BEST_MATCH, WEAK_MATCH]
