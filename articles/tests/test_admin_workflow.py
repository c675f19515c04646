"""The Medical review workflow through Wagtail's real admin views: who may submit, publish,
approve and request changes."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage, ArticlePage
from articles.tests.factories import ArticlePageFactory, HomePageFactory
from community.members.tests.factories import UserFactory, enrol_totp

pytestmark = pytest.mark.django_db


def staff(group_name=None, **kwargs):
    user = UserFactory(**kwargs)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    enrol_totp(user)
    return user


@pytest.fixture
def editor():
    return staff("Editors")


@pytest.fixture
def reviewer():
    return staff("Medical reviewers")


@pytest.fixture
def admin_user():
    return staff(is_superuser=True, is_staff=True)


@pytest.fixture
def draft(article_index):
    return ArticlePageFactory(
        parent=article_index, title="Living with a fracture", live=False, last_reviewed=None
    )


def edit_data(article, *, text="Rest, then move gently.", **extra):
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield(
                [("heading", "What helps"), ("paragraph", rich_text(f"<p>{text}</p>"))]
            ),
            "references": inline_formset([]),
            "comments": inline_formset([]),
            "topics": [],
            "tags": "",
            "author": "",
            "medical_reviewer": "",
            "next_review_due": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            **extra,
        }
    )


def edit_url(article):
    return reverse("wagtailadmin_pages:edit", args=[article.pk])


def post_edit(client, user, article, **data):
    client.force_login(user)
    return client.post(edit_url(article), {**edit_data(article), **data})


def test_articles_under_an_index_have_the_medical_review_workflow(draft):
    assert draft.has_workflow
    assert draft.get_workflow().name == "Medical review"


def test_an_article_index_created_in_the_admin_gets_the_workflow(admin_user, client):
    home = HomePageFactory()
    client.force_login(admin_user)

    client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "articleindexpage", home.pk]),
        nested_form_data(
            {
                "title": "Guides",
                "slug": "guides",
                "intro": rich_text(""),
                "comments": inline_formset([]),
                "seo_title": "",
                "search_description": "",
                "go_live_at": "",
                "expire_at": "",
            }
        ),
    )

    guides = ArticleIndexPage.objects.get(slug="guides")
    assert guides.workflowpage.workflow.name == "Medical review"


def test_editor_sees_submit_to_medical_review_and_no_publish(client, editor, draft):
    client.force_login(editor)

    response = client.get(edit_url(draft))

    assert response.status_code == 200
    assert "Submit to Medical review" in response.text
    assert 'name="action-publish"' not in response.text


def test_editor_forced_publish_post_saves_a_draft_only(client, editor, draft):
    response = post_edit(client, editor, draft, **{"action-publish": "action-publish"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.has_unpublished_changes
    latest = draft.get_latest_revision_as_object()
    assert "Rest, then move gently." in str(latest.body)
    assert not ArticlePage.objects.live().filter(pk=draft.pk).exists()


def test_editor_submits_to_medical_review(client, editor, draft):
    post_edit(client, editor, draft, **{"action-submit": "1"})

    draft.refresh_from_db()
    state = draft.current_workflow_state
    assert state is not None
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Medical review"
    assert not draft.live


def test_reviewer_has_no_direct_publish_on_an_article(client, editor, reviewer, draft):
    post_edit(client, editor, draft, **{"action-submit": "1"})
    client.force_login(reviewer)

    page = client.get(edit_url(draft))
    forced = post_edit(client, reviewer, draft, **{"action-publish": "action-publish"})

    assert 'name="action-publish"' not in page.text
    assert "Approve" in page.text
    assert forced.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert not draft.permissions_for_user(reviewer).can_publish()


def reviewer_acts(client, reviewer, article, action, comment=""):
    client.force_login(reviewer)
    state = article.current_workflow_state
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[article.pk, action, state.current_task_state.pk],
        ),
        {"comment": comment},
    )


def test_reviewer_requests_changes_and_the_editor_sees_the_comment(client, editor, reviewer, draft):
    post_edit(client, editor, draft, **{"action-submit": "1"})

    reviewer_acts(client, reviewer, draft, "reject", comment="Please explain kyphoplasty.")

    draft.refresh_from_db()
    assert draft.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not draft.live
    client.force_login(editor)
    assert "Please explain kyphoplasty." in client.get(edit_url(draft)).text


def test_reviewer_approval_publishes_with_review_dates(client, editor, reviewer, draft, settings):
    settings.ARTICLE_REVIEW_PERIOD = timedelta(days=365)
    post_edit(client, editor, draft, **{"action-submit": "1"})

    response = reviewer_acts(client, reviewer, draft, "approve")

    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    today = timezone.localdate()
    assert draft.live
    assert draft.last_reviewed == today
    assert draft.next_review_due == today + timedelta(days=365)
    assert "Rest, then move gently." in str(draft.body)


def test_scheduled_publishing_waits_for_approval(client, editor, reviewer, draft):
    go_live = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    post_edit(client, editor, draft, go_live_at=go_live, **{"action-submit": "1"})

    draft.refresh_from_db()
    assert not draft.live
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not draft.revisions.filter(approved_go_live_at__isnull=False).exists()

    reviewer_acts(client, reviewer, draft, "approve")

    draft.refresh_from_db()
    assert not draft.live
    scheduled = draft.revisions.get(approved_go_live_at__isnull=False)
    assert scheduled.approved_go_live_at > timezone.now()
    assert scheduled.content["last_reviewed"] == timezone.localdate().isoformat()


def test_administrators_keep_direct_publish(client, admin_user, draft):
    post_edit(client, admin_user, draft, **{"action-publish": "action-publish"})

    draft.refresh_from_db()
    assert draft.live


def test_resubmitted_changes_are_what_goes_live(client, editor, reviewer, draft):
    post_edit(client, editor, draft, **{"action-submit": "1"})
    reviewer_acts(client, reviewer, draft, "reject", comment="Say how long.")
    client.force_login(editor)
    client.post(
        edit_url(draft),
        {**edit_data(draft, text="Walk for five minutes, twice a day."), "action-submit": "1"},
    )
    draft.refresh_from_db()
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    reviewer_acts(client, reviewer, draft, "approve")

    draft.refresh_from_db()
    assert draft.live
    assert "Walk for five minutes, twice a day." in str(draft.body)
