import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.tests.factories import ArticlePageFactory
from community.forums import services
from community.forums.models import Post
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import enrol_totp
from portal.search.selectors import highlight_query_words
from portal.search.tests.corpus import QUERIES

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "",
    " ",
    "x" * 5000,
    "' OR 1=1; DROP TABLE wagtailcore_page; --",
    '" AND "" = "',
    "(.*)+[a-z]{2,}\\",
    "%_%",
    "<script>alert(1)</script>",
    "💀🦴 back pain 🙏",
    "nul\x00byte",
    "\x00\x00\x00",
    "&|!:*()<->",
    "-",
    '"unclosed quote',
    "OR",
    "\u202eevil",
]


@pytest.mark.parametrize(("query", "expected_title"), QUERIES, ids=[q for q, _ in QUERIES])
def test_reader_queries_find_the_expected_article_first(client, library, query, expected_title):
    response = client.get(reverse("search:search"), {"q": query, "type": "articles"})

    results = list(response.context["page_obj"])
    assert results, f"no results for {query!r}"
    assert results[0].title == expected_title


def test_a_thread_about_the_query_ranks_above_a_passing_mention(client, db):
    group = SupportGroupFactory()
    passing = make_thread(
        group=group,
        title="My garden this spring",
        body="Lovely weather. Unrelated, but my sister had kyphoplasty once. Roses are out!",
    )
    focused = make_thread(
        group=group,
        title="Kyphoplasty: what was your recovery like?",
        body="I am booked for kyphoplasty next month. How long was kyphoplasty recovery for you?",
    )

    response = client.get(reverse("search:search"), {"q": "kyphoplasty", "type": "discussions"})

    threads = [post.thread for post in response.context["page_obj"]]
    assert threads.index(focused) < threads.index(passing)
    assert (
        "<mark>Kyphoplasty</mark>" in response.text or "<mark>kyphoplasty</mark>" in response.text
    )


def test_highlighted_snippets_escape_member_html(client, db):
    make_thread(title="Brittle bones", body="<img src=x onerror=alert(1)> brittle bones talk")

    response = client.get(reverse("search:search"), {"q": "brittle", "type": "discussions"})

    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_hidden_private_and_draft_content_never_appears_for_anonymous_readers(client, library):
    public_group = SupportGroupFactory()
    private_group = SupportGroupFactory(visibility="members")
    make_thread(group=private_group, title="Zoledronate private", body="zoledronate in private")
    hidden = make_reply(
        thread=make_thread(group=public_group, title="Public thread", body="hello there"),
        body="zoledronate hidden post",
    )
    moderator = ExperiencedMemberFactory()
    public_group.moderators.add(moderator)
    enrol_totp(moderator)
    services.post_moderate(post=hidden, moderator=moderator, action="hide")
    index = next(iter(library.values())).get_parent()
    ArticlePageFactory(parent=index, title="Zoledronate draft article", live=False)

    response = client.get(reverse("search:search"), {"q": "zoledronate"})

    assert response.context["total"] == 0
    assert "zoledronate" not in response.text.split("Nothing matched")[1].lower().split("</p>")[1]


def test_deleted_and_waiting_posts_are_found_by_nobody_but_their_thread_stays(client, db):
    thread = make_thread(title="Walking groups", body="Anyone near the park?")
    deleted = make_reply(thread=thread, body="teriparatide injections, deleted later")
    services.post_delete(post=deleted, user=deleted.author)
    waiting = make_reply(thread=thread, body="teriparatide pen tips, waiting for approval")
    Post.objects.filter(pk=waiting.pk).update(status=Post.Status.PENDING)
    client.force_login(waiting.author)

    response = client.get(reverse("search:search"), {"q": "teriparatide"})

    assert response.context["counts"]["discussions"] == 0
    assert client.get(reverse("search:search"), {"q": "park"}).context["counts"]["discussions"] == 1


