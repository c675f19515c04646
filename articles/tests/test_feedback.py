""" "Was this helpful?" under every article, and the editors' report of the answers."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from articles.forms import ArticleFeedbackForm
from articles.models import ArticleFeedback
from articles.services import (
    FEEDBACK_CHOICE_MISSING,
    FEEDBACK_COMMENT_TOO_LONG,
    FEEDBACK_RATE_LIMITED,
)
from articles.tests.factories import ArticlePageFactory
from community.members.tests.factories import MemberFactory, enrol_totp

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/article-feedback/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    from django.core.cache import cache

    cache.clear()
    settings.ARTICLE_FEEDBACK_RATE_LIMIT = (3, 3600)


@pytest.fixture
def article(article_index):
    return ArticlePageFactory(parent=article_index, title="Calcium and vitamin D")


def feedback_url(article) -> str:
    return reverse("articles:article-feedback", args=[article.pk])


def answer(client, article, helpful="yes", comment="", address="203.0.113.7"):
    return client.post(
        feedback_url(article), {"helpful": helpful, "comment": comment}, REMOTE_ADDR=address
    )


def staff(group_name: str | None):
    user = MemberFactory()
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    enrol_totp(user)
    return user


# Answering ------------------------------------------------------------------------------------


def test_every_article_asks_whether_it_helped_without_a_form_token(client, article):
    html = client.get(article.url).text

    assert "Was this helpful?" in html
    assert f'action="{feedback_url(article)}"' in html
    assert 'name="csrfmiddlewaretoken"' not in html


def test_an_anonymous_reader_answers_yes_with_a_comment_and_is_thanked(client, article):
    response = answer(client, article, "yes", "  Clear and kind, thank you.  ")

    assert response.status_code == 302
    assert response["Location"] == f"{article.url}?helpful=thanks#helpful"
    feedback = ArticleFeedback.objects.get()
    assert (feedback.article_id, feedback.helpful, feedback.comment) == (
        article.pk,
        True,
        "Clear and kind, thank you.",
    )
    assert "Thank you for telling us." in client.get(response["Location"]).text


def test_a_signed_in_member_answers_no_and_nothing_links_it_to_them(client, article):
    member = MemberFactory()
    client.force_login(member)

    answer(client, article, "no", "Too much jargon.", address="198.51.100.23")

    feedback = ArticleFeedback.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, article_id, helpful, comment, created_on FROM articles_articlefeedback"
        )
        rows = cursor.fetchall()
    assert rows == [(feedback.pk, article.pk, False, "Too much jargon.", feedback.created_on)]
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, "articles_articlefeedback"
            )
        }
    assert columns == {"id", "article_id", "helpful", "comment", "created_on"}


def test_answers_are_limited_per_address_and_a_refused_comment_is_kept(client, article):
    for _ in range(3):
        assert answer(client, article).status_code == 302

    refused = answer(client, article, "no", "My careful words")
    elsewhere = answer(client, article, address="192.0.2.99")

    assert refused.status_code == 400
    assert FEEDBACK_RATE_LIMITED in refused.text
    assert "My careful words</textarea>" in refused.text
    assert elsewhere.status_code == 302
    assert ArticleFeedback.objects.count() == 4


def test_a_too_long_comment_is_refused_with_the_text_kept(client, article):
    comment = "word " * 120

    response = answer(client, article, "yes", comment)

    assert response.status_code == 400
    assert FEEDBACK_COMMENT_TOO_LONG.format(limit=500, length=len(comment.strip())) in response.text
    assert comment.strip() in response.text
    assert not ArticleFeedback.objects.exists()


def test_an_answer_needs_yes_or_no(client, article):
    response = answer(client, article, "maybe", "Hmm")

    assert response.status_code == 400
    assert FEEDBACK_CHOICE_MISSING in response.text
    assert not ArticleFeedback.objects.exists()
    assert not ArticleFeedbackForm({"comment": "x"}).is_valid()


def test_drafts_and_get_requests_take_no_answers(client, article_index):
    draft = ArticlePageFactory(parent=article_index, live=False)

    assert answer(client, draft).status_code == 404
    assert client.get(feedback_url(draft)).status_code == 405
    assert not ArticleFeedback.objects.exists()


# The report -----------------------------------------------------------------------------------


@pytest.fixture
def answered(article, article_index):
    other = ArticlePageFactory(parent=article_index, title="Falls at home")
    ArticlePageFactory(parent=article_index, title="Nobody answered")
    ArticleFeedback.objects.create(article=article, helpful=True, comment="Very clear")
    ArticleFeedback.objects.create(article=article, helpful=True)
    ArticleFeedback.objects.create(article=other, helpful=False, comment="Needs pictures")
    return article, other


@pytest.mark.parametrize("group_name", ["Editors", "Medical reviewers"])
def test_editors_and_medical_reviewers_read_the_report(client, answered, group_name):
    client.force_login(staff(group_name))

    response = client.get(REPORT_URL)

    assert response.status_code == 200
    text = response.text
    assert text.index("Falls at home") < text.index("Calcium and vitamin D")
    assert "Needs pictures" in text and "Very clear" in text
    assert "Nobody answered" not in text
    articles = list(response.context["articles"])
    assert [(a.title, a.helpful_count, a.unhelpful_count) for a in articles] == [
        ("Falls at home", 0, 1),
        ("Calcium and vitamin D", 2, 0),
    ]
    assert REPORT_URL in client.get("/admin/").text


def test_moderators_neither_see_nor_open_the_report(client, answered):
    client.force_login(staff(None))

    response = client.get(REPORT_URL)

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert REPORT_URL not in client.get("/admin/").text


def test_members_and_anonymous_visitors_cannot_open_the_report(client, answered):
    assert client.get(REPORT_URL)["Location"].startswith(reverse("account_login"))
    client.force_login(MemberFactory())
    response = client.get(REPORT_URL)
    assert response.status_code == 403
    assert "Needs pictures" not in response.text


def test_the_report_costs_the_same_queries_for_few_or_many_articles(
    client, article_index, django_assert_max_num_queries
):
    client.force_login(staff("Editors"))
    for _ in range(2):
        ArticleFeedback.objects.create(
            article=ArticlePageFactory(parent=article_index), helpful=True, comment="ok"
        )
    client.get(REPORT_URL)
    with django_assert_max_num_queries(40) as few:
        client.get(REPORT_URL)
    for _ in range(8):
        ArticleFeedback.objects.create(
            article=ArticlePageFactory(parent=article_index), helpful=False, comment="no"
        )

    with django_assert_max_num_queries(40) as many:
        client.get(REPORT_URL)

    assert len(few) == len(many)
