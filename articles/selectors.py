from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet
from wagtail.models import Page, ReferenceIndex, Site, Workflow

from .errors import NO_ARTICLE_INDEX, UNKNOWN_PARENT, ArticleImportError
from .models import ArticleFeedback, ArticleIndexPage, ArticlePage, Topic

MEDICAL_REVIEW_WORKFLOW = "Medical review"


def medical_review_workflow() -> Workflow | None:
    return Workflow.objects.filter(name=MEDICAL_REVIEW_WORKFLOW, active=True).first()


def find_article_index(*, path: str) -> ArticleIndexPage:
    """The article index at a URL path of the default site (e.g. "/articles/"), or the first
    article index when no path is given."""
    if not path:
        index_page = ArticleIndexPage.objects.order_by("path").first()
        if index_page is None:
            raise ArticleImportError(NO_ARTICLE_INDEX)
        return index_page
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ArticleImportError(UNKNOWN_PARENT.format(path=path))
    url_path = site.root_page.url_path + "/".join(part for part in path.split("/") if part) + "/"
    index_page = ArticleIndexPage.objects.filter(url_path=url_path).first()
    if index_page is None:
        raise ArticleImportError(UNKNOWN_PARENT.format(path=path))
    return index_page


def main_article_index() -> ArticleIndexPage | None:
    """The live article index readers reach from the site's navigation (the first one)."""
    return ArticleIndexPage.objects.live().order_by("path").first()


def articles_due_for_review(*, today: date) -> QuerySet[ArticlePage]:
    """Articles whose medical review is overdue or falls due within the warning period, and
    articles never reviewed at all, soonest first."""
    horizon = today + settings.ARTICLE_REVIEW_DUE_SOON
    return (
        ArticlePage.objects.filter(
            Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True)
        )
        .select_related("medical_reviewer")
        .order_by("next_review_due", "title")
    )


def articles_needing_review_reminder(*, today: date) -> QuerySet[ArticlePage]:
    """Live articles whose review is overdue or due within the warning period, not yet
    announced for that due date."""
    return (
        ArticlePage.objects.live()
        .filter(next_review_due__lte=today + settings.ARTICLE_REVIEW_DUE_SOON)
        .exclude(review_reminders__due_on=F("next_review_due"))
        .order_by("next_review_due", "title")
    )


def live_articles_showing(image) -> QuerySet[ArticlePage]:
    """Live articles that show the image, as their hero or in their body (Wagtail's reference
    index records both)."""
    referencing_page_ids = (
        ReferenceIndex.get_references_to(image)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return ArticlePage.objects.live().filter(
        Q(hero_image=image) | Q(pk__in=[int(page_id) for page_id in referencing_page_ids])
    )


def articles_matching(*, query: str):
    """Live, public articles matching the query, best first."""
    if not query:
        return ArticlePage.objects.none()
    return ArticlePage.objects.live().public().select_related("hero_image").search(query)


def latest_articles(*, topic: Topic | None = None) -> QuerySet[ArticlePage]:
    """Live, public articles, newest first; only those about `topic` when one is given."""
    articles = ArticlePage.objects.live().public().order_by("-first_published_at")
    return articles.filter(topics=topic) if topic is not None else articles


def suggested_topics(limit: int = 8) -> QuerySet[Topic]:
    return Topic.objects.all()[:limit]


_TITLE_VOCABULARY_SQL = """
    SELECT word FROM (
        SELECT DISTINCT lower(w) AS word
        FROM (
            SELECT regexp_split_to_table(p.title, '[^[:alnum:]]+') AS w
            FROM wagtailcore_page p
            JOIN articles_articlepage a ON a.page_ptr_id = p.id
            WHERE p.live
            UNION ALL
            SELECT regexp_split_to_table(t.name, '[^[:alnum:]]+') FROM articles_topic t
        ) words
        WHERE length(w) > 2
    ) vocabulary
"""


def closest_title_word(word: str) -> tuple[str, float] | None:
    """The word of live article titles and topic names closest to `word` by trigram
    similarity (pg_trgm), with its similarity."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word, similarity(word, %s) AS score FROM ({_TITLE_VOCABULARY_SQL}) v "  # noqa: S608
            "ORDER BY score DESC, word LIMIT 1",
            [word],
        )
        return cursor.fetchone()


RECENT_COMMENTS_PER_ARTICLE = 5


def article_feedback_report():
    """Articles with any answers to "Was this helpful?", least helpful first, each with its
    yes and no counts and its latest comments (`recent_comments`)."""
    comments = ArticleFeedback.objects.exclude(comment="").order_by("-pk")
    return (
        ArticlePage.objects.annotate(
            helpful_count=Count("feedback", filter=Q(feedback__helpful=True)),
            unhelpful_count=Count("feedback", filter=Q(feedback__helpful=False)),
        )
        .filter(Q(helpful_count__gt=0) | Q(unhelpful_count__gt=0))
        .prefetch_related(
            Prefetch(
                "feedback",
                queryset=comments[:RECENT_COMMENTS_PER_ARTICLE],
                to_attr="recent_comments",
            )
        )
        .order_by("-unhelpful_count", "helpful_count", "title")
    )
