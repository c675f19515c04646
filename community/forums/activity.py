"""The forums' sections of a member's My activity page: their threads, their replies and their
bookmarks. Each lists only the member's own things, and only what they may still see."""

from django.db.models import F

from community.members.registry import ActivitySection

from .models import Bookmark, Post, Thread
from .selectors import _with_read_state


def my_threads(user):
    """Threads the member started, latest activity first, with `unread_count`."""
    threads = (
        Thread.objects.visible_to(user)
        .filter(author=user)
        .select_related("group")
        .order_by(F("last_post_at").desc(nulls_last=True), "-pk")
    )
    return _with_read_state(threads, user)


def my_replies(user):
    """The member's replies (not the opening posts of threads), newest first. Their hidden
    and waiting replies are listed with their state; deleted ones are not."""
    return (
        Post.objects.visible_to(user)
        .filter(author=user, is_deleted=False)
        .exclude(pk=F("thread__first_post_id"))
        .select_related("thread__group")
        .order_by("-created_at", "-pk")
    )


def my_bookmarks(user):
    """Bookmarks of posts the member can still read in full, newest bookmark first."""
    readable = Post.objects.visible_to(user).publicly_listed()
    return (
        Bookmark.objects.filter(member=user, post__in=readable)
        .select_related("post__thread__group", "post__author__profile")
        .order_by("-created_at", "-pk")
    )


SECTIONS = [
    ActivitySection(
        slug="threads",
        title="My threads",
        template="members/activity_threads.html",
        items=my_threads,
        position=10,
    ),
    ActivitySection(
        slug="replies",
        title="My replies",
        template="members/activity_replies.html",
        items=my_replies,
        position=20,
    ),
    ActivitySection(
        slug="bookmarks",
        title="Bookmarks",
        template="members/activity_bookmarks.html",
        items=my_bookmarks,
        position=30,
    ),
]
