"""What each forum page costs in SQL: the same number of queries for a quiet forum and a busy
one, for visitors, members and moderators; and a cached post header never outlives an edit."""

import pytest
from django.test import Client
from django.urls import reverse

from community.forums import services
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from portal.tests.query_counts import pages_built_on_each_request, queries_for  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_built_on_each_request")]

PAGE_QUERIES = 16


@pytest.fixture(autouse=True)
def _short_pages(settings):
    settings.FORUM_POSTS_PER_PAGE = 5
    settings.FORUM_THREADS_PER_PAGE = 5


def add_activity(*, group, members, threads: int, replies: int):
    """Threads with replies, reactions, reports and moderation actions by several members."""
    moderator = members[0]
    for number in range(threads):
        thread = make_thread(group=group, author=members[number % len(members)], title=f"T{number}")
        for reply_number in range(replies):
            post = make_reply(thread=thread, author=members[(number + reply_number) % len(members)])
            services.reaction_toggle(post=post, user=members[reply_number % 3 + 1], kind="helpful")
        reported = make_reply(thread=thread, author=members[-1], body="Buy my miracle cure.")
        services.report_create(post=reported, reporter=members[1], reason="spam")
        services.post_moderate(post=reported, moderator=moderator, action="hide", reason="Spam")


@pytest.fixture
def forum(group, site_moderator):
    members = [site_moderator, *ExperiencedMemberFactory.create_batch(4)]
    add_activity(group=group, members=members, threads=1, replies=2)
    make_thread(group=group, author=members[4], title="Not read by anyone yet")
    return members


def page_costs(client, urls) -> list[int]:
    return [queries_for(client, url) for url in urls]


def forum_urls(group, member) -> list[str]:
    thread = group.threads.order_by("pk").first()
    return [  # new posts first: opening the thread marks it read
        reverse("forums:new-posts"),
        reverse("forums:group-list"),
        group.get_absolute_url(),
        thread.get_absolute_url(),
        reverse("members:profile-detail", args=[member.profile.display_name]),
    ]


def test_forum_pages_cost_the_same_for_a_quiet_and_a_busy_forum(group, forum):
    # One busy forum for the three kinds of viewer: building it is most of this test's time.
    viewers = {"anonymous": Client(), "member": Client(), "moderator": Client()}
    viewers["member"].force_login(forum[1])
    viewers["moderator"].force_login(forum[0])
    urls = forum_urls(group, forum[1])
    urls_for = {
        "anonymous": [url for url in urls if url != reverse("forums:new-posts")],  # members only
        "member": urls,
        "moderator": urls,
    }
    quiet = {name: page_costs(client, urls_for[name]) for name, client in viewers.items()}

    add_activity(group=group, members=forum, threads=8, replies=7)  # more than a page of each
    SupportGroupFactory.create_batch(3)

    busy = {name: page_costs(client, urls_for[name]) for name, client in viewers.items()}
    assert busy == quiet
    assert max(max(costs) for costs in quiet.values()) <= PAGE_QUERIES


def test_the_moderation_queue_and_log_cost_the_same_for_few_and_many_reports(client, group, forum):
    client.force_login(forum[0])
    urls = [reverse("forums_moderation_queue"), reverse("forums_moderation_log")]
    few = page_costs(client, urls)

    add_activity(group=group, members=forum, threads=8, replies=1)

    assert page_costs(client, urls) == few


def test_an_edited_post_never_shows_its_cached_old_version(client, thread, author):
    reply = make_reply(thread=thread, author=author, body="Ice packs helped at first.")
    assert "Ice packs helped at first." in client.get(thread.get_absolute_url()).text

    services.post_edit(post=reply, editor=author, body="Heat helped more than ice.")

    page = client.get(thread.get_absolute_url()).text
    assert "Heat helped more than ice." in page
    assert "Ice packs helped at first." not in page
    assert '<span class="tag">edited</span>' in page


def test_a_renamed_author_is_shown_under_the_new_name(client, thread, author):
    client.get(thread.get_absolute_url())

    author.profile.display_name = "Renamed Robin"
    author.profile.save()

    assert "Renamed Robin" in client.get(thread.get_absolute_url()).text


def test_the_viewers_own_reactions_are_not_cached_with_the_post(client, thread, author):
    reply = make_reply(thread=thread, author=author)
    reader, other = ExperiencedMemberFactory(), ExperiencedMemberFactory()
    services.reaction_toggle(post=reply, user=reader, kind="helpful")

    client.force_login(reader)
    assert 'aria-pressed="true" data-kind="helpful"' in client.get(thread.get_absolute_url()).text
    client.force_login(other)
    assert 'aria-pressed="true"' not in client.get(thread.get_absolute_url()).text


# A member's thread page: the user, the thread with the reader's own state, and the posts with
# their reactions and bookmarks. The session, the reader's permissions (base.html's userbar,
# the site-moderator check) and the bell's count come from the cache once known
# (s6-member: 8 queries before). A member's group page: the user, the group, the thread count
# and the page of threads (9 before).
MEMBER_THREAD_QUERIES = 3
MEMBER_GROUP_QUERIES = 4


def test_a_members_thread_and_group_pages_cost_a_fixed_number_of_queries(client, group, forum):
    client.force_login(forum[1])
    thread = group.threads.order_by("pk").first()

    assert queries_for(client, thread.get_absolute_url()) == MEMBER_THREAD_QUERIES
    assert queries_for(client, group.get_absolute_url()) == MEMBER_GROUP_QUERIES
