from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, QuerySet
from wagtail.models import Page, ReferenceIndex

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
