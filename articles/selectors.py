from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet

from .models import ArticlePage


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
