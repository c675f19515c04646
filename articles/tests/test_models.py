from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from articles.models import HERO_ALT_REQUIRED, ArticleIndexPage, ArticlePage, HomePage
from articles.tests.factories import ArticlePageFactory, ImageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_articles_can_only_be_created_under_an_article_index(site_pages):
    assert ArticlePage.can_create_at(site_pages["index"])
    assert not ArticlePage.can_create_at(site_pages["home"])
    assert not ArticlePage.can_create_at(Page.get_first_root_node())


def test_article_index_lives_under_the_home_page_and_holds_only_articles(site_pages):
    assert ArticleIndexPage.can_create_at(site_pages["home"])
    assert not ArticleIndexPage.can_create_at(site_pages["index"])
    assert ArticleIndexPage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_subpage_models() == []


def test_there_is_only_one_home_page(site_pages):
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_hero_image_needs_alt_text(article_index):
    article = ArticlePageFactory(parent=article_index)
    article.hero_image = ImageFactory()
    article.hero_image_alt = "  "

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert error.value.message_dict["hero_image_alt"] == [HERO_ALT_REQUIRED]


def test_table_of_contents_lists_headings_with_unique_anchors(article_index):
    article = ArticlePageFactory(
        parent=article_index,
        body=[
            ("heading", "Symptoms"),
            ("paragraph", "<p>One.</p>"),
            ("heading", "Treatment & care"),
            ("heading", "Symptoms"),
        ],
    )

    assert article.table_of_contents == [
        {"title": "Symptoms", "anchor": "symptoms"},
        {"title": "Treatment & care", "anchor": "treatment-care"},
        {"title": "Symptoms", "anchor": "symptoms-2"},
    ]


def test_reading_time_counts_the_words_of_the_body(article_index):
    short = ArticlePageFactory(parent=article_index, body=[("paragraph", "<p>Few words.</p>")])
    long = ArticlePageFactory(
        parent=article_index, body=[("paragraph", "<p>" + "bone " * 1000 + "</p>")]
    )

    assert short.reading_time_minutes == 1
    assert long.reading_time_minutes == 5


def test_related_articles_rank_by_shared_topics_and_tags(article_index):
    spine, diet, exercise = (
        TopicFactory(name="Spine"),
        TopicFactory(name="Diet"),
        TopicFactory(name="Exercise"),
    )
    article = ArticlePageFactory(parent=article_index, topics=[spine, diet], tags=["fracture"])
    closest = ArticlePageFactory(parent=article_index, topics=[spine, diet], tags=["fracture"])
    close = ArticlePageFactory(parent=article_index, topics=[spine])
    by_tag = ArticlePageFactory(parent=article_index, topics=[exercise], tags=["fracture"])
    ArticlePageFactory(parent=article_index, topics=[exercise])
    ArticlePageFactory(parent=article_index, topics=[spine, diet], live=False)

    related = list(article.related_articles(limit=5))

    assert related[0] == closest
    assert set(related[1:]) == {close, by_tag}


def test_article_without_topics_or_tags_has_no_related_articles(article_index):
    article = ArticlePageFactory(parent=article_index)
    ArticlePageFactory(parent=article_index)

    assert list(article.related_articles()) == []


def test_review_is_overdue_once_the_due_date_has_passed(article_index):
    article = ArticlePageFactory(parent=article_index, next_review_due=date(2000, 1, 1))

    assert article.review_is_overdue
