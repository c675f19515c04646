"""Readers are told an article was medically reviewed only when it names its reviewer and the
date of the review: on the home page, the index, the article and in its structured data."""

import json
import re

import pytest

from articles.tests.factories import ArticlePageFactory, PersonFactory

pytestmark = pytest.mark.django_db

AWAITING = "Awaiting medical review"


@pytest.fixture
def articles(article_index):
    reviewer = PersonFactory(name="Dr Rowan Reviewer", credentials="FRCP")
    return {
        "reviewed": ArticlePageFactory(
            parent=article_index,
            title="Reviewed article",
            medical_reviewer=reviewer,
            last_reviewed="2026-02-01",
        ),
        "no_date": ArticlePageFactory(
            parent=article_index, title="Reviewer without date", medical_reviewer=reviewer
        ),
        "no_reviewer": ArticlePageFactory(
            parent=article_index, title="Date without reviewer", last_reviewed="2026-02-01"
        ),
    }


def jsonld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    for block in blocks:
        data = json.loads(block)
        if data.get("@type") == "MedicalWebPage":
            return data
    raise AssertionError("no MedicalWebPage JSON-LD")


def latest_section(html: str) -> str:
    return html.split('id="latest-title"')[1].split("</section>")[0]


def test_home_lists_only_reviewed_articles_as_latest_medically_reviewed(client, articles):
    latest = latest_section(client.get("/").text)

    assert "Reviewed article" in latest
    assert "Reviewer without date" not in latest
    assert "Date without reviewer" not in latest


def test_index_labels_unreviewed_articles_awaiting_review(client, articles, article_index):
    html = client.get(article_index.url).text
    cards = {
        title: html.split(title)[1].split("</article>")[0]
        for title in ("Reviewed article", "Reviewer without date", "Date without reviewer")
    }

    assert "Reviewed 1 February 2026" in cards["Reviewed article"]
    assert AWAITING in cards["Reviewer without date"]
    assert AWAITING in cards["Date without reviewer"]
    assert "Reviewed 1 February 2026" not in cards["Date without reviewer"]


def test_reviewed_article_names_its_reviewer_and_date(client, articles):
    html = client.get(articles["reviewed"].url).text

    assert "Medically reviewed by" in html
    assert "Dr Rowan Reviewer, FRCP" in html
    assert '<time datetime="2026-02-01">1 February 2026</time>' in html
    assert AWAITING not in html
    assert jsonld(html)["lastReviewed"] == "2026-02-01"
    assert jsonld(html)["reviewedBy"]["name"] == "Dr Rowan Reviewer"


@pytest.mark.parametrize("key", ["no_date", "no_reviewer"])
def test_article_missing_reviewer_or_date_is_awaiting_review(client, articles, key):
    html = client.get(articles[key].url).text

    assert AWAITING in html
    assert "Medically reviewed by" not in html
    assert "lastReviewed" not in jsonld(html)
    assert "reviewedBy" not in jsonld(html)


def test_article_shows_the_medical_disclaimer_once(client, articles):
    html = client.get(articles["reviewed"].url).text

    assert html.count('id="disclaimer-title"') == 1
