import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own responses

import feedparser
import pytest
from django.test import Client, override_settings
from django.urls import reverse

from articles.tests.factories import ArticlePageFactory, PersonFactory, TopicFactory, build_site
from community.forums import services
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import enrol_totp

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0


@pytest.fixture(scope="module")
def portal_content(module_db):
    with override_settings(FORUM_NEW_MEMBER_MIN_POSTS=0):
        return _portal_content()


def _portal_content():
    _, index = build_site()
    topic = TopicFactory(name="Spine", slug="spine")
    reviewer = PersonFactory(name="Dr Rowan Reviewer", credentials="FRCP")
    article = ArticlePageFactory(
        parent=index,
        title="Understanding spinal fractures",
        topics=[topic],
        medical_reviewer=reviewer,
        last_reviewed="2026-02-01",
    )
    draft = ArticlePageFactory(parent=index, title="Unpublished draft", live=False)
    indexable = SupportGroupFactory(slug="open", indexable=True)
    private = SupportGroupFactory(slug="private", visibility="members", indexable=True)
    public_thread = make_thread(group=indexable, title="Open thread about walking")
    private_thread = make_thread(group=private, title="Private carers thread")
    hidden_reply = make_reply(thread=public_thread, body="hidden reply text")
    moderator = ExperiencedMemberFactory()
    indexable.moderators.add(moderator)
    enrol_totp(moderator)
    services.post_moderate(post=hidden_reply, moderator=moderator, action="hide")
    return {
        "article": article,
        "draft": draft,
        "topic": topic,
        "public_thread": public_thread,
        "private_thread": private_thread,
    }


def jsonld_blocks(html: str) -> list[dict]:
    return [json.loads(block) for block in JSONLD.findall(html)]


def test_sitemap_lists_articles_topics_indexable_threads_and_nothing_private(
    client, portal_content
):
    response = client.get("/sitemap.xml")

    root = ET.fromstring(response.content)  # noqa: S314
    locations = [loc.text for loc in root.findall(".//s:loc", SITEMAP_NS)]
    assert any(loc.endswith(portal_content["article"].url) for loc in locations)
    assert any(loc.endswith("/articles/topics/spine/") for loc in locations)
    assert any(portal_content["public_thread"].get_absolute_url() in loc for loc in locations)
    assert not any(portal_content["private_thread"].get_absolute_url() in loc for loc in locations)
    assert not any(
        "unpublished-draft" in loc or portal_content["draft"].slug in loc for loc in locations
    )


def test_robots_disallows_admin_account_and_search_and_points_at_the_sitemap(client):
    text = client.get("/robots.txt").text

    for path in ("/admin/", "/accounts/", "/search/"):
        assert f"Disallow: {path}" in text
    assert re.search(r"^Sitemap: http://testserver/sitemap.xml$", text, re.M)


@pytest.mark.parametrize("name", ["feed-articles-rss", "feed-articles-atom"])
def test_article_feeds_parse_and_leave_out_drafts(client, portal_content, name):
    feed = feedparser.parse(client.get(reverse(name)).content)

    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert "Understanding spinal fractures" in titles
    assert "Unpublished draft" not in titles


def test_topic_feed_has_only_that_topics_articles(client, portal_content):
    other_index = portal_content["article"].get_parent()
    ArticlePageFactory(parent=other_index, title="Calcium at breakfast")

    feed = feedparser.parse(client.get(reverse("feed-topic-atom", args=["spine"])).content)

    assert [entry.title for entry in feed.entries] == ["Understanding spinal fractures"]


@pytest.mark.parametrize("name", ["feed-events-rss", "feed-events-atom"])
def test_event_feeds_parse(client, name):
    feed = feedparser.parse(client.get(reverse(name)).content)

    assert not feed.bozo
    assert feed.feed.title == "Bone & Spine Health: upcoming events"


def test_pages_link_their_feeds_for_autodiscovery(client, portal_content):
    html = client.get(portal_content["article"].url).text

    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


