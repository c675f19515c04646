"""Built pages are assembled from cached fragments and a cached copy of the served page: none
of them may outlive what it shows. A republished article, a renamed author, a newly published
article, a new view restriction are seen at once; a preview is never stored nor served."""

import pytest
from wagtail.models import PageViewRestriction

from articles.tests.factories import ArticlePageFactory, PersonFactory, TopicFactory, body_of
from portal.tests.query_counts import pages_built_on_each_request  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_built_on_each_request")]


def reviewed_article(index, **fields):
    return ArticlePageFactory(
        parent=index,
        body=body_of(2),
        author=PersonFactory(name="Dr Old Name"),
        medical_reviewer=PersonFactory(),
        last_reviewed="2026-01-05",
        **fields,
    )


def test_a_republished_article_shows_its_new_title_summary_and_topics(client, article_index):
    page = reviewed_article(article_index, title="Before review", topics=[TopicFactory()])
    assert "Before review" in client.get(page.url).text

    page.title = "After review"
    page.summary = "A rewritten summary."
    page.topics.set([TopicFactory(name="Posture")])
    page.save_revision().publish()

    text = client.get(page.url).text
    assert "After review" in text
    assert "A rewritten summary." in text
    assert "Posture" in text
    assert "Before review" not in text


def test_a_renamed_author_is_shown_at_once(client, article_index):
    page = reviewed_article(article_index)
    assert "Dr Old Name" in client.get(page.url).text

    page.author.name = "Dr New Name"
    page.author.save()

    text = client.get(page.url).text
    assert "Dr New Name" in text
    assert "Dr Old Name" not in text


def test_a_newly_published_article_appears_among_related_articles_home_and_index(
    client, article_index
):
    topic = TopicFactory(name="Spine")
    page = reviewed_article(article_index, topics=[topic])
    for url in (page.url, "/", article_index.url):
        client.get(url)

    reviewed_article(article_index, title="Fresh from review", topics=[topic])

    for url in (page.url, "/", article_index.url):
        assert "Fresh from review" in client.get(url).text, url


def test_an_unpublished_article_is_no_longer_served(client, article_index):
    page = reviewed_article(article_index)
    assert client.get(page.url).status_code == 200

    page.unpublish()

    assert client.get(page.url).status_code == 404


def test_a_view_restriction_added_later_covers_the_cached_page(client, article_index):
    page = reviewed_article(article_index, title="Soon private")
    assert "Soon private" in client.get(page.url).text

    PageViewRestriction.objects.create(
        page=article_index, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(page.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_preview_is_neither_served_from_nor_stored_in_the_cache(client, article_index):
    page = reviewed_article(article_index, title="Live title")
    assert "Live title" in client.get(page.url).text

    page.title = "Draft title"
    first_preview = page.make_preview_request().render().content.decode()
    page.title = "Second draft title"
    second_preview = page.make_preview_request().render().content.decode()

    assert "Draft title" in first_preview
    assert "Second draft title" in second_preview
    assert "Draft title" not in second_preview.replace("Second draft title", "")
    text = client.get(page.url).text
    assert "Live title" in text
    assert "Draft title" not in text


def test_the_home_page_shows_its_new_intro_once_republished(client, article_index):
    home = article_index.get_parent().specific
    client.get("/")

    home.intro = "A new welcome."
    home.save_revision().publish()

    assert "A new welcome." in client.get("/").text
