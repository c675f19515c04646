"""The demo's seed article takes the real journey: the demo editor's draft, submitted to
Medical review and approved by the demo reviewer, with its people, topics and references."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState

from articles.models import ArticlePage

pytestmark = pytest.mark.django_db

OWN_SEED = Path(__file__).parent / "data" / "strong_bones_after_fifty.txt"


@pytest.fixture
def seeded():
    output = StringIO()
    call_command("load_demo_content", "--seed", str(OWN_SEED), stdout=output)
    article = ArticlePage.objects.get(slug="keeping-your-bones-strong-after-fifty")
    return article, output.getvalue()


def test_seed_article_is_submitted_by_the_editor_and_approved_by_the_reviewer(seeded):
    article, output = seeded
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))

    assert article.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.workflow.name == "Medical review"
    assert state.requested_by.email.startswith("editor.")
    assert state.current_task_state.finished_by.email.startswith("reviewer.")
    assert not article.permissions_for_user(state.requested_by).can_publish()
    assert f"published after medical review, at {article.url}" in output
    assert article.url.startswith("/articles/")  # where readers find it, not the tree path


def test_seed_article_has_author_reviewer_topics_references_and_review_dates(seeded):
    article, _ = seeded

    assert article.author.name == "Sam Carter"
    assert article.medical_reviewer.name == "Dr Amara Okafor"
    assert article.last_reviewed == timezone.localdate()
    assert article.next_review_due > article.last_reviewed
    assert {topic.slug for topic in article.topics.all()} >= {"spine-and-back-pain"}
    assert article.references.count() == 3
    assert article.is_medically_reviewed


def test_loading_the_seed_twice_adds_nothing(seeded):
    article, _ = seeded
    revisions = article.revisions.count()

    call_command("load_demo_content", "--seed", str(OWN_SEED), stdout=StringIO())

    assert ArticlePage.objects.filter(slug=article.slug).count() == 1
    assert article.revisions.count() == revisions


def test_without_demo_accounts_the_seed_stays_a_draft(settings):
    call_command("load_demo_content", "--no-accounts", "--seed", str(OWN_SEED), stdout=StringIO())

    article = ArticlePage.objects.get(slug="keeping-your-bones-strong-after-fifty")
    assert not article.live
    assert not article.is_medically_reviewed
