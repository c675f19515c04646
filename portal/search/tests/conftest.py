import pytest

from articles.tests.factories import ArticlePageFactory, build_site
from portal.search.tests.corpus import ARTICLES


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    settings.FORUM_POST_RATE_LIMIT = (10_000, 600)


@pytest.fixture(scope="module")
def library(module_db):
    """The article corpus, built once per module."""
    _, index = build_site()
    return {
        title: ArticlePageFactory(
            parent=index, title=title, summary=summary, body=[("paragraph", f"<p>{text}</p>")]
        )
        for title, summary, text in ARTICLES
    }
