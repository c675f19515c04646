from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import ArticleIndexPage, Person, Topic
from .permissions import can_read_article_feedback
from .selectors import articles_due_for_review
from .services import article_index_require_review

REVIEW_PANEL_LIMIT = 20


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "credentials", "role"]
    search_fields = ["name"]


class ArticleSnippets(SnippetViewSetGroup):
    items = (TopicViewSet, PersonViewSet)
    menu_icon = "doc-full"
    menu_label = "Article library"
    menu_name = "article-library"


register_snippet(ArticleSnippets)


class ArticlesDueForReviewPanel(Component):
    name = "articles_due_for_review"
    order = 50
    template_name = "articles/admin/articles_due_for_review_panel.html"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {
            "articles": articles_due_for_review(today=today)[:REVIEW_PANEL_LIMIT],
            "today": today,
        }


@hooks.register("construct_homepage_panels")
def add_articles_due_for_review_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(ArticlesDueForReviewPanel())


@hooks.register("after_create_page")
def require_review_under_new_article_index(request, page):
    if isinstance(page.specific, ArticleIndexPage):
        article_index_require_review(index=page)


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_article_feedback(request.user)


@hooks.register("register_admin_urls")
def register_feedback_report_url():
    return [
        path(
            "reports/article-feedback/",
            admin_views.feedback_report,
            name="article_feedback_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return FeedbackReportMenuItem(
        "Was this helpful?",
        reverse("article_feedback_report"),
        name="article-feedback",
        icon_name="help",
        order=700,
    )
