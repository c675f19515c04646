from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from articles.models import Topic
from articles.selectors import main_article_index
from community.events.models import Event
from community.forums.selectors import indexable_threads


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        self.article_index = main_article_index()
        if self.article_index is None:
            return Topic.objects.none()
        return Topic.objects.order_by("slug")

    def location(self, item):
        return self.article_index.topic_url(item)


class ThreadSitemap(Sitemap):
    """Only threads of public groups marked indexable: member content is noindex otherwise."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return indexable_threads().order_by("-last_post_at", "pk")

    def lastmod(self, item):
        return item.last_post_at


class EventSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Event.objects.listed().order_by("starts_at", "pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": WagtailSitemap,
    "topics": TopicSitemap,
    "discussions": ThreadSitemap,
    "events": EventSitemap,
}
