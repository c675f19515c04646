from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("<int:page_id>/", views.article_feedback, name="article-feedback"),
]
