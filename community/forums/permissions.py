from django.utils import timezone

from community.members.permissions import is_staff_member

from .models import Post, SupportGroup, Suspension, Thread


def is_suspended(user) -> bool:
    return (
        user.is_authenticated
        and Suspension.objects.filter(user=user, until__gt=timezone.now()).exists()
    )


def can_moderate(user, group: SupportGroup) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("forums.moderate_forums"):
        return True
    return group.moderators.filter(pk=user.pk).exists()


def can_moderate_anywhere(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or user.has_perm("forums.moderate_forums")
        or user.moderated_groups.exists()
    )


def can_reply(user, thread: Thread) -> bool:
    return user.is_authenticated and (not thread.locked or can_moderate(user, thread.group))


def can_edit_post(user, post: Post) -> bool:
    """Only the author or a group moderator may edit, and the author only until the thread is
    locked or the post removed."""
    if can_moderate(user, post.thread.group):
        return True
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and not post.thread.locked
        and not post.is_deleted
        and post.status != Post.Status.HIDDEN
    )


def can_delete_post(user, post: Post) -> bool:
    return can_edit_post(user, post)


def can_see_post_body(user, post: Post) -> bool:
    if post.is_deleted:
        return False
    if post.status == Post.Status.VISIBLE:
        return True
    return (user.is_authenticated and post.author_id == user.pk) or can_moderate(
        user, post.thread.group
    )


def can_mark_answer(user, thread: Thread) -> bool:
    return user.is_authenticated and (
        thread.author_id == user.pk or can_moderate(user, thread.group)
    )


def can_see_revisions(user, post: Post) -> bool:
    return can_moderate(user, post.thread.group) or is_staff_member(user)
