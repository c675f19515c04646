from django.urls import path

from community.members.views import unsubscribe
from portal import converters  # noqa: F401  (registers <id:...>)

from . import personal_views, views

app_name = "forums"
urlpatterns = [
    path("", views.group_list, name="group-list"),
    path("new/", views.new_posts, name="new-posts"),
    path("g/<slug:slug>/", views.group_detail, name="group-detail"),
    path("g/<slug:slug>/new-thread/", views.thread_create, name="thread-create"),
    path("g/<slug:slug>/subscribe/", views.group_subscribe, name="group-subscribe"),
    path("g/<slug:slug>/draft/", personal_views.thread_draft_save, name="thread-draft-save"),
    path(
        "g/<slug:slug>/draft/discard/",
        personal_views.thread_draft_discard,
        name="thread-draft-discard",
    ),
    path("t/<id:pk>/", views.thread_detail, name="thread-detail-short"),
    path("t/<id:pk>/reply/", views.reply, name="reply"),
    path("t/<id:pk>/subscribe/", views.thread_subscribe, name="thread-subscribe"),
    path("t/<id:pk>/draft/", personal_views.reply_draft_save, name="reply-draft-save"),
    path(
        "t/<id:pk>/draft/discard/", personal_views.reply_draft_discard, name="reply-draft-discard"
    ),
    path("t/<id:pk>/moderate/", views.thread_moderate, name="thread-moderate"),
    path("t/<id:pk>/<slug:slug>/", views.thread_detail, name="thread-detail"),
    path("p/<id:pk>/", views.post_permalink, name="post-permalink"),
    path("p/<id:pk>/edit/", views.post_edit, name="post-edit"),
    path("p/<id:pk>/delete/", views.post_delete, name="post-delete"),
    path("p/<id:pk>/history/", views.post_history, name="post-history"),
    path("p/<id:pk>/moderate/", views.post_moderate, name="post-moderate"),
    path("p/<id:pk>/react/", views.react, name="post-react"),
    path("p/<id:pk>/report/", views.report, name="post-report"),
    path("p/<id:pk>/answer/", views.mark_answer, name="post-answer"),
    path("p/<id:pk>/bookmark/", personal_views.post_bookmark, name="post-bookmark"),
    path("bookmarks/<id:pk>/delete/", personal_views.bookmark_delete, name="bookmark-delete"),
    # Links in emails sent before unsubscribing moved to the members app.
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
    path("article/<id:page_id>/", views.article_discussion, name="article-discussion"),
]
