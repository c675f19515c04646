from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from community.forums import errors, services
from community.forums.errors import ForumError
from community.forums.models import ModerationAction, Post, Reaction, Subscription, Thread
from community.forums.services import PostingLimitReached
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.permissions import EMAIL_NOT_VERIFIED
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_new_thread_counts_and_watches(group, author):
    thread = make_thread(group=group, author=author)

    group.refresh_from_db()
    author.profile.refresh_from_db()
    assert thread.post_count == 1
    assert thread.first_post.position == 1
    assert group.thread_count == 1
    assert group.post_count == 1
    assert group.last_post_at == thread.first_post.created_at
    assert author.profile.post_count == 1
    assert Subscription.objects.get(user=author, thread=thread).level == "watching"


def test_reply_moves_counters_and_last_activity(thread, other_member):
    post = make_reply(thread=thread, author=other_member)

    thread.refresh_from_db()
    thread.group.refresh_from_db()
    assert post.position == 2
    assert thread.post_count == 2
    assert thread.reply_count == 1
    assert thread.last_post_at == post.created_at
    assert thread.group.post_count == 2


def test_markdown_is_rendered_once_and_sanitised_at_save(thread, other_member):
    post = make_reply(thread=thread, author=other_member, body="**Walk** daily <script>x</script>")

    assert "<strong>Walk</strong>" in post.body_html
    assert "<script>" not in post.body_html


def test_submitting_the_same_form_twice_creates_one_post(thread, other_member):
    token = services.new_submission_token()

    first = services.post_create(
        thread=thread, author=other_member, body="Hi", submission_token=token
    )
    second = services.post_create(
        thread=thread, author=other_member, body="Hi", submission_token=token
    )

    assert first == second
    assert thread.posts.count() == 2


def test_unverified_member_cannot_post(thread):
    unverified = MemberFactory(member_records__verified=False)

    with pytest.raises(ForumError) as refusal:
        make_reply(thread=thread, author=unverified)

    assert refusal.value.message == EMAIL_NOT_VERIFIED


def test_suspended_member_cannot_post_but_can_read(thread, other_member, group_moderator):
    services.member_suspend(
        member=other_member,
        moderator=group_moderator,
        days=3,
        reason="Unkind",
        post=thread.first_post,
    )

    with pytest.raises(ForumError) as refusal:
        make_reply(thread=thread, author=other_member)

    assert "suspended from posting until" in refusal.value.message
    assert Thread.objects.visible_to(other_member).filter(pk=thread.pk).exists()


def test_locked_thread_refuses_replies_but_not_moderators(thread, other_member, group_moderator):
    services.thread_moderate(thread=thread, moderator=group_moderator, action="lock")

    with pytest.raises(ForumError, match=errors.THREAD_LOCKED):
        make_reply(thread=thread, author=other_member)
    assert make_reply(thread=thread, author=group_moderator).pk


class TestNewMemberLimits:
    def test_new_member_cannot_post_links_or_images(self, thread):
        newcomer = MemberFactory()

        for body in ("See https://example.com", "![x](https://example.com/a.png)"):
            with pytest.raises(PostingLimitReached, match=errors.NEW_MEMBER_NO_LINKS):
                make_reply(thread=thread, author=newcomer, body=body)

    def test_new_member_may_open_only_k_threads_a_day(self, group, settings):
        settings.FORUM_NEW_MEMBER_THREADS_PER_DAY = 2
        newcomer = MemberFactory()
        make_thread(group=group, author=newcomer, title="One")
        make_thread(group=group, author=newcomer, title="Two")

        with pytest.raises(PostingLimitReached) as refusal:
            make_thread(group=group, author=newcomer, title="Three")

        assert refusal.value.message == errors.NEW_MEMBER_THREAD_LIMIT.format(limit=2)

    def test_old_account_with_too_few_approved_posts_is_still_new(self, thread, settings):
        settings.FORUM_NEW_MEMBER_MIN_POSTS = 2
        quiet = ExperiencedMemberFactory()
        make_reply(thread=thread, author=quiet, body="First words")

        with pytest.raises(PostingLimitReached, match=errors.NEW_MEMBER_NO_LINKS):
            make_reply(thread=thread, author=quiet, body="See www.example.com")
        make_reply(thread=thread, author=quiet, body="Second words")
        assert make_reply(thread=thread, author=quiet, body="See www.example.com").pk

    def test_experienced_member_may_post_links(self, thread, other_member):
        assert make_reply(thread=thread, author=other_member, body="See https://nhs.uk").pk

    def test_first_post_waits_for_approval_in_groups_that_ask(self, settings):
        group = SupportGroupFactory(requires_first_post_approval=True)
        thread = make_thread(group=group)
        newcomer = MemberFactory()

        post = make_reply(thread=thread, author=newcomer)

        thread.refresh_from_db()
        assert post.status == Post.Status.PENDING
        assert post.needs_review
        assert thread.post_count == 1