def test_article_page_has_medical_web_page_and_breadcrumb_json_ld(client, portal_content):
    html = client.get(portal_content["article"].url).text

    blocks = {block["@type"]: block for block in jsonld_blocks(html)}
    page = blocks["MedicalWebPage"]
    assert page["lastReviewed"] == "2026-02-01"
    assert page["reviewedBy"]["name"] == "Dr Rowan Reviewer"
    assert page["name"] == "Understanding spinal fractures"
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[-1]["name"] == "Understanding spinal fractures"
    assert '<link rel="canonical" href="http://testserver' in html
    assert '<meta property="og:title" content="Understanding spinal fractures">' in html


def test_indexable_thread_has_discussion_forum_posting_json_ld(client, portal_content):
    html = client.get(portal_content["public_thread"].get_absolute_url()).text

    blocks = {block["@type"]: block for block in jsonld_blocks(html)}
    posting = blocks["DiscussionForumPosting"]
    assert posting["headline"] == "Open thread about walking"
    assert posting["author"]["@type"] == "Person"
    assert "hidden reply text" not in json.dumps(posting)
    assert "BreadcrumbList" in blocks


def test_non_indexable_threads_carry_no_discussion_json_ld(client, db):
    thread = make_thread(group=SupportGroupFactory())

    blocks = jsonld_blocks(client.get(thread.get_absolute_url()).text)

    assert "DiscussionForumPosting" not in {block["@type"] for block in blocks}


def test_json_ld_cannot_be_closed_by_member_text(client, db):
    group = SupportGroupFactory(indexable=True)
    thread = make_thread(group=group, title="</script><script>alert(1)</script>")

    html = client.get(thread.get_absolute_url()).text

    assert "</script><script>alert(1)" not in html
    assert jsonld_blocks(html)


def test_topic_page_has_breadcrumbs_through_the_article_index(client, portal_content):
    html = client.get("/articles/topics/spine/").text

    (breadcrumbs,) = [block for block in jsonld_blocks(html) if block["@type"] == "BreadcrumbList"]
    assert [item["item"] for item in breadcrumbs["itemListElement"]] == [
        "http://testserver/",
        "http://testserver/articles/",
        "http://testserver/articles/topics/spine/",
    ]


def test_topic_page_gathers_articles_and_discussions(client, portal_content):
    html = client.get("/articles/topics/spine/").text

    assert "Understanding spinal fractures" in html
    assert "Related discussions" in html


def test_styled_404_has_the_search_box(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert 'name="q"' in response.text


def test_500_page_renders_without_database_or_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Sorry, something went wrong" in html
    assert 'name="q"' in html


def test_500_handler_answers_with_the_styled_page(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    client = Client(raise_request_exception=False)
    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("boom/", broken)]})
    response = client.get("/boom/")

    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.text


@pytest.mark.parametrize("name", ["feed-events-rss", "feed-events-atom"])
def test_event_feeds_send_organiser_markup_as_text(client, name):
    from community.events.tests.factories import EventFactory

    EventFactory(
        title="Chair yoga",
        description='Bring water.\n<img src="x" onerror="alert(1)"><b>Free</b>',
    )

    feed = feedparser.parse(client.get(reverse(name)).content)

    (entry,) = feed.entries
    assert "<img" not in entry.summary and "<b>" not in entry.summary
    assert "&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;" in entry.summary
    assert "&lt;b&gt;Free&lt;/b&gt;" in entry.summary
    assert entry.summary.startswith("Bring water.<br")


def test_503_page_renders_without_database_or_request():
    from django.template.loader import render_to_string

    html = render_to_string("503.html")

    assert "We will be back shortly" in html
    assert "<title>Back shortly | Bone &amp; Spine Health</title>" in html
    assert 'name="q"' in html


def test_old_topic_addresses_move_permanently_under_the_article_index(client, portal_content):
    response = client.get("/topics/spine/")

    assert response.status_code == 301
    assert response["Location"] == "/articles/topics/spine/"
    assert client.get("/topics/no-such-topic/").status_code == 404
    assert client.get("/articles/topics/no-such-topic/").status_code == 404


def test_topic_feed_links_to_the_topic_page(client, portal_content):
    feed = feedparser.parse(client.get(reverse("feed-topic-rss", args=["spine"])).content)

    assert feed.feed.link.endswith("/articles/topics/spine/")
