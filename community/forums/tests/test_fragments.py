"""Cached post and thread-row fragments: every change a reader could see makes a new
fragment, and nothing one reader sees (their flags, moderator controls, CSRF token) reaches
another. Each test first views the page, so the old fragment is in the cache when it changes."""

import random
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.timesince import timesince

from community.forums import services
from community.forums.fragments import CSRF_PLACEHOLDER, _age_step
from community.forums.models import Post
from community.forums.tests.factories import ExperiencedMemberFactory, make_reply, make_thread
from portal.tests.query_counts import pages_built_on_each_request  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_built_on_each_request")]


@pytest.fixture
def reader(db):
    return ExperiencedMemberFactory()


@pytest.fixture
def reply(thread, author):
    return make_reply(thread=thread, author=author, body="Swimming eased my back.")


def page_for(client, thread, user=None) -> str:
    if user is not None:
        client.force_login(user)
    return client.get(thread.get_absolute_url()).text


def test_a_hidden_post_shows_its_placeholder_to_members_at_once(
    client, thread, reply, reader, group_moderator
):
    assert "Swimming eased my back." in page_for(client, thread, reader)

    services.post_moderate(post=reply, moderator=group_moderator, action="hide")

    page = page_for(client, thread, reader)
    assert "Swimming eased my back." not in page
    assert "This post is hidden while moderators review it." in page


def test_a_restored_post_shows_its_text_again(client, thread, reply, reader, group_moderator):
    services.post_moderate(post=reply, moderator=group_moderator, action="hide")
    assert "Swimming eased my back." not in page_for(client, thread, reader)

    services.post_moderate(post=reply, moderator=group_moderator, action="restore")

    assert "Swimming eased my back." in page_for(client, thread, reader)


def test_a_deleted_post_shows_it_was_removed(client, thread, reply, author, reader):
    assert "Swimming eased my back." in page_for(client, thread, reader)

    services.post_delete(post=reply, user=author)

    page = page_for(client, thread, reader)
    assert "Swimming eased my back." not in page
    assert "This post has been removed." in page


def test_an_approved_post_appears_for_other_members(client, thread, reply, reader, group_moderator):
    Post.objects.filter(pk=reply.pk).update(status=Post.Status.PENDING)
    reply.refresh_from_db()
    assert "Swimming eased my back." not in page_for(client, thread, reader)

    services.post_moderate(post=reply, moderator=group_moderator, action="approve")

    page = page_for(client, thread, reader)
    assert "Swimming eased my back." in page
    assert "Waiting for approval" not in page


def test_reaction_counts_follow_other_members_reactions(client, thread, reply, reader):
    helpful = re.compile(r'data-kind="helpful">\s*Helpful <span class="reaction__count">(\d+)<')

    def count_on_reply() -> str:
        page = page_for(client, thread, reader)
        return helpful.search(page[page.index(f'id="post-{reply.position}"') :]).group(1)

    assert count_on_reply() == "0"

    services.reaction_toggle(post=reply, user=ExperiencedMemberFactory(), kind="helpful")

    assert count_on_reply() == "1"


def test_a_moderators_controls_never_reach_a_members_page(
    client, thread, reply, reader, group_moderator
):
    assert "Hide post" in page_for(client, thread, group_moderator)

    page = page_for(client, thread, reader)

    assert "Hide post" not in page
    assert reverse("forums:post-moderate", args=[reply.pk]) not in page


def test_the_authors_edit_links_never_reach_another_members_page(client, thread, reply, author):
    edit_url = reverse("forums:post-edit", args=[reply.pk])
    assert edit_url in page_for(client, thread, author)

    assert edit_url not in page_for(client, thread, ExperiencedMemberFactory())


def test_a_bookmark_shows_only_on_its_members_page(client, thread, reply, reader):
    services.bookmark_add(member=reader, post=reply)

    assert "bookmark--active" in page_for(client, thread, reader)
    assert "bookmark--active" not in page_for(client, thread, ExperiencedMemberFactory())


def test_the_forms_in_cached_posts_carry_the_readers_own_csrf_token(thread, reply, reader):
    for member in (ExperiencedMemberFactory(), reader):  # the second finds the post cached
        client = Client(enforce_csrf_checks=True)
        page = page_for(client, thread, member)

        assert CSRF_PLACEHOLDER not in page
        react_url = reverse("forums:post-react", args=[reply.pk])
        form = page[page.index(f'action="{react_url}"') :]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        response = client.post(react_url, {"kind": "support", "csrfmiddlewaretoken": token})
        assert response.status_code == 302
    assert reply.reactions.filter(kind="support").count() == 2


def test_a_visitors_thread_page_sets_no_csrf_cookie(client, thread, reply):
    response = client.get(thread.get_absolute_url())

    assert "csrftoken" not in response.cookies
    assert CSRF_PLACEHOLDER not in response.text


# The group page's thread rows ---------------------------------------------------------------


def test_a_threads_unread_marker_is_each_members_own(client, group, thread, reply, reader):
    other = ExperiencedMemberFactory()
    page_for(client, thread, reader)  # reader has now read it

    client.force_login(other)
    assert 'class="unread-marker"' in client.get(group.get_absolute_url()).text
    client.force_login(reader)
    assert 'class="unread-marker"' not in client.get(group.get_absolute_url()).text


def test_a_new_reply_shows_in_the_thread_row(client, group, thread, reply, reader):
    client.force_login(reader)
    assert "1 reply" in client.get(group.get_absolute_url()).text

    make_reply(thread=thread, author=reader)

    assert "2 replies" in client.get(group.get_absolute_url()).text


def test_a_renamed_thread_shows_its_new_title(client, group, reader, author):
    thread = make_thread(group=group, author=author, title="Morning stiffness")
    client.force_login(reader)
    assert "Morning stiffness" in client.get(group.get_absolute_url()).text

    thread.title = "Morning stiffness after surgery"
    thread.save()

    assert "Morning stiffness after surgery" in client.get(group.get_absolute_url()).text


def test_a_rows_age_step_changes_whenever_its_last_post_time_text_can():
    moment = datetime(2024, 1, 31, 13, 47, 12, tzinfo=UTC)
    rng = random.Random(17)
    texts_by_step = {}
    for _ in range(400):  # instants close together, so many share a step
        around = rng.randint(-3600, 400 * 24 * 3600)
        for _ in range(8):
            now = moment + timedelta(seconds=around + rng.randint(-5400, 5400))
            texts_by_step.setdefault(_age_step(moment, now), set()).add(timesince(moment, now))
    assert len(texts_by_step) < 400 * 8 / 2  # most instants shared their step with another
    assert all(len(texts) == 1 for texts in texts_by_step.values())
