"""Counting the SQL queries a page costs, for the query-count tests of every app."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> int:
    """The queries of one GET of `url`, after a first GET has warmed the caches (Site root
    paths, image renditions, content types, cached fragments), as every request but the first
    after a deploy finds them."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def queries_for_first_view(client, url: str) -> int:
    """The queries of a GET that finds every cache empty (after a first GET has made what is
    made once and stored for good, such as image renditions)."""
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def pages_built_on_each_request(settings):
    """The anonymous page cache off, so every request builds its page."""
    settings.PAGE_CACHE_ENABLED = False
