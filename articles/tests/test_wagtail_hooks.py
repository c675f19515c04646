from datetime import timedelta

import pytest
from django.utils import timezone

from articles.selectors import articles_due_for_review
from articles.tests.factories import ArticlePageFactory
from community.members.tests.factories import UserFactory, enrol_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles_by_due_date(article_index):
    today = timezone.localdate()
    return {
        "overdue": ArticlePageFactory(
            parent=article_index, title="Overdue article", next_review_due=today - timedelta(days=3)
        ),
        "due_soon": ArticlePageFactory(
            parent=article_index,
            title="Due soon article",
            next_review_due=today + timedelta(days=29),
        ),
        "later": ArticlePageFactory(
            parent=article_index, title="Later article", next_review_due=today + timedelta(days=200)
        ),
        "never": ArticlePageFactory(parent=article_index, title="Never reviewed article"),
    }


def test_due_for_review_lists_overdue_soon_and_never_reviewed_soonest_first(articles_by_due_date):
    due = list(articles_due_for_review(today=timezone.localdate()))

    assert due == [
        articles_by_due_date["overdue"],
        articles_by_due_date["due_soon"],
        articles_by_due_date["never"],
    ]


def test_admin_dashboard_shows_the_review_panel(client, articles_by_due_date):
    admin = UserFactory(is_superuser=True, is_staff=True)
    enrol_totp(admin)
    client.force_login(admin)

    response = client.get("/admin/")

    panel = response.text.split('id="articles-due-for-review-title"')[1].split("</section>")[0]
    assert "Overdue article" in panel
    assert "(overdue)" in panel
    assert "Due soon article" in panel
    assert "Never reviewed" in panel
    assert "Later article" not in panel
