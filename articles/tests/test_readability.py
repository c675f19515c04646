import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.readability import TARGET_READING_AGE, check_article, check_text
from articles.tests.factories import ArticlePageFactory
from community.members.tests.factories import UserFactory, enrol_totp

PLAIN = "Bones get thinner with age. Walk every day. Eat foods with calcium. Ask your GP for help."
LONG = (
    "Because the vertebral bodies gradually lose their trabecular architecture over many years, "
    "patients frequently experience progressive postural deformity accompanied by persistent "
    "discomfort that clinicians may misattribute to musculoskeletal strain."
)


def test_plain_text_meets_the_reading_age_target():
    check = check_text(PLAIN)

    assert check.reading_age <= TARGET_READING_AGE
    assert check.meets_target
    assert check.long_sentences == []


def test_long_dense_sentences_are_listed_and_miss_the_target():
    check = check_text(f"{PLAIN} {LONG}")

    assert check.long_sentences == [LONG]
    assert check.grade > check_text(PLAIN).grade
    assert not check_text(LONG).meets_target


def test_medical_terms_are_listed_until_explained():
    unexplained = check_text("Kyphoplasty can help. A DEXA scan checks your bones.")
    explained = check_text(
        "Kyphoplasty is a procedure that puts bone cement into a broken vertebra. "
        "A DEXA (bone density) scan checks your bones."
    )

    assert unexplained.unexplained_terms == ["DEXA", "kyphoplasty"]
    assert "kyphoplasty" not in explained.unexplained_terms
    assert "DEXA" not in explained.unexplained_terms


@pytest.mark.django_db
def test_the_check_reads_the_article_body_not_its_headings(article_index):
    article = ArticlePageFactory(
        parent=article_index,
        summary="Short and clear.",
        body=[("heading", "Osteopenia"), ("paragraph", f"<p>{LONG}</p>")],
    )

    check = check_article(article)

    assert check.long_sentences == [LONG]
    assert "osteopenia" not in check.unexplained_terms


@pytest.mark.django_db
def test_editor_sees_the_check_in_the_page_editor_and_it_updates_on_save(client, article_index):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    enrol_totp(editor)
    article = ArticlePageFactory(
        parent=article_index, body=[("heading", "What helps"), ("paragraph", f"<p>{LONG}</p>")]
    )
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])

    before = client.get(edit_url).text
    draft = article.get_latest_revision_as_object()
    draft.body = [("heading", "What helps"), ("paragraph", f"<p>{PLAIN}</p>")]
    draft.save_revision(user=editor)
    after = client.get(edit_url).text

    assert "Plain-language check" in before
    assert "Target: reading age 12 or under" in before
    assert "above the target" in before
    assert LONG in before.split("data-plain-language-check")[1]
    assert "meets the target" in after
    assert "Sentences over 25 words (0)" in after


def test_a_cut_off_summary_ends_its_own_sentence():
    check = check_text(
        "Bones thin as we age and some of us lose more than others do over time… " + LONG
    )

    assert check.long_sentences == [LONG]
