from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import F, Q, QuerySet

from .models import ArticlePage, Topic


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


def articles_matching(*, query: str):
    """Live, public articles matching the query, best first."""
    if not query:
        return ArticlePage.objects.none()
    return ArticlePage.objects.live().public().select_related("hero_image").search(query)


def topic_articles(*, topic: Topic) -> QuerySet[ArticlePage]:
    return (
        ArticlePage.objects.live()
        .public()
        .filter(topics=topic)
        .select_related("hero_image")
        .order_by("-first_published_at")
    )


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
