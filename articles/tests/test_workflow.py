from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import WorkflowState

from articles.selectors import MEDICAL_REVIEW_WORKFLOW
from articles.tests.factories import ArticlePageFactory
from community.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def reviewer():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    return user


@pytest.fixture
def draft_article(article_index, editor):
    article = ArticlePageFactory(parent=article_index, live=False, last_reviewed=None)
    article.title = "Pain after a vertebral fracture"
    article.save_revision(user=editor)
    return article


def submit_for_review(article, user):
    workflow = article.get_workflow()
    return workflow.start(article, user=user)


def test_article_section_uses_the_medical_review_workflow(draft_article):
    assert draft_article.get_workflow().name == MEDICAL_REVIEW_WORKFLOW


def test_neither_editors_nor_medical_reviewers_publish_directly(draft_article, editor, reviewer):
    assert draft_article.permissions_for_user(editor).can_edit()
    assert not draft_article.permissions_for_user(editor).can_publish()
    assert not draft_article.permissions_for_user(reviewer).can_publish()


def test_submitted_article_stays_unpublished_until_a_reviewer_approves(draft_article, editor):
    state = submit_for_review(draft_article, editor)

    draft_article.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not draft_article.live


def test_editors_cannot_approve_the_medical_review(draft_article, editor):
    state = submit_for_review(draft_article, editor)
    task = state.current_task_state.task.specific

    assert task.get_actions(draft_article, editor) == []
    assert task.locked_for_user(draft_article, editor)


def approve_as(state, user):
    """Approve as the admin's workflow action view does: only with an action on offer."""
    task = state.current_task_state.task.specific
    if not task.get_actions(state.content_object, user):
        raise PermissionDenied
    task.on_action(state.current_task_state, user, "approve")


def test_reviewer_approval_publishes_and_stamps_review_dates(
    draft_article, editor, reviewer, settings
):
    settings.ARTICLE_REVIEW_PERIOD = timedelta(days=730)
    state = submit_for_review(draft_article, editor)

    approve_as(state, reviewer)

    draft_article.refresh_from_db()
    today = timezone.localdate()
    assert draft_article.live
    assert draft_article.title == "Pain after a vertebral fracture"
    assert draft_article.last_reviewed == today
    assert draft_article.next_review_due == today + timedelta(days=730)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_review_period_is_configurable(draft_article, editor, reviewer, settings):
    settings.ARTICLE_REVIEW_PERIOD = timedelta(days=365)
    state = submit_for_review(draft_article, editor)

    approve_as(state, reviewer)

    draft_article.refresh_from_db()
    assert draft_article.next_review_due - draft_article.last_reviewed == timedelta(days=365)


def test_rejected_article_is_not_published_and_keeps_old_dates(draft_article, editor, reviewer):
    draft_article.last_reviewed = date(2024, 1, 1)
    draft_article.save_revision(user=editor)
    state = submit_for_review(draft_article, editor)

    task = state.current_task_state.task.specific
    task.on_action(state.current_task_state, reviewer, "reject")

    draft_article.refresh_from_db()
    assert not draft_article.live
    assert draft_article.get_latest_revision_as_object().last_reviewed == date(2024, 1, 1)
