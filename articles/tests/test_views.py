import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.tests.factories import ArticlePageFactory, ImageFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_home_page_lists_the_latest_reviewed_articles(client, article_index):
    ArticlePageFactory(
        parent=article_index,
        title="Calcium and your bones",
        medical_reviewer=PersonFactory(),
        last_reviewed="2026-01-05",
    )

    response = client.get("/")

    assert response.status_code == 200
    assert "Calcium and your bones" in response.text


def test_article_index_filters_by_topic(client, article_index):
    spine = TopicFactory(name="Spine")
    ArticlePageFactory(parent=article_index, title="Vertebral fractures", topics=[spine])
    ArticlePageFactory(parent=article_index, title="Vitamin D in winter")

    response = client.get(article_index.url, {"topic": "spine"})

    assert "Vertebral fractures" in response.text
    assert "Vitamin D in winter" not in response.text
    assert response.context["selected_topic"] == spine


def test_article_index_filters_by_tag(client, article_index):
    ArticlePageFactory(parent=article_index, title="Scans explained", tags=["dexa"])
    ArticlePageFactory(parent=article_index, title="Walking for bones", tags=["exercise"])

    response = client.get(article_index.url, {"tag": "dexa"})

    assert "Scans explained" in response.text
    assert "Walking for bones" not in response.text


def test_article_index_hides_drafts_and_paginates_keeping_the_filter(client, article_index):
    spine = TopicFactory(name="Spine")
    for number in range(14):
        ArticlePageFactory(parent=article_index, title=f"Spine article {number}", topics=[spine])
    ArticlePageFactory(parent=article_index, title="Unfinished draft", topics=[spine], live=False)

    first = client.get(article_index.url, {"topic": "spine"})
    second = client.get(article_index.url, {"topic": "spine", "page": 2})

    assert first.context["articles"].paginator.count == 14
    assert 'href="?topic=spine&amp;page=2"' in first.text
    assert len(second.context["articles"]) == 2
    assert "Unfinished draft" not in first.text + second.text


def test_unknown_topic_shows_an_empty_list_not_an_error(client, article_index):
    ArticlePageFactory(parent=article_index)

    response = client.get(article_index.url, {"topic": "no-such-topic", "page": "x"})

    assert response.status_code == 200
    assert "No articles match this filter yet" in response.text


def test_article_page_shows_review_details_toc_and_disclaimer(client, article_index):
    reviewer = PersonFactory(name="Dr Ada Reviewer", credentials="FRCP")
    article = ArticlePageFactory(
        parent=article_index, medical_reviewer=reviewer, last_reviewed="2026-03-01"
    )

    response = client.get(article.url)

    assert "Dr Ada Reviewer, FRCP" in response.text
    assert '<time datetime="2026-03-01">1 March 2026</time>' in response.text
    assert '<a class="toc__link" href="#section-1">Section 1</a>' in response.text
    assert '<h2 class="block-heading" id="section-1">Section 1</h2>' in response.text
    assert "Medical disclaimer" in response.text


def varied_body(repeats: int, image) -> list:
    block_kinds = [
        ("heading", "A heading"),
        ("paragraph", "<p>Some text.</p>"),
        ("image", {"image": image, "alt_text": "A spine model", "caption": "Model"}),
        ("callout", {"kind": "see-a-doctor", "title": "See a GP", "text": "<p>If pain.</p>"}),
        ("quote", {"text": "It got better.", "attribution": "A member"}),
        ("faq", {"question": "Does it hurt?", "answer": "<p>Sometimes.</p>"}),
        (
            "table",
            {"data": [["Food", "Calcium"], ["Milk", "120 mg"]], "first_row_is_table_header": True},
        ),
    ]
    return block_kinds * repeats


def render_queries(client, article) -> int:
    client.get(article.url)  # the first view creates image renditions once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert response.status_code == 200
    return len(queries)


def test_article_page_query_count_does_not_grow_with_body_blocks(
    client, article_index, django_assert_max_num_queries
):
    topics = [TopicFactory(name="Spine"), TopicFactory(name="Diet")]
    images = [ImageFactory() for _ in range(3)]
    small = ArticlePageFactory(parent=article_index, body=varied_body(1, images[0]), topics=topics)
    other_image = ("image", {"image": images[2], "alt_text": "Other", "caption": ""})
    large = ArticlePageFactory(
        parent=article_index, body=[*varied_body(12, images[1]), other_image], topics=topics
    )
    ArticlePageFactory(
        parent=article_index, topics=topics, hero_image=images[0], hero_image_alt="x"
    )

    assert render_queries(client, small) == render_queries(client, large)
    with django_assert_max_num_queries(17):
        client.get(large.url)


def test_home_page_shows_active_discussions_and_upcoming_events(client, article_index):
    from community.forums.tests.factories import SupportGroupFactory, make_thread

    public = make_thread(group=SupportGroupFactory(), title="Public chat about walking")
    hidden = make_thread(group=SupportGroupFactory(visibility="members"), title="Members chat")

    text = client.get("/").text

    assert public.title in text
    assert hidden.title not in text
    assert "Upcoming events" in text
