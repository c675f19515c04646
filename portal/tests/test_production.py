import pytest
from django.urls import reverse

from articles.tests.factories import ArticlePageFactory, build_site
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_thread,
)
from community.members.tests.factories import enrol_totp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0


@pytest.fixture
def article():
    _, index = build_site()
    return ArticlePageFactory(parent=index, title="Walking for stronger bones")


def test_anonymous_article_pages_are_cached_and_publishing_shows_new_text_at_once(client, article):
    first = client.get(article.url)
    second = client.get(article.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"

    article.title = "Walking and bone strength"
    article.save_revision().publish()

    fresh = client.get(article.url)
    assert "Walking and bone strength" in fresh.text
    assert fresh["X-Page-Cache"] == "miss"


def test_signed_in_pages_are_never_cached_nor_served_to_others(client, article):
    member = ExperiencedMemberFactory()
    thread = make_thread(title="My own thread")
    client.force_login(member)
    member_view = client.get(thread.get_absolute_url())
    assert "X-Page-Cache" not in member_view
    assert "Sign out" in member_view.text

    client.logout()
    client.cookies.clear()
    anonymous_view = client.get(thread.get_absolute_url())
    assert "Sign out" not in anonymous_view.text
    assert member.profile.display_name not in anonymous_view.text.split("<main")[0]


def test_pages_with_a_csrf_token_are_not_cached(client, db):
    response = client.get(reverse("account_login"))
    assert "X-Page-Cache" not in response
    assert client.get(reverse("account_login")).get("X-Page-Cache") is None


def test_forum_pages_are_invalidated_by_new_posts(client, db):
    thread = make_thread(title="Cached thread")
    client.get(thread.get_absolute_url())
    assert client.get(thread.get_absolute_url())["X-Page-Cache"] == "hit"

    from community.forums.tests.factories import make_reply

    make_reply(thread=thread, body="A brand new reply")

    assert "A brand new reply" in client.get(thread.get_absolute_url()).text


def page_type_urls(article):
    group = SupportGroupFactory(slug="csp")
    thread = make_thread(group=group)
    return [
        "/",
        article.get_parent().url,
        article.url,
        "/search/?q=bones",
        group.get_absolute_url(),
        thread.get_absolute_url(),
        "/events/",
        reverse("account_login"),
        reverse("account_signup"),
        reverse("members:profile-detail", args=[thread.author.profile.display_name]),
        "/no-such-page/",
    ]


def test_every_page_type_carries_a_content_security_policy(client, article):
    for url in page_type_urls(article):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "script-src 'self' 'nonce-" in policy, url
        assert "'unsafe-inline'" not in policy.split("style-src")[0], url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert "camera=()" in response["Permissions-Policy"], url


def test_admin_pages_have_their_own_policy(client, db):
    admin = ExperiencedMemberFactory(is_superuser=True, is_staff=True)
    enrol_totp(admin)
    client.force_login(admin)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_pages_still_serve_when_redis_is_down(client, settings, article):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    member = ExperiencedMemberFactory()
    thread = make_thread(title="Works without Redis")

    assert client.get(article.url).status_code == 200
    assert client.get(thread.get_absolute_url()).status_code == 200
    client.force_login(member)
    response = client.post(reverse("forums:reply", args=[thread.pk]), {"body": "Still posting"})
    assert response.status_code == 302
    assert client.get("/healthz").status_code == 503


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db(transaction=True)
def test_database_outage_gives_a_friendly_503_and_recovers_without_restart(
    client, article, database_down
):
    with database_down():
        down = client.get("/articles/?page=2")

    assert down.status_code == 503
    assert "We will be back shortly" in down.text
    assert down["Retry-After"] == "30"
    assert client.get(article.url).status_code == 200
