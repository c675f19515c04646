"""Counters (group thread and post counts, thread reply counts, last activity) stay equal to a
recount from the posts themselves after any sequence of create, delete, hide, restore and
move."""

import pytest
from django.db.models import Max
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community.forums import services
from community.forums.models import Post, SupportGroup, Thread
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import enrol_totp

pytestmark = pytest.mark.django_db

ACTIONS = ["thread", "reply", "delete", "hide", "restore", "move"]


def public_posts():
    return Post.objects.filter(status=Post.Status.VISIBLE, is_deleted=False)


def assert_counters_match_a_recount():
    for thread in Thread.objects.all():
        posts = public_posts().filter(thread=thread)
        assert thread.post_count == posts.count(), thread
        expected_last = posts.aggregate(last=Max("created_at"))["last"] or thread.created_at
        assert thread.last_post_at == expected_last, thread
    for group in SupportGroup.objects.all():
        counted = Thread.objects.filter(group=group, is_removed=False).exclude(
            first_post__status=Post.Status.PENDING
        )
        assert group.thread_count == counted.count(), group
        assert group.post_count == public_posts().filter(thread__in=counted).count(), group
        assert group.last_post_at == counted.aggregate(last=Max("last_post_at"))["last"], group


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 50)), max_size=20))
def test_counters_survive_any_sequence_of_actions(steps, _forum_settings):
    groups = [SupportGroupFactory(), SupportGroupFactory()]
    moderator = ExperiencedMemberFactory()
    for group in groups:
        group.moderators.add(moderator)
    enrol_totp(moderator)
    members = [ExperiencedMemberFactory() for _ in range(3)]
    make_thread(group=groups[0], author=members[0])

    for action, pick in steps:
        threads = list(Thread.objects.filter(group__in=groups, is_removed=False).order_by("pk"))
        posts = list(Post.objects.filter(thread__group__in=groups).order_by("pk"))
        thread = threads[pick % len(threads)] if threads else None
        post = posts[pick % len(posts)] if posts else None
        if action == "thread" or thread is None:
            make_thread(group=groups[pick % 2], author=members[pick % 3], title=f"T{pick}")
        elif action == "reply":
            make_reply(thread=thread, author=members[pick % 3], body=f"Reply {pick}")
        elif action == "delete" and post and not post.is_deleted:
            services.post_delete(post=post, user=moderator)
        elif action == "hide" and post and not post.is_deleted:
            services.post_moderate(post=post, moderator=moderator, action="hide")
        elif action == "restore" and post and not post.is_deleted:
            services.post_moderate(post=post, moderator=moderator, action="restore")
        elif action == "move":
            target = groups[1] if thread.group_id == groups[0].pk else groups[0]
            services.thread_moderate(
                thread=thread, moderator=moderator, action="move", to_group=target
            )

    assert_counters_match_a_recount()