def test_posting_rate_limit(thread, other_member, settings):
    settings.FORUM_POST_RATE_LIMIT = (3, 600)
    cache.clear()
    for number in range(3):
        make_reply(thread=thread, author=other_member, body=f"Reply {number}")

    with pytest.raises(PostingLimitReached, match="posting very quickly"):
        make_reply(thread=thread, author=other_member, body="One too many")


def test_reaction_toggles_one_of_each_kind(thread, other_member):
    post = thread.first_post

    assert services.reaction_toggle(post=post, user=other_member, kind="helpful") is True
    assert services.reaction_toggle(post=post, user=other_member, kind="support") is True
    assert services.reaction_toggle(post=post, user=other_member, kind="helpful") is False
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["support"]


def test_post_reported_by_three_members_is_hidden_until_reviewed(thread, group_moderator, settings):
    settings.FORUM_AUTO_HIDE_REPORTS = 3
    post = make_reply(thread=thread)
    for _ in range(2):
        services.report_create(post=post, reporter=ExperiencedMemberFactory(), reason="abuse")
    post.refresh_from_db()
    assert post.status == Post.Status.VISIBLE

    services.report_create(post=post, reporter=ExperiencedMemberFactory(), reason="abuse")

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert thread.post_count == 1
    assert ModerationAction.objects.filter(action="auto_hide", post=post).exists()
    services.post_moderate(post=post, moderator=group_moderator, action="restore")
    post.refresh_from_db()
    assert post.status == Post.Status.VISIBLE


def test_member_reports_a_post_once(thread, other_member):
    services.report_create(post=thread.first_post, reporter=other_member, reason="spam")

    with pytest.raises(ForumError, match=errors.ALREADY_REPORTED):
        services.report_create(post=thread.first_post, reporter=other_member, reason="spam")


def test_crisis_post_stays_visible_and_is_queued_urgent(thread, other_member):
    post = make_reply(thread=thread, author=other_member, body="Some days I want to die, honestly.")

    assert post.status == Post.Status.VISIBLE
    assert post.is_urgent
    assert post.needs_review


def test_editing_keeps_every_revision(thread, author):
    post = thread.first_post
    services.post_edit(post=post, editor=author, body="Second version")
    services.post_edit(post=post, editor=author, body="Third version")

    post.refresh_from_db()
    assert post.edited_at is not None
    assert post.body_markdown == "Third version"
    assert list(post.revisions.values_list("body_markdown", flat=True)) == [
        "Second version",
        "I was diagnosed last spring. How do you manage the pain at night?",
    ]


def test_author_cannot_edit_after_lock_but_moderator_can(thread, author, group_moderator):
    services.thread_moderate(thread=thread, moderator=group_moderator, action="lock")

    with pytest.raises(ForumError):
        services.post_edit(post=thread.first_post, editor=author, body="Late change")
    services.post_edit(post=thread.first_post, editor=group_moderator, body="Tidied")


def test_soft_delete_keeps_the_post_number(thread, other_member):
    post = make_reply(thread=thread, author=other_member)
    later = make_reply(thread=thread)

    services.post_delete(post=post, user=other_member)

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.is_deleted
    assert later.position == 3
    assert thread.post_count == 2


def test_move_updates_both_groups(thread, group_moderator, site_moderator):
    target = SupportGroupFactory()
    old_group = thread.group

    services.thread_moderate(
        thread=thread, moderator=site_moderator, action="move", to_group=target
    )

    old_group.refresh_from_db()
    target.refresh_from_db()
    assert (old_group.thread_count, target.thread_count) == (0, 1)
    assert target.post_count == 1


def test_author_or_moderator_marks_the_answer(thread, author, other_member, group_moderator):
    answer = make_reply(thread=thread, author=other_member)

    with pytest.raises(ForumError):
        services.thread_mark_answer(thread=thread, post=answer, user=other_member)
    services.thread_mark_answer(thread=thread, post=answer, user=author)

    thread.refresh_from_db()
    assert thread.solved_post == answer


def test_read_state_never_moves_backwards(thread, other_member):
    services.read_state_mark(user=other_member, thread=thread, position=5)
    services.read_state_mark(user=other_member, thread=thread, position=2)

    assert other_member.forum_read_states.get().last_read_position == 5


def test_suspension_expires(thread, other_member, group_moderator):
    suspension = services.member_suspend(
        member=other_member,
        moderator=group_moderator,
        days=1,
        reason="Cool off",
        post=thread.first_post,
    )
    suspension.until = timezone.now() - timedelta(minutes=1)
    suspension.save()

    assert make_reply(thread=thread, author=other_member).pk
