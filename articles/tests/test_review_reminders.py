from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from articles.services import review_reminders_send
from articles.tests.factories import ArticlePageFactory
from community.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewers():
    group = Group.objects.get(name="Medical reviewers")
    people = [UserFactory(email="rosa@example.org"), UserFactory(email="amir@example.org")]
    for person in people:
        person.groups.add(group)
    UserFactory(email="editor@example.org").groups.add(Group.objects.get(name="Editors"))
    return people


@pytest.fixture
def articles(article_index):
    today = timezone.localdate()
    return {
        "overdue": ArticlePageFactory(
            parent=article_index, title="Overdue article", next_review_due=today - timedelta(3)
        ),
        "soon": ArticlePageFactory(
            parent=article_index, title="Soon article", next_review_due=today + timedelta(20)
        ),
        "later": ArticlePageFactory(
            parent=article_index, title="Later article", next_review_due=today + timedelta(90)
        ),
        "draft": ArticlePageFactory(
            parent=article_index,
            title="Draft article",
            live=False,
            next_review_due=today - timedelta(3),
        ),
    }


def send(captured):
    with captured(execute=True):
        return review_reminders_send(today=timezone.localdate())


def test_each_reviewer_gets_the_overdue_and_soon_due_articles(
    reviewers, articles, mailoutbox, django_capture_on_commit_callbacks
):
    sent = send(django_capture_on_commit_callbacks)

    assert sent == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["amir@example.org", "rosa@example.org"]
    body = mailoutbox[0].body
    assert "Overdue:\n- Overdue article" in body
    assert "Due within 30 days:\n- Soon article" in body
    assert "Later article" not in body
    assert "Draft article" not in body
    assert f"/admin/pages/{articles['soon'].pk}/edit/" in body


def test_a_second_run_sends_nothing_more(
    reviewers, articles, mailoutbox, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)

    assert send(django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 2


def test_a_new_review_period_is_announced_again(
    reviewers, articles, mailoutbox, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)
    article = articles["later"]
    article.next_review_due = timezone.localdate() + timedelta(5)
    article.save_revision().publish()

    assert send(django_capture_on_commit_callbacks) == 2
    assert "Later article" in mailoutbox[-1].body
    assert "Overdue article" not in mailoutbox[-1].body


def test_the_command_reports_what_it_sent(
    reviewers, articles, mailoutbox, django_capture_on_commit_callbacks
):
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=output)

    assert output.getvalue().strip() == "Sent 2 reminders."
    assert len(mailoutbox) == 2
