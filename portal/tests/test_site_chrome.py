"""What every page carries: the icon browsers ask for, and a title that names the site once."""

import re

import pytest

from articles.tests.factories import build_site

pytestmark = pytest.mark.django_db
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response) -> str:
    return TITLE.search(response.content.decode()).group(1)


def test_browsers_get_an_icon_at_favicon_ico(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # ICO header


def test_pages_link_an_icon(client):
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/events/").text


def test_home_page_title_names_the_site_once_and_other_pages_end_with_it(client):
    home, _ = build_site()
    home.title = "Bone & Spine Health"
    home.save_revision().publish()

    assert title_of(client.get("/")) == "Bone &amp; Spine Health"
    assert title_of(client.get("/events/")).endswith(" | Bone &amp; Spine Health")
    assert title_of(client.get("/events/")).count("Bone &amp; Spine Health") == 1


def test_the_navigation_links_to_the_article_index_wherever_it_lives(client):
    _, index = build_site()
    assert 'class="site-nav__link" href="/articles/">Articles</a>' in client.get("/events/").text

    index.slug = "library"
    index.save_revision().publish()

    assert 'class="site-nav__link" href="/library/">Articles</a>' in client.get("/events/").text
    index.unpublish()
    assert ">Articles</a>" not in client.get("/events/").text


def test_the_header_links_by_url_name(client):
    html = client.get("/events/").text

    assert 'class="site-header__brand" href="/"' in html
    assert 'class="site-nav__link" href="/events/">Events</a>' in html
    assert '<form class="site-search" role="search" action="/search/"' in html
