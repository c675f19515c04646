from datetime import date

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet

from .models import ArticleFeedback, ArticlePage


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
