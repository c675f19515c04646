"""The demo a newcomer sees after `make run`: full, linked, and loaded only where allowed."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _isolated_media(settings, demo_media):
    """The demo's images stay where the module's one load put them."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def demo(module_db, demo_media):
    """The demo loaded once for the module (it takes seconds): each test's changes roll back."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=demo_media):
        call_command("load_demo_content", stdout=StringIO())


LINK = re.compile(r'href="(/[^"#]*)')
SKIP = ("/admin/", "/accounts/logout/", "/static/", "/media/", "/feeds/", "/documents/")


def row_counts() -> Counter:
    return Counter(
        {model._meta.label: model._default_manager.count() for model in apps.get_models()}
    )


def test_loading_twice_creates_nothing_twice(demo):
    first = row_counts()

    call_command("load_demo_content", stdout=StringIO())

    changed = {
        label: (first[label], count)
        for label, count in row_counts().items()
        if count != first[label]
    }
    assert changed == {}


def test_demo_accounts_are_refused_where_the_setting_is_off(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False

    with pytest.raises(CommandError, match="DEMO_ACCOUNTS_ENABLED"):
        call_command("load_demo_content")


def test_demo_community_has_what_the_tour_needs(demo):
    from django.conf import settings
    from django.contrib.auth.models import Group

    from community.events.models import RSVP, Event
    from community.forums.models import Post, SupportGroup, Thread
    from portal.pages.models import StandingPage

    assert SupportGroup.objects.count() >= 4
    assert set(StandingPage.objects.live().values_list("role", flat=True)) == set(
        StandingPage.Role.values
    )
    assert Group.objects.get(name=settings.FORUM_SAFEGUARDING_GROUP).user_set.exists()
    assert SupportGroup.objects.filter(visibility="members").exists()
    assert SupportGroup.objects.filter(requires_first_post_approval=True).exists()
    assert Thread.objects.count() >= 12
    assert all(3 <= t.reply_count <= 20 for t in Thread.objects.filter(article__isnull=True))
    assert Thread.objects.filter(pinned=True).exists()
    assert Thread.objects.filter(locked=True).exists()
    assert Thread.objects.filter(solved_post__isnull=False).exists()
    assert Thread.objects.filter(article__isnull=False).count() >= 2
    assert Post.objects.filter(status="pending").exists()
    assert Post.objects.filter(body_markdown__contains="wrote:").exists()
    assert Post.objects.values("author").distinct().count() >= 8
    upcoming = Event.objects.upcoming()
    assert upcoming.count() >= 6
    assert set(upcoming.values_list("kind", flat=True)) >= {
        "group-meeting",
        "webinar",
        "exercise-class",
        "talk",
    }
    assert set(upcoming.values_list("format", flat=True)) >= {"in-person", "online", "hybrid"}
    assert upcoming.values("time_zone").distinct().count() >= 2
    assert RSVP.objects.filter(status="waitlisted").exists()
    assert Event.objects.filter(status="cancelled", series__isnull=False).exists()


def test_every_internal_link_from_the_home_page_works(client, demo):
    seen, queue, failures = set(), ["/"], []
    while queue and len(seen) < 120:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (404, 500):
            failures.append((url, response.status_code))
            continue
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            queue.extend(link for link in LINK.findall(response.text) if link not in seen)

    assert failures == []
    visited = " ".join(seen)
    for section in ("/forums/g/", "/forums/t/", "/events/", "/members/", "/articles/"):
        assert section in visited, section


def test_every_demo_account_signs_in_with_the_published_password(demo):
    from django.contrib.auth import get_user_model

    from community.demo import DEMO_DOMAIN, DEMO_PASSWORD

    accounts = get_user_model().objects.filter(email__endswith=DEMO_DOMAIN)
    assert accounts.count() >= 10
    assert all(user.check_password(DEMO_PASSWORD) for user in accounts)
