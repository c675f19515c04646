"""Discussions are ranked among all their matches, not among whichever matches the index
yields first, and a search costs the same queries however many posts match."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import Value
from django.urls import reverse
from django.utils import timezone

from community.forums.models import Post, Thread
from community.forums.tests.factories import ExperiencedMemberFactory, SupportGroupFactory
from portal.search import selectors
from portal.search.selectors import RANKED_CANDIDATES, RUM_INDEX
from portal.tests.query_counts import pages_built_on_each_request, queries_for  # noqa: F401 - fixture


def rum_available() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


@pytest.fixture(params=["rum", "ts_rank"], autouse=True)
def ranking(request, db):
    """Every test runs on both ways of ranking: through the RUM index, which the migration
    creates where the server has the extension, and with ts_rank where it has not (the
    embedded PostgreSQL 18), here by dropping the index inside the test's transaction."""
    selectors.rum_index_ready.cache_clear()
    if request.param == "rum" and not rum_available():
        pytest.skip("This PostgreSQL has no RUM extension")
    if request.param == "ts_rank" and rum_available():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {RUM_INDEX}")
    assert selectors.rum_index_ready() == (request.param == "rum")
    yield request.param
    selectors.rum_index_ready.cache_clear()


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
    """What an anonymous reader finds for "calcium", best first, as (body, id)."""
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


def test_a_post_written_after_a_cached_search_is_found_at_once(busy_thread):
    thread, author = busy_thread
    assert matching_bodies_and_ids()[0][0] == WEAK_MATCH

    bulk_posts(thread, author, [BEST_MATCH])

    assert matching_bodies_and_ids()[0][0] == BEST_MATCH


def test_a_post_hidden_after_a_cached_search_is_not_shown(db):
    group = SupportGroupFactory()
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    bulk_posts(thread, author, [BEST_MATCH, WEAK_MATCH])
    assert [body for body, _ in matching_bodies_and_ids()] == [BEST_MATCH, WEAK_MATCH]

    Post.objects.filter(body_markdown=BEST_MATCH).update(status=Post.Status.HIDDEN)

    assert [body for body, _ in matching_bodies_and_ids()] == [WEAK_MATCH]


def test_of_equally_relevant_posts_the_newer_one_comes_first_whatever_the_ids(db):
    group = SupportGroupFactory()
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    bulk_posts(thread, author, [WEAK_MATCH, WEAK_MATCH], days_old=[3, 400])
    newer, older = Post.objects.filter(thread=thread).order_by("position")

    assert [pk for _, pk in matching_bodies_and_ids()] == [newer.pk, older.pk]


def test_clearly_better_older_advice_beats_a_weaker_post_from_today(db):
    group = SupportGroupFactory()
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    bulk_posts(thread, author, [BEST_MATCH, WEAK_MATCH], days_old=[720, 0])

    assert [body for body, _ in matching_bodies_and_ids()] == [BEST_MATCH, WEAK_MATCH]


def test_a_group_search_finds_only_that_groups_posts_best_first(client, db):
    group, other = SupportGroupFactory(), SupportGroupFactory()
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    elsewhere = Thread.objects.create(group=other, author=author, title="Days", slug="days")
    bulk_posts(thread, author, [WEAK_MATCH, BEST_MATCH])
    bulk_posts(elsewhere, author, [BEST_MATCH])

    response = client.get(reverse("search:search"), {"q": "calcium", "group": group.slug})

    found = response.context["page_obj"].object_list
    assert [post.body_markdown for post in found] == [BEST_MATCH, WEAK_MATCH]
    assert {post.thread_id for post in found} == {thread.pk}


@pytest.fixture
def ranked_then_edited(db):
    """Two equal matches ranked (and the ranking cached), newer first; then the older one
    edited into the better match without the cache being told."""
    group = SupportGroupFactory()
    author = ExperiencedMemberFactory()
    thread = Thread.objects.create(group=group, author=author, title="Clinic days", slug="clinic")
    bulk_posts(thread, author, [WEAK_MATCH, WEAK_MATCH], days_old=[1, 2])
    newer, edited = Post.objects.filter(thread=thread).order_by("position")
    assert [pk for _, pk in matching_bodies_and_ids()] == [newer.pk, edited.pk]
    Post.objects.filter(pk=edited.pk).update(
        body_markdown=BEST_MATCH,
        search_vector=SearchVector(Value(BEST_MATCH), weight="B", config="english"),
    )
    return newer, edited


def test_cached_rankings_older_than_the_cache_time_are_ranked_again(
    ranked_then_edited, monkeypatch
):
    newer, edited = ranked_then_edited

    monkeypatch.setattr(selectors, "CANDIDATES_CACHE_SECONDS", -1)

    assert [pk for _, pk in matching_bodies_and_ids()] == [edited.pk, newer.pk]


def test_while_another_process_ranks_a_query_again_its_cached_ranking_is_used(
    ranked_then_edited, monkeypatch
):
    newer, edited = ranked_then_edited
    monkeypatch.setattr(selectors, "CANDIDATES_CACHE_SECONDS", -1)
    key = selectors.ranking_cache_key(
        query="calcium", user=AnonymousUser(), group=None, rum=selectors.rum_index_ready()
    )

    cache.add(f"{key}:ranking", 1)

    assert [pk for _, pk in matching_bodies_and_ids()] == [newer.pk, edited.pk]
