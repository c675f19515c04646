from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views as portal_views
from portal.search import views as search_views

handler500 = "portal.views.server_error"

urlpatterns = [
    path("", include("portal.seo.urls")),
    path("topics/<slug:slug>/", search_views.topic_moved, name="topic-moved"),
    path("favicon.ico", portal_views.favicon, name="favicon"),
    path("healthz", portal_views.healthz, name="healthz"),
    path("healthz/live", portal_views.liveness, name="liveness"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("members/", include("community.members.urls")),
    path("notifications/", include("community.notifications.urls")),
    path("forums/", include("community.forums.urls")),
    path("events/", include("community.events.urls")),
    path("search/", include("portal.search.urls")),
    path("contact/", include("portal.pages.urls")),
    path("article-feedback/", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", portal_views.media)]

urlpatterns += [path("", include(wagtail_urls))]
