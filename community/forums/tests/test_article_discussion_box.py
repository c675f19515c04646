"""The "Discuss this article" box: the thread and its latest replies, fetched together."""

import pytest

from articles.tests.factories import ArticlePageFactory, build_site
from community.forums import services
from community.forums.selectors import article_discussion_box
from community.forums.tests.factories import SupportGroupFactory, make_reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    _, index = build_site()
    return ArticlePageFactory(parent=index, title="Vitamin D and you")


def discussion(article, author, *, visibility="public"):
    group = SupportGroupFactory(slug=f"discussions-{visibility}", visibility=visibility)
    return services.thread_create(
        group=group,
        author=author,
        title="Discussion: Vitamin D",
        body="Opening words",
        article=article,
    )


def test_the_box_shows_the_latest_three_replies_oldest_first_without_the_opening_post(
    article, author, django_assert_num_queries
):
    thread = discussion(article, author)
    for number in range(1, 5):
        make_reply(thread=thread, body=f"Reply {number}")

    with django_assert_num_queries(1):
        shown_thread, replies = article_discussion_box(article=article)

    assert shown_thread == thread
    assert [reply.body_markdown for reply in replies] == ["Reply 2", "Reply 3", "Reply 4"]


def test_a_discussion_without_replies_is_still_linked(article, author):
    thread = discussion(article, author)

    assert article_discussion_box(article=article) == (thread, [])


def test_a_members_only_discussion_is_no_discussion_on_the_article_page(article, author):
    thread = discussion(article, author, visibility="members")
    make_reply(thread=thread, body="Only members read this.")

    assert article_discussion_box(article=article) == (None, [])


def test_an_article_without_discussion_has_an_empty_box(article):
    assert article_discussion_box(article=article) == (None, [])
