"""Feeds are offered as visible links, with a word on what they do, where readers look for them;
each link answers with its feed."""

import re

import feedparser
import pytest
from django.urls import reverse

from articles.tests.factories import ArticlePageFactory, TopicFactory, build_site
from community.events.tests.factories import EventFactory
from community.forums.tests.factories import SupportGroupFactory, make_thread
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

WEBCAL = re.compile(r'href="(webcal://[^"]+)"')
CALENDAR_TYPE = "text/calendar; charset=utf-8"
RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0


@pytest.fixture
def content():
    _, index = build_site()
    topic = TopicFactory(name="Spine", slug="spine")
    ArticlePageFactory(parent=index, title="Understanding spinal fractures", topics=[topic])
    group = SupportGroupFactory(name="Leeds walkers", slug="leeds")
    make_thread(group=group, title="Where do we walk on Saturday?")
    make_thread(group=SupportGroupFactory(slug="carers", visibility="members"), title="Private")
    EventFactory(group=group, title="Leeds walk")
    return {"index": index, "topic": topic, "group": group}


def webcal_links(html: str) -> list[str]:
    return WEBCAL.findall(html)


def answers(client, path: str, content_type: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    return response.content


def assert_feed_links(client, html: str, rss: str, atom: str) -> feedparser.FeedParserDict:
    assert f'href="{rss}" type="application/rss+xml">RSS feed</a>' in html
    assert f'href="{atom}" type="application/atom+xml">Atom feed</a>' in html
    assert "For a news reader app" in html
    answers(client, atom, ATOM_TYPE)
    return feedparser.parse(answers(client, rss, RSS_TYPE))


def test_the_event_list_offers_a_webcal_subscription_to_all_events(client, content):
    html = client.get(reverse("events:event-list")).text

    assert webcal_links(html)[0] == f"webcal://testserver{reverse('events:feed-all')}"
    assert "paste the link" not in html
    assert "adds new events by itself" in html
    answers(client, reverse("events:feed-all"), CALENDAR_TYPE)
    feed = assert_feed_links(client, html, reverse("feed-events-rss"), reverse("feed-events-atom"))
    assert [entry.title.split(" (")[0] for entry in feed.entries] == ["Leeds walk"]


def test_the_event_list_filtered_by_a_group_offers_that_groups_calendar(client, content):
    html = client.get(reverse("events:event-list"), {"group": "leeds"}).text

    group_calendar = reverse("events:feed-group", args=["leeds"])
    assert f"webcal://testserver{group_calendar}" in webcal_links(html)
    assert "Follow Leeds walkers&#x27;s events" in html
    answers(client, group_calendar, CALENDAR_TYPE)


def test_an_event_page_offers_its_groups_calendar(client, content):
    event = content["group"].events.get()

    html = client.get(event.get_absolute_url()).text

    assert webcal_links(html) == [
        f"webcal://testserver{reverse('events:feed-group', args=['leeds'])}"
    ]


def test_a_public_group_offers_its_calendar_and_thread_feeds(client, content):
    html = client.get(content["group"].get_absolute_url()).text

    assert webcal_links(html) == [
        f"webcal://testserver{reverse('events:feed-group', args=['leeds'])}"
    ]
    feed = assert_feed_links(
        client,
        html,
        reverse("feed-group-rss", args=["leeds"]),
        reverse("feed-group-atom", args=["leeds"]),
    )
    assert [entry.title for entry in feed.entries] == ["Where do we walk on Saturday?"]


def test_members_only_groups_have_no_feeds_and_offer_none(client, content):
    client.force_login(MemberFactory())

    html = client.get(reverse("forums:group-detail", args=["carers"])).text

    assert webcal_links(html) == []
    assert "RSS feed" not in html
    client.logout()
    assert client.get(reverse("feed-group-rss", args=["carers"])).status_code == 404
    assert client.get(reverse("feed-group-atom", args=["carers"])).status_code == 404


def test_the_article_index_offers_the_article_feeds(client, content):
    html = client.get(content["index"].url).text

    feed = assert_feed_links(
        client, html, reverse("feed-articles-rss"), reverse("feed-articles-atom")
    )
    assert [entry.title for entry in feed.entries] == ["Understanding spinal fractures"]


def test_the_article_index_filtered_by_topic_offers_that_topics_feeds(client, content):
    html = client.get(content["index"].url, {"topic": "spine"}).text

    assert_feed_links(
        client,
        html,
        reverse("feed-topic-rss", args=["spine"]),
        reverse("feed-topic-atom", args=["spine"]),
    )


def test_a_topic_page_offers_its_feeds(client, content):
    html = client.get(content["index"].topic_url(content["topic"])).text

    feed = assert_feed_links(
        client,
        html,
        reverse("feed-topic-rss", args=["spine"]),
        reverse("feed-topic-atom", args=["spine"]),
    )
    assert feed.feed.title == "Bone & Spine Health articles: Spine"
