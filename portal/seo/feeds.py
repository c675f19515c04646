from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.models import Topic
from articles.selectors import latest_articles, main_article_index
from community.events.selectors import listed_events
from community.forums.models import SupportGroup, Thread

FEED_LENGTH = 30


class ArticlesFeed(Feed):
    description = "Medically reviewed articles about osteoporosis, bone density and back pain."

    def get_object(self, request, topic_slug: str | None = None):
        return get_object_or_404(Topic, slug=topic_slug) if topic_slug else None

    def title(self, topic):
        suffix = f": {topic.name}" if topic else ""
        return f"Bone & Spine Health articles{suffix}"

    def link(self, topic):
        index = main_article_index()
        if index is None:
            return "/"
        return index.topic_url(topic) if topic else index.url

    def items(self, topic):
        return latest_articles(topic=topic)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class AtomArticlesFeed(ArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, topic):
        return self.description


class EventsFeed(Feed):
    title = "Bone & Spine Health: upcoming events"
    link = reverse_lazy("events:event-list")
    description = "Support-group meetings, webinars, talks and exercise classes."

    def items(self):
        return listed_events(limit=FEED_LENGTH)

    def item_title(self, item):
        return f"{item.title} ({item.starts_at:%d %b %Y})"

    def item_description(self, item):
        """Organisers write plain text; feeds declare descriptions as HTML, so the text is
        escaped and its line breaks kept."""
        return linebreaksbr(escape(item.description))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class AtomEventsFeed(EventsFeed):
    feed_type = Atom1Feed
    subtitle = EventsFeed.description


class GroupThreadsFeed(Feed):
    """A public support group's threads, most recently active first. Feed readers have no
    session, so members-only groups have no feed (404) and threads are those anyone may see."""

    def get_object(self, request, group_slug: str):
        return get_object_or_404(SupportGroup.objects.visible_to(AnonymousUser()), slug=group_slug)

    def title(self, group):
        return f"Bone & Spine Health: {group.name}"

    def link(self, group):
        return group.get_absolute_url()

    def description(self, group):
        return group.description or f"New and active threads in {group.name}."

    def items(self, group):
        return (
            Thread.objects.visible_to(AnonymousUser())
            .filter(group=group)
            .order_by("-last_post_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.reply_count} repl{'y' if item.reply_count == 1 else 'ies'}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.last_post_at or item.created_at


class AtomGroupThreadsFeed(GroupThreadsFeed):
    feed_type = Atom1Feed

    def subtitle(self, group):
        return self.description(group)
