"""Selectors whose shortcuts must agree with the plain query they stand in for."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community.forums import selectors
from community.forums.models import Post, Thread
from community.forums.tests.factories import ExperiencedMemberFactory, make_reply, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_group(group, author, other_member, settings):
    """Visible threads (one answered), one waiting for approval, one removed."""
    settings.FORUM_THREADS_PER_PAGE = 2
    for title in ("Calcium", "Vitamin D", "Hip protectors"):
        make_thread(group=group, author=other_member, title=title)
    answered = make_thread(group=group, author=other_member, title="Answered")
    make_reply(thread=answered, author=ExperiencedMemberFactory())
    waiting = make_thread(group=group, author=author, title="Waiting")
    Post.objects.filter(pk=waiting.first_post_id).update(status=Post.Status.PENDING)
    removed = make_thread(group=group, author=author, title="Removed")
    Thread.objects.filter(pk=removed.pk).update(is_removed=True)
    return group


@pytest.mark.parametrize("sort", list(selectors.THREAD_SORTS))
@pytest.mark.parametrize("reader", ["anonymous", "other member", "author of the waiting thread"])
def test_the_group_page_count_matches_the_threads_the_reader_may_see(
    busy_group, author, other_member, sort, reader
):
    user = {"anonymous": AnonymousUser(), "other member": other_member}.get(reader, author)

    page = selectors.group_threads_page(group=busy_group, user=user, sort=sort, number=1)

    visible = selectors.group_threads(group=busy_group, user=user, sort=sort)
    assert page.paginator.count == visible.count()
    assert page.paginator.num_pages == -(-visible.count() // 2)


def test_the_waiting_thread_counts_for_its_author_only(busy_group, author, other_member):
    def count(user):
        return selectors.group_threads_page(
            group=busy_group, user=user, sort="latest", number=1
        ).paginator.count

    assert (count(AnonymousUser()), count(other_member), count(author)) == (4, 4, 5)
