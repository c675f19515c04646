from django.core.cache import cache
from django.urls import reverse

from articles.selectors import main_article_index
from portal.pagecache import PAGE_LINKS, generation

from .models import StandingPage

FOOTER_ORDER = ["about", "guidelines", "privacy", "accessibility", "contact"]
CACHE_KEY = "pages:trust-links:{generation}"


def trust_page_urls(*, tree_version: int | None = None) -> dict[str, str]:
    """Role -> URL of the live standing pages, plus the contact form and the article index
    (when there is one). Read on every page (navigation and footer), so cached until a page
    is published, unpublished, moved or deleted."""
    if tree_version is None:
        tree_version = generation(PAGE_LINKS)
    key = CACHE_KEY.format(generation=tree_version)
    urls = cache.get(key)
    if urls is None:
        urls = {}
        for page in StandingPage.objects.live().public().exclude(role="").order_by("path"):
            urls.setdefault(page.role, page.get_url())
        urls["contact"] = reverse("pages:contact")
        article_index = main_article_index()
        if article_index is not None:
            urls["articles"] = article_index.get_url()
        cache.set(key, urls, timeout=60 * 60)
    return urls


def trust_page_url(role: str) -> str | None:
    return trust_page_urls().get(role)


def footer_links(*, urls: dict[str, str] | None = None) -> list[tuple[str, str]]:
    urls = trust_page_urls() if urls is None else urls
    labels = dict(StandingPage.Role.choices) | {"contact": "Contact us"}
    return [(labels[role], urls[role]) for role in FOOTER_ORDER if role in urls]


def standing_page(role: str) -> StandingPage | None:
    return StandingPage.objects.live().public().filter(role=role).order_by("path").first()
