from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ArticleIndexPage, Person, Topic
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
