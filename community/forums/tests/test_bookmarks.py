"""Bookmarks: a member keeps posts they can read; the control on each post shows their own
state only, the thread page costs the same however many posts are bookmarked, and nobody
reaches anyone else's bookmarks."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from community.forums import errors, services
from community.forums.activity import my_bookmarks
from community.forums.errors import ForumError
from community.forums.models import Bookmark, Thread
from community.forums.personal_views import BOOKMARK_REMOVED, BOOKMARKED, SIGN_IN_FIRST
from community.forums.tests.factories import ExperiencedMemberFactory, make_reply
from portal.tests.query_counts import pages_built_on_each_request, queries_for  # noqa: F401

pytestmark = pytest.mark.django_db
THREAD_PAGE_QUERIES = (
    14  # for a member: their reactions, bookmarks, draft and the header bell included
)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def bookmark_url(post) -> str:
    return reverse("forums:post-bookmark", args=[post.pk])


def delete_url(bookmark) -> str:
    return reverse("forums:bookmark-delete", args=[bookmark.pk])


@pytest.fixture
def reply(thread):
    return make_reply(thread=thread, body="A firm pillow under the knees helped me sleep.")


@pytest.fixture
def reader(db):
    return ExperiencedMemberFactory()


# Services -----------------------------------------------------------------------------------


def test_bookmarking_twice_keeps_one_bookmark(reply, reader):
    services.bookmark_add(member=reader, post=reply)
    services.bookmark_add(member=reader, post=reply)

    assert Bookmark.objects.filter(member=reader, post=reply).count() == 1


def test_a_hidden_post_cannot_be_bookmarked(reply, reader, group_moderator):
    services.post_moderate(post=reply, moderator=group_moderator, action="hide", reason="Spam")
    reply.refresh_from_db()

    with pytest.raises(ForumError) as refusal:
        services.bookmark_add(member=reader, post=reply)

    assert refusal.value.message == errors.POST_NOT_BOOKMARKABLE
    assert not Bookmark.objects.exists()


def test_removing_takes_only_the_members_own_bookmark(reply, reader, other_member):
    services.bookmark_add(member=reader, post=reply)
    services.bookmark_add(member=other_member, post=reply)

    assert services.bookmark_remove(member=reader, post_id=reply.pk) is True

    assert list(Bookmark.objects.values_list("member", flat=True)) == [other_member.pk]


# What My activity lists ---------------------------------------------------------------------


def test_bookmarks_of_hidden_deleted_or_removed_posts_are_not_listed(
    thread, reader, group_moderator, author
):
    kept, hidden, deleted = (make_reply(thread=thread, body=f"Reply {n}") for n in range(3))
    for post in (kept, hidden, deleted):
        services.bookmark_add(member=reader, post=post)
    services.post_moderate(post=hidden, moderator=group_moderator, action="hide", reason="Spam")
    services.post_delete(post=deleted, user=deleted.author)

    assert [bookmark.post for bookmark in my_bookmarks(reader)] == [kept]

    services.post_delete(post=thread.first_post, user=author)  # removes the whole thread
    assert list(my_bookmarks(reader)) == []


# The control on each post -------------------------------------------------------------------


def test_the_thread_page_shows_each_readers_own_bookmark_state(client, thread, reply, reader):
    services.bookmark_add(member=reader, post=reply)
    other = ExperiencedMemberFactory()

    client.force_login(reader)
    page = client.get(thread.get_absolute_url()).text
    assert 'aria-pressed="true">Bookmarked</button>' in page
    assert page.count('aria-pressed="false">Bookmark</button>') == 1  # the opening post

    client.force_login(other)  # the post header is cached; the bookmark state is not
    page = client.get(thread.get_absolute_url()).text
    assert "Bookmarked" not in page
    assert page.count('aria-pressed="false">Bookmark</button>') == 2


def test_signed_out_readers_see_no_bookmark_control(client, thread, reply):
    assert "bookmark-form" not in client.get(thread.get_absolute_url()).text


@pytest.mark.usefixtures("pages_built_on_each_request")
def test_the_thread_page_costs_the_same_with_many_posts_bookmarked(
    client, settings, thread, reader, django_assert_max_num_queries
):
    settings.FORUM_POSTS_PER_PAGE = 20
    services.bookmark_add(member=reader, post=make_reply(thread=thread))
    client.force_login(reader)
    few = queries_for(client, thread.get_absolute_url())

    for number in range(15):
        services.bookmark_add(member=reader, post=make_reply(thread=thread, body=f"Tip {number}"))

    assert queries_for(client, thread.get_absolute_url()) == few
    with django_assert_max_num_queries(THREAD_PAGE_QUERIES):
        client.get(thread.get_absolute_url())


# The toggle URL, by every kind of visitor ----------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, reply):
    response = client.post(bookmark_url(reply), {"bookmarked": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Bookmark.objects.exists()


def test_anonymous_scripts_get_a_403_with_a_message(client, reply):
    response = client.post(
        bookmark_url(reply), {"bookmarked": "1"}, headers={"Accept": "application/json"}
    )

    assert response.status_code == 403
    assert response.json() == {"error": SIGN_IN_FIRST}


def test_a_member_bookmarks_a_post_and_takes_it_back(client, reply, reader):
    client.force_login(reader)

    response = client.post(bookmark_url(reply), {"bookmarked": "1"})

    assert response["Location"] == reply.get_absolute_url()
    assert messages_of(response) == [BOOKMARKED]
    assert Bookmark.objects.filter(member=reader, post=reply).exists()

    response = client.post(
        bookmark_url(reply), {"bookmarked": "0"}, headers={"Accept": "application/json"}
    )
    assert response.json() == {"bookmarked": False}
    assert not Bookmark.objects.exists()


def test_a_member_cannot_bookmark_a_post_in_a_thread_they_cannot_see(client, reply, reader):
    Thread.objects.filter(pk=reply.thread_id).update(is_removed=True)
    client.force_login(reader)

    assert client.post(bookmark_url(reply), {"bookmarked": "1"}).status_code == 404
    assert not Bookmark.objects.exists()


def test_bookmarking_needs_a_post(client, reply, reader):
    client.force_login(reader)

    assert client.get(bookmark_url(reply)).status_code == 405


def test_removing_from_my_activity_by_every_kind_of_visitor(
    client, reply, reader, other_member, site_moderator
):
    bookmark = services.bookmark_add(member=reader, post=reply)

    response = client.post(delete_url(bookmark))
    assert response["Location"].startswith(reverse("account_login"))
    for someone_else in (other_member, site_moderator):
        client.force_login(someone_else)
        assert client.post(delete_url(bookmark)).status_code == 404
    assert Bookmark.objects.filter(pk=bookmark.pk).exists()

    client.force_login(reader)
    activity = f"{reverse('members:activity')}?section=bookmarks"
    response = client.post(delete_url(bookmark), {"next": activity})

    assert response["Location"] == activity
    assert messages_of(response) == [BOOKMARK_REMOVED]
    assert not Bookmark.objects.exists()


def test_removing_never_redirects_to_another_site(client, reply, reader):
    bookmark = services.bookmark_add(member=reader, post=reply)
    client.force_login(reader)

    response = client.post(delete_url(bookmark), {"next": "https://evil.example/"})

    assert response["Location"] == f"{reverse('members:activity')}?section=bookmarks"


def test_a_members_bookmarks_are_in_their_data_export(reply, reader):
    from community.members.selectors import member_data_export

    services.bookmark_add(member=reader, post=reply)

    assert [entry["post"] for entry in member_data_export(user=reader)["bookmarks"]] == [reply.pk]


def test_another_member_or_a_moderator_unbookmarking_a_post_leaves_mine(
    client, reply, reader, other_member, site_moderator
):
    services.bookmark_add(member=reader, post=reply)

    for someone_else in (other_member, site_moderator):
        client.force_login(someone_else)
        client.post(bookmark_url(reply), {"bookmarked": "0"})

    assert Bookmark.objects.filter(member=reader, post=reply).exists()