def test_members_see_members_only_discussions(client, db):
    private_group = SupportGroupFactory(visibility="members")
    make_thread(group=private_group, title="Carers talk", body="respite care ideas")
    client.force_login(ExperiencedMemberFactory())

    response = client.get(reverse("search:search"), {"q": "respite"})

    assert response.context["counts"]["discussions"] == 1


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_answers_200_or_400_for_nul(client, library, query):
    for kind in ("", "articles", "discussions", "events"):
        response = client.get(reverse("search:search"), {"q": query, "type": kind, "page": "9x"})
        assert response.status_code == (400 if "\x00" in query else 200)


def test_did_you_mean_corrects_typos_from_titles_and_topics(client, library):
    response = client.get(reverse("search:search"), {"q": "kyphoplsty"})

    assert response.context["suggestion"] == "kyphoplasty"
    assert "Did you mean" in response.text


def test_zero_results_suggest_topics(client, library):
    from articles.tests.factories import TopicFactory

    TopicFactory(name="Exercise")

    response = client.get(reverse("search:search"), {"q": "qqqqzzzz"})

    assert "Or browse a topic" in response.text
    assert "Exercise" in response.text


def test_search_query_count_does_not_grow_with_results(
    client, library, django_assert_max_num_queries
):
    group = SupportGroupFactory()
    for n in range(3):
        make_thread(group=group, title=f"Bones chat {n}", body="bones and more bones")

    client.get(reverse("search:search"), {"q": "bones"})  # warms per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("search:search"), {"q": "bones"})
    for n in range(12):
        make_thread(group=group, title=f"More bones {n}", body="bones again")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("search:search"), {"q": "bones"})

    assert len(few) == len(many)
    with django_assert_max_num_queries(len(many)):
        client.get(reverse("search:search"), {"q": "bones", "type": "discussions"})


def test_article_results_mark_the_query_words_in_title_and_summary(client, library):
    response = client.get(reverse("search:search"), {"q": "fractures", "type": "articles"})

    assert response.status_code == 200
    results = response.text.split('class="search-results"', 1)[1]
    assert "<mark>" in results
    marked = {word.lower() for word in re.findall(r"<mark>(\w+)</mark>", results)}
    assert marked and all(word.startswith("fracture") for word in marked)


def test_query_words_are_marked_in_escaped_text_only():
    marked = highlight_query_words("<b>Spinal fractures</b> & fracture pain", "fracture <b>")

    assert marked == (
        "&lt;b&gt;Spinal <mark>fractures</mark>&lt;/b&gt; &amp; <mark>fracture</mark> pain"
    )


def test_searching_within_a_group_finds_only_that_groups_discussions(client, db):
    walkers = SupportGroupFactory(name="Leeds walkers", slug="leeds-walkers")
    make_thread(group=walkers, title="Hip pain on long walks")
    make_thread(group=SupportGroupFactory(slug="carers"), title="Hip pain when lifting")

    response = client.get(reverse("search:search"), {"q": "hip pain", "group": "leeds-walkers"})

    assert response.status_code == 200
    titles = [post.thread.title for post in response.context["page_obj"]]
    assert titles == ["Hip pain on long walks"]
    assert "Search Leeds walkers" in response.text
    assert 'name="group" value="leeds-walkers"' in response.text


def test_the_group_page_offers_a_search_of_the_group(client, db):
    group = SupportGroupFactory(slug="leeds-walkers")

    response = client.get(reverse("forums:group-detail", kwargs={"slug": group.slug}))

    assert 'name="group" value="leeds-walkers"' in response.text


def test_a_members_only_group_cannot_be_searched_by_readers_who_cannot_see_it(client, db):
    private = SupportGroupFactory(slug="carers", visibility="members")
    make_thread(group=private, title="Hip pain when lifting")

    response = client.get(reverse("search:search"), {"q": "hip pain", "group": "carers"})

    assert response.status_code == 404
    assert "Hip pain when lifting" not in response.text
