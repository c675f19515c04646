import pytest
from playwright.sync_api import expect

from articles.tests.factories import ArticlePageFactory, TopicFactory, body_of, build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def library(live_server):
    _, index = build_site()
    spine, diet = TopicFactory(name="Spine"), TopicFactory(name="Nutrition")
    ArticlePageFactory(
        parent=index,
        title="Calcium and vitamin D",
        summary="Food first, supplements when needed.",
        topics=[diet],
    )
    article = ArticlePageFactory(
        parent=index,
        title="When a vertebra fractures",
        summary="How spinal fractures feel and what helps.",
        topics=[spine],
        body=body_of(sections=8),
    )
    return {"index": index, "article": article}


def test_reader_filters_by_topic_opens_article_and_follows_the_contents(
    page, live_server, library, screenshot
):
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")

    page.get_by_role("navigation", name="Filter articles by topic").get_by_role(
        "link", name="Spine"
    ).click()
    expect(page.get_by_role("link", name="When a vertebra fractures")).to_be_visible()
    expect(page.get_by_role("link", name="Calcium and vitamin D")).to_have_count(0)

    page.get_by_role("link", name="When a vertebra fractures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("When a vertebra fractures")
    screenshot("article")

    page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Section 7"
    ).click()
    expect(page).to_have_url(f"{live_server.url}{library['article'].url}#section-7")
    section = page.locator("#section-7")
    expect(section).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0


def test_reader_browses_a_topic_from_the_home_page(page, live_server, library):
    page.goto(live_server.url)
    page.get_by_role("region", name="Browse by topic").get_by_role("link", name="Spine").click()

    expect(page).to_have_url(f"{live_server.url}/articles/topics/spine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spine")
    expect(page.get_by_role("link", name="When a vertebra fractures")).to_be_visible()
    expect(page.get_by_role("link", name="Calcium and vitamin D")).to_have_count(0)

    page.goto(f"{live_server.url}/topics/nutrition/")
    expect(page).to_have_url(f"{live_server.url}/articles/topics/nutrition/")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Articles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
