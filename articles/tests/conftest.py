import pytest

from articles.tests.factories import build_site


@pytest.fixture
def site_pages(db):
    home, index = build_site()
    return {"home": home, "index": index}


@pytest.fixture
def article_index(site_pages):
    return site_pages["index"]
