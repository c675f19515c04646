"""What a page costs in SQL when it is built (the anonymous page cache off): the same number
of queries however long the body and however many articles, and fragments that never outlive
the revision they were rendered from."""

import pytest

from articles.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    PersonFactory,
    TopicFactory,
    body_of,
)
from community.forums.tests.factories import ExperiencedMemberFactory
from portal.tests.query_counts import (  # noqa: F401 - fixture
    pages_built_on_each_request,
    queries_for,
    queries_for_first_view,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_built_on_each_request")]

ARTICLE_QUERIES = 10
LISTING_QUERIES = 12


def illustrated_body(*, sections: int, images: list) -> list:
    body = body_of(sections)
    body += [("image", {"image": image, "alt_text": "An X-ray", "caption": ""}) for image in images]
    return body


def article(index, *, sections: int, images: int, **fields):
    topics = [TopicFactory(name="Spine"), TopicFactory(name="Exercise")]
    return ArticlePageFactory(
        parent=index,
        body=illustrated_body(sections=sections, images=ImageFactory.create_batch(images)),
        author=PersonFactory(),
        medical_reviewer=PersonFactory(),
        last_reviewed="2026-01-05",
        hero_image=ImageFactory(),
        hero_image_alt="A spine",
        topics=topics,
        tags=["posture"],
        **fields,
    )


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_article_costs_the_same_few_queries_whatever_its_length(
    client, article_index, signed_in
):
    if signed_in:
        client.force_login(ExperiencedMemberFactory())
    short = article(article_index, sections=1, images=1)
    long = article(article_index, sections=60, images=12)

    short_queries = queries_for(client, short.url)
    long_queries = queries_for(client, long.url)

    assert short_queries == long_queries
    if not signed_in:
        assert long_queries <= ARTICLE_QUERIES


def test_an_article_built_with_nothing_cached_costs_the_same_whatever_its_length(
    client, article_index
):
    short = article(article_index, sections=1, images=1)
    long = article(article_index, sections=60, images=12)

    assert queries_for_first_view(client, short.url) == queries_for_first_view(client, long.url)


def test_an_article_with_more_related_articles_costs_no_more(client, article_index):
    read = article(article_index, sections=3, images=1)
    alone = queries_for(client, read.url)

    for _ in range(6):
        article(article_index, sections=2, images=1)

    assert queries_for(client, read.url) == alone


def test_home_and_article_index_cost_the_same_for_few_and_many_articles(client, article_index):
    article(article_index, sections=1, images=0)
    few = (queries_for(client, "/"), queries_for(client, article_index.url))

    for _ in range(14):
        article(article_index, sections=2, images=0)

    many = (queries_for(client, "/"), queries_for(client, article_index.url))
    assert many == few
    assert max(many) <= LISTING_QUERIES


def test_a_topic_page_costs_the_same_for_few_and_many_articles(client, article_index):
    article(article_index, sections=1, images=0)
    few = queries_for(client, f"{article_index.url}topics/spine/")

    for _ in range(14):
        article(article_index, sections=2, images=0)

    assert queries_for(client, f"{article_index.url}topics/spine/") == few
    assert few <= LISTING_QUERIES


def test_the_body_is_read_from_the_cache_once_rendered(
    client, article_index, django_assert_max_num_queries
):
    page = article(article_index, sections=2, images=2)
    client.get(page.url)

    with django_assert_max_num_queries(ARTICLE_QUERIES):
        response = client.get(page.url)

    assert "Section 2" in response.text
    assert "posture" in response.text


def test_a_republished_article_never_shows_the_cached_body_of_the_old_revision(
    client, article_index
):
    page = article(article_index, sections=2, images=0)
    assert "Section 2" in client.get(page.url).text

    page.body = [("heading", "Rewritten after review"), ("paragraph", "<p>New advice.</p>")]
    page.save_revision().publish()

    response = client.get(page.url)
    assert "Rewritten after review" in response.text
    assert "New advice." in response.text
    assert "Section 2" not in response.text


def test_a_draft_saved_after_publishing_does_not_change_the_served_body(client, article_index):
    page = article(article_index, sections=2, images=0)
    client.get(page.url)

    page.body = [("heading", "Unpublished draft")]
    page.save_revision()

    response = client.get(page.url)
    assert "Section 2" in response.text
    assert "Unpublished draft" not in response.text


def test_a_warm_article_home_and_index_cost_no_query_for_a_reader(client, article_index):
    page = article(article_index, sections=3, images=2)

    assert queries_for(client, page.url) == 0
    assert queries_for(client, "/") == 0
    assert queries_for(client, article_index.url) == 0
