from django.urls import path

from . import views

app_name = "forums"
urlpatterns = [
    path("", views.group_list, name="group-list"),
    path("new/", views.new_posts, name="new-posts"),
    path("g/<slug:slug>/", views.group_detail, name="group-detail"),
    path("g/<slug:slug>/new-thread/", views.thread_create, name="thread-create"),
    path("g/<slug:slug>/subscribe/", views.group_subscribe, name="group-subscribe"),
    path("t/<int:pk>/", views.thread_detail, name="thread-detail-short"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/subscribe/", views.thread_subscribe, name="thread-subscribe"),
    path("t/<int:pk>/moderate/", views.thread_moderate, name="thread-moderate"),
    path("t/<int:pk>/<slug:slug>/", views.thread_detail, name="thread-detail"),
    path("p/<int:pk>/", views.post_permalink, name="post-permalink"),
    path("p/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("p/<int:pk>/delete/", views.post_delete, name="post-delete"),
    path("p/<int:pk>/history/", views.post_history, name="post-history"),
    path("p/<int:pk>/react/", views.react, name="post-react"),
    path("p/<int:pk>/report/", views.report, name="post-report"),
    path("p/<int:pk>/answer/", views.mark_answer, name="post-answer"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("article/<int:page_id>/", views.article_discussion, name="article-discussion"),
]
