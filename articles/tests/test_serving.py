"""Pages found by their whole path, with Wagtail's view restrictions kept."""

import pytest
from wagtail.models import PageViewRestriction

from articles.tests.factories import ArticlePageFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_page_is_served_at_its_path(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Calcium explained")

    response = client.get(article.url)

    assert response.status_code == 200
    assert response.context["page"] == article


def test_an_unpublished_page_is_not_found(client, article_index):
    draft = ArticlePageFactory(parent=article_index, live=False)

    assert client.get(f"/articles/{draft.slug}/").status_code == 404


def test_an_unknown_path_is_not_found(client, article_index):
    assert client.get("/articles/no-such-article/").status_code == 404


@pytest.mark.parametrize("restricted", ["article", "index"])
def test_a_login_restriction_on_the_page_or_an_ancestor_still_asks_readers_to_sign_in(
    client, article_index, restricted
):
    article = ArticlePageFactory(parent=article_index, title="For members")
    PageViewRestriction.objects.create(
        page=article if restricted == "article" else article_index,
        restriction_type=PageViewRestriction.LOGIN,
    )

    response = client.get(article.url)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_restricted_articles_are_left_out_of_the_listings(client, article_index):
    reviewed = {"medical_reviewer": PersonFactory(), "last_reviewed": "2026-01-05"}
    ArticlePageFactory(parent=article_index, title="Open to all", **reviewed)
    hidden = ArticlePageFactory(parent=article_index, title="Members only advice", **reviewed)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    for url in ("/", article_index.url):
        page = client.get(url).text
        assert "Open to all" in page
        assert "Members only advice" not in page
