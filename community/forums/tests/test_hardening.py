"""Regression tests for what attacking the forums found: powers that worked without a second
factor, removed posts that still took reactions and reports, edits recorded as someone else's,
erased words left behind, and an article discussion that leaked a private thread."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from articles.tests.factories import ArticlePageFactory, build_site
from community.forums import errors, services
from community.forums.errors import ForumError
from community.forums.markup import quote_markdown
from community.forums.models import Post, PostRevision, Reaction, Report, Suspension, Thread
from community.forums.selectors import article_discussion_thread
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.services import account_delete
from community.members.tests.factories import enrol_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_without_mfa(group):
    moderator = ExperiencedMemberFactory()
    group.moderators.add(moderator)
    return moderator


# Moderator powers need a second factor ------------------------------------------------------


def test_a_moderator_without_a_second_factor_cannot_lock_threads(
    client, thread, moderator_without_mfa
):
    client.force_login(moderator_without_mfa)

    response = client.post(
        reverse("forums:thread-moderate", args=[thread.pk]), {"action": "lock", "reason": "x"}
    )

    assert response.status_code == 404
    thread.refresh_from_db()
    assert not thread.locked


def test_the_same_moderator_can_lock_once_enrolled(client, thread, moderator_without_mfa):
    enrol_totp(moderator_without_mfa)
    client.force_login(moderator_without_mfa)

    client.post(
        reverse("forums:thread-moderate", args=[thread.pk]), {"action": "lock", "reason": "x"}
    )

    thread.refresh_from_db()
    assert thread.locked


def test_a_moderator_without_a_second_factor_cannot_edit_others_hidden_posts(
    client, thread, moderator_without_mfa
):
    Post.objects.filter(pk=thread.first_post_id).update(status=Post.Status.HIDDEN)
    client.force_login(moderator_without_mfa)

    shown = client.get(reverse("forums:post-edit", args=[thread.first_post_id]))
    posted = client.post(
        reverse("forums:post-edit", args=[thread.first_post_id]), {"body": "Overwritten"}
    )

    assert shown.status_code == posted.status_code == 404
    assert Post.objects.get(pk=thread.first_post_id).body_markdown != "Overwritten"


def test_services_refuse_a_moderator_without_a_second_factor(thread, moderator_without_mfa):
    with pytest.raises(ForumError):
        services.thread_moderate(thread=thread, moderator=moderator_without_mfa, action="pin")
    with pytest.raises(ForumError):
        services.member_suspend(
            member=thread.author,
            moderator=moderator_without_mfa,
            days=1,
            reason="x",
            post=thread.first_post,
        )


# Removed posts take no reactions or reports ---------------------------------------------------


@pytest.mark.parametrize("state", ["hidden", "deleted"])
def test_removed_posts_take_no_reactions(thread, other_member, state):
    post = thread.first_post
    if state == "hidden":
        Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)
    else:
        Post.objects.filter(pk=post.pk).update(is_deleted=True)
    post.refresh_from_db()

    with pytest.raises(ForumError) as refusal:
        services.reaction_toggle(post=post, user=other_member, kind="support")

    assert refusal.value.message == errors.POST_NOT_AVAILABLE
    assert not Reaction.objects.filter(post=post).exists()


@pytest.mark.parametrize("state", ["hidden", "deleted"])
def test_removed_posts_take_no_reports(client, thread, other_member, state):
    post = thread.first_post
    field = {"status": Post.Status.HIDDEN} if state == "hidden" else {"is_deleted": True}
    Post.objects.filter(pk=post.pk).update(**field)
    client.force_login(other_member)

    response = client.post(reverse("forums:post-report", args=[post.pk]), {"reason": "spam"})

    assert response.status_code == 404
    assert not Report.objects.filter(post=post).exists()


def test_a_suspended_member_cannot_report_nor_push_a_post_towards_auto_hide(
    thread, other_member, settings
):
    settings.FORUM_AUTO_HIDE_REPORTS = 1
    Suspension.objects.create(
        user=other_member, until=timezone.now() + timezone.timedelta(days=2), reason="x"
    )

    with pytest.raises(ForumError):
        services.report_create(post=thread.first_post, reporter=other_member, reason="spam")

    post = Post.objects.get(pk=thread.first_post_id)
    assert post.report_count == 0
    assert post.status == Post.Status.VISIBLE


# Edit history names the person who edited -----------------------------------------------------


def test_a_moderators_edit_is_recorded_as_the_moderators(client, thread, group_moderator):
    client.force_login(group_moderator)

    client.post(reverse("forums:post-edit", args=[thread.first_post_id]), {"body": "Tidied up"})

    revision = PostRevision.objects.get(post_id=thread.first_post_id)
    assert revision.editor == group_moderator
    history = client.get(reverse("forums:post-history", args=[thread.first_post_id])).text
    assert group_moderator.profile.display_name in history


def test_an_authors_edit_is_recorded_as_the_authors(thread, author):
    services.post_edit(post=thread.first_post, editor=author, body="My second thoughts")

    assert PostRevision.objects.get(post=thread.first_post).editor == author


# Erasing a member's words ---------------------------------------------------------------------


def test_erasing_keeps_others_replies_and_removes_quoted_words(group, author, other_member):
    leaver = ExperiencedMemberFactory()
    leaver.profile.display_name = "Leaving Lark"
    leaver.profile.save()
    started = make_thread(
        group=group, author=leaver, title="Lark's own title", body="The leaver's opening words."
    )
    reply = make_reply(
        thread=started,
        author=other_member,
        body=quote_markdown(author_name="Leaving Lark", text="The leaver's opening words.")
        + "I felt the same.",
    )
    lonely = make_thread(group=group, author=leaver, title="Nobody answered", body="Alone here.")

    account_delete(user=leaver, keep_posts=False)

    reply.refresh_from_db()
    assert "The leaver's opening words." not in reply.body_markdown
    assert "> **Former member** wrote:\n> [removed]" in reply.body_markdown
    assert "I felt the same." in reply.body_markdown
    kept = Thread.objects.get(pk=started.pk)
    assert kept.title != "Lark's own title" and "lark" not in kept.slug
    opening = Post.objects.get(pk=started.first_post_id)
    assert opening.is_deleted and opening.body_markdown == "" and opening.search_vector is None
    assert not Thread.objects.filter(pk=lonely.pk).exists()
    assert not Post.objects.filter(body_markdown__contains="leaver's opening").exists()


def test_erased_words_are_no_longer_found_by_search(client, group, other_member):
    leaver = ExperiencedMemberFactory()
    make_thread(group=group, author=leaver, title="Zygapophyseal", body="Zygapophyseal joints.")
    make_thread(group=group, author=other_member, title="Hello", body="Nothing special here.")
    assert "Zygapophyseal" in client.get("/search/?q=zygapophyseal&type=discussions").text

    account_delete(user=leaver, keep_posts=False)

    assert "Zygapophyseal" not in client.get("/search/?q=zygapophyseal&type=discussions").text


def test_account_deletion_retires_cached_pages_showing_the_member(
    client, settings, group, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    leaver = ExperiencedMemberFactory()
    leaver.profile.display_name = "Cached Crane"
    leaver.profile.save()
    thread = make_thread(group=group, author=leaver, title="Still cached?")
    assert "Cached Crane" in client.get(thread.get_absolute_url()).text
    assert client.get(thread.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=leaver, keep_posts=True)

    page = client.get(thread.get_absolute_url()).text
    assert "Cached Crane" not in page
    assert "Former member" in page


# An article's discussion in a members-only group ------------------------------------------------


@pytest.fixture
def article():
    _, index = build_site()
    return ArticlePageFactory(parent=index, title="Vitamin D and you")


def test_a_discussion_moved_into_a_members_only_group_is_no_discussion_to_readers(
    client, article, author
):
    private = SupportGroupFactory(slug="private-discussions", visibility="members")
    thread = services.thread_create(
        group=private, author=author, title="Discussion: Vitamin D", body="Hello", article=article
    )

    response = client.get(reverse("forums:article-discussion", args=[article.pk]))

    assert article_discussion_thread(article=article, user=AnonymousUser()) is None
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert str(thread.pk) not in response["Location"]
    assert thread.slug not in response["Location"]
    client.force_login(ExperiencedMemberFactory())
    member_view = client.get(reverse("forums:article-discussion", args=[article.pk]))
    assert member_view["Location"] == thread.get_absolute_url()


def test_a_new_discussion_can_start_after_the_old_one_was_removed(article, author, group):
    old = services.thread_create(
        group=group, author=author, title="Old", body="Old words", article=article
    )
    services.post_delete(post=old.first_post, user=author)

    new = services.thread_create(
        group=group, author=author, title="New", body="New words", article=article
    )

    assert Thread.objects.get(pk=new.pk).article == article
    assert Thread.objects.get(pk=old.pk).article is None


# Moderating from the thread page --------------------------------------------------------------


@pytest.mark.parametrize(
    "role,allowed",
    [("anonymous", False), ("other", False), ("author", False), ("moderator", True)],
)
def test_hiding_a_post_from_the_thread_page(
    client, thread, author, other_member, group_moderator, role, allowed
):
    reply = make_reply(thread=thread, author=author, body="Off-topic advert")
    user = {"anonymous": None, "other": other_member, "author": author}.get(role, group_moderator)
    if user is not None:
        client.force_login(user)

    response = client.post(
        reverse("forums:post-moderate", args=[reply.pk]), {"action": "hide", "reason": "Advert"}
    )

    reply.refresh_from_db()
    assert (reply.status == Post.Status.HIDDEN) is allowed
    if role == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    elif not allowed:
        assert response.status_code == 404


def test_a_moderator_restores_a_hidden_post_and_the_author_is_told(
    client, thread, author, group_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    reply = make_reply(thread=thread, author=author, body="A fair point after all")
    services.post_moderate(post=reply, moderator=group_moderator, action="hide")
    client.force_login(group_moderator)
    page = client.get(thread.get_absolute_url()).text
    assert "Restore post" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forums:post-moderate", args=[reply.pk]),
            {"action": "restore", "reason": "Reviewed again"},
            follow=True,
        )

    reply.refresh_from_db()
    assert reply.status == Post.Status.VISIBLE
    assert f"Post #{reply.position} is visible again" in response.text
    restored = [m for m in mailoutbox if m.to == [author.email]][-1]
    assert "made it visible again" in restored.body
    assert "Reviewed again" in restored.body
    thread.refresh_from_db()
    assert thread.post_count == 2


@pytest.mark.parametrize(
    "action,message",
    [("lock", "Thread locked"), ("pin", "Thread pinned"), ("unlock", "Thread unlocked")],
)
def test_thread_actions_confirm_what_they_did(client, thread, group_moderator, action, message):
    client.force_login(group_moderator)

    response = client.post(
        reverse("forums:thread-moderate", args=[thread.pk]), {"action": action}, follow=True
    )

    assert message in response.text


def test_a_suspended_member_sees_a_notice_instead_of_the_reply_box(client, thread, other_member):
    Suspension.objects.create(
        user=other_member, until=timezone.now() + timezone.timedelta(days=2), reason="Cool off"
    )
    client.force_login(other_member)

    page = client.get(thread.get_absolute_url()).text

    assert "Your posting is paused" in page
    assert 'name="body"' not in page
    assert "Post reply" not in page
