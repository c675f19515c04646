from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feeds/articles/rss/", feeds.ArticlesFeed(), name="feed-articles-rss"),
    path("feeds/articles/atom/", feeds.AtomArticlesFeed(), name="feed-articles-atom"),
    path("feeds/topics/<slug:topic_slug>/rss/", feeds.ArticlesFeed(), name="feed-topic-rss"),
    path("feeds/topics/<slug:topic_slug>/atom/", feeds.AtomArticlesFeed(), name="feed-topic-atom"),
    path("feeds/groups/<slug:group_slug>/rss/", feeds.GroupThreadsFeed(), name="feed-group-rss"),
    path(
        "feeds/groups/<slug:group_slug>/atom/",
        feeds.AtomGroupThreadsFeed(),
        name="feed-group-atom",
    ),
    path("feeds/events/rss/", feeds.EventsFeed(), name="feed-events-rss"),
    path("feeds/events/atom/", feeds.AtomEventsFeed(), name="feed-events-atom"),
]
